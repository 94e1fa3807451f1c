"""Agency and wording: self-references that fit the agency kind, placeholders, outdated bases."""

from __future__ import annotations

from gipr_lint.hookspecs import hookimpl
from gipr_lint.rules import Rule

GIPR_LINT_API = 1


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    """The rules of this pack."""
    return []
