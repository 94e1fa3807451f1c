"""A PDF's text layer read into paragraphs and tables, each piece with its page (and line).

This is the work done inside the budget (:mod:`~gipr_lint.reading.readers.pdf_budget`): open
the file with pdfplumber, read every page's lines and ruled tables, drop running headers,
footers and page numbers, join paragraphs and tables that continue on the next page. Problems
with the file itself become :class:`PdfError` with a message a user can act on.
"""

from __future__ import annotations

import io
import itertools
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gipr_lint.i18n import translator
from gipr_lint.reading.document import Block, Cell, Origin, Paragraph, Table
from gipr_lint.reading.readers.pdf_lines import Layout, Line, furniture, join_text, lines_of
from gipr_lint.reading.readers.pdf_lines import paragraphs as group_paragraphs
from gipr_lint.reading.readers.pdf_tables import PdfTable, join_continued, read_tables
from gipr_lint.reading.source import DecodeError

__all__ = ["Extracted", "PdfError", "extract", "preload"]

_ = translator("gipr_lint")

#: Fewer readable characters than this in the whole file: a scan without a text layer.
MIN_TEXT = 20


class PdfError(DecodeError):
    """The PDF cannot be read: encrypted, damaged, without text layer, over budget."""


@dataclass(frozen=True, slots=True)
class Extracted:
    """The blocks read (a paragraph's later lines are its pieces: each names its page and
    line) and the number of pages."""

    blocks: tuple[Block, ...]
    pages: int


def preload() -> None:
    """Import pdfplumber and the parts of pdfminer the reading uses, and silence their logging:
    pdfminer warns on stderr about every oddity of a damaged file, which is not the user's
    business (a file that cannot be read gets one message)."""
    import logging

    import pdfminer.pdfpage  # noqa: F401
    import pdfplumber  # noqa: F401

    for name in ("pdfminer", "pdfplumber"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


def _open(source: Path | io.BytesIO) -> Any:
    import pdfplumber

    try:
        return pdfplumber.open(source)
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        raise _translate(exc) from None


class _Unreadable(Exception):
    """The cross-reference table led nowhere: read again by scanning the objects."""

    def __init__(self, error: PdfError) -> None:
        super().__init__(str(error))
        self.error = error


def _translate(exc: BaseException) -> PdfError:
    """A message for what pdfminer raised on a file it could not read."""
    cause: BaseException = exc
    while getattr(cause, "__cause__", None) is not None or (cause.args and isinstance(
            cause.args[0], BaseException)):
        nxt = cause.__cause__ or cause.args[0]
        if not isinstance(nxt, BaseException) or nxt is cause:
            break
        cause = nxt
    name = type(cause).__name__
    if isinstance(cause, RecursionError):
        return PdfError(_("the PDF's objects are nested too deeply to read (a damaged or "
                          "hostile file)"))
    if isinstance(cause, MemoryError):
        return PdfError("reading the PDF needs more memory than the limit for one file (raise "
                        "it with GIPR_LINT_PDF_MAX_MEMORY_MB)")
    if "Password" in name or "Encrypt" in name:
        return PdfError(_("the PDF is encrypted (password-protected); save an unprotected "
                          "copy to lint it"))
    return PdfError(_("not a readable PDF (damaged or truncated file: {detail})").format(
        detail=_detail(cause)))


def _detail(exc: BaseException) -> str:
    """pdfminer's own words, on one line, printable and short (they may quote file bytes)."""
    text = str(exc).strip() or type(exc).__name__
    text = "".join(ch if ch.isprintable() else "?" for ch in text.splitlines()[0])
    return text if len(text) <= 80 else text[:79] + "…"


def _page_count(pdf: Any, limit: int) -> int:
    from pdfminer.pdfpage import PDFPage

    return sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), limit + 1))


def _check_time(deadline: float | None, seconds: float) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise PdfError(f"reading the PDF took longer than {seconds:g} s, the limit for one "
                       "file (raise it with GIPR_LINT_PDF_TIMEOUT)")


