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

__all__ = ["Block", "Cell", "Document", "Origin", "Paragraph", "Table", "to_source"]

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


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph (or a heading) of running text."""

    text: str
    origin: Origin


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell after merged cells were expanded; ``text`` is ``""`` for a blank cell."""

    text: str
    origin: Origin


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


def _one_line(text: str) -> str:
    """A piece's text on one line: line breaks inside a paragraph or cell become spaces."""
    return " ".join(text.replace("\u00a0", " ").split("\n")).strip()


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
            text = _one_line(block.text)
            origins.append((offset, block.origin))
            parts.append(text + "\n")
            offset += len(text) + 1
            continue
        for row in block.rows:
            line = "|"
            origins.append((offset, row[0].origin if row else Origin()))
            for cell in row:
                text = _one_line(cell.text)
                origins.append((offset + len(line) + 1, cell.origin))
                line += f" {text} |"
            parts.append(line + "\n")
            offset += len(line) + 1
    source = Source.from_text("".join(parts), path)
    return Source(text=source.text, path=path, encoding="utf-8", bom=False,
                  newline=source.newline, line_starts=source.line_starts,
                  kind=document.kind, origins=tuple(origins))
