"""Statistics tables: rows, columns and the arithmetic identities of tables 二, 三 and 四.

The arithmetic rules (T001–T004) are :class:`gipr_lint.api.IdentityRule` subclasses: one engine
checks identities declared as data, the national ones of the templates plus any a pack returns
from ``gipr_lint_templates``. A provincial pack adds an identity without a rule by giving it one
of the codes T001–T004, or reports it under its own code with a four-line ``IdentityRule``
subclass.
"""

from __future__ import annotations

from typing import Any

from gipr_lint.api import IdentityRule, Rule, collect_rules, hookimpl
from gipr_lint_national.tables._common import TOWNSHIP_FEE_LIMIT

__all__ = ['TOWNSHIP_FEE_LIMIT', 'IdentityRule']

GIPR_LINT_API = 1


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    """The rules of this pack: every rule module of this package."""
    return collect_rules(__name__)


@hookimpl
def gipr_lint_options() -> dict[str, tuple[Any, Any, str]]:
    """The pack's options: ``[tool.gipr-lint.tables]``."""
    return {"township-fee-limit": (float, TOWNSHIP_FEE_LIMIT,
                                   "T009: a township's fee above this many 万元 is taken for "
                                   "a figure written in 元")}
