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


def _origin(source: Any, diagnostic: Any) -> str:
    """Where the finding is in the original file (a page or cell of a structured file), when
    the reader recorded it."""
    if source is None or not getattr(source, "origins", ()):
        return ""
    origin = source.origin(diagnostic.span.start)
    if origin is None:
        return ""
    parts = [f"{name} {value}" for name in ("page", "paragraph", "table", "row", "cell", "line",
                                             "column")
             if (value := getattr(origin, name, None))]
    return ", ".join(parts)


def rows(results: Sequence[Any]) -> Iterator[list[Any]]:
    for result in results:
        report = result.report
        agency = report.agency.text if report is not None and report.agency else None
        kind = report.agency_kind.value if report is not None else None
        year = report.year if report is not None else None
        for d in result.diagnostics:
            yield [d.path, agency, kind, year, d.code, d.name, d.severity.value, d.line,
                   d.column, d.end_line, d.end_column, _origin(result.source, d), d.message,
                   " ".join(d.related)]


def write(results: Sequence[Any], out: TextIO, context: Any) -> None:
    write_rows(out, COLUMNS, rows(results))
