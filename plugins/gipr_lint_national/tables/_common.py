"""What several tables rules share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from gipr_lint.api import (
    ACTIVE_2019_MARKERS,
    ACTIVE_BLOCKS,
    REQUEST_COLUMNS,
    REQUEST_ROWS,
    REVIEW_COLUMNS,
    TABLE_NUMERALS,
    AgencyKind,
    Cell,
    Report,
    Row,
    RuleContext,
    Span,
    Table,
    TextPiece,
    compact,
    compile_re,
    ordinary_cell,
    request_row_name,
    translator,
)

_ = translator("gipr_lint_national")

#: A cell by its row and its index in the row.
PlacedCell = tuple[Row, int, Cell]


def unusual_cells(table: Table, context: RuleContext) -> list[PlacedCell]:
    """The cells of ``table`` other than the common case, a written non-negative whole number
    not in 元: blank cells (T006) and those T005 looks at again (unread, decimals, negative,
    with 元), in table order. One pass over the cells of the rows the reader did not find
    plain (``Row.plain``: most rows of most reports), made once per report for both rules."""
    return context.memo(("gipr_lint_national", "unusual cells", table.kind), lambda: [
        (row, index, cell) for row in table.rows if not row.plain
        for index, cell in enumerate(row.cells) if not ordinary_cell(cell)])

#: Above this many 万元 a township's 行政事业性收费 is taken for a figure written in 元 (T009).
TOWNSHIP_FEE_LIMIT = 1000.0


def _table_name(kind: str) -> str:
    """How messages name a table: ``table 三``."""
    return _("table {numeral}").format(numeral=TABLE_NUMERALS[kind])


def _row_name(table: Table, row: Row) -> str:
    """How messages name a row: the official label (with its group for table-三 sub-rows)."""
    if table.kind == "requests":
        template = next((r for r in REQUEST_ROWS.get(table.format, ()) if r.key == row.key), None)
        if template is not None:
            return request_row_name(template)
    if table.kind == "active":
        return row.official_label
    return row.label


def _column_names(table: Table, row: Row) -> tuple[str, ...]:
    if table.kind == "requests":
        return REQUEST_COLUMNS
    if table.kind == "review":
        return REVIEW_COLUMNS
    for block in ACTIVE_BLOCKS.get(table.format, ()):
        if any(r.key == row.key for r in block.rows):
            return tuple(header for _, header in block.columns)
    return ()


def _where(table: Table, row: Row, index: int | None = None) -> str:
    """``table 三, "一、本年新收…", column "自然人"``."""
    names = _column_names(table, row)
    if index is not None and index < len(names):
        return _('{table}, "{row}", column "{column}"').format(
            table=_table_name(table.kind), row=_row_name(table, row), column=names[index])
    return _('{table}, "{row}"').format(table=_table_name(table.kind), row=_row_name(table, row))


_SKIP = compile_re(r"[\s|｜\"“”'‘’:：]*")


_WORD = compile_re(r"[^\s|｜]{1,9}")


#: The longest text taken for a bad cell's content; anything longer is the next label.
_MAX_BAD_CELL = 8


def _bad_text(text: str, start: int, limit: int) -> Span | None:
    """The short run of text at ``start`` (after separators) that stopped the cell reader."""
    skipped = _SKIP.match(text, start, limit)
    position = skipped.end() if skipped else start
    if text.count("\n", start, position) > 2:
        return None
    word = _WORD.match(text, position, limit)
    if word is None or len(word.group()) > _MAX_BAD_CELL:
        return None
    return Span(word.start(), word.end())


def _next_label(table: Table, after: int) -> int:
    starts = [row.label_span.start for row in table.rows if row.label_span.start > after]
    return min(starts, default=table.span.end + 200)


_MARKERS_2019 = tuple(compact(m) for m in ACTIVE_2019_MARKERS)


_HEADERS_2021 = tuple(compact(header) for block in ACTIVE_BLOCKS["2021"]
                      for _, header in block.columns
                      if compact(header) not in {compact(h) for b in ACTIVE_BLOCKS["2019"]
                                                 for _, h in b.columns})


_ROWS_2019_ONLY = {"active": ("other_services", "procurement"), "requests": ("other",)}


_ROWS_2021_ONLY = {"requests": ("other.no_correction",)}


def _first_marker(table: Table, headers: Sequence[str], rows: Sequence[str]) -> Span:
    """Where a table first shows one format: a header naming it, a row only it has, or the
    table's start."""
    spans = [h.span for h in table.headers if any(m in compact(h.text) for m in headers)]
    spans += [row.label_span for row in table.rows if row.key in rows]
    return min(spans, default=Span(table.span.start, table.span.start))