def _upright(pdf: Any, page: Any, number: int) -> Any:
    """The page turned so that its text reads upright.

    A page whose text runs sideways as displayed (content drawn for portrait on a page the
    ``/Rotate`` entry turns, or the other way round) would lose its text, as lines are read
    from upright characters only: it is read under the rotation that makes most characters
    upright, as a reader turns the paper.
    """
    chars = page.chars
    if not chars or 2 * sum(1 for c in chars if c.get("upright", True)) >= len(chars):
        return page
    from pdfplumber.page import Page

    page_obj = page.page_obj
    attrs = page_obj.attrs
    original, original_rotate = attrs.get("Rotate"), getattr(page_obj, "rotate", 0)
    for turn in (0, 90, 180, 270):
        attrs["Rotate"] = turn  # read by pdfplumber
        page_obj.rotate = turn  # and by pdfminer's interpreter
        candidate = Page(pdf, page.page_obj, page_number=number,
                         initial_doctop=page.initial_doctop)
        turned = candidate.chars
        if turned and 2 * sum(1 for c in turned if c.get("upright", True)) > len(turned):
            return candidate
    if original is None:
        attrs.pop("Rotate", None)
    else:
        attrs["Rotate"] = original
    page_obj.rotate = original_rotate
    return page


def _outside(line: Line, tables: list[PdfTable]) -> bool:
    middle = (line.top + line.bottom) / 2
    return not any(t.bbox[1] <= middle <= t.bbox[3] and t.bbox[0] - 2 <= line.x0 <= t.bbox[2]
                   for t in tables)


def extract(path: Path, *, max_pages: int, timeout: float | None = None) -> Extracted:
    """Read the PDF at ``path``. Raises :class:`PdfError` (or ``OSError``).

    When the cross-reference table leads to no page (offsets that point nowhere, a damaged
    ``startxref``), the file is read once more by scanning it for its objects, as PDF viewers
    do; if that fails too, the first error is the one reported.
    """
    deadline = time.monotonic() + timeout if timeout else None
    try:
        return _extract(_open(path), max_pages, deadline, timeout or 0.0)
    except _Unreadable as first:
        data = path.read_bytes()
        end = data.rfind(b"startxref")
        data = data[:end] if end > 0 else data  # no startxref: pdfminer scans the objects
        try:
            return _extract(_open(io.BytesIO(data)), max_pages, deadline, timeout or 0.0)
        except _Unreadable:
            raise first.error from None
        except PdfError:
            raise first.error from None


def _extract(pdf: Any, max_pages: int, deadline: float | None, seconds: float) -> Extracted:
    try:
        try:
            count = _page_count(pdf, max_pages)
        except RecursionError:
            raise _translate(RecursionError()) from None
        except Exception as exc:
            error = _translate(exc)
            if str(error) == str(_translate(RecursionError())):
                raise error from None
            raise _Unreadable(error) from None
        if count > max_pages:
            raise PdfError(f"the PDF has more than {max_pages} pages, the limit for one file "
                           "(raise it with GIPR_LINT_PDF_MAX_PAGES)")
        if count == 0:
            raise _Unreadable(PdfError(_("the PDF has no pages that can be read (a damaged "
                                         "cross-reference table?)")))
        try:
            return _read(pdf, count, deadline, seconds)
        except PdfError:
            raise
        except Exception as exc:
            raise _translate(exc) from None
    finally:
        _close(pdf)


def _close(pdf: Any) -> None:
    """Close the file; not ``pdf.close()``, which walks (and may fail on) every page."""
    stream = getattr(pdf, "stream", None)
    if stream is not None:
        stream.close()


