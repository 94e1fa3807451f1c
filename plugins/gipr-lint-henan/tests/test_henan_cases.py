"""The pack's rule cases, kept as data in ``cases/`` and checked with gipr_lint.testing.

The pack is registered in-process (``plugins=[gipr_lint_henan]``), so its rules run with
everything it provides: its options, its template data (HEN003) and its deadlines.
"""

from __future__ import annotations

from pathlib import Path

import gipr_lint_henan
import pytest

from gipr_lint.testing import RuleCase, check_case, load_cases

HERE = Path(__file__).parent
CASES = load_cases(HERE / "cases", fixtures=HERE / "fixtures")


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_case(case: RuleCase) -> None:
    check_case(case, plugins=[gipr_lint_henan])


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    codes = {rule.code for rule in gipr_lint_henan.gipr_lint_rules()}
    assert codes == {case.code for case in CASES if case.expect}
    assert codes == {case.code for case in CASES if not case.expect}
