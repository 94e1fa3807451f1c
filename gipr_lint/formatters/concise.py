"""``path:line:col: severity CODE message``, one line per diagnostic: for editors and grep.

A path with spaces, a newline, a quote or a leading ``-`` is printed in double quotes with
JSON escapes. For a Word or PDF file the place in the file follows the message in brackets:
``report.docx:40:9: error T001 … (table 2, row 26, column 4)``; the line and column are those of
the report's canonical text (``gipr-lint parse --format text``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from gipr_lint.formatters import diagnostics, place_after, quote_path


def write(results: Sequence[Any], out: TextIO, context: Any) -> None:
    for d in diagnostics(results):
        message = d.message.replace("\r", " ").replace("\n", " ")
        if d.where:
            message = place_after(message, d.where)
        out.write(f"{quote_path(d.path)}:{d.line}:{d.column}: {d.severity.value} {d.code} "
                  f"{message}\n")
