"""A plugin with a misspelt hook name."""

from gipr_lint.hookspecs import hookimpl

GIPR_LINT_API = 1


@hookimpl
def gipr_lint_rulez():
    return []
