"""Building the typed :class:`~gipr_lint.model.Report` from the parse tree."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from itertools import chain
from operator import attrgetter
from typing import Any, TypeVar

from gipr_lint.model import (
    AgencyKind,
    AgencyOrigin,
    Cell,
    Debris,
    Paragraph,
    Problem,
    Report,
    Row,
    Section,
    Signature,
    Table,
    TextPiece,
    plain_cells,
)
from gipr_lint.reading.facts import agency_from_text, agency_kind, title_facts
from gipr_lint.reading.grammar import CheckedTable, Node, PieceToken
from gipr_lint.reading.layout.headings import HeadingMatch
from gipr_lint.reading.layout.objects import maker, new_span
from gipr_lint.reading.layout.signature import SignatureMatch
from gipr_lint.reading.layout.tables import TableItem, TableRead
from gipr_lint.reading.period import find_periods
from gipr_lint.reading.source import Source, Span
from gipr_lint.templates import (
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    Templates,
    current,
    template_row_keys,
)

__all__ = ["build_report"]

_T = TypeVar("_T")
_KEY = attrgetter("key")
_new = object.__new__


def _payload(token: object) -> object:
    return getattr(token, "payload", None)


def _payload_as(node: object, kind: type[_T]) -> _T:
    """The payload of a token, which the grammar guarantees to be a ``kind``."""
    payload = _payload(node)
    if not isinstance(payload, kind):
        raise TypeError(f"expected a {kind.__name__} token payload, found {payload!r}")
    return payload


def _cells(children: Iterable[object]) -> tuple[Cell, ...]:
    """The cells among a row's children (the grammar's CELL tokens carry a Cell)."""
    return tuple([child.payload for child in children  # type: ignore[misc, attr-defined]
                  if type(child) is PieceToken and child.type == "CELL"])


def _row(node: Node) -> Row:
    """The row a table row's node holds: its label token, then its cells."""
    children = node.children
    item = getattr(children[0], "payload", None)
    if not isinstance(item, TableItem):
        raise TypeError(f"expected a TableItem token payload, found {item!r}")
    template = item.template
    assert template is not None
    cells: tuple[Cell, ...] = tuple([
        child.payload for child in children[1:]  # type: ignore[misc, union-attr]
        if type(child) is PieceToken and child.type == "CELL"])
    return Row(template.key, item.text, item.span, template.official, cells, item.reworded,
               plain_cells(cells))


def _parsed_parts(tree: Node) -> tuple[tuple[TextPiece, ...], tuple[Cell, ...], list[Row]]:
    """A table's headers, table 四's cells and the other tables' rows, from the table's node."""
    found: list[TextPiece] = []
    row_nodes: list[Node] = []
    for child in tree.children[1:]:  # one pass: header tokens and row nodes
        if type(child) is PieceToken:
            if child.type.endswith("HEADER"):
                found.append(TextPiece(child.value, Span(child.start_pos, child.end_pos)))
        elif isinstance(child, Node):
            row_nodes.append(child)
    values = next((c for c in row_nodes if c.data == "review_values"), None)
    cells = _cells(values.children) if values is not None else ()
    rows = [_row(child) for child in row_nodes if child.data != "review_values"]
    return tuple(found), cells, rows


def _checked_parts(read: TableRead) -> tuple[tuple[TextPiece, ...], tuple[Cell, ...], list[Row]]:
    """What :func:`_parsed_parts` finds, straight from the items of a table the grammar took
    whole (:class:`~gipr_lint.reading.grammar.CheckedTable`): its rows are its row items, each
    with its own cells. One pass, objects made as :func:`_new_row` says: a report has dozens."""
    headers: list[TextPiece] = []
    rows: list[Row] = []
    for item in read.items:
        kind = item.kind
        if kind == "row":
            template = item.template
            assert template is not None
            rows.append(_new_row(template.key, item.text, item.span, item.official,
                                 item.cells, item.reworded, item.plain))
        elif kind == "header":
            headers.append(_new_text_piece(item.text, item.span))
    if read.kind == "review":
        return tuple(headers), tuple([cell for item in read.items for cell in item.cells]), []
    return tuple(headers), (), rows


# The model's objects the builder makes most (rows, header pieces, sections, tables: some sixty
# a report), made as :mod:`~gipr_lint.reading.layout.objects` makes cells, not through the frozen
# dataclass's ``__init__`` (which sets each field through ``object.__setattr__``: four times the
# cost); each takes the class's fields by position, in order.
_new_row = maker(Row)
_new_text_piece = maker(TextPiece)
_new_section = maker(Section)
_new_table = maker(Table)


