"""The public API for rule packs: everything a pack (built-in or third-party) may import.

A rule pack imports from this module only; the rest of ``gipr_lint`` is internal and may change
between releases. The built-in national pack follows the same contract.
"""

from __future__ import annotations

from gipr_lint.batch import (
    Batch,
    BatchFinding,
    BatchRule,
    CellFact,
    ReportSummary,
    TableFact,
    agency_key,
)
from gipr_lint.diagnostics import Edit, Finding, Fix, Severity
from gipr_lint.hookspecs import hookimpl
from gipr_lint.i18n import translator
from gipr_lint.model import (
    SECTION_TITLES,
    AgencyKind,
    Cell,
    Heading,
    Marker,
    Paragraph,
    Problem,
    Report,
    Row,
    Section,
    Table,
    TextPiece,
)
from gipr_lint.reading.facts import township_unit
from gipr_lint.reading.layout.compact import compact
from gipr_lint.reading.period import sentence_bounds
from gipr_lint.reading.source import Span
from gipr_lint.rules import Rule, RuleContext, collect_rules
from gipr_lint.similarity import containment, estimate, near_duplicates, shingles
from gipr_lint.templates import (
    ACTIVE_BLOCKS,
    REQUEST_COLUMNS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    TABLE_NUMERALS,
)

__all__ = [
    "ACTIVE_BLOCKS",
    "REQUEST_COLUMNS",
    "REVIEW_COLUMNS",
    "REVIEW_GROUPS",
    "SECTION_TITLES",
    "TABLE_NUMERALS",
    "AgencyKind",
    "Batch",
    "BatchFinding",
    "BatchRule",
    "Cell",
    "CellFact",
    "Edit",
    "Finding",
    "Fix",
    "Heading",
    "Marker",
    "Paragraph",
    "Problem",
    "Report",
    "ReportSummary",
    "Row",
    "Rule",
    "RuleContext",
    "Section",
    "Severity",
    "Span",
    "Table",
    "TableFact",
    "TextPiece",
    "agency_key",
    "collect_batch_rules",
    "collect_rules",
    "compact",
    "containment",
    "estimate",
    "hookimpl",
    "near_duplicates",
    "sentence_bounds",
    "shingles",
    "township_unit",
    "translator",
]


def collect_batch_rules(package: str) -> list[type[BatchRule]]:
    """Every cross-report rule class in the modules of ``package`` (as :func:`collect_rules`)."""
    return [rule for rule in collect_rules(package) if issubclass(rule, BatchRule)]
