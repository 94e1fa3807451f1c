"""The ``gipr_lint_deadlines`` hook: validation, merging into PluginSet, RuleContext and Y004."""

from __future__ import annotations

import pytest
from gipr_lint_national import years

from gipr_lint.hookspecs import hookimpl
from gipr_lint.linting.plugin_manager import load_plugins
from gipr_lint.rules import RuleContext
from gipr_lint.testing import lint


def deadlines_plugin(value: object, name: str = "dl") -> tuple[str, object]:
    class Plugin:
        GIPR_LINT_API = 1

        @hookimpl
        def gipr_lint_deadlines(self):
            return value

    return (name, Plugin())


def report(kind_title: str, date: str) -> str:
    return f"{kind_title}2024年政府信息公开工作年度报告\n一、总体情况\n2024年，推进公开工作。\n" \
           f"{kind_title}\n{date}\n"


TOWN = "高庄镇人民政府"
BUREAU = "安阳县财政局"


def test_default_context_has_no_deadlines() -> None:
    assert RuleContext().deadlines == {}


def test_deadlines_are_collected_and_later_plugins_win() -> None:
    ps = load_plugins(entry_points=[], extra=[
        deadlines_plugin({"township": "02-20", "department": "01-20"}, "a"),
        deadlines_plugin({"township": "03-01"}, "b")])
    assert ps.problems == []
    assert ps.deadlines == {"township": "03-01", "department": "01-20"}


@pytest.mark.parametrize(("value", "expected"), [
    (["02-20"], "gipr_lint_deadlines() returned ['02-20'], expected a dict"),
    ({"township": "2-20"}, "deadline 'township': '2-20' is not a day \"MM-DD\""),
    ({"township": "13-01"}, "deadline 'township': '13-01' is not a day"),
    ({"township": 220}, "deadline 'township': 220 is not a day"),
    ({"village": "02-20"}, "deadline for unknown agency kind 'village' (accepted: township, "
                           "department, government)"),
])
def test_bad_deadlines_name_the_plugin(value: object, expected: str) -> None:
    ps = load_plugins(entry_points=[], extra=[deadlines_plugin(value)])
    (problem,) = ps.problems
    assert problem.plugin == "dl" and expected in problem.message
    assert ps.deadlines == {} and ps.has_errors


def test_leap_day_is_accepted_and_falls_back_to_28_february() -> None:
    plugin = deadlines_plugin({"township": "02-29"})
    assert load_plugins(entry_points=[], extra=[plugin]).problems == []
    found = lint(report(TOWN, "2025年3月1日"), plugins=[years, plugin], select=["Y004"])
    assert [d.message.rsplit(", ", 1)[-1] for d in found] == ["2025年2月28日"]


def test_y004_township_deadline_from_a_plugin() -> None:
    plugin = deadlines_plugin({"township": "02-20"})
    assert lint(report(TOWN, "2025年2月20日"), plugins=[years, plugin], select=["Y004"]) == []
    (late,) = lint(report(TOWN, "2025年2月21日"), plugins=[years, plugin], select=["Y004"])
    assert late.code == "Y004" and str(late.severity) == "warning"
    assert late.message.endswith("after the deadline for a township's report, 2025年2月20日")


def test_y004_plugin_may_move_a_national_deadline() -> None:
    text = report(BUREAU, "2025年1月25日")
    assert lint(text, plugins=[years], select=["Y004"]) == []
    plugin = deadlines_plugin({"department": "01-20"})
    (late,) = lint(text, plugins=[years, plugin], select=["Y004"])
    assert "2025年1月20日" in late.message


def test_y004_user_option_wins_over_a_plugin() -> None:
    plugin = deadlines_plugin({"township": "02-20"})
    found = lint(report(TOWN, "2025年2月25日"), plugins=[years, plugin], select=["Y004"],
                 years={"township-deadline": "02-28"})
    assert found == []