def _new_report(**fields: Any) -> Report:
    """``Report(**fields)``, every field given: its values put in the instance's dictionary at
    once rather than each through ``object.__setattr__`` (the frozen dataclass's ``__init__``
    does that for its seventeen fields). The same object."""
    report = _new(Report)
    report.__dict__.update(fields)
    return report  # type: ignore[no-any-return]


@lru_cache(maxsize=32)
def _template_keys(templates: Templates, kind: str, format_: str) -> tuple[str, ...]:
    """:func:`~gipr_lint.templates.template_row_keys`, kept per template set (``templates`` is
    the current set, which that function reads: it is here as the cache's key)."""
    return tuple(template_row_keys(kind, format_))


#: How many opening paragraphs may be looked at for the agency, and the length below which a
#: paragraph without a full stop is a line to pass over (a date, a sub-title), not a sentence.
_OPENING_PARAGRAPHS = 3
_SHORT_LINE = 40

class _Builder:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.title: TextPiece | None = None
        self.preamble: list[Paragraph] = []
        self.sections: list[Section] = []
        self.tables: dict[str, Table] = {}
        self.debris: list[Debris] = []
        self.signature: Signature | None = None
        self.problems: list[Problem] = []

    # -- tables
    def table(self, tree: Node) -> None:
        opener = tree.children[0]
        read = _payload_as(opener, TableRead)
        if read.kind in self.tables:
            self.problems.append(Problem(f"a second {read.kind} table; only the first is read",
                                         read.span, "second-table", table=read.kind))
            return
        if type(opener) is CheckedTable:
            headers, cells, rows = _checked_parts(read)
        else:
            headers, cells, rows = _parsed_parts(tree)
        if read.kind == "review":
            header = headers[0] if headers else TextPiece("", read.span)
            for index, (key, label) in enumerate(REVIEW_GROUPS):
                width = len(REVIEW_COLUMNS)
                group_cells = cells[index * width:index * width + width]
                if group_cells:
                    rows.append(_new_row(key, label, header.span, label, group_cells, False,
                                         plain_cells(group_cells)))
        empty = [row for row in rows if not row.cells]
        if (rows and len(empty) == len(rows)) or (read.kind == "review" and not rows):
            self.problems.append(Problem("the table has labels but no numbers (was it an image?)",
                                         read.span, "no-numbers", table=read.kind))
        elif empty:  # (most tables have none)
            self.problems.extend(Problem(f"{row.label}: no numbers after the label", row.label_span,
                                         "row-shape", table=read.kind, row=row.key,
                                         expected=self._width(read, row), found=0)
                                 for row in empty)

        missing = self._missing_rows(read, rows)
        self.tables[read.kind] = _new_table(read.kind, read.format, tuple(rows), read.span,
                                            missing, headers)

    @staticmethod
    def _missing_rows(read: TableRead, rows: list[Row]) -> tuple[str, ...]:
        """The template rows the grammar's table held no label for, in template order (table
        四's one row of values is its header's)."""
        if read.kind == "review":
            return ()
        present = set(map(_KEY, rows))
        keys = _template_keys(current(), read.kind, read.format)
        if present.issuperset(keys):  # (most tables: one pass in C, no list of none)
            return ()
        return tuple([key for key in keys if key not in present])

    @staticmethod
    def _width(read: TableRead, row: Row) -> int:
        item = next((i for i in read.items if i.kind == "row" and i.template is not None
                     and i.template.key == row.key), None)
        return item.expected if item is not None else 0

    # -- document parts
    def preamble_part(self, tree: Node) -> None:
        for child in tree.children:
            if isinstance(child, Node):
                self.table(child)
            elif child.type == "TITLE":
                span = _payload(child)
                assert isinstance(span, Span)
                self.title = TextPiece(self.source.slice(span), span)
            else:
                self.loose(child, self.preamble)

    def loose(self, token: PieceToken, paragraphs: list[Paragraph]) -> None:
        payload = _payload(token)
        if isinstance(payload, Paragraph):
            paragraphs.append(payload)
        elif isinstance(payload, Debris):
            self.debris.append(payload)

    def section(self, tree: Node) -> None:
        heading_token = tree.children[0]
        match = _payload_as(heading_token, HeadingMatch)
        paragraphs: list[Paragraph] = []
        end = match.heading.span.end
        debris = self.debris
        for child in tree.children[1:]:
            if isinstance(child, Node):
                self.table(child)
                end = max(end, _payload_as(child.children[0], TableRead).span.end)
            else:  # self.loose(child, paragraphs), inline: a section has many
                payload = getattr(child, "payload", None)
                if isinstance(payload, Paragraph):
                    paragraphs.append(payload)
                elif isinstance(payload, Debris):
                    debris.append(payload)
                child_end = child.end_pos
                if child_end and child_end > end:
                    end = child_end
        self.sections.append(_new_section(match.number, match.heading, tuple(paragraphs),
                                          new_span(match.heading.span.start, end)))

    def signature_part(self, tree: Node) -> None:
        agency: TextPiece | None = None
        for token in tree.children:
            assert isinstance(token, PieceToken)
            if token.type == "SIGNATURE_AGENCY":
                agency = _payload_as(token, TextPiece)
            else:
                match = _payload_as(token, SignatureMatch)
                start = agency.span.start if agency is not None else match.span.start
                self.signature = Signature(Span(start, match.span.end), agency,
                                           match.date, match.date_text)

    def walk(self, tree: Node) -> None:
        for child in tree.children:
            if isinstance(child, PieceToken):
                self.loose(child, [])
            elif child.data == "preamble":
                self.preamble_part(child)
            elif child.data == "section":
                self.section(child)
            elif child.data == "signature":
                self.signature_part(child)

    # -- facts
    def _agency_in_opening(self) -> TextPiece | None:
        """The agency opening the first sentence of the body ("大渡口区跳磴镇人民政府根据…").

        Lines above the title (an attachment mark, a file number) are not the body, and short
        lines without a sentence (a date line, a sub-title) are passed over, so the agency does
        not hang on whatever happens to be the first line.
        """
        title_end = self.title.span.end if self.title is not None else 0
        opening = [p for p in [*self.preamble, *(p for s in self.sections[:1]
                                                 for p in s.paragraphs)]
                   if p.span.start >= title_end]
        for paragraph in opening[:_OPENING_PARAGRAPHS]:
            agency = agency_from_text(self.source.text, paragraph.span.start,
                                      paragraph.span.end)
            if agency is not None:
                return agency
            if len(paragraph.text) > _SHORT_LINE or "。" in paragraph.text:
                return None
        return None

    def report(self, problems: list[Problem], outline: list[Problem]) -> Report:
        agency, year, year_span = title_facts(self.title) if self.title else (None, None, None)
        origin: AgencyOrigin | None = "title" if agency else None
        if agency is None and self.signature is not None and self.signature.agency is not None:
            agency, origin = self.signature.agency, "signature"
        if agency is None:
            agency = self._agency_in_opening()
            origin = "text" if agency else None
        periods = find_periods(chain(self.preamble, *[s.paragraphs for s in self.sections]))
        whole_year = next((p for p in periods if (p.start.month, p.start.day) == (1, 1)
                           and (p.end.month, p.end.day) == (12, 31)
                           and p.start.year == p.end.year), None)
        if year is None and whole_year is not None:
            year = whole_year.start.year
            year_span = Span(whole_year.start_span.start, whole_year.start_span.start + 4)
        tables = [self.tables.get(kind) for kind in ("active", "requests")]
        format_ = next((table.format for table in tables if table is not None), None)
        if format_ is None and year is not None:
            format_ = "2021" if year >= 2021 else "2019"
        review = self.tables.get("review")
        if review is not None and format_ is not None and review.format != format_:
            self.tables["review"] = Table(review.kind, format_, review.rows, review.span,
                                          review.missing_rows, review.headers)
        kind = agency_kind(agency.text) if agency else AgencyKind.UNKNOWN
        all_problems = sorted([*problems, *self.problems], key=lambda p: p.span)
        return _new_report(source=self.source, title=self.title, agency=agency,
                           agency_origin=origin, agency_kind=kind, year=year,
                           year_span=year_span, format=format_, preamble=tuple(self.preamble),
                           sections=tuple(self.sections), tables=dict(self.tables),
                           signature=self.signature, periods=periods,
                           debris=tuple(sorted(self.debris, key=lambda d: d.span)),
                           problems=tuple(all_problems), outline=tuple(outline))


def build_report(source: Source, tree: Node, problems: list[Problem],
                 outline: Iterable[Problem] = ()) -> Report:
    """The report a parse tree describes, with the problems met on the way and the outline's
    (sections missing, repeated or out of order)."""
    builder = _Builder(source)
    builder.walk(tree)
    return builder.report(problems, list(outline))
