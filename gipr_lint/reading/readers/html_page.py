"""Reading a report out of a portal page (the work of the HTML reader, :mod:`.html`).

The page is decoded (:mod:`.html_charset`), scanned (:mod:`.html_scan`, safe on hostile pages)
and its article found (:mod:`.html_article`); this module turns the article into paragraphs and
tables: ``rowspan``/``colspan`` expanded onto the grid, labels split over ``<span>``/``<font>``
pieces joined, ``&nbsp;``, U+3000 and ``<o:p>`` blanks read as blank. Every piece of text keeps
its line and column in the ``.html`` file, so findings point into the page.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from html import unescape
from pathlib import Path

from gipr_lint.i18n import translator
from gipr_lint.reading.document import Cell, Document, Origin, Paragraph, Table, to_source
from gipr_lint.reading.readers.html_article import BLOCK, find_article, is_chrome
from gipr_lint.reading.readers.html_charset import page_encoding
from gipr_lint.reading.readers.html_scan import Scan, ScanLimit, TextRun, scan
from gipr_lint.reading.source import DecodeError, Source
from gipr_lint.regex import compile_re

__all__ = ["read_document", "read_html"]

_ = translator("gipr_lint")

_SPACE = compile_re(r"[ \t\n\r\f\u00a0\u3000]+")
# white space that is not one plain space: it becomes one space (a plain space stays in its
# piece, so plain prose is one piece and the map from text to page stays small)
_COLLAPSE = compile_re(r"[\t\n\r\f\u00a0\u3000][ \t\n\r\f\u00a0\u3000]*| [ \t\n\r\f\u00a0\u3000]+")
_ENTITY = compile_re(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
#: Largest span a cell may claim; the HTML standard's own limits.
MAX_COLSPAN, MAX_ROWSPAN = 1000, 65534
class _Page:
    """A scanned page and where each of its text runs sits (line, column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.scan: Scan = scan(text)
        starts = [0]
        find = text.find
        index = find("\n")
        while index >= 0:
            starts.append(index + 1)
            index = find("\n", index + 1)
        self.line_starts = starts

    def origin(self, offset: int) -> Origin:
        line = bisect_right(self.line_starts, offset) - 1
        return Origin(line=line + 1, column=offset - self.line_starts[line] + 1)

    def pieces(self, run: TextRun) -> list[tuple[str, int]]:
        """A text run as ``(text, offset)`` pieces: literal runs, decoded character references,
        and ``" "`` (offset -1) for each run of white space (including NBSP and U+3000)."""
        out: list[tuple[str, int]] = []
        text = self.text
        pos = run.start
        for entity in _ENTITY.finditer(text, run.start, run.end):
            self._literal(pos, entity.start(), out)
            decoded = unescape(entity.group())
            if _SPACE.fullmatch(decoded):
                out.append((" ", -1))
            elif decoded:
                out.append((decoded, entity.start()))
            pos = entity.end()
        self._literal(pos, run.end, out)
        return out

    def _literal(self, start: int, end: int, out: list[tuple[str, int]]) -> None:
        text = self.text
        pos = start
        for space in [*_COLLAPSE.finditer(text, start, end), None]:
            stop = space.start() if space else end
            if stop > pos and text[pos] == " ":  # a lone leading space: its own piece
                out.append((" ", -1))
                pos += 1
            if stop > pos:
                out.append((text[pos:stop], pos))
            if space:
                out.append((" ", -1))
                pos = space.end()


class _Text:
    """Pieces of text gathered for one paragraph or cell."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pieces: list[tuple[int, int]] = []  # (offset in text, page offset)
        self.length = 0

    def add(self, piece: str, at: int, join: bool = False) -> None:
        if piece == " ":
            if self.parts and not self.parts[-1].endswith(" "):
                self.parts.append(" ")
                self.length += 1
            return
        if join and self.parts and self.parts[-1] != " ":
            self.parts.append(" ")
            self.length += 1
        self.pieces.append((self.length, at))
        self.parts.append(piece)
        self.length += len(piece)

    def soft_break(self) -> None:
        """A block boundary inside a cell: words stay apart, CJK pieces join."""
        if self.parts and self.parts[-1] != " " and not _cjk(self.parts[-1][-1]):
            self.parts.append(" ")
            self.length += 1

    def empty(self) -> bool:
        return not any(part != " " for part in self.parts)


def _cjk(char: str) -> bool:
    return ("\u2e80" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"
            or "\u3000" <= char <= "\u303f")


class _Builder:
    """Turns the article's events into paragraphs and tables of a :class:`Document`."""

    def __init__(self, page: _Page) -> None:
        self.page = page
        self.blocks: list[Paragraph | Table] = []
        self.current = _Text()
        # one entry per open data table: rows of (text, rowspan, colspan)
        # per open data table: rows of (text, rowspan, colspan, offset of the <td> tag)
        self.tables: list[list[list[tuple[_Text, int, int, int]]]] = []
        self.cell: list[_Text | None] = []

    def _origins(self, text: _Text, at: int | None = None
                 ) -> tuple[Origin, tuple[tuple[int, Origin], ...]]:
        """The origin of a paragraph or cell (its first piece, else the tag at ``at``) and of
        each of its pieces."""
        pieces = tuple((offset, self.page.origin(start)) for offset, start in text.pieces)
        if pieces:
            return pieces[0][1], pieces
        return (self.page.origin(at) if at is not None else Origin()), pieces

    def flush(self) -> None:
        text = self.current
        if not text.empty():
            value = "".join(text.parts).strip()
            lead = len("".join(text.parts)) - len("".join(text.parts).lstrip())
            origin, pieces = self._origins(text)
            pieces = tuple((offset - lead, o) for offset, o in pieces)
            self.blocks.append(Paragraph(value, origin, pieces))
        self.current = _Text()

    def target(self) -> _Text | None:
        if self.tables:
            return self.cell[-1] if self.cell else None
        return self.current

    def text(self, run: TextRun) -> None:
        target = self.target()
        if target is None:
            return  # text between cells of a table (stray)
        for piece, at in self.page.pieces(run):
            target.add(piece, at)

    def block(self) -> None:
        if self.tables:
            if self.cell and self.cell[-1] is not None:
                self.cell[-1].soft_break()
            return
        self.flush()

    def start_table(self) -> None:
        self.flush()
        self.tables.append([])
        self.cell.append(None)

    def start_row(self) -> None:
        if self.tables:
            self.tables[-1].append([])
            self.cell[-1] = None

    def start_cell(self, attrs: dict[str, str], at: int) -> None:
        if not self.tables:
            return
        rows = self.tables[-1]
        if not rows:
            rows.append([])
        text = _Text()
        rows[-1].append((text, _span(attrs.get("rowspan"), MAX_ROWSPAN),
                         _span(attrs.get("colspan"), MAX_COLSPAN), at))
        self.cell[-1] = text

    def end_cell(self) -> None:
        if self.tables:
            self.cell[-1] = None

    def end_table(self, number: int) -> None:
        rows = self.tables.pop()
        self.cell.pop()
        table = self._grid(rows, number)
        if table.rows:
            self.blocks.append(table)

    def _grid(self, rows: list[list[tuple[_Text, int, int, int]]], number: int) -> Table:
        """Expand ``rowspan``/``colspan``: a merged cell's text stands in its first row and
        column; the other places it covers are blank cells with the same origin."""
        grid: list[tuple[Cell, ...]] = []
        pending: dict[int, tuple[int, Cell]] = {}  # column -> (rows still covered, cell)
        for row in rows:
            if not row and not pending:
                continue
            out: list[Cell] = []
            column = _fill(pending, out, 0)
            for text, rowspan, colspan, at in row:
                column = _fill(pending, out, column)
                whole = "".join(text.parts)
                lead = len(whole) - len(whole.lstrip())
                origin, pieces = self._origins(text, at)
                cell = Cell(whole.strip(), origin,
                            tuple((offset - lead, o) for offset, o in pieces))
                blank = Cell("", origin)
                for extra in range(colspan):
                    out.append(cell if extra == 0 else blank)
                    if rowspan > 1:
                        pending[column] = (rowspan - 1, blank)
                    column += 1
            for covered in sorted(k for k in pending if k >= column):
                while column < covered:
                    out.append(Cell("", out[-1].origin if out else Origin()))
                    column += 1
                column = _fill(pending, out, column)
            grid.append(tuple(out))
        return Table(tuple(grid))


def _fill(pending: dict[int, tuple[int, Cell]], out: list[Cell], column: int) -> int:
    """Append the cells that merged cells of rows above cover from ``column`` on."""
    while column in pending:
        left, covered = pending[column]
        out.append(covered)
        if left <= 1:
            del pending[column]
        else:
            pending[column] = (left - 1, covered)
        column += 1
    return column


def _span(value: str | None, limit: int) -> int:
    if not value:
        return 1
    match = re.match(r"\s*(\d{1,6})", value)
    if not match:
        return 1
    return max(1, min(int(match.group(1)), limit))


def _data_tables(page: _Page, first: int, last: int) -> set[int]:
    """The tables read as tables: those holding no other table, more than one column and not
    two section headings.

    A table around other tables, with a single column or around the sections only lays the page
    out; its cells are read as paragraphs.
    """
    result = page.scan
    layout: set[int] = set()
    columns: dict[int, int] = {}
    table_stack: list[int] = []
    row_cells = 0
    for kind, value in result.events[first:last]:
        assert isinstance(value, int) or kind == "text"
        if kind == "start":
            assert isinstance(value, int)
            tag = result.elements[value].tag
            if tag == "table":
                if table_stack:
                    layout.add(table_stack[-1])
                table_stack.append(value)
                columns[value] = 0
            elif tag == "tr":
                row_cells = 0
            elif tag in ("td", "th") and table_stack:
                row_cells += _span(result.elements[value].attrs.get("colspan"), MAX_COLSPAN)
                columns[table_stack[-1]] = max(columns[table_stack[-1]], row_cells)
        elif kind == "end":
            assert isinstance(value, int)
            if result.elements[value].tag == "table" and table_stack:
                table_stack.pop()
    return {index for index, count in columns.items()
            if count > 1 and index not in layout and not result.elements[index].layout}


def read_document(data: bytes) -> Document:
    """Read a page's bytes into a :class:`Document` (raises :class:`DecodeError`)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()  # many small acyclic objects: collection would only slow reading down
    try:
        return _read_document(data)
    except ScanLimit as exc:
        raise DecodeError(str(exc)) from None
    finally:
        if enabled:
            gc.enable()


def _read_document(data: bytes) -> Document:
    text, encoding = page_encoding(data)
    page = _Page(text)
    first, last = find_article(page.scan, page.text)
    result = page.scan
    data_tables = _data_tables(page, first, last)
    builder = _Builder(page)
    skip_until = -1  # the end event of a skipped element
    table_number = 0
    open_data: list[int] = []
    for index in range(first, last):
        if index < skip_until:
            continue
        kind, value = result.events[index]
        if kind == "text":
            assert isinstance(value, TextRun)
            builder.text(value)
            continue
        assert isinstance(value, int)
        element = result.elements[value]
        tag = element.tag
        if kind == "start":
            if is_chrome(element):
                skip_until = element.end if element.end > index else last
                continue
            if tag == "table" and value in data_tables:
                table_number += 1
                open_data.append(value)
                builder.start_table()
            elif tag == "tr" and open_data and _in_table(result, value, open_data[-1]):
                builder.start_row()
            elif tag in ("td", "th") and open_data and _in_table(result, value, open_data[-1]):
                builder.start_cell(element.attrs, element.at)
            elif tag in BLOCK:
                builder.block()
        else:
            if tag == "table" and open_data and open_data[-1] == value:
                open_data.pop()
                builder.end_table(table_number)
            elif tag in ("td", "th") and open_data and _in_table(result, value, open_data[-1]):
                builder.end_cell()
            elif tag in BLOCK:
                builder.block()
    while open_data:
        open_data.pop()
        builder.end_table(table_number)
    builder.flush()
    return Document(tuple(builder.blocks), "html", encoding)


def _in_table(result: Scan, element: int, table: int) -> bool:
    """Whether a row or cell belongs to ``table`` itself (not to a table nested in it)."""
    parent = result.elements[element].parent
    while parent >= 0:
        tag = result.elements[parent].tag
        if tag == "table":
            return parent == table
        if tag in ("td", "th"):
            return False
        parent = result.elements[parent].parent
    return False


def read_html(path: Path) -> Source:
    """Read an HTML report file (raises ``OSError`` or :class:`DecodeError`)."""
    data = Path(path).read_bytes()
    if not data.strip():
        raise DecodeError(_("empty file"))
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeError(_("binary data, not a web page"))
    document = read_document(data)
    if not document.blocks:
        raise DecodeError(_("no text found on this page"))
    return to_source(document, str(path))
