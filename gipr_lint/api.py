"""The public API for rule packs: everything a pack (built-in or third-party) may import.

A rule pack imports from this module only (and its tests from :mod:`gipr_lint.testing`); the
rest of ``gipr_lint`` is internal and may change between releases. The built-in national pack
follows the same contract, checked by an import-linter contract (``lint-imports``, see
pyproject.toml). docs/plugins.md documents every name.

* The model a rule reads: :class:`Report` and its parts, :class:`Span` (offsets into
  ``report.text``).
* Writing rules: :class:`Rule`, :class:`RuleContext` (options, templates, deadlines and the
  per-report :meth:`RuleContext.memo`), :class:`Finding`, :class:`Fix`, :class:`Edit`,
  :class:`Severity`, :func:`collect_rules`, :data:`hookimpl`, :func:`translator` and
  :func:`N_` (messages marked for translation, see :mod:`gipr_lint.i18n`).
* Rules driven by data: :class:`IdentityRule` (table arithmetic), :class:`RequirementRule`
  (section requirements), and the templates they read (:class:`Templates`, the national table
  constants, :class:`Identity`, :class:`RowTemplate`).
* Text helpers: :func:`quote`, :func:`sentence_bounds` (sentence or clause), :func:`compact`,
  Chinese numerals (:func:`cjk_number`, :func:`cjk_numeral`), dates (:data:`DATE`,
  :func:`parse_date`), table numbers (:func:`cell_issue`, :func:`number_text`), agency names
  (:func:`township_unit`), and :func:`compile_re` (``re.compile`` with the compiled program
  kept across runs: compile module-level patterns with it, see :mod:`gipr_lint.regex`) and
  :func:`parsed_toml` (a pack's TOML data file, its parse kept across runs).
* Cross-report rules (hook ``gipr_lint_batch_rules``): :class:`BatchRule`, :class:`Batch`,
  :class:`BatchFinding`, :class:`ReportSummary` (:class:`TableFact`, :class:`CellFact`),
  :func:`agency_key`, :func:`collect_batch_rules`, and text similarity (:func:`shingles`,
  :func:`estimate`, :func:`containment`, :func:`near_duplicates`).
"""

from __future__ import annotations

from gipr_lint.cache_dir import parsed_toml
from gipr_lint.diagnostics import Edit, Finding, Fix, Severity
from gipr_lint.hookspecs import hookimpl
from gipr_lint.i18n import N_, translator
from gipr_lint.linting.batch import (
    Batch,
    BatchFinding,
    BatchRule,
    CellFact,
    ReportSummary,
    TableFact,
    agency_key,
)
from gipr_lint.linting.identities import IdentityRule, cell_issue, number_text
from gipr_lint.linting.requirements import RequirementRule
from gipr_lint.linting.similarity import containment, estimate, near_duplicates, shingles
from gipr_lint.model import (
    INPUT_PROBLEMS,
    SECTION_TITLES,
    AgencyKind,
    AgencyOrigin,
    Cell,
    Heading,
    Marker,
    Paragraph,
    Period,
    Problem,
    ProblemKind,
    Report,
    Row,
    Section,
    Table,
    TableFormat,
    TableKind,
    TextPiece,
    ordinary_cell,
)
from gipr_lint.reading.facts import township_unit
from gipr_lint.reading.layout.cells import PAGE_NUMBER
from gipr_lint.reading.layout.compact import compact
from gipr_lint.reading.layout.signature import DATE, parse_date
from gipr_lint.reading.numerals import cjk_number, cjk_numeral
from gipr_lint.reading.source import Span
from gipr_lint.reading.text import quote, sentence_bounds
from gipr_lint.regex import compile_re
from gipr_lint.rules import Rule, RuleContext, collect_rules
from gipr_lint.templates import (
    ACTIVE_2019_MARKERS,
    ACTIVE_BLOCKS,
    REQUEST_COLUMNS,
    REQUEST_GROUPS,
    REQUEST_ROWS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    TABLE_NUMERALS,
    ActiveBlock,
    Identity,
    RowTemplate,
    SectionRequirement,
    Templates,
    national_identities,
    request_row_name,
    template_row_keys,
    template_row_name,
)

__all__ = [
    "ACTIVE_2019_MARKERS",
    "ACTIVE_BLOCKS",
    "DATE",
    "INPUT_PROBLEMS",
    "N_",
    "PAGE_NUMBER",
    "REQUEST_COLUMNS",
    "REQUEST_GROUPS",
    "REQUEST_ROWS",
    "REVIEW_COLUMNS",
    "REVIEW_GROUPS",
    "SECTION_TITLES",
    "TABLE_NUMERALS",
    "ActiveBlock",
    "AgencyKind",
    "AgencyOrigin",
    "Batch",
    "BatchFinding",
    "BatchRule",
    "Cell",
    "CellFact",
    "Edit",
    "Finding",
    "Fix",
    "Heading",
    "Identity",
    "IdentityRule",
    "Marker",
    "Paragraph",
    "Period",
    "Problem",
    "ProblemKind",
    "Report",
    "ReportSummary",
    "RequirementRule",
    "Row",
    "RowTemplate",
    "Rule",
    "RuleContext",
    "Section",
    "SectionRequirement",
    "Severity",
    "Span",
    "Table",
    "TableFact",
    "TableFormat",
    "TableKind",
    "Templates",
    "TextPiece",
    "agency_key",
    "cell_issue",
    "cjk_number",
    "cjk_numeral",
    "collect_batch_rules",
    "collect_rules",
    "compact",
    "compile_re",
    "containment",
    "estimate",
    "hookimpl",
    "national_identities",
    "near_duplicates",
    "number_text",
    "ordinary_cell",
    "parse_date",
    "parsed_toml",
    "quote",
    "request_row_name",
    "sentence_bounds",
    "shingles",
    "template_row_keys",
    "template_row_name",
    "township_unit",
    "translator",
]


def collect_batch_rules(package: str) -> list[type[BatchRule]]:
    """Every cross-report rule class in the modules of ``package`` (as :func:`collect_rules`)."""
    return [rule for rule in collect_rules(package) if issubclass(rule, BatchRule)]
