"""A plugin built for another plugin API."""

from gipr_lint.hookspecs import hookimpl

GIPR_LINT_API = 99


@hookimpl
def gipr_lint_rules():
    return []
