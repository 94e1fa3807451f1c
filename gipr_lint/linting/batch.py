"""Cross-report rules: what they see of each report, how reports are matched, the rule base class.

Single-file rules (:class:`gipr_lint.rules.Rule`) see one parsed report. Cross-report rules
(:class:`BatchRule`, hook ``gipr_lint_batch_rules``) run once per run, after every file was
linted, and see a :class:`Batch`: a small :class:`ReportSummary` of every linted report, and of
the earlier reports named with ``--history`` (read, not linted). A summary is made in the worker
that parsed the report and is all that travels back to the main process, never the whole report.

Reports are matched by :func:`agency_key` (a normalised agency name) and year: the report of the
same key and the year before is the one a report is compared with (:meth:`Batch.previous`).
"""

from __future__ import annotations

import marshal
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any, ClassVar, NamedTuple

from gipr_lint.diagnostics import Finding, Severity
from gipr_lint.linting.similarity import prose_signature
from gipr_lint.model import Report
from gipr_lint.reading.source import Span
from gipr_lint.regex import compile_re
from gipr_lint.rules import Rule, RuleContext

__all__ = [
    "Batch",
    "BatchFinding",
    "BatchRule",
    "CellFact",
    "ReportSummary",
    "TableFact",
    "agency_key",
    "summarize",
]

_SPACE = compile_re(r"[\s\u3000·•、,，.。()（）\"“”《》]+")
#: Suffixes that name the same body with or without them (高庄镇人民政府 = 高庄镇政府 = 高庄镇).
_GOVERNMENT_SUFFIXES = ("人民政府办公室", "人民政府", "政府", "办事处")
_PLACE_END = compile_re(r"(省|市|县|区|旗|镇|乡|街道|自治州|自治县|盟)$")


def agency_key(name: str | None) -> str | None:
    """The name reports of one agency are matched by, or ``None`` without a name.

    NFKC-folded, without spaces or punctuation; a place's government is the place itself
    (``高庄镇人民政府``, ``高庄镇政府`` and ``高庄镇`` match; so do ``淮北街道办事处`` and
    ``淮北街道``). Nothing else is dropped: ``孟州市西虢镇人民政府`` and ``西虢镇人民政府`` do
    not match (two places may share a name).
    """
    if not name:
        return None
    key = _SPACE.sub("", unicodedata.normalize("NFKC", name))
    for suffix in _GOVERNMENT_SUFFIXES:
        if key.endswith(suffix) and _PLACE_END.search(key[:-len(suffix)]):
            key = key[:-len(suffix)]
            break
    return key or None


class CellFact(NamedTuple):
    """One table cell as a cross-report rule sees it (see :class:`gipr_lint.model.Cell`).

    A plain tuple (``start``/``end`` rather than a :class:`Span`), so that thousands of them
    travel back from the worker processes cheaply.
    """

    value: int | float | None
    start: int
    end: int
    raw: str
    blank: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


#: The table cells a summary keeps with their positions: every cell of table 二, and table 三's
#: 二、上年结转 and 四、结转下年度 rows. Every other cell is in :attr:`ReportSummary.figures`.
CELL_ROWS: Mapping[str, tuple[str, ...] | None] = {
    "active": None, "requests": ("carried_over", "carry_forward")}


@dataclass(frozen=True, slots=True)
class TableFact:
    """Where a table is, its format, and whether every template row and cell was read."""

    kind: str
    format: str
    span: Span
    complete: bool


#: A cell's key: ``(table kind, row key, column index)``, e.g. ``("requests", "carried_over", 0)``.
CellKey = tuple[str, str, int]


@dataclass(frozen=True)
class ReportSummary:
    """What cross-report rules know of a report: facts, table cells, section 五, a text sketch.

    ``cells`` holds the cells rules point at (every cell of table 二, table 三's 上年结转 and
    结转下年度 rows; :data:`CELL_ROWS`) by ``(table kind, row key, column index)``, with their
    positions; ``figures`` the values of every cell of each table, in template order (row by
    row), to compare whole tables; ``problems_text`` is section 五's prose (``problems_span``
    where it is); ``signature`` is the MinHash signature of the whole prose (tables left out,
    the agency's name blanked) for near-duplicate search. ``history`` marks a report read with
    ``--history``: findings are never reported in it.
    """

    path: str
    agency: str | None = None
    agency_span: Span | None = None
    agency_kind: str = "unknown"
    year: int | None = None
    year_span: Span | None = None
    format: str | None = None
    title_span: Span | None = None
    # (defaults made by a factory, never class attributes: a summary made by summarize() has
    # none of the three until one is read, see __getattr__)
    tables: Mapping[str, TableFact] = field(default_factory=dict)
    cells: Mapping[CellKey, CellFact] = field(default_factory=dict)
    figures: Mapping[str, tuple[int | float | None, ...]] = field(default_factory=dict)
    problems_text: str = ""
    problems_span: Span | None = None
    signature: tuple[int, ...] = ()
    prose_chars: int = 0
    history: bool = False

    @cached_property
    def key(self) -> str | None:
        """The agency key (:func:`agency_key`) reports are matched by (looked up many times
        per report by the cross-report stage: kept once made; :func:`summarize` makes it in
        the worker that parsed the report, while the other processes still lint)."""
        return agency_key(self.agency)

    def cell(self, table: str, row: str, column: int) -> CellFact | None:
        return self.cells.get((table, row, column))

    def __getattr__(self, name: str) -> Any:
        """``tables``, ``cells`` and ``figures`` of a summary sent by a worker process
        (:func:`to_wire`), unpacked when first read: most summaries of a run are never
        compared cell by cell (only those with last year's report are)."""
        packed = self.__dict__.pop("_packed", None) if name in _PACKED else None
        if packed is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self.__dict__.update(_unpack(packed))
        return self.__dict__[name]

    @property
    def anchor(self) -> Span:
        """Where a finding about the report as a whole points: its title, else the start."""
        return self.title_span or self.agency_span or Span(0, 0)


