"""What the input rules share: how tables and rows are named, and which checks a table feeds."""

from __future__ import annotations

from gipr_lint.api import (
    TABLE_NUMERALS,
    Table,
    TableKind,
    quote,
    template_row_name,
    translator,
)

_ = translator("gipr_lint_national")

#: The checks that read a table's cells, by table.
SKIPPED: dict[str, str] = {"requests": "T001–T003", "review": "T004", "active": "T005, T009–T010"}


def table_name(kind: TableKind | str) -> str:
    """``table 三``."""
    return _("table {numeral}").format(numeral=TABLE_NUMERALS.get(kind, "?"))


def row_name(table: Table | None, kind: str, key: str | None) -> str:
    """A row as messages name it: its official label (with its group in table 三)."""
    if key is None:
        return table_name(kind)
    return template_row_name(kind, table.format if table is not None else "2021", key)


def quoted(names: list[str], limit: int = 3) -> str:
    """``"a", "b", "c" … "z"``: the first few names and the last (“a”、“b”、“c” … “z” in
    Chinese)."""
    shown = [quote(name, limit=60) for name in names]
    if len(shown) <= limit + 1:
        return _(", ").join(shown)
    return _(", ").join(shown[:limit]) + " … " + shown[-1]
