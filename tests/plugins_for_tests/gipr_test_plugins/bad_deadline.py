"""A plugin whose deadlines hook returns an impossible day and an unknown agency kind."""

from gipr_lint.hookspecs import hookimpl

GIPR_LINT_API = 1


@hookimpl
def gipr_lint_deadlines():
    return {"township": "02-30", "village": "01-31"}
