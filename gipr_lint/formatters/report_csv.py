"""``gipr-lint parse --format csv FILE…``: one line per report, every cell of tables 二, 三 and
四 a named column, for researchers who score reports nationally (columns in ``docs/batch.md``).

A cell column is ``<table>.<row id>.<column id>``: ``active.rules.in_force``,
``requests.carried_over.自然人``, ``review.litigation_direct.总计``. The columns are the same for
every file, the union of the 2021 and the 2019 formats; a cell a report's format does not have,
or that could not be read, is empty.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from gipr_lint.formatters.csv_escape import write_rows
from gipr_lint.model import Report
from gipr_lint.templates import (
    ACTIVE_BLOCKS,
    REQUEST_COLUMNS,
    REQUEST_ROWS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
)

__all__ = ["FACT_COLUMNS", "cell_columns", "write"]

FACT_COLUMNS = ("path", "agency", "agency_kind", "year", "format", "tables_complete", "error")


def cell_columns() -> list[tuple[str, str, str, int]]:
    """``(column name, table kind, row key, column index)`` of every table cell column."""
    out: dict[str, tuple[str, str, str, int]] = {}
    for format_ in ("2021", "2019"):
        for block in ACTIVE_BLOCKS[format_]:
            for row in block.rows:
                for index, column in enumerate(block.column_ids):
                    name = f"active.{row.key}.{column}"
                    out.setdefault(name, (name, "active", row.key, index))
    for format_ in ("2021", "2019"):
        for row in REQUEST_ROWS[format_]:
            for index, column in enumerate(REQUEST_COLUMNS):
                name = f"requests.{row.key}.{column}"
                out.setdefault(name, (name, "requests", row.key, index))
    for key, _label in REVIEW_GROUPS:
        for index, column in enumerate(REVIEW_COLUMNS):
            name = f"review.{key}.{column}"
            out.setdefault(name, (name, "review", key, index))
    return list(out.values())


def _active_index(report: Report, row: str, column: str) -> int | None:
    table = report.tables.get("active")
    if table is None:
        return None
    for block in ACTIVE_BLOCKS.get(table.format, ()):
        if any(template.key == row for template in block.rows):
            return block.column_ids.index(column) if column in block.column_ids else None
    return None


def _value(report: Report, name: str, kind: str, row_key: str, index: int) -> Any:
    table = report.tables.get(kind)
    if table is None:
        return None
    row = table.row(row_key)
    if row is None:
        return None
    if kind == "active":
        found = _active_index(report, row_key, name.rsplit(".", 1)[1])
        if found is None:
            return None
        index = found
    return row.cells[index].value if index < len(row.cells) else None


def _complete(report: Report) -> bool:
    return len(report.tables) == 3 and all(
        not table.missing_rows and all(cell.value is not None for _, _, cell in table.cells())
        for table in report.tables.values())


def rows(reports: Sequence[Report | tuple[str, str]]) -> Iterator[list[Any]]:
    """One row per report; a ``(path, error)`` pair is a file that could not be read."""
    columns = cell_columns()
    for report in reports:
        if isinstance(report, tuple):
            yield [report[0], None, None, None, None, None, report[1]] + [None] * len(columns)
            continue
        facts = [report.path, report.agency.text if report.agency else None,
                 report.agency_kind.value, report.year, report.format, _complete(report), None]
        yield facts + [_value(report, *column) for column in columns]


def write(reports: Sequence[Report | tuple[str, str]], out: TextIO) -> None:
    header = [*FACT_COLUMNS, *(name for name, *_ in cell_columns())]
    write_rows(out, header, rows(reports))
