"""Helpers shared by the cross-report rules."""

from __future__ import annotations

from typing import NamedTuple

from gipr_lint.api import ACTIVE_BLOCKS, ReportSummary, Span


class Figure(NamedTuple):
    """A cell read as a number: its value and where it is."""

    value: int | float
    span: Span


def number(value: int | float) -> str:
    """A figure as reports write it: ``2``, ``576.76``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read(summary: ReportSummary, table: str, row: str, column: int) -> Figure | None:
    """The cell when it was read as a number, else ``None`` (cannot tell): also when it was
    left blank (T006 reads it as 0; it states no number to hold against the other year's)."""
    cell = summary.cell(table, row, column)
    if cell is None or cell.value is None or cell.blank:
        return None
    return Figure(cell.value, cell.span)


def active_label(format_: str, row: str) -> str:
    """The official label of a table-二 row in a format (规章, 行政规范性文件 ...)."""
    for block in ACTIVE_BLOCKS.get(format_, ()):
        for template in block.rows:
            if template.key == row:
                return template.label
    return row


def active_column(format_: str, row: str, column: str) -> int | None:
    """The index of column id ``column`` in a table-二 row, or ``None``."""
    for block in ACTIVE_BLOCKS.get(format_, ()):
        if any(template.key == row for template in block.rows):
            ids = block.column_ids
            return ids.index(column) if column in ids else None
    return None


def option(options: object, name: str, default: float) -> float:
    """A float option, clamped to 0–1."""
    value = getattr(options, "get", lambda *_: default)(name, default)
    try:
        return min(1.0, max(0.0, float(value)))
    except (TypeError, ValueError):
        return default
