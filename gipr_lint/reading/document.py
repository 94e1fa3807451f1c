"""What a reader of a structured format (HTML, Word, PDF) hands on: blocks with their origins.

A reader of a format that keeps table cells does not flatten them into text for layout
recovery to guess at again: it returns a :class:`Document`, paragraphs and tables in document
order, every piece with the :class:`Origin` it came from in the user's file. The reading stage
turns a document into the canonical text the layout recovery reads exactly (one paragraph a
line, one table row a line with its cells between ``|``; a blank cell stays empty, so it is not
read as 0) and keeps a map from that text back to the origins, so that a finding can name the
line and column of the ``.html`` file, the paragraph or table cell of the ``.docx`` file, or the
page of the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from gipr_lint.reading.source import Source

__all__ = ["Block", "Cell", "Document", "Origin", "Paragraph", "Table", "describe", "to_source"]

#: The kinds of file a document can come from.
FileKind = Literal["text", "html", "docx", "pdf"]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a piece of text stands in the original file; every field is 1-based or ``None``.

    HTML: ``line`` and ``column`` in the ``.html`` file. Word: ``paragraph`` (counted in
    document order, tables' paragraphs not included) or ``table``/``row``/``column`` of a cell.
    PDF: ``page`` and ``line`` on that page, and ``table``/``row``/``column`` for a table cell.
    """

    line: int | None = None
    column: int | None = None
    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None


#: Column-precise origins inside a paragraph or cell: ``(offset in its text, origin)`` pairs in
#: offset order. A reader of a markup format (HTML) gives one per literal run of characters, so
#: that the character ``k`` places after an entry's offset sits ``k`` columns after its origin.
Pieces = tuple[tuple[int, Origin], ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph (or a heading) of running text."""

    text: str
    origin: Origin
    pieces: Pieces = ()


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell after merged cells were expanded; ``text`` is ``""`` for a blank cell."""

    text: str
    origin: Origin
    pieces: Pieces = ()


@dataclass(frozen=True, slots=True)
class Table:
    """A table as rows of cells, in reading order."""

    rows: tuple[tuple[Cell, ...], ...]


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class Document:
    """A report as a reader of a structured format read it."""

    blocks: tuple[Block, ...]
    kind: FileKind
    #: The encoding the file's text was in, where it had one (a web page's charset).
    encoding: str = "utf-8"


def _one_line(text: str) -> tuple[str, int]:
    """A piece's text on one line (line breaks inside a paragraph or cell become spaces), and
    how many leading characters were stripped off."""
    joined = " ".join(text.replace("\u00a0", " ").replace("\r", " ").split("\n"))
    stripped = joined.lstrip()
    return stripped.rstrip(), len(joined) - len(stripped)


def _add(origins: list[tuple[int, Origin]], region: int, at: int, text: str, lead: int,
         origin: Origin, pieces: Pieces) -> None:
    """Map ``region`` on (a paragraph's line, or a cell from the space after its ``|``, where an
    empty cell's offset falls) to ``origin``, and each piece from its place in ``text``."""
    origins.append((region, origin))
    for offset, piece in pieces:
        shifted = offset - lead
        if shifted >= len(text):
            continue
        position = at + max(shifted, 0)
        if origins[-1][0] == position:
            origins[-1] = (position, piece)  # a piece at the very start: more precise
        else:
            origins.append((position, piece))


def describe(origin: Origin | None, kind: str) -> str | None:
    """The place an origin names, in words, for a file the user cannot open at a line:
    ``"table 3, row 5, column 2"``, ``"paragraph 12"``, ``"page 2, line 14"`` (in Chinese
    ``表3第5行第2列``, ``第12段``, ``第2页第14行``). ``None`` for text and HTML files, whose line
    and column already say where."""
    if origin is None or kind in ("text", "html"):
        return None
    from gipr_lint.i18n import translator

    _ = translator("gipr_lint")
    parts = []
    if origin.page is not None:
        parts.append(_("page {page}").format(page=origin.page))
    if origin.paragraph is not None:
        parts.append(_("paragraph {paragraph}").format(paragraph=origin.paragraph))
    if origin.table is not None:
        parts.append(_("table {table}").format(table=origin.table))
    if origin.row is not None:
        parts.append(_("row {row}").format(row=origin.row))
    if origin.cell is not None:
        parts.append(_("column {column}").format(column=origin.cell))
    if origin.line is not None and origin.table is None:
        parts.append(_("line {line}").format(line=origin.line))
    if not parts:
        return None
    place = parts[0]
    for part in parts[1:]:
        # the parts of one place: "page 2, line 14"; Chinese runs them together (第2页第14行)
        place = _("{place}, {part}").format(place=place, part=part)
    return place


def to_source(document: Document, path: str) -> Source:
    """The canonical text of ``document``, with the map from every piece back to its origin.

    Paragraphs become lines; a table row becomes one line ``| cell | cell | … |`` in which a
    blank cell stays empty. The :attr:`~gipr_lint.reading.source.Source.origins` map names the
    origin of each paragraph and each cell.
    """
    from gipr_lint.reading.source import Source

    parts: list[str] = []
    origins: list[tuple[int, Origin]] = []
    offset = 0
    for block in document.blocks:
        if isinstance(block, Paragraph):
            text, lead = _one_line(block.text)
            _add(origins, offset, offset, text, lead, block.origin, block.pieces)
            parts.append(text + "\n")
            offset += len(text) + 1
            continue
        for row in block.rows:
            line = "|"
            origins.append((offset, row[0].origin if row else Origin()))
            for cell in row:
                text, lead = _one_line(cell.text)
                _add(origins, offset + len(line), offset + len(line) + 1, text, lead,
                     cell.origin, cell.pieces)
                line += f" {text} |"
            parts.append(line + "\n")
            offset += len(line) + 1
    source = Source.from_text("".join(parts), path)
    return Source(text=source.text, path=path, encoding=document.encoding, bom=False,
                  newline=source.newline, line_starts=source.line_starts,
                  kind=document.kind, origins=tuple(origins))