def _read(pdf: Any, count: int, deadline: float | None, seconds: float) -> Extracted:
    page_lines: list[list[Line]] = []
    page_tables: list[list[PdfTable]] = []
    heights: list[float] = []
    for number, page in enumerate(pdf.pages, start=1):
        _check_time(deadline, seconds)
        try:
            page = _upright(pdf, page, number)
            # a ruled frame around running text is no table: its lines are read as the page's
            tables = [table for table in read_tables(page, number) if not _is_frame(table)]
            lines = [line for line in lines_of(page.chars, number) if _outside(line, tables)]
        except (RecursionError, MemoryError):
            raise
        except Exception as exc:  # a damaged page: refuse the file rather than lint a part
            if "allocate" in str(exc):  # zlib out of memory under the memory limit
                raise MemoryError from None
            raise PdfError(_("page {number} of the PDF cannot be read (damaged: {detail})")
                           .format(number=number, detail=_detail(exc))) from None
        page_lines.append(lines)
        page_tables.append(tables)
        heights.append(float(page.height))
        page.flush_cache() if hasattr(page, "flush_cache") else None
    dropped = furniture(page_lines, heights)
    body = [[line for line in lines if line not in dropped] for lines in page_lines]
    text_size = sum(len(line.text.strip()) for lines in body for line in lines) + sum(
        len(cell.text) for tables in page_tables for table in tables for row in table.rows
        for cell in row if cell is not None)
    if text_size < MIN_TEXT:
        raise PdfError(_("the PDF has no text layer ({count} page(s) of images, a scan?): it "
                         "needs OCR (text recognition) before it can be linted").format(
                           count=count))
    return _blocks(body, page_tables, count)


def _blocks(body: list[list[Line]], page_tables: list[list[PdfTable]], pages: int) -> Extracted:
    # reading order: per page, lines and tables by their top; None marks a table
    items: list[Line | PdfTable] = []
    for lines, tables in zip(body, page_tables, strict=True):
        ordered: list[tuple[float, Line | PdfTable]] = [(line.top, line) for line in lines]
        ordered += [(table.bbox[1], table) for table in tables]
        ordered.sort(key=lambda pair: pair[0])
        for _top, item in ordered:
            previous = items[-1] if items else None
            if (isinstance(item, PdfTable) and isinstance(previous, PdfTable)
                    and previous.last_page + 1 == item.page
                    and _ends_page(previous, body) and _starts_page(item, body)
                    and join_continued(previous, item)):
                continue
            items.append(item)
    layout = Layout.of([line for lines in body for line in lines])
    line_numbers = {id(line): n for lines in body for n, line in enumerate(lines, start=1)}
    blocks: list[Block] = []
    run: list[Line] = []
    table_count = 0

    def flush() -> None:
        for group in group_paragraphs(run, layout):
            text = ""
            starts = []
            for line in group:
                joined = join_text(text, line.text)
                starts.append((len(joined) - len(line.text), line))
                text = joined
            # every line after the first is a piece, so that a finding in the middle of a
            # long paragraph names the page and line it is on
            pieces = tuple((offset, Origin(page=line.page, line=line_numbers[id(line)]))
                           for offset, line in starts[1:])
            blocks.append(Paragraph(text, Origin(page=group[0].page,
                                                 line=line_numbers[id(group[0])]), pieces))
        run.clear()

    for item in items:
        if isinstance(item, Line):
            run.append(item)
            continue
        flush()
        table_count += 1
        blocks.append(_table(item, table_count))
    flush()
    return Extracted(tuple(blocks), pages)


def _ends_page(table: PdfTable, body: list[list[Line]]) -> bool:
    return not any(line.top > table.last_bottom for line in body[table.last_page - 1])


def _starts_page(table: PdfTable, body: list[list[Line]]) -> bool:
    return not any(line.bottom < table.bbox[1] for line in body[table.page - 1])


def _is_frame(table: PdfTable) -> bool:
    """A ruled frame around running text: one cell to a row, and not a row of numbers."""
    return all(sum(cell is not None for cell in row) <= 1 for row in table.rows) and any(
        len(cell.text) > 40 for row in table.rows for cell in row if cell is not None)


def _table(table: PdfTable, number: int) -> Table:
    rows = []
    for index, row in enumerate(table.rows, start=1):
        cells = tuple(Cell(cell.text.replace("\u3000", " ").strip(),
                           Origin(page=cell.page, table=number, row=index, cell=cell.column))
                      for cell in row if cell is not None)
        if cells:
            rows.append(cells)
    return Table(tuple(rows))
