"""A plugin declaring a code the ``words`` plugin already has."""

from gipr_lint.diagnostics import Severity
from gipr_lint.hookspecs import hookimpl
from gipr_lint.rules import Rule

GIPR_LINT_API = 1


class Copycat(Rule):
    """Same code as TST001."""

    code = "TST001"
    name = "copycat"
    severity = Severity.WARNING
    summary = "Duplicate code"

    def check(self, report, context):
        return []


@hookimpl
def gipr_lint_rules():
    return [Copycat]
