"""T006 blank-cell."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from gipr_lint.api import Edit, Finding, Fix, Report, Rule, RuleContext, Severity, translator
from gipr_lint_national._text import quote
from gipr_lint_national.tables._common import (
    _column_names,
    _row_name,
    _table_name,
    unusual_cells,
)

_ = translator("gipr_lint_national")


class BlankCell(Rule):
    """A cell left blank or written "-", "—", "/" or "无", read as 0.

    The official tables want a number in every cell; a blank or a dash is read as 0, which is
    what the writer most likely meant, but a reader cannot be sure. A whole row left empty
    where its cells are bounded (a web or Word table's empty cells, "规章 | | | |", tabs) is
    blank cells too; a label with nothing after it is T005's (its cells' boundaries are lost).
    The arithmetic rules (T001–T004, C001–C003) do not hold a blank read as 0 against a sum that
    fails with it: the number is not known. One finding per row, at its first such cell; an
    unsafe fix writes 0 into the cells that hold a mark.

    Fails::

        行政许可 | —

    Passes::

        行政许可 | 0
    """

    code = "T006"
    name = "blank-cell"
    severity = Severity.WARNING
    summary = "Blank or dash cell read as 0"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        for table in report.tables.values():
            # the blank cells, row by row (the row itself, not an equal one: a row may repeat)
            placed = [found for found in unusual_cells(table, context) if found[2].blank]
            for _key, in_row in groupby(placed, key=lambda found: id(found[0])):
                cells = list(in_row)
                row = cells[0][0]
                blanks = [(i, c) for _row, i, c in cells]
                names = _column_names(table, row)
                columns = _(", ").join(names[i] if i < len(names) else str(i + 1)
                                       for i, _cell in blanks)
                marks = sorted({quote(c.raw, 200) if c.raw else _("empty")
                                for _i, c in blanks})
                edits = tuple(Edit(c.span, "0") for _i, c in blanks if c.span.end > c.span.start)
                fix = Fix(edits, _("write 0"), safe=False) if edits else None
                message = (_('{table}, "{row}": expected a number, found {marks}: 1 cell is read '
                             "as 0 ({columns}); write 0") if len(blanks) == 1 else
                           _('{table}, "{row}": expected a number, found {marks}: {count} cells '
                             "are read as 0 ({columns}); write 0"))
                yield self.finding(
                    blanks[0][1].span,
                    message.format(table=_table_name(table.kind), row=_row_name(table, row),
                                   marks=" / ".join(marks), count=len(blanks), columns=columns),
                    fix=fix)