#: The fields of a summary that travel packed (:func:`to_wire`).
_PACKED = frozenset(("tables", "cells", "figures"))
#: The fields of a summary that travel as they are, in :func:`to_wire`'s order.
_PLAIN = ("path", "agency", "agency_span", "agency_kind", "year", "year_span", "format",
          "title_span", "problems_text", "problems_span", "signature", "prose_chars", "history",
          "key")


def to_wire(summary: ReportSummary) -> tuple[Callable[..., ReportSummary], tuple[Any, ...]]:
    """How a summary is pickled to go from a worker process to the main one (a reduction:
    :func:`from_wire` and its arguments): its tables, cells and figures as one string of
    bytes (:mod:`marshal`), unpacked only if a rule reads them (see
    :meth:`ReportSummary.__getattr__`), the rest as it is. Several times cheaper both ways
    than pickling the dozens of cells and facts of every summary one by one."""
    details = summary.__dict__.get("_packed")
    if details is None:  # made by the constructor, or read already
        details = (
            tuple((fact.kind, fact.format, fact.span.start, fact.span.end, fact.complete)
                  for fact in summary.tables.values()),
            tuple(summary.cells), tuple(map(tuple, summary.cells.values())),
            dict(summary.figures))
    if not isinstance(details, bytes):
        # (version 4 writes a string met again, as the table kinds and row keys of every
        # cell are, as a reference: a quarter smaller and faster both ways than version 2)
        details = marshal.dumps(details, 4)
    return from_wire, (*map(summary.__getattribute__, _PLAIN), details)


def from_wire(*values: Any) -> ReportSummary:
    """The summary of the fields :data:`_PLAIN` and the packed details (:data:`_Details`,
    or those marshalled by :func:`to_wire`), made without ``ReportSummary.__init__`` (frozen:
    a call of ``object.__setattr__`` per field)."""
    summary: ReportSummary = object.__new__(ReportSummary)
    fields = summary.__dict__
    fields.update(zip(_PLAIN, values[:-1], strict=True))
    fields["_packed"] = values[-1]
    return summary


def _unpack(packed: bytes | _Details) -> dict[str, Any]:
    tables, cell_keys, cells, figures = (marshal.loads(packed) if isinstance(packed, bytes)
                                         else packed)
    return {
        "tables": {kind: TableFact(kind, format_, Span(start, end), complete)
                   for kind, format_, start, end, complete in tables},
        "cells": dict(zip(cell_keys, map(_cell_fact, cells), strict=True)),
        "figures": figures,
    }


#: ``CellFact(*values)`` without the Python-level ``__new__`` of a named tuple.
_cell_fact = partial(tuple.__new__, CellFact)


def summarize(report: Report, *, history: bool = False) -> ReportSummary:
    """Make the summary of a parsed report (in the worker that parsed it). Its tables, cells
    and figures are kept as plain tuples (:func:`_details`) until a rule reads them."""
    problems = report.section(5)
    problems_text = ""
    problems_span = None
    if problems is not None and problems.paragraphs:
        problems_text = "\n".join(p.text for p in problems.paragraphs)
        problems_span = Span(problems.paragraphs[0].span.start, problems.paragraphs[-1].span.end)
    agency = report.agency.text if report.agency else None
    prose = "\n".join(p.text for p in report.paragraphs())
    if agency:
        prose = prose.replace(agency, "□")
    return from_wire(
        report.path, agency, report.agency.span if report.agency else None,
        report.agency_kind.value, report.year, report.year_span, report.format,
        report.title.span if report.title else None, problems_text, problems_span,
        prose_signature(prose), len(prose), history, agency_key(agency), _details(report))


