"""The pack's provincial row (行政检查 in table 二, declared in templates.toml) is read like an
official row: its cell reaches the model and the national T rules, with no Python in the pack."""

from __future__ import annotations

from pathlib import Path

import gipr_lint_henan
from gipr_lint_national import tables

from gipr_lint.testing import lint, parse

HERE = Path(__file__).parent
GAOZHUANG = (HERE / "fixtures" / "gaozhuang-2024.txt").read_text(encoding="utf-8")
ENFORCEMENT = "行政强制 | 0 | ||\n"


def _with_row(cell: str) -> str:
    assert GAOZHUANG.count(ENFORCEMENT) == 1
    return GAOZHUANG.replace(ENFORCEMENT, f"{ENFORCEMENT}行政检查 | {cell} | ||\n")


def test_the_row_is_read_into_the_model() -> None:
    text = _with_row("12")
    table = parse(text, plugins=[("henan", gipr_lint_henan)]).tables["active"]
    row = table.row("henan.inspection")
    assert row is not None and (row.label, row.official_label) == ("行政检查", "行政检查")
    assert [cell.value for cell in row.cells] == [12]
    assert table.missing_rows == ()
    # Without the pack the line is no row of the table.
    assert parse(text).tables["active"].row("henan.inspection") is None


def test_the_row_is_checked_by_the_national_rules() -> None:
    plugins = [("tables", tables), ("henan", gipr_lint_henan)]
    assert lint(_with_row("12"), plugins=plugins, select=["T005"]) == []
    found = lint(_with_row("-3"), plugins=plugins, select=["T005"])
    line = _with_row("-3").splitlines().index("行政检查 | -3 | ||") + 1
    assert [(d.code, d.line, d.column) for d in found] == [("T005", line, 8)]
    assert found[0].message == ('table 二, "行政检查": expected a non-negative whole number, '
                                'found "-3"')


def test_a_report_without_the_row_is_told_so() -> None:
    found = lint(GAOZHUANG, plugins=[("tables", tables), ("henan", gipr_lint_henan)],
                 select=["T005"])
    assert [(d.code, d.line) for d in found] == [("T005", 23)]  # at 行政事业性收费
    assert found[0].message == ('table 二: expected a row "行政检查" before this one, '
                                "found none; its numbers are not checked")
    assert lint(GAOZHUANG, plugins=[("tables", tables)], select=["T005"]) == []
