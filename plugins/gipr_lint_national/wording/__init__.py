"""Agency and wording: self-references that fit the agency kind, placeholders, outdated bases,
misused words.

Options (``[tool.gipr-lint.wording]``):

``word-usage``
    More misused words for A006, as ``"wrong=right"`` strings (``"right"`` may list choices
    separated by ``|``; then no fix is offered), e.g. ``word-usage = ["帐户=账户"]``.
"""

from __future__ import annotations

from typing import Any

from gipr_lint.api import Rule, collect_rules, hookimpl

GIPR_LINT_API = 1


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    """The rules of this pack: every rule module of this package."""
    return collect_rules(__name__)


@hookimpl
def gipr_lint_options() -> dict[str, tuple[Any, Any, str]]:
    """This pack's options, ``[tool.gipr-lint.wording]``."""
    return {"word-usage": (list, [], "more misused words for A006, as \"wrong=right\" strings")}
