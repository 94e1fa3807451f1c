"""The typed report model every rule reads.

All classes are frozen dataclasses; every node carries the :class:`~gipr_lint.reading.source.Span`
it was read from, so a rule can point at the exact heading, cell or word. This module is part of the
public plugin API (see ``docs/plugins.md``): fields are only ever added, never renamed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from types import MappingProxyType
from typing import Literal

from gipr_lint.reading.source import Source, Span
from gipr_lint.templates import REVIEW_COLUMNS, REVIEW_GROUPS, template_row_keys

__all__ = [
    "INPUT_PROBLEMS",
    "SECTION_TITLES",
    "AgencyKind",
    "Cell",
    "Debris",
    "Heading",
    "Marker",
    "Paragraph",
    "Period",
    "Problem",
    "ProblemKind",
    "Report",
    "Row",
    "Section",
    "Signature",
    "Table",
    "TableFormat",
    "TableKind",
    "TextPiece",
    "ordinary_cell",
    "plain_cells",
]

#: The six official section titles, by section number.
SECTION_TITLES: Mapping[int, str] = MappingProxyType({
    1: "总体情况",
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况",
    5: "存在的主要问题及改进情况",
    6: "其他需要报告的事项",
})


class AgencyKind(str, Enum):
    """What kind of body publishes the report; decides which self-references fit."""

    TOWNSHIP = "township"      # 乡、镇、街道
    GOVERNMENT = "government"  # 县/区/市/省 people's government
    DEPARTMENT = "department"  # 局、委、办、厅、中心、管委会 …
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class TextPiece:
    """A piece of the report's text and where it is."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Marker:
    """An enumeration marker opening a heading or paragraph: 一、 1、 （一） （3） 1. 一是.

    ``style`` is one of ``cjk-comma`` (一、), ``arabic-comma`` (1、), ``arabic-dot`` (1.),
    ``paren-cjk`` (（一）), ``paren-arabic`` (（1）) or ``cjk-shi`` (一是); ``value`` is the number.
    """

    text: str
    style: str
    value: int
    span: Span


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading: numbering plus title, as written."""

    text: str
    span: Span
    marker: Marker | None
    title: str
    title_span: Span
    #: The official title this heading was recognised as (one of :data:`SECTION_TITLES`).
    official_title: str
    #: How the title was matched: ``official``, ``variant`` (a known rewording) or ``fuzzy``.
    match: str = "official"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of prose; ``marker`` is set when it opens with an enumeration marker."""

    text: str
    span: Span
    marker: Marker | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """One of the six sections. ``number`` is the official position (1–6) its title names."""

    number: int
    heading: Heading
    paragraphs: tuple[Paragraph, ...]
    span: Span

    @property
    def title(self) -> str:
        return SECTION_TITLES[self.number]

    @property
    def subheadings(self) -> tuple[Paragraph, ...]:
        """Paragraphs opening with a parenthesised marker, （一） or （1）."""
        return tuple(p for p in self.paragraphs
                     if p.marker is not None and p.marker.style.startswith("paren"))


_TRAILING = " \t\r\n\f|｜\u3000"  # what may follow the text's last table row: blanks, pipes
_CUT_TAIL = 40  # the most text a cut may leave after a table: a label or heading cut short

#: The three statistics tables: 二 (``active``), 三 (``requests``), 四 (``review``).
TableKind = Literal["active", "requests", "review"]
#: The official template a report's tables follow.
TableFormat = Literal["2019", "2021"]
#: Where a report's agency was read.
AgencyOrigin = Literal["title", "signature", "text", "config"]

