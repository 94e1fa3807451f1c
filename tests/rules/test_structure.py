"""Unit tests of the structure pack (S rules) beyond the TOML cases: fixes, helpers, seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from gipr_lint_national import structure
from gipr_lint_national._text import cjk_numeral
from gipr_lint_national.structure._common import _brackets, _marker_text
from gipr_lint_national.structure.s003_section_heading import SectionHeading
from gipr_lint_national.structure.s006_web_debris import WebDebris

from gipr_lint.editor.fixes import apply_fixes
from gipr_lint.linting.engine import lint_text
from gipr_lint.reading.grammar import _longest_increasing
from gipr_lint.reading.parser import parse_text
from gipr_lint.reading.source import Source

FIXTURES = Path(__file__).parent.parent / "fixtures"
S_RULES = structure.gipr_lint_rules()


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _fixed(text: str, rule: type, *, unsafe: bool = False) -> str:
    diagnostics = lint_text(text, rules=[rule])
    fixed, _ = apply_fixes(Source.from_text(text), diagnostics, unsafe=unsafe)
    return fixed


@pytest.mark.parametrize(("value", "numeral"), [(1, "一"), (6, "六"), (10, "十"), (12, "十二"),
                                                (20, "二十"), (35, "三十五")])
def test_cjk_numeral(value: int, numeral: str) -> None:
    assert cjk_numeral(value) == numeral


def test_longest_increasing_keeps_the_ordered_run() -> None:
    numbers = [1, 5, 2, 3, 4, 6]
    assert sorted(_longest_increasing(numbers)) == [0, 2, 3, 4, 5]


def _sub_headings(markers: list[tuple[str, str, int]]) -> str:
    """A report whose section 一 has sub-headings opening with ``markers``."""
    lines = "".join(f"{text}第{value}项工作\n" for text, _, value in markers)
    return f"某镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n{lines}"


@pytest.mark.parametrize(("markers", "breaks"), [
    ([("（一）", "paren-cjk", 1), ("（二）", "paren-cjk", 2), ("（3）", "paren-arabic", 3),
      ("（4）", "paren-arabic", 4)], ["（3）→（三）"]),
    ([("（一）", "paren-cjk", 1), ("（1）", "paren-arabic", 1), ("（2）", "paren-arabic", 2),
      ("（二）", "paren-cjk", 2), ("（1）", "paren-arabic", 1)], []),
    ([("(一)", "paren-cjk", 1), ("(三)", "paren-cjk", 3), ("(四)", "paren-cjk", 4)],
     ["(三)→(二)"]),
    ([("（一）", "paren-cjk", 1), ("（一）", "paren-cjk", 1)], []),  # a restart at 1
    ([("（一）", "paren-cjk", 1), ("（5）", "paren-arabic", 5)], []),  # neither reading fits
])
def test_sequence_breaks(markers: list[tuple[str, str, int]], breaks: list[str]) -> None:
    """The parser's recovery finds the breaks (the outline's ``subheading-sequence``)."""
    report = parse_text(_sub_headings(markers))
    assert [m.marker.style for m in report.sections[0].subheadings  # type: ignore[union-attr]
            ] == [style for _, style, _ in markers]
    found = [f"{p.markers[1].text}→"
             f"{_marker_text(p.expected or 0, p.markers[0].style, _brackets(p.markers[0]))}"
             for p in report.outline if p.kind == "subheading-sequence"]
    assert found == breaks


def test_heading_fix_is_safe_for_arabic_numbering() -> None:
    fixed = _fixed(_fixture("004_6f3669565db78123.txt"), SectionHeading)
    assert "\n一、总体情况\n" in fixed and "1、 总体情况" not in fixed


def test_heading_fix_for_a_misspelt_title_is_unsafe() -> None:
    text = _fixture("000_6a437f78ed373b70.txt").replace("二、主动公开政府信息情况",
                                                        "二、主动公开政府政府情况")
    assert "二、主动公开政府政府情况" in _fixed(text, SectionHeading)
    assert "二、主动公开政府信息情况" in _fixed(text, SectionHeading, unsafe=True)


def test_debris_fix_deletes_whole_lines() -> None:
    text = _fixture("003_75f5e1dd19ed0e46.txt")
    fixed = _fixed(text, WebDebris)
    title = "桐柏县产业集聚区管理委员会2023年政府信息公开工作年度报告"
    assert fixed.startswith(f"{title}\n\n一、总体情况")
    assert fixed.rstrip().endswith("无其他需要报告事项")
    for piece in ("您当前所在位置", "浏览量", "分享", "扫一扫", "文件下载", "相关阅读"):
        assert piece not in fixed


def test_inline_debris_fix_deletes_only_the_phrase() -> None:
    text = ("某镇人民政府2024年政府信息公开工作年度报告\n"
            "一、总体情况本年度，我镇认真落实政府信息公开工作。扫一扫在手机打开当前页二、主动公开政府信息情况\n")
    fixed = _fixed(text, WebDebris)
    assert "工作。二、主动公开政府信息情况\n" in fixed


SEED_FINDINGS = {
    "000_6a437f78ed373b70.txt": [],
    "001_e0653abc3b201f3e.txt": [],
    "002_1e1d37345e448265.txt": [],
    "003_75f5e1dd19ed0e46.txt": ["1:1 S006", "3:1 S006", "4:1 S006", "90:1 S006", "92:1 S006",
                                 "93:1 S006"],
    "004_6f3669565db78123.txt": ["1:2 S005", "3:1 S003", "9:1 S004"],
}


@pytest.mark.parametrize("name", sorted(SEED_FINDINGS))
def test_seed_findings(name: str) -> None:
    diagnostics = lint_text(_fixture(name), rules=S_RULES)
    assert [f"{d.line}:{d.column} {d.code}" for d in diagnostics] == SEED_FINDINGS[name]
