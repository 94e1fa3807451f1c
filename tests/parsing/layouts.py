"""Rewrite a report's tables into another text layout, for round-trip tests.

Each writer renders the tables of a parsed report from the model (labels as the report wrote
them, cells as read) and splices them over the original tables, leaving the prose alone.
"""

from __future__ import annotations

from collections.abc import Callable

from gipr_lint.model import Report, Table
from gipr_lint.templates import ACTIVE_BLOCKS, REQUEST_COLUMNS, REVIEW_COLUMNS

Rows = list[list[str]]  # each row: label (or "") then cell texts


def _rows(table: Table) -> Rows:
    if table.kind == "active":
        rows: Rows = []
        by_key = {row.key: row for row in table.rows}
        for block in ACTIVE_BLOCKS[table.format]:
            rows.append([block.item])
            rows.append(["信息内容", *(header for _, header in block.columns)])
            for template in block.rows:
                row = by_key.get(template.key)
                if row is not None:
                    rows.append([row.label, *(cell.raw for cell in row.cells)])
        return rows
    if table.kind == "requests":
        note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
        header = [[note, "申请人情况"],
                  ["自然人", "法人或其他组织", "总计"], list(REQUEST_COLUMNS[1:6])]
        return header + [[row.label, *(cell.raw for cell in row.cells)] for row in table.rows]
    cells = [cell.raw for row in table.rows for cell in row.cells]
    return [["行政复议", "行政诉讼"],
            [*REVIEW_COLUMNS, "未经复议直接起诉", "复议后起诉"],
            [*REVIEW_COLUMNS, *REVIEW_COLUMNS],
            ["", *cells]]


def _pipe(rows: Rows) -> str:
    return "\n".join(" | ".join(cell for cell in row if cell) + " |" for row in rows) + "\n"


def _tab(rows: Rows) -> str:
    return "\n".join("\t".join(row) for row in rows) + "\n"


def _cell_per_line(rows: Rows) -> str:
    return "\n".join("".join(f"\t{cell}\n" for cell in row if cell) for row in rows) + "\n"


def _run_together(rows: Rows) -> str:
    return "\n".join("".join(row) for row in rows) + "\n"


WRITERS: dict[str, Callable[[Rows], str]] = {
    "pipe": _pipe,
    "tab": _tab,
    "cell-per-line": _cell_per_line,
    "run-together": _run_together,
}


def rewrite(report: Report, layout: str) -> str:
    """The report's text with every table rewritten in ``layout``."""
    writer = WRITERS[layout]
    text = report.text
    for table in sorted(report.tables.values(), key=lambda t: t.span.start, reverse=True):
        text = text[:table.span.start] + writer(_rows(table)) + text[table.span.end:]
    return text


def flatten(text: str) -> str:
    """The whole report on one line, as a web page flattened by a careless copy."""
    return "".join(line.strip() for line in text.splitlines())
