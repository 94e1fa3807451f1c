"""Unit tests of the wording rules beyond the rule cases: fixes and name comparison."""

from __future__ import annotations

import pytest
from gipr_lint_national.wording._common import same_body
from gipr_lint_national.wording.a001_self_reference import SelfReference
from gipr_lint_national.wording.a004_outdated_wording import OutdatedWording

from gipr_lint.reading.source import Source
from gipr_lint.testing import lint


def _apply(text: str, rule: type) -> str:
    """The text with every finding's fix applied (spans do not overlap here)."""
    edits = [edit for d in lint(text, rules=[rule]) if d.fix for edit in d.fix.edits]
    for edit in sorted(edits, key=lambda e: e.span.start, reverse=True):
        text = text[:edit.span.start] + edit.replacement + text[edit.span.end:]
    return text


@pytest.mark.parametrize(("agency", "expected"), [
    ("高庄镇人民政府", "我镇"), ("城关乡人民政府", "我乡"), ("淮北街道办事处", "我街道"),
])
def test_township_fix_uses_the_fitting_word(agency: str, expected: str) -> None:
    text = f"{agency}2024年政府信息公开工作年度报告\n一、总体情况\n2025年我局将加大工作力度。\n"
    fixed = _apply(text, SelfReference)
    assert f"2025年{expected}将加大" in fixed
    assert all(d.fix is None or d.fix.safe for d in lint(text, rules=[SelfReference]))


def test_no_fix_when_the_name_does_not_decide() -> None:
    text = ("桐柏县产业集聚区管理委员会2023年政府信息公开工作年度报告\n一、总体情况\n"
            "2023年，我镇持续推进政府信息公开工作。\n")
    found = [d for d in lint(text, rules=[SelfReference]) if d.code == "A001"]
    assert len(found) == 1 and found[0].fix is None


def test_wrong_document_number_fix() -> None:
    text = ("高庄镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n"
            "按照国办发〔2021〕30号要求编制本报告。\n")
    assert "按照国办公开办函〔2021〕30号要求" in _apply(text, OutdatedWording)


@pytest.mark.parametrize(("first", "second", "same"), [
    ("甘河子镇", "乌苏市甘河子镇人民政府", True),
    ("大渡口区跳磴镇人民政府", "跳磴镇", True),
    ("桐柏县产业集聚区管理委员会", "桐柏县产业集聚区管委会", True),
    ("高庄镇人民政府", "高庄镇党政办公室", True),
    ("高庄镇人民政府", "李庄镇人民政府", False),
])
def test_same_body(first: str, second: str, same: bool) -> None:
    assert same_body(first, second) is same


def test_spans_are_exact() -> None:
    text = ("高庄镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n"
            "进一步推进我局政府信息公开。\n")
    source = Source.from_text(text, "x.txt")
    (found,) = lint(text, rules=[SelfReference])
    assert source.text[found.span.start:found.span.end] == "我局"


def test_misfits_found_in_the_joined_prose_are_placed_in_their_own_paragraphs() -> None:
    """A001 searches the paragraphs joined: each misfit is reported at its place in the file,
    in its paragraph, once per occurrence; one inside a paragraph's citation is left out, and
    the fitting word (我镇) anywhere is not reported."""
    text = ("高庄镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n"
            "2024年，我镇推进公开工作，我局完善制度。\n"
            "依据《我局信息公开办法》，我镇落实要求。\n"
            "二、主动公开政府信息情况\n本局共发布信息10条，我局还更新了目录。\n")
    found = lint(text, rules=[SelfReference])
    places = [(text[d.span.start:d.span.end], d.line) for d in found]
    assert places == [("我局", 3), ("本局", 6), ("我局", 6)]
