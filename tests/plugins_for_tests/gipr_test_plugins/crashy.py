"""A plugin whose rule raises while checking."""

from __future__ import annotations

from gipr_lint.diagnostics import Severity
from gipr_lint.hookspecs import hookimpl
from gipr_lint.rules import Rule

GIPR_LINT_API = (1, 2)


class Crashes(Rule):
    """Always raises."""

    code = "TST900"
    name = "always-crashes"
    severity = Severity.WARNING
    summary = "Raises RuntimeError"

    def check(self, report, context):
        raise RuntimeError("boom")


@hookimpl
def gipr_lint_rules():
    return [Crashes]
