"""Every rule's documentation is true: its ``Fails::`` examples give a finding of the rule and its
``Passes::`` examples none (docs/rules.md and ``gipr-lint rule CODE`` show them)."""

from __future__ import annotations

import pytest

from gipr_lint.linting.plugin_manager import load_plugins
from gipr_lint.testing import check_examples, lint

_PLUGINS = load_plugins(entry_points=None)
#: Cross-report rules compare several reports: their docstring examples sketch the rows of two
#: reports side by side, which no single text linted alone can hold. Their rule cases
#: (tests/rules/cases/X*.toml, with ``[[case.others]]``) run them on whole reports instead.
_BATCH = set(_PLUGINS.batch_codes)
_RULES = [(code, _PLUGINS.rule_plugin[code]) for code in _PLUGINS.rules
          if _PLUGINS.rule_plugin[code] != "gipr-lint" and code not in _BATCH]


def test_every_built_in_pack_rule_is_checked() -> None:
    assert len(_RULES) >= 36
    assert {plugin for _, plugin in _RULES} >= {"structure", "tables", "years", "wording",
                                                "consistency", "content", "typography"}


def test_cross_report_rules_are_checked_by_rule_cases_instead() -> None:
    from pathlib import Path

    from gipr_lint.testing import load_cases

    assert {"X001", "X002", "X003", "X004", "X005"} == _BATCH
    cases = load_cases(Path(__file__).parent / "cases")
    for code in sorted(_BATCH):
        mine = [case for case in cases if case.code == code]
        assert any(case.expect for case in mine), f"{code}: no case with a finding"
        assert any(not case.expect for case in mine), f"{code}: no case without one"
        assert all(case.others for case in mine), f"{code}: a case with no other report"


@pytest.mark.parametrize(("code", "plugin"), _RULES, ids=[code for code, _ in _RULES])
def test_docstring_examples_behave_as_documented(code: str, plugin: str) -> None:
    check_examples(_PLUGINS.rules[code],
                   plugins=[(plugin, _PLUGINS.manager.get_plugin(plugin))])


class _Example:
    """Fails::

        我局

    Passes::

        我镇
    """

    code = "TST900"


def test_a_wrong_example_fails_the_check() -> None:
    from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity, Span

    class Never(Rule):
        __doc__ = _Example.__doc__
        code, name, severity, summary = "TST900", "never", Severity.ERROR, "never fires"

        def check(self, report: Report, context: RuleContext) -> list[Finding]:
            return []

    class Always(Never):
        __doc__ = _Example.__doc__
        code, name = "TST901", "always"

        def check(self, report: Report, context: RuleContext) -> list[Finding]:
            return [self.finding(Span(0, 1), "fires")]

    with pytest.raises(AssertionError, match="the Fails example gives no TST900 finding"):
        check_examples(Never)
    with pytest.raises(AssertionError, match="the Passes example gives findings"):
        check_examples(Always)

    class Undocumented(Never):
        __doc__ = "Fails::\n\n    我局\n"
        code, name = "TST902", "undocumented"

    with pytest.raises(AssertionError, match="TST902: the docstring has no Passes example"):
        check_examples(Undocumented)


def test_lint_without_rules_runs_every_installed_rule() -> None:
    found = lint("某镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n2024年我局加强公开。\n")
    assert [(d.line, d.code) for d in found if d.code == "A001"] == [(3, "A001")]
    assert "E999" not in {d.code for d in found}
