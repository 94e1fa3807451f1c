"""Input: what the text lets the linter read (P rules).

These findings are limits of the input, not defects of the report: cells a scraper ran together
past telling apart, a table whose numbers did not survive conversion, a text that stops inside a
table, a PDF page break inside a table. Each says which checks were skipped because of it, so
that "nothing found" is never taken for "nothing wrong". Warnings by default: the form of the
input alone never makes an error.
"""

from __future__ import annotations

from gipr_lint.api import Rule, collect_rules, hookimpl

GIPR_LINT_API = 1


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    """The rules of this pack: every rule module of this package."""
    return collect_rules(__name__)
