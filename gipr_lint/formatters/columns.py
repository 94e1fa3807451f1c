"""``--columns bytes``: columns that count UTF-8 bytes, for editors that read byte columns.

Vim's and Neovim's ``errorformat`` ``%c`` is a byte column of the buffer's text, which both
editors hold as UTF-8 whatever the file's encoding on disk; on a Chinese line a character column
lands the cursor several characters off. This rewrites each diagnostic's ``column`` and
``end_column`` to the 1-based UTF-8 byte offset of the same character in its line.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gipr_lint.diagnostics import Diagnostic
    from gipr_lint.linting.engine import FileResult
    from gipr_lint.reading.source import Source

__all__ = ["REFUSED_FORMATS", "byte_column", "to_byte_columns"]

#: Formats whose columns may be bytes; ``full`` draws carets from characters and SARIF
#: declares ``unicodeCodePoints``, so both refuse ``--columns bytes``.
REFUSED_FORMATS = frozenset({"full", "sarif"})


def byte_column(source: Source, line: int, column: int) -> int:
    """The 1-based UTF-8 byte column of the character at 1-based ``line``:``column``."""
    if line > source.line_count:
        return column
    return _bytes_before(source.line_text(line), column)


def _bytes_before(text: str, column: int) -> int:
    return len(text[:column - 1].encode("utf-8", "surrogatepass")) + 1 + max(
        0, column - 1 - len(text))


def _page_lines(source: Source) -> list[str] | None:
    """The lines of the web page itself: an HTML finding's line and column are the page's,
    not the canonical text's. ``None`` when the page cannot be read again."""
    try:
        with open(source.path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    return data.decode(source.encoding, errors="replace").replace("\r\n", "\n").split("\n")


def _convert(diagnostic: Diagnostic, source: Source, page: list[str] | None) -> Diagnostic:
    if page is not None:
        def column_of(line: int, column: int) -> int:
            return _bytes_before(page[line - 1], column) if 0 < line <= len(page) else column

        return replace(diagnostic, column=column_of(diagnostic.line, diagnostic.column),
                       end_column=column_of(diagnostic.end_line, diagnostic.end_column))
    return replace(diagnostic,
                   column=byte_column(source, diagnostic.line, diagnostic.column),
                   end_column=byte_column(source, diagnostic.end_line, diagnostic.end_column))


def to_byte_columns(results: list[FileResult]) -> list[FileResult]:
    """The results with every column counted in UTF-8 bytes."""
    converted = []
    for result in results:
        source = result.source
        if source is None or not result.diagnostics:
            converted.append(result)
            continue
        page = _page_lines(source) if source.kind == "html" else None
        converted.append(replace(result, diagnostics=[_convert(d, source, page)
                                                      for d in result.diagnostics]))
    return converted
