"""Years and dates: statistics period, report year, 落款 date, outdated plans.

Options (``[tool.gipr-lint.years]``):

``township-deadline``
    ``"MM-DD"``: the publication deadline of township (乡/镇/街道) reports in the year after the
    reported one, e.g. ``"02-20"`` where a province sets 20 February. The 条例 sets no national
    date for townships, so Y004 stays silent about their lateness unless this is set or an
    installed provincial pack sets one (hook ``gipr_lint_deadlines``); this option, being the
    user's own configuration, wins over a pack's township deadline.
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
    """This pack's options, ``[tool.gipr-lint.years]``."""
    return {"township-deadline": (
        str, "", "publication deadline of township reports in the following year, \"MM-DD\" "
                 "(no national deadline: Y004 is silent on township lateness when empty)")}
