"""Cross-year and cross-report checks (family X): reports compared with each other.

They run when the reports linted together include the same agency in consecutive years, or when
earlier reports are named with ``--history`` (``history`` in the configuration); see
``docs/batch.md`` for how reports are matched. X005 compares the reports of one year.

Options (``[tool.gipr-lint.crossyear]``):

``copied-problems-threshold``
    X003 fires when at least this share of section 五's text (0–1, default 0.8) is found in last
    year's section 五. Some provinces score "more than 50 % repeated" as a defect: set 0.5.
``near-duplicate-threshold``
    X005 fires for two agencies' reports whose prose is at least this similar (0–1, estimated
    Jaccard similarity of 5-character shingles, default 0.8).
"""

from __future__ import annotations

from typing import Any

from gipr_lint.api import BatchRule, collect_batch_rules, hookimpl

GIPR_LINT_API = 1


@hookimpl
def gipr_lint_batch_rules() -> list[type[BatchRule]]:
    """The cross-report rules of this pack: every rule module of this package."""
    return collect_batch_rules(__name__)


@hookimpl
def gipr_lint_options() -> dict[str, tuple[Any, Any, str]]:
    """This pack's options, ``[tool.gipr-lint.crossyear]``."""
    return {
        "copied-problems-threshold": (
            float, 0.8, "X003: share of section 五 found in last year's that counts as copied "
                        "(0-1)"),
        "near-duplicate-threshold": (
            float, 0.8, "X005: prose similarity of two agencies' reports that counts as a "
                        "near-duplicate (0-1)"),
    }