_REVIEW_FIELD = compile_re(r"[^|｜\t]+")


_CUT_SHORT = frozenset({"结果", "其他", "尚未"})


_SECOND_HALVES = frozenset({"维持", "纠正", "审结"})


def _cut_short_headers(header: TextPiece) -> list[Span]:
    """Table-四 header cells cut short ("结果" for 结果维持), when the header is split into
    cells by pipes or tabs and no cell holds the missing halves (a header wrapped over two
    rows)."""
    base = header.span.start
    return [Span(base + start, base + end) for start, end in _cut_short_offsets(header.text)]


@lru_cache(maxsize=256)
def _cut_short_offsets(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`_cut_short_headers` within ``text``, as offsets (the same headers come back in
    report after report)."""
    if not any(sep in text for sep in "|｜\t"):
        return ()
    cut: list[tuple[int, int]] = []
    for match in _REVIEW_FIELD.finditer(text):
        words = compact(match.group())
        if words in _SECOND_HALVES:
            return ()
        if words in _CUT_SHORT:
            inner = match.group()
            start = match.start() + len(inner) - len(inner.lstrip())
            cut.append((start, start + len(inner.strip())))
    return tuple(cut)


def _fee_cell(report: Report) -> Cell | None:
    table = report.table("active")
    if table is None or table.format != "2021":
        return None
    row = table.row("fees")
    return row.cells[0] if row is not None and row.cells else None


#: (Two literal openings rather than an optional 本年: a search then skips to them.)
_FEE_HEADER = compile_re(r"(?:本年收费金额|收费金额)[^|｜\t\n]{0,16}")


def _fee_header(text: str, table: Table) -> TextPiece | None:
    """The fee column's header as written, looked for between the row before 行政事业性收费
    and its label (a header in 元 is not recognised as the official one)."""
    fees = table.row("fees")
    if fees is None:
        return None
    before = [max((c.span.end for c in row.cells), default=row.label_span.end)
              for row in table.rows if row.label_span.start < fees.label_span.start]
    start = max(before, default=table.span.start)
    match = _FEE_HEADER.search(text, start, fees.label_span.start)
    if match is None:
        return None
    words = match.group().rstrip()
    return TextPiece(words, Span(match.start(), match.start() + len(words)))


def _option(options: Mapping[str, Any], name: str, default: float) -> float:
    value = options.get(name, default)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else default


#: Words with 区 or 县 that do not name a county-level division.
_NOT_COUNTY = compile_re(r"自治区|地区|开发区|新区|园区|集聚区|试验区|实验区|示范区|保税区|合作区"
                         r"|功能区|景区|社区|片区|辖区|城区|矿区|区域|县级市")


_COUNTY = compile_re(r"[\u4e00-\u9fff][县区]")


def _below_rule_making(report: Report) -> str | None:
    """Why the agency cannot make 规章 ("a township", "a county-level body"), or ``None`` when
    it may or its level is unknown."""
    if report.agency_kind is AgencyKind.TOWNSHIP:
        return _("a township")
    if report.agency is None or report.agency_kind not in (AgencyKind.GOVERNMENT,
                                                          AgencyKind.DEPARTMENT):
        return None
    name = _NOT_COUNTY.sub("", report.agency.text)
    return _("a county-level body") if _COUNTY.search(name) else None

