"""Agency and wording: self-references that fit the agency kind, placeholders, outdated bases.
"""

from __future__ import annotations

from gipr_lint.api import Rule, collect_rules, hookimpl

GIPR_LINT_API = 1


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    """The rules of this pack: every rule module of this package."""
    return collect_rules(__name__)
