"""The pack as a plugin: its hooks validate, its deadline reaches Y004, its options and
severities are configured like any rule's."""

from __future__ import annotations

from pathlib import Path

import gipr_lint_henan
import pytest
from gipr_lint_national import years

from gipr_lint.testing import lint, load

HERE = Path(__file__).parent
MENGZHOU = (HERE / "fixtures" / "mengzhou-xiguo-2020.txt").read_text(encoding="utf-8")

#: A township report signed on a given date (the 落款 is the last two lines).
SIGNED = """高庄镇人民政府2024年政府信息公开工作年度报告
一、总体情况
2024年，我镇按照《中华人民共和国政府信息公开条例》《河南省政府信息公开办法》推进公开工作。
高庄镇人民政府
{date}
"""


def test_the_pack_loads_without_problems() -> None:
    plugin_set = load([gipr_lint_henan])
    assert plugin_set.problems == []
    (info,) = [p for p in plugin_set.plugins if p.name == "henan"]
    assert info.codes == ["HEN001", "HEN002", "HEN003"]
    assert plugin_set.deadlines == {"township": "02-20"}
    assert set(plugin_set.options["henan"]) == {"overview-max-chars"}
    assert [t["code"] for t in plugin_set.templates if t["kind"] == "identity"] == ["HEN003"]
    assert [t["key"] for t in plugin_set.templates if t["kind"] == "row"] == ["henan.inspection"]


@pytest.mark.parametrize(("date", "expected"), [("2025年2月20日", []),
                                                ("2025年2月21日", ["Y004"])])
def test_township_deadline_reaches_y004(date: str, expected: list[str]) -> None:
    found = lint(SIGNED.format(date=date), plugins=[years, gipr_lint_henan], select=["Y004"])
    assert [d.code for d in found] == expected
    if found:
        assert "after the deadline for a township's report, 2025年2月20日" in found[0].message


def test_without_the_pack_townships_have_no_deadline() -> None:
    assert lint(SIGNED.format(date="2025年3月20日"), plugins=[years], select=["Y004"]) == []


def test_the_years_option_wins_over_the_packs_deadline() -> None:
    found = lint(SIGNED.format(date="2025年2月21日"), plugins=[years, gipr_lint_henan],
                 select=["Y004"], years={"township-deadline": "03-01"})
    assert found == []


def test_options_and_severities_are_configured_like_a_config_file() -> None:
    found = lint(MENGZHOU, plugins=[gipr_lint_henan], henan={"overview-max-chars": 100},
                 severity={"HEN001": "info", "overview-length": "error"})
    assert [(d.code, str(d.severity)) for d in found] == [("HEN001", "info"),
                                                           ("HEN002", "error")]


def test_rules_register_directly_too() -> None:
    found = lint(MENGZHOU, rules=[gipr_lint_henan.rules.OverviewLength],
                 options={"overview-max-chars": 100})
    assert [d.code for d in found] == ["HEN002"]
