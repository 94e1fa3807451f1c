"""T005 invalid-cell."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from gipr_lint.api import (
    Finding,
    Problem,
    Report,
    Row,
    Rule,
    RuleContext,
    Severity,
    Span,
    Table,
    Templates,
    cell_issue,
    request_row_name,
    translator,
)
from gipr_lint_national._text import quote
from gipr_lint_national.tables._common import (
    _bad_text,
    _next_label,
    _row_name,
    _table_name,
    _where,
    unusual_cells,
)

_ = translator("gipr_lint_national")

_ROW_NAMES: dict[tuple[int, str, str], tuple[Templates, list[str], dict[str, str]]] = {}


def _row_names(templates: Templates, kind: str, format_: str
               ) -> tuple[list[str], dict[str, str]]:
    """The template rows of a table in order and how messages name them, made once per
    template set (not for every table with a row missing)."""
    cached = _ROW_NAMES.get((id(templates), kind, format_))
    if cached is not None and cached[0] is templates:
        return cached[1], cached[2]
    if kind == "requests":
        requests = templates.request_rows.get(format_, ())
        order = [row.key for row in requests]
        names = {r.key: request_row_name(r) for r in requests}
    else:
        rows = [r for block in templates.active_blocks.get(format_, ()) for r in block.rows]
        order = [r.key for r in rows]
        names = {r.key: r.official for r in rows}
    if len(_ROW_NAMES) > 64:
        _ROW_NAMES.clear()
    _ROW_NAMES[(id(templates), kind, format_)] = (templates, order, names)
    return order, names


class InvalidCell(Rule):
    """A cell that is not a non-negative whole number where one is required, or a row or cell
    that is missing.

    Every cell of tables 二, 三 and 四 holds a count, except 本年增/减 (2019 table 二, may be
    negative) and the money columns (本年收费金额, 采购总金额: decimals allowed). Text where a
    number belongs, decimals and negative counts are errors. So are rows with too few or too many
    cells, and rows missing from a table: their numbers cannot be checked, and the arithmetic
    rules skip them. Where a row stops early at text that is not a number, the finding points
    at that text. A row whose bounded cells were left empty ("规章 | | | |") is T006's blank
    cells, not missing numbers. What the input does not let
    the linter read (digits run together past telling apart, a table without numbers, rows
    lost where the text ends) is reported by the P rules instead, as warnings.

    Fails::

        第二十条第（五）项
        信息内容 | 本年处理决定数量
        行政许可 | 无数据

    Passes::

        第二十条第（一）项
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 0 | 0 | 2
        第二十条第（五）项
        信息内容 | 本年处理决定数量
        行政许可 | 0
        第二十条第（六）项
        信息内容 | 本年处理决定数量
        行政处罚 | 0
        行政强制 | 0
        第二十条第（八）项
        信息内容 | 本年收费金额（单位：万元）
        行政事业性收费 | 0
    """

    code = "T005"
    name = "invalid-cell"
    severity = Severity.ERROR
    summary = "Table cell that is not a valid number, or a missing row or cell"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        covered: set[Span] = {table.rows[-1].label_span for table in report.tables.values()
                              if report.ends_inside(table)}  # the row where the text was cut
        for problem in report.problems:
            if problem.kind == "row-shape" and problem.span not in covered:
                yield from self._row_shape(report, problem, covered)
            elif problem.is_input:
                covered.add(problem.span)  # the input's limit, not the report's: P001, P002
        for table in report.tables.values():
            if not report.ends_inside(table):  # rows lost where the text was cut: P004
                yield from self._missing_rows(table, context.templates)
            # the cells other than the common case (a non-negative whole number not in 元, fine
            # in every column: see cell_issue); the few with 元 are looked at again below
            odd = [(row, index, cell) for row, index, cell in unusual_cells(table, context)
                   if type(cell.value) is not int or cell.value < 0 or "元" in cell.raw]
            for row, index, cell in odd:
                value = cell.value
                if value is None:
                    if row.label_span not in covered and cell.span not in covered:
                        covered.add(row.label_span)
                        yield self.finding(cell.span, _(
                            "{where}: expected a number, found a cell that could not be read"
                        ).format(where=_where(table, row, index)))
                    continue
                if type(value) is int and value >= 0 and not cell.raw.endswith("元"):
                    continue
                issue = cell_issue(table.kind, table.format, row.key, index, cell)
                if issue:
                    yield self.finding(cell.span, _('{where}: expected {what}, found '
                                                    '"{found}"').format(
                        where=_where(table, row, index), what=issue, found=cell.raw))

    def _row_shape(self, report: Report, problem: Problem,
                   covered: set[Span]) -> Iterator[Finding]:
        covered.add(problem.span)
        for table in report.tables.values():
            rows = [row for row in table.rows if row.label_span == problem.span]
            if not rows:
                continue
            padded = next(((row, index, cell) for row in rows
                           for index, cell in enumerate(row.cells)
                           if cell.value is None and not cell.raw), None)
            if padded is not None:
                row, index, cell = padded
                bad = _bad_text(report.text, cell.span.start, _next_label(table, cell.span.start))
                if bad is not None:
                    yield self.finding(bad, _('{where}: expected a number, found "{found}"').format(
                        where=_where(table, row, index), found=report.text[bad.start:bad.end]))
                    return
            yield self.finding(problem.span, self._shape_message(table, rows[0], problem))
            return
        where = _table_name(problem.table) if problem.table is not None else _("a table row")
        yield self.finding(problem.span, self._count_message(where, problem))

    @classmethod
    def _shape_message(cls, table: Table, row: Row, problem: Problem) -> str:
        where = _('{table}, "{row}"').format(table=_table_name(table.kind),
                                             row=_row_name(table, row))
        if table.kind == "review":
            where = _table_name(table.kind)
        return cls._count_message(where, problem)

    @staticmethod
    def _count_message(where: str, problem: Problem) -> str:
        found, expected = problem.found, problem.expected
        if not found or expected is None:
            return _("{where}: expected numbers after the label, found none").format(where=where)
        if found > expected:
            return _("{where}: expected {expected} cells, found {found}; the extra cells are "
                     "ignored").format(where=where, expected=expected, found=found)
        return _("{where}: expected {expected} cells, found {found}; the missing cells are not "
                 "checked").format(where=where, expected=expected, found=found)

    def _missing_rows(self, table: Table, templates: Templates) -> Iterator[Finding]:
        if not table.missing_rows:
            return
        order, names = _row_names(templates, table.kind, table.format)
        present = {row.key: row for row in table.rows}
        groups: dict[str | None, list[str]] = {}  # next present row (None: the table's end)
        following_row: dict[str, str | None] = {}  # template row -> the next present one
        following: str | None = None
        for key in reversed(order):  # (a key listed twice: its first place decides)
            following_row[key] = following
            if key in present:
                following = key
        for key in table.missing_rows:
            groups.setdefault(following_row.get(key), []).append(key)
        last = table.rows[-1].label_span if table.rows else Span(table.span.start,
                                                                   table.span.start)
        for following, keys in groups.items():
            span = present[following].label_span if following is not None else last
            table_name = _table_name(table.kind)
            shown = [quote(names.get(key, key), 200) for key in keys]
            if len(keys) == 1:
                message = (_("{table}: expected a row {row} before this one, found none; its "
                             "numbers are not checked") if following is not None else
                           _("{table}: expected a row {row} after this one, found none; its "
                             "numbers are not checked"))
                yield self.finding(span, message.format(table=table_name, row=shown[0]))
                continue
            listed = _(", ").join(shown[:3]) + (f" … {shown[-1]}" if len(keys) > 3 else "")
            message = (_("{table}: expected {count} rows before this one ({rows}), found none; "
                         "their numbers are not checked") if following is not None else
                       _("{table}: expected {count} rows after this one ({rows}), found none; "
                         "their numbers are not checked"))
            yield self.finding(span, message.format(table=table_name, count=len(keys),
                                                    rows=listed))

