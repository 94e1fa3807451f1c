"""A plugin whose rules hook returns garbage."""

from gipr_lint.hookspecs import hookimpl

GIPR_LINT_API = 1


@hookimpl
def gipr_lint_rules():
    return [42]
