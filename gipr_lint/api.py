"""The public API for rule packs: everything a pack (built-in or third-party) may import.

A rule pack imports from this module only; the rest of ``gipr_lint`` is internal and may change
between releases. The built-in national pack follows the same contract.
"""

from __future__ import annotations

from gipr_lint.diagnostics import Edit, Finding, Fix, Severity
from gipr_lint.hookspecs import hookimpl
from gipr_lint.i18n import translator
from gipr_lint.model import (
    INPUT_PROBLEMS,
    SECTION_TITLES,
    AgencyKind,
    AgencyOrigin,
    Cell,
    Heading,
    Marker,
    Paragraph,
    Problem,
    ProblemKind,
    Report,
    Row,
    Section,
    Table,
    TableFormat,
    TableKind,
    TextPiece,
)
from gipr_lint.reading.facts import township_unit
from gipr_lint.reading.layout.cells import PAGE_NUMBER
from gipr_lint.reading.layout.compact import compact
from gipr_lint.reading.period import sentence_bounds
from gipr_lint.reading.source import Span
from gipr_lint.rules import Rule, RuleContext, collect_rules
from gipr_lint.templates import TABLE_NUMERALS, template_row_keys, template_row_name

__all__ = [
    "INPUT_PROBLEMS",
    "PAGE_NUMBER",
    "SECTION_TITLES",
    "TABLE_NUMERALS",
    "AgencyKind",
    "AgencyOrigin",
    "Cell",
    "Edit",
    "Finding",
    "Fix",
    "Heading",
    "Marker",
    "Paragraph",
    "Problem",
    "ProblemKind",
    "Report",
    "Row",
    "Rule",
    "RuleContext",
    "Section",
    "Severity",
    "Span",
    "Table",
    "TableFormat",
    "TableKind",
    "TextPiece",
    "collect_rules",
    "compact",
    "hookimpl",
    "sentence_bounds",
    "template_row_keys",
    "template_row_name",
    "township_unit",
    "translator",
]
