"""Ruled tables of a PDF read as cells, and a table continued on the next page joined into one.

pdfplumber finds a table from its ruling lines and gives each row the cells that start in it
(``None`` where a merged cell from the left or from above covers the place). The text of a
cell is rebuilt from the characters inside it, its wrapped lines joined as a paragraph's are.

A table that ends a page and a table of the same width that starts the next one are one table
broken by the page: they are joined, header rows the continuation repeats are dropped, and a
merged label cut by the page break ("（四）无" / "法提供") is put back together.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gipr_lint.reading.readers.pdf_lines import join_text, lines_of
from gipr_lint.regex import compile_re

__all__ = ["PdfCell", "PdfTable", "join_continued", "read_tables"]


@dataclass(slots=True)
class PdfCell:
    """A cell: its text (``""`` when blank), page, and column in its table's grid (1-based).

    ``x0``/``x1`` are its left and right edges; ``open_end`` says that its last line of text
    runs to its right edge, so that the text may go on (in the next part of a cut cell).
    """

    text: str
    page: int
    column: int
    x0: float = 0.0
    x1: float = 0.0
    open_end: bool = False


@dataclass(slots=True)
class PdfTable:
    """A table part on one page: rows of cells, ``None`` where a merged cell covers."""

    page: int
    bbox: tuple[float, float, float, float]
    columns: list[float]
    rows: list[list[PdfCell | None]] = field(default_factory=list)
    #: the last page this table (after joining) reaches, and where it ends there
    last_page: int = 0
    last_bottom: float = 0.0


def _cell_text(chars: Sequence[Mapping[str, Any]], tops: Sequence[float],
               bbox: tuple[float, float, float, float], page: int) -> tuple[str, bool]:
    x0, top, x1, bottom = bbox
    inside = [c for c in chars[bisect_left(tops, top):bisect_right(tops, bottom)]
              if x0 <= (float(c["x0"]) + float(c["x1"])) / 2 <= x1
              and top <= (float(c["top"]) + float(c["bottom"])) / 2 <= bottom]
    text = ""
    lines = lines_of(inside, page)
    for line in lines:
        text = join_text(text, line.text)
    open_end = bool(lines) and lines[-1].x1 >= x1 - 1.5 * (lines[-1].size or 1.0) - 2
    return text, open_end


def read_tables(page: Any, number: int) -> list[PdfTable]:
    """The ruled tables of a pdfplumber page, in reading order."""
    found = page.find_tables()
    if not found:
        return []
    chars = sorted(page.chars, key=lambda c: (float(c["top"]) + float(c["bottom"])) / 2)
    middles = [(float(c["top"]) + float(c["bottom"])) / 2 for c in chars]
    tables = []
    for table in found:
        columns = sorted({round(float(cell[0]), 1) for cell in table.cells})
        part = PdfTable(page=number, bbox=tuple(table.bbox), columns=columns, last_page=number,
                        last_bottom=float(table.bbox[3]))
        for row in table.rows:
            cells: list[PdfCell | None] = []
            for bbox in row.cells:
                if bbox is None:
                    cells.append(None)
                    continue
                column = _nearest(columns, float(bbox[0])) + 1
                text, open_end = _cell_text(chars, middles, bbox, number)
                cells.append(PdfCell(text, number, column, float(bbox[0]), float(bbox[2]),
                                     open_end))
            part.rows.append(cells)
        tables.append(part)
    tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    return tables


def _nearest(columns: Sequence[float], x: float) -> int:
    return min(range(len(columns)), key=lambda i: abs(columns[i] - x)) if columns else 0


_NUMBER = compile_re(r"^[\s\d.,，%\-—–/无]*$")
_LABEL_START = compile_re(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]"
    r"|第[一二三四五六七八九十\d]+)")


def _texts(row: Sequence[PdfCell | None]) -> list[str]:
    return [cell.text for cell in row if cell is not None]


def _drop_repeated_header(first: PdfTable, rest: PdfTable) -> None:
    """Drop the header rows a continuation repeats (Word's "repeat as header row")."""
    if not first.rows or all(_NUMBER.match(t) for t in _texts(first.rows[0])):
        return
    count = 0
    while (count < min(len(first.rows), len(rest.rows) - 1)
           and _texts(first.rows[count]) == _texts(rest.rows[count])):
        count += 1
    del rest.rows[:count]


def _rejoin_cut_labels(first: PdfTable, rest: PdfTable) -> None:
    """Put back together a label the page break cut ("（四）无" on one page, "法提供" on the next).

    A row cut in two (each of its cells continues on the next page) is joined cell by cell.
    Otherwise, in the continuation's first row, a non-numeric cell that does not start like a label
    ("（五）", "2.", "三、") continues the nearest cell above it when that cell has the same
    edges and its text runs to its right edge (it was cut, not finished); an empty cell under a
    merged cell continues that merged cell. A row left empty goes.
    """
    if not rest.rows or not first.rows:
        return
    row = rest.rows[0]
    if _split_row(first.rows[-1], row):
        by_column = {cell.column: cell for cell in first.rows[-1] if cell is not None}
        for cell in row:
            if cell is not None:
                upper = by_column[cell.column]
                upper.text = join_text(upper.text, cell.text)
        del rest.rows[0]
        return
    for index, cell in enumerate(row):
        if cell is None or (_NUMBER.match(cell.text) and cell.text):
            continue
        column = cell.column
        above = _above(first, column)
        if above is None:
            continue
        covered, target = above
        if not cell.text:
            if covered:
                row[index] = None
            continue
        if (_LABEL_START.match(cell.text) or target is None or _NUMBER.match(target.text)
                or not target.open_end or abs(target.x0 - cell.x0) > 2
                or abs(target.x1 - cell.x1) > 2):
            continue
        target.text = join_text(target.text, cell.text)
        row[index] = None
    if all(cell is None or not cell.text for cell in row):
        del rest.rows[0]


def _split_row(last: Sequence[PdfCell | None], row: Sequence[PdfCell | None]) -> bool:
    """Whether ``row`` is the rest of ``last``, a row the page break cut in two.

    Both have cells in the same columns; a cell of ``last`` whose text runs to its edge goes on
    in ``row`` with text that does not start like a label; no column has a number in both.
    """
    above = {cell.column: cell for cell in last if cell is not None}
    below = {cell.column: cell for cell in row if cell is not None}
    if not below or set(above) != set(below):
        return False
    if any(above[c].text and below[c].text and _NUMBER.match(above[c].text)
           and _NUMBER.match(below[c].text) for c in below):
        return False
    return any(above[c].open_end and below[c].text and not _NUMBER.match(below[c].text)
               and not _LABEL_START.match(below[c].text) for c in below)


def _above(table: PdfTable, column: int) -> tuple[bool, PdfCell | None] | None:
    """The cell nearest the bottom of ``table`` in ``column``, and whether a merged cell
    from higher up covers the last row there."""
    last = table.rows[-1]
    covered = not any(c is not None and c.column == column for c in last)
    for row in reversed(table.rows):
        for cell in row:
            if cell is not None and cell.column == column:
                return covered, cell
    return None


def _continues(first: PdfTable, rest: PdfTable) -> bool:
    return (rest.page == first.last_page + 1
            and abs(first.bbox[0] - rest.bbox[0]) < 3 and abs(first.bbox[2] - rest.bbox[2]) < 3)


def join_continued(first: PdfTable, rest: PdfTable) -> bool:
    """Join ``rest`` into ``first`` when it continues it on the next page; True if joined.

    The caller makes sure ``first`` ends its page and ``rest`` starts the next one.
    """
    if not _continues(first, rest):
        return False
    _drop_repeated_header(first, rest)
    for row in rest.rows:
        for cell in row:
            if cell is not None:
                cell.column = _nearest(first.columns, rest.columns[cell.column - 1]) + 1
    _rejoin_cut_labels(first, rest)
    first.rows.extend(rest.rows)
    first.last_page = rest.page
    first.last_bottom = rest.bbox[3]
    return True
