"""Unit tests of the typography pack (F rules) beyond the TOML cases: fixes and seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from gipr_lint_national.typography.f001_space_in_chinese_text import SpaceInChineseText
from gipr_lint_national.typography.f002_half_width_punctuation import HalfWidthPunctuation

from gipr_lint.editor.fixes import apply_fixes
from gipr_lint.linting.engine import lint_text
from gipr_lint.reading.source import Source

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_space_fix_joins_the_words() -> None:
    text = _fixture("000_6a437f78ed373b70.txt")
    diagnostics = lint_text(text, rules=[SpaceInChineseText])
    fixed, applied = apply_fixes(Source.from_text(text), diagnostics)
    assert applied == 3
    assert "还存在以下问题" in fixed and "尚需进一步完善" in fixed and "三是信息公开" in fixed


def test_half_width_fix_puts_full_width_forms() -> None:
    text = ("某镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n"
            "2024年,我镇依申请公开信息数为零;依据《条例》(国办函〔2020〕109号)办理。\n")
    diagnostics = lint_text(text, rules=[HalfWidthPunctuation], select=["F002"])
    fixed, _ = apply_fixes(Source.from_text(text), diagnostics)
    assert "2024年，我镇依申请公开信息数为零；依据《条例》（国办函〔2020〕109号）办理。" in fixed


def test_half_width_rule_is_off_by_default() -> None:
    text = "某镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n2024年,我镇认真落实工作。\n"
    assert lint_text(text, rules=[HalfWidthPunctuation]) == []


SEED_FINDINGS = {
    "000_6a437f78ed373b70.txt": ["59:37 F001", "59:74 F001", "59:112 F001"],
    "001_e0653abc3b201f3e.txt": [],
    "002_1e1d37345e448265.txt": [],
    "003_75f5e1dd19ed0e46.txt": [],
    "004_6f3669565db78123.txt": [],
}


@pytest.mark.parametrize("name", sorted(SEED_FINDINGS))
def test_seed_findings(name: str) -> None:
    diagnostics = lint_text(_fixture(name), rules=[SpaceInChineseText])
    assert [f"{d.line}:{d.column} {d.code}" for d in diagnostics] == SEED_FINDINGS[name]


@pytest.mark.parametrize("text", [
    "", "审核", "审核审核", "及时发布预算执行情况情况和三公经费", "进一步进一步推进", "情况情",
    "2020年至2021年", "一二一二", "甲乙丙丁甲乙丙丁", "甲乙丙丁甲乙丙戊", "公开公\n开",
    "审𠀀核审𠀀核审核审核", "\ud800审核审核",
    # a doubled word across each boundary of the windows compared at a time
    "。" * 32760 + "审核审核", "。" * 32765 + "审核审核", "。" * 32768 + "审核审核",
    "。" * 40000])
def test_doubled_word_test_agrees_with_the_pattern(text: str) -> None:
    from gipr_lint_national.typography.f003_repeated_text import _DOUBLED_WORD, _doubles_a_word

    assert _doubles_a_word(text) is (_DOUBLED_WORD.search(text) is not None)
