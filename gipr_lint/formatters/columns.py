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
    text = source.line_text(line)
    return len(text[:column - 1].encode("utf-8", "surrogatepass")) + 1 + max(
        0, column - 1 - len(text))


def _convert(diagnostic: Diagnostic, source: Source) -> Diagnostic:
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
        converted.append(replace(result, diagnostics=[_convert(d, source)
                                                      for d in result.diagnostics]))
    return converted
