"""A plugin with an unknown severity and a bad name."""

from gipr_lint.hookspecs import hookimpl
from gipr_lint.rules import Rule

GIPR_LINT_API = 1


class Fatal(Rule):
    """Unknown severity."""

    code = "TST801"
    name = "Bad_Name"
    severity = "fatal"
    summary = "x"

    def check(self, report, context):
        return []


@hookimpl
def gipr_lint_rules():
    return [Fatal]