@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell.

    ``value`` is the number read (``int``, or ``float`` where a decimal was written), or ``None``
    when the cell could not be read. ``blank`` marks a cell written as nothing, "-", "—", "/" or
    "无" and read as 0.
    """

    raw: str
    value: int | float | None
    span: Span
    blank: bool = False


def plain_cells(cells: tuple[Cell, ...]) -> bool:
    """Whether every cell is ordinary: a written non-negative whole number, not blank and not
    in 元 (valid in every column; what :attr:`Row.plain` tells). The one definition of it."""
    for cell in cells:
        value = cell.value
        if cell.blank or type(value) is not int or value < 0 or "元" in cell.raw:
            return False
    return True


def ordinary_cell(cell: Cell) -> bool:
    """Whether ``cell`` is ordinary, as :func:`plain_cells` tells it of every cell of a row."""
    return plain_cells((cell,))


@dataclass(frozen=True, slots=True)
class Row:
    """A table row in template order. ``key`` is the stable row id (see ``docs/json.md``)."""

    key: str
    label: str
    label_span: Span
    official_label: str
    cells: tuple[Cell, ...]
    #: True when the label is a known rewording rather than the official label.
    reworded: bool = False
    #: True when every cell is known to be ordinary (:func:`plain_cells`), so that a rule
    #: looking for the other cells may pass the row over. Set by the table reader, which sees
    #: each cell as it makes it; ``False`` (look at each cell) when not known. Not part of the
    #: row's value: equality and ``repr`` leave it out.
    plain: bool = field(default=False, compare=False, repr=False)

    def values(self) -> tuple[int | float | None, ...]:
        return tuple(cell.value for cell in self.cells)


@dataclass(frozen=True, slots=True)
class Table:
    """One of the three statistics tables.

    ``kind`` is ``active`` (table 二, 主动公开), ``requests`` (table 三, 申请) or ``review``
    (table 四, 复议诉讼); ``format`` is the template it follows, ``"2019"`` or ``"2021"``.
    ``columns`` maps a row key to its column ids for table 二; tables 三 and 四 have fixed
    columns (:data:`gipr_lint.templates.REQUEST_COLUMNS` and
    :data:`~gipr_lint.templates.REVIEW_COLUMNS`).
    """

    kind: TableKind
    format: TableFormat
    rows: tuple[Row, ...]
    span: Span
    missing_rows: tuple[str, ...] = ()
    #: Header labels found (block headers, column headers) with their spans.
    headers: tuple[TextPiece, ...] = ()

    def row(self, key: str) -> Row | None:
        for row in self.rows:
            if row.key == key:
                return row
        return None

    def cells(self) -> Iterator[tuple[Row, int, Cell]]:
        for row in self.rows:
            for index, cell in enumerate(row.cells):
                yield row, index, cell


@dataclass(frozen=True, slots=True)
class Debris:
    """Debris: a web page's ``breadcrumb``, ``meta`` (来源/时间/浏览量), ``share``, ``qr-code``,
    ``read-aloud``, ``download``, ``related``, ``print``; a PDF's ``page-number`` ("- 3 -",
    "第3页")."""

    kind: str
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Signature:
    """The 落款: the signing agency and the date at the end of the report."""

    span: Span
    agency: TextPiece | None = None
    date: datetime.date | None = None
    date_text: TextPiece | None = None


@dataclass(frozen=True, slots=True)
class Period:
    """A statistics period stated in the text: "2024年1月1日至2024年12月31日"."""

    text: str
    span: Span
    start: datetime.date
    start_span: Span
    end: datetime.date
    end_span: Span


#: What a :class:`Problem` is about.
#:
#: The report's own structure: ``structure`` (text out of place), ``empty`` (no text),
#: ``row-shape`` (a row whose separated cells are too few or too many), ``second-table``;
#: the outline (:attr:`Report.outline`): ``section-missing``, ``section-repeated``,
#: ``section-order``, ``table-section`` (a table outside its own section), ``subheading-sequence``
#: (a sub-heading breaking its run: ``expected`` and ``found`` are values). The input (what the
#: text lets the linter read, see :data:`INPUT_PROBLEMS`):
#: ``ambiguous-cells`` (digits that divide into the row's cells in more than one way),
#: ``unsplit-cells`` (cells run together or spaced so that no reading gives the row its cells),
#: ``no-numbers`` (a table whose labels are there but whose numbers are not). A table that stops
#: early because the text ends is a fact of the model (:meth:`Report.ends_inside`).
ProblemKind = Literal["structure", "empty", "row-shape", "second-table", "ambiguous-cells",
                      "unsplit-cells", "no-numbers", "section-missing", "section-repeated",
                      "section-order", "table-section", "subheading-sequence"]

#: The problem kinds that are limits of the input rather than defects of the report.
INPUT_PROBLEMS: frozenset[str] = frozenset({"ambiguous-cells", "unsplit-cells", "no-numbers"})


@dataclass(frozen=True, slots=True)
class Problem:
    """A place where the text does not fit the canonical report structure, as a typed value.

    ``message`` is for people (S009, ``gipr-lint parse``); rules read the typed fields: ``kind``;
    ``table`` and ``row`` (the template row key) when the problem is in a table row; ``expected``
    and ``found`` (cell counts for ``row-shape`` and ``unsplit-cells``, marker values for
    ``subheading-sequence``);
    ``text`` (the digits that could not be split, the debris found; for ``structure`` the kind of
    piece that does not fit there, such as ``paragraph`` or ``section heading``).
    """

    message: str
    span: Span
    kind: ProblemKind = "structure"
    table: TableKind | None = None
    row: str | None = None
    expected: int | None = None
    found: int | None = None
    text: str = ""
    #: for ``subheading-sequence``: the marker the sequence breaks after, and the one found
    markers: tuple[Marker, ...] = ()

    @property
    def is_input(self) -> bool:
        """Whether this is a limit of the input (P rules) rather than a defect of the report."""
        return self.kind in INPUT_PROBLEMS


@dataclass(frozen=True)
class Report:
    """A parsed report. Any field may be missing (``None``/empty) in a partial report."""

    source: Source
    title: TextPiece | None = None
    agency: TextPiece | None = None
    #: Where the agency was found: ``title``, ``signature``, ``text`` or ``config``.
    agency_origin: AgencyOrigin | None = None
    agency_kind: AgencyKind = AgencyKind.UNKNOWN
    year: int | None = None
    #: Where the year was read: the title, or failing that the statistics period.
    year_span: Span | None = None
    format: TableFormat | None = None
    preamble: tuple[Paragraph, ...] = ()
    sections: tuple[Section, ...] = ()
    tables: Mapping[str, Table] = field(default_factory=dict)
    signature: Signature | None = None
    #: The statistics periods the prose states, in order (normally one).
    periods: tuple[Period, ...] = ()
    debris: tuple[Debris, ...] = ()
    problems: tuple[Problem, ...] = ()
    #: Where the sections do not fit the grammar's outline (一 to 六, each once), in text order:
    #: ``section-missing`` (``expected`` is the section's number), ``section-repeated`` (a
    #: section's second heading; ``found`` its number) and ``section-order`` (a heading outside
    #: the longest run in order; ``found`` its number), read by S001 and S002; and
    #: ``table-section`` (a table outside its own section: ``expected`` the section it belongs
    #: in, ``found`` the one it stands in, 0 for none), which no rule reports: the usual cause,
    #: its section's heading lost, is S001's.
    outline: tuple[Problem, ...] = ()

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def title_year(self) -> int | None:
        """The report year when the title states it (not when it was read from the text)."""
        if self.year is None or self.title is None or self.year_span is None:
            return None
        title = self.title.span
        return self.year if title.start <= self.year_span.start < title.end else None

    def section(self, number: int) -> Section | None:
        """The first section recognised as official section ``number`` (1–6)."""
        for section in self.sections:
            if section.number == number:
                return section
        return None

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every prose paragraph in document order: preamble first, then each section's."""
        return iter(self._paragraphs)

    @cached_property
    def _paragraphs(self) -> tuple[Paragraph, ...]:
        # made once (many rules ask): a frozen report's paragraphs never change, and a cached
        # property is not a field (equality, repr and replace() ignore it)
        return (*self.preamble, *(p for s in self.sections for p in s.paragraphs))

    def table(self, kind: str) -> Table | None:
        return self.tables.get(kind)

    def ends_inside(self, table: Table) -> bool:
        """Whether the text ends inside ``table`` (a truncated page, a partial copy).

        Its missing rows all come after its last row, and after it there is no heading, no 落款
        and no more than the first words of a next label or heading ("(二)部分公")."""
        if not table.missing_rows or not table.rows:
            return False  # before copying the text after the table: the common case
        after = self.text[table.span.end:].strip(_TRAILING)
        if (len(after) > _CUT_TAIL or "。" in after
                or any(s.heading.span.start >= table.span.end for s in self.sections)
                or (self.signature is not None and self.signature.span.start >= table.span.end)):
            return False
        order = template_row_keys(table.kind, table.format)
        present = [order.index(row.key) for row in table.rows if row.key in order]
        return bool(present) and all(key in order and order.index(key) > max(present)
                                     for key in table.missing_rows)

    def fully_read(self, table: Table) -> bool:
        """Whether every row of ``table`` is there with every cell read, so that every check
        of it ran."""
        if table.missing_rows or not table.rows:
            return False
        # every run keeps this count for each report: the cells looked at without a generator,
        # those of rows told plain (every cell read, most rows) not at all
        if None in [cell.value for row in table.rows if not row.plain for cell in row.cells]:
            return False
        if table.kind == "review":
            return sum(len(row.cells) for row in table.rows) == len(REVIEW_GROUPS) * len(
                REVIEW_COLUMNS)
        return not any(problem.span == row.label_span for problem in self.problems
                       for row in table.rows)

    def tables_fully_read(self) -> tuple[int, int]:
        """``(fully read, found)``: how many of the report's tables were read completely."""
        tables = list(self.tables.values())
        return sum(1 for table in tables if self.fully_read(table)), len(tables)
