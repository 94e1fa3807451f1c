"""P001 unreadable-cells."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import Finding, Problem, Report, Rule, RuleContext, Severity
from gipr_lint_national.input._common import SKIPPED, _, quoted, row_name, table_name

_KINDS = frozenset({"ambiguous-cells", "unsplit-cells"})


class UnreadableCells(Rule):
    """Cells the text does not let the linter read: a row whose numbers run together (or are
    spaced) so that they divide into the row's cells in more than one way, or in none.

    A scraper that joins a table's cells with no separator turns "12 | 0 | 0 | 0 | 0 | 0 | 12"
    into "1200000 12"-like runs. gipr-lint splits such a run using only the row's own arithmetic
    (the applicant columns add up to 总计) and the template's cell count; when that does not
    decide, it says so here instead of guessing, and the checks of those rows are skipped. One
    finding per table, at its first such row; separate the cells (a "|", a tab) to have them
    checked.

    Fails::

        三、收到和处理政府信息公开申请情况
        一、本年新收政府信息公开申请数量110000011
        二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0

    Passes::

        三、收到和处理政府信息公开申请情况
        一、本年新收政府信息公开申请数量 | 1 | 1 | 0 | 0 | 0 | 0 | 2 |
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
    """

    code = "P001"
    name = "unreadable-cells"
    severity = Severity.WARNING
    summary = "Table cells run together past telling apart; their checks are skipped"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        by_table: dict[str, list[Problem]] = {}
        for problem in report.problems:
            if problem.kind in _KINDS and problem.table is not None:
                by_table.setdefault(problem.table, []).append(problem)
        for kind, problems in by_table.items():
            table = report.tables.get(kind)
            first = problems[0]
            names = [row_name(table, kind, p.row) for p in problems]
            why = self._why(first)
            skipped = SKIPPED.get(kind, "")
            if len(problems) == 1 and first.row is None:  # table 四: its cells are one row
                message = _('{table}: {why}; {skipped} skipped; separate the cells with "|" or a '
                            "tab to have them checked").format(
                    table=table_name(kind), why=why, skipped=skipped)
            elif len(problems) == 1:
                message = _('{table}, "{row}": {why}; {skipped} skipped for this row; separate '
                            'the cells with "|" or a tab to have them checked').format(
                    table=table_name(kind), row=names[0], why=why, skipped=skipped)
            else:
                message = _("{table}: {count} rows could not be read ({rows}); the first: {why}; "
                            "{skipped} skipped for them").format(
                    table=table_name(kind), count=len(problems), rows=quoted(names), why=why,
                    skipped=skipped)
            yield self.finding(first.span, message)

    @staticmethod
    def _why(problem: Problem) -> str:
        digits = problem.text.replace("\n", " ")
        if problem.kind == "unsplit-cells":
            return _('cannot tell the {expected} cells in "{digits}": no division of it fits '
                     "the row").format(expected=problem.expected, digits=digits)
        return _('cannot tell the {expected} cells in "{digits}": it divides into them in more '
                 "than one way").format(expected=problem.expected, digits=digits)
