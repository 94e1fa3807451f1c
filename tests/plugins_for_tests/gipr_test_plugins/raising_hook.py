"""A plugin whose hook raises."""

from gipr_lint.hookspecs import hookimpl

GIPR_LINT_API = 1


@hookimpl
def gipr_lint_rules():
    raise ValueError("cannot build rules")
