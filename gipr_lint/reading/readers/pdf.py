"""The PDF reader: reports published as PDF files with a text layer.

A plugin module of its own, registered under the ``gipr_lint`` entry points exactly as a third
party's reader would be (``pdf = "gipr_lint.reading.readers.pdf"``). pdfplumber is imported only
when a PDF is read, so linting text files does not start slower.

The PDF becomes a :class:`~gipr_lint.reading.document.Document` of paragraphs and tables (see
:mod:`~gipr_lint.reading.readers.pdf_extract`); every paragraph names its page and line on that
page, every table cell its page, table, row and column, so that findings point into the PDF.
A scan without a text layer, an encrypted or damaged file, or one over the budget of
:mod:`~gipr_lint.reading.readers.pdf_budget` is refused with a message saying why.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gipr_lint.hookspecs import hookimpl
from gipr_lint.i18n import translator
from gipr_lint.reading.document import Document, to_source
from gipr_lint.reading.source import DecodeError, Source

if TYPE_CHECKING:  # the budget module (pickle, signal, select) loads only when a PDF is read
    from gipr_lint.reading.readers.pdf_budget import Limits

__all__ = ["PdfReader", "gipr_lint_readers", "read_pdf"]

_ = translator("gipr_lint")

GIPR_LINT_API = 1


def _check_file(path: Path, limits: Limits) -> None:
    size = path.stat().st_size
    if size > limits.max_mb * 1024 * 1024:
        raise DecodeError(_("the PDF is {size} MB, more than the limit of {limit} MB for one "
                            "file (raise it with GIPR_LINT_PDF_MAX_MB)").format(
                              size=f"{size / 1024 / 1024:.0f}", limit=f"{limits.max_mb:g}"))
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise DecodeError(_("not a PDF file (it does not start with %PDF-)"))


def read_pdf(path: str | Path, limits: Limits | None = None) -> Source:
    """Read a PDF into a :class:`Source` whose origins name pages, lines and table cells.

    Raises ``OSError`` or :class:`~gipr_lint.reading.source.DecodeError` with a message.
    """
    from gipr_lint.reading.readers.pdf_budget import Limits, run_limited

    path = Path(path)
    limits = limits or Limits.from_env()
    _check_file(path, limits)

    # imported here, before the reading child is forked, so that each child inherits them
    # instead of importing pdfplumber again
    from gipr_lint.reading.readers.pdf_extract import Extracted, extract, preload

    preload()

    def work() -> object:
        return extract(path, max_pages=limits.max_pages, timeout=limits.timeout)

    extracted = run_limited(work, limits)

    if not isinstance(extracted, Extracted):  # pragma: no cover - defensive
        raise DecodeError("the PDF reader returned nothing")
    return to_source(Document(extracted.blocks, "pdf"), str(path))


class PdfReader:
    """PDF files with a text layer (``*.pdf``)."""

    name = "pdf"
    suffixes: Sequence[str] = (".pdf",)

    def accepts(self, head: bytes) -> bool:
        """A PDF names itself in its first bytes, whatever the file is called."""
        return head.startswith(b"%PDF")

    def read(self, path: Path) -> Source:
        return read_pdf(path)


@hookimpl
def gipr_lint_readers() -> list[PdfReader]:
    return [PdfReader()]
