"""The pack's rule docstrings are true: each Fails example gives a finding of its rule, each
Passes example none (run with the whole pack, so that its templates and options apply)."""

from __future__ import annotations

import gipr_lint_henan
import pytest

from gipr_lint.testing import check_examples


@pytest.mark.parametrize("rule", gipr_lint_henan.rules.RULES, ids=lambda rule: rule.code)
def test_docstring_examples_behave_as_documented(rule: type) -> None:
    check_examples(rule, plugins=[("henan", gipr_lint_henan)])
