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
from typing import Literal

__all__ = ["Block", "Cell", "Document", "Origin", "Paragraph", "Table"]

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
