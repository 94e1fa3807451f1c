"""Unit tests of the content pack (R rules) beyond the TOML cases: seeds and year limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from gipr_lint_national import content
from gipr_lint_national.content.r001_overview_aspects import OverviewAspects
from gipr_lint_national.content.r003_processing_fee import ProcessingFee

from gipr_lint.linting.engine import lint_text

FIXTURES = Path(__file__).parent.parent / "fixtures"
R_RULES = content.gipr_lint_rules()


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


SEED_FINDINGS = {
    "000_6a437f78ed373b70.txt": [],
    "001_e0653abc3b201f3e.txt": ["5:1 R001"],
    "002_1e1d37345e448265.txt": ["6:1 R001"],
    "003_75f5e1dd19ed0e46.txt": ["86:1 R003"],
    "004_6f3669565db78123.txt": ["3:1 R001"],
}


@pytest.mark.parametrize("name", sorted(SEED_FINDINGS))
def test_seed_findings(name: str) -> None:
    diagnostics = lint_text(_fixture(name), rules=R_RULES)
    assert [f"{d.line}:{d.column} {d.code}" for d in diagnostics] == SEED_FINDINGS[name]


def test_fee_statement_needed_from_2021_on() -> None:
    text = _fixture("003_75f5e1dd19ed0e46.txt")
    assert lint_text(text, rules=[ProcessingFee], year=2023)
    earlier = text.replace("2023年政府信息公开工作年度报告", "2020年政府信息公开工作年度报告")
    assert lint_text(earlier, rules=[ProcessingFee]) == []


def test_overview_names_every_missing_aspect() -> None:
    text = ("某镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n"
            "本年度我镇认真落实各项工作。\n")
    [diagnostic] = lint_text(text, rules=[OverviewAspects])
    assert diagnostic.message.startswith(
        "总体情况 does not mention 主动公开、依申请公开、政府信息管理、平台建设、监督保障;")