#: What :func:`summarize` keeps of the tables: ``(kind, format, start, end, complete)`` per
#: table, the keys of the cells (:data:`CELL_ROWS`) and their :class:`CellFact` values as plain
#: tuples, and each table's figures.
_Details = tuple[tuple[tuple[str, str, int, int, bool], ...], tuple[CellKey, ...],
                 tuple[tuple[int | float | None, int, int, str, bool], ...],
                 dict[str, tuple[int | float | None, ...]]]


def _details(report: Report) -> _Details:
    """The tables, cells and figures of a summary, as plain tuples: cheap to make, and to
    send from a worker process (:func:`to_wire`); most are never read (only reports with
    last year's are compared cell by cell)."""
    tables = []
    cell_keys: list[CellKey] = []
    cells = []
    figures: dict[str, tuple[int | float | None, ...]] = {}
    for kind, table in report.tables.items():
        values = tuple([cell.value for row in table.rows for cell in row.cells])
        complete = not table.missing_rows and None not in values
        tables.append((kind, table.format, table.span.start, table.span.end, complete))
        figures[kind] = values
        if kind not in CELL_ROWS:
            continue
        rows = CELL_ROWS[kind]
        for row in table.rows:
            if rows is None or row.key in rows:
                key = row.key
                for index, cell in enumerate(row.cells):
                    span = cell.span
                    cell_keys.append((kind, key, index))
                    cells.append((cell.value, span.start, span.end, cell.raw, cell.blank))
    return tuple(tables), tuple(cell_keys), tuple(cells), figures


@dataclass(frozen=True, slots=True)
class BatchFinding:
    """What a cross-report rule yields: a place in one linted report, a message, and the other
    report(s) it was compared with (``related``, paths)."""

    path: str
    span: Span
    message: str
    related: tuple[str, ...] = ()
    severity: Severity | None = None


class Batch:
    """Every report of a run, for cross-report rules.

    ``reports`` are the linted reports in command-line order (files that could not be read are
    left out), ``history`` the earlier reports named with ``--history``.
    """

    def __init__(self, reports: Sequence[ReportSummary],
                 history: Sequence[ReportSummary] = ()) -> None:
        self.reports = tuple(reports)
        self.history = tuple(history)
        self._by_key: dict[tuple[str, int], ReportSummary] = {}
        self._pairs: list[tuple[ReportSummary, ReportSummary]] | None = None
        for summary in (*self.reports, *self.history):  # linted files first
            key = summary.key
            if key is not None and summary.year is not None:
                self._by_key.setdefault((key, summary.year), summary)

    def __iter__(self) -> Iterator[ReportSummary]:
        return iter(self.reports)

    def previous(self, summary: ReportSummary) -> ReportSummary | None:
        """The report of the same agency (by :func:`agency_key`) for the year before, if any:
        a linted one first, else one from ``--history``; the first in command-line order."""
        key = summary.key
        if key is None or summary.year is None:
            return None
        found = self._by_key.get((key, summary.year - 1))
        return found if found is not None and found.path != summary.path else None

    def pairs(self) -> Iterator[tuple[ReportSummary, ReportSummary]]:
        """``(report, last year's report)`` for every linted report that has one (found once:
        several rules go through them)."""
        if self._pairs is None:
            self._pairs = []
            by_key = self._by_key
            # the (agency, year) of reports whose agency has one of the year before (nearly
            # every one in a run with ``--history``, none in most runs of one year): the
            # reports are gone through one by one only when there is some
            if any((key, year - 1) in by_key for key, year in by_key):
                for summary in self.reports:
                    earlier = self.previous(summary)
                    if earlier is not None:
                        self._pairs.append((summary, earlier))
        return iter(self._pairs)


class BatchRule(Rule):
    """Base class of cross-report rules (hook ``gipr_lint_batch_rules``).

    Like :class:`~gipr_lint.rules.Rule` (code, name, severity, summary, a docstring with
    ``Fails::`` and ``Passes::``), selected and configured the same way, but checked once per
    run with :meth:`check_batch` instead of once per file.
    """

    #: Always true: marks the rule for the engine, which skips it in per-file linting.
    cross_report: ClassVar[bool] = True
    #: True when the rule only compares a report with other reports (of the run or of
    #: ``--history``), so that it finds nothing in a run of one report without history: the
    #: engine then makes no summaries (see ``engine.cross_report_summaries``).
    compares: ClassVar[bool] = False

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        """Cross-report rules find nothing in one file alone."""
        return ()

    def check_batch(self, batch: Batch, context: RuleContext) -> Iterable[BatchFinding]:
        """Yield findings for the linted reports of ``batch``."""
        raise NotImplementedError

    @staticmethod
    def batch_finding(report: ReportSummary, span: Span, message: str, *,
                      related: Sequence[ReportSummary] = (),
                      severity: Severity | None = None) -> BatchFinding:
        """A finding at ``span`` in ``report`` that names the ``related`` reports."""
        return BatchFinding(path=report.path, span=span, message=message,
                            related=tuple(other.path for other in related), severity=severity)
