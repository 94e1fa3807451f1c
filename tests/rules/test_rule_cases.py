"""The built-in rules' cases, kept as data: one TOML file per rule in ``tests/rules/cases/``.

They run through :mod:`gipr_lint.testing`, the same helpers third-party rule packs use; its
docstring describes the case format. A case's ``fixture`` names a file in ``tests/fixtures/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gipr_lint.testing import RuleCase, check_case, installed_rules, load_cases

HERE = Path(__file__).parent
CASES = load_cases(HERE / "cases", fixtures=HERE.parent / "fixtures")


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_case(case: RuleCase) -> None:
    check_case(case)


def test_every_builtin_rule_has_a_failing_and_a_passing_case() -> None:
    builtin = {code for code, rule in installed_rules().items()
               if rule.__module__.startswith("gipr_lint_national.")}
    failing = {case.code for case in CASES if case.expect}
    passing = {case.code for case in CASES if not case.expect}
    assert builtin - failing == set(), "rules without a failing case"
    assert builtin - passing == set(), "rules without a passing case"
