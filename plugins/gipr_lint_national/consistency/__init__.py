"""Consistency between the prose and the tables.

Each rule reads statements in the paragraphs (never table text) with a few precise patterns and
compares them with the parsed tables; a statement it cannot read, a table or cell that is
missing or unreadable, and approximate numbers ("150余次") all mean silence.
"""

from __future__ import annotations

from gipr_lint.api import Rule, collect_rules, hookimpl

GIPR_LINT_API = 1


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    """The rules of this pack: every rule module of this package."""
    return collect_rules(__name__)
