"""``--format csv``: one finding a line, for spreadsheets (columns in ``docs/batch.md``).

UTF-8 with a BOM, so that Excel opens the Chinese correctly; every text cell quoted (paths with
commas, quotes or newlines stay one cell); a text starting like a formula gets a leading ``'``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from gipr_lint.formatters.csv_escape import write_rows

#: The columns, in order.
COLUMNS = ("path", "agency", "agency_kind", "year", "code", "name", "severity", "line",
           "column", "end_line", "end_column", "origin", "message", "related")


def _place(source: Any, diagnostic: Any) -> str:
    """For a Word or PDF file (no lines of its own), the place the finding is in it, in the
    words of the other formats (``page 3, table 2, row 4, column 2``); else empty."""
    if source is None or source.kind in ("text", "html") or not source.origins:
        return ""
    from gipr_lint.reading.document import describe

    return describe(source.origin_at(diagnostic.span.start), source.kind) or ""


def rows(results: Sequence[Any]) -> Iterator[list[Any]]:
    for result in results:
        report = result.report
        agency = report.agency.text if report is not None and report.agency else None
        kind = report.agency_kind.value if report is not None else None
        year = report.year if report is not None else None
        for d in result.diagnostics:
            yield [d.path, agency, kind, year, d.code, d.name, d.severity.value, d.line,
                   d.column, d.end_line, d.end_column, _place(result.source, d), d.message,
                   " ".join(d.related)]


def write(results: Sequence[Any], out: TextIO, context: Any) -> None:
    write_rows(out, COLUMNS, rows(results))
