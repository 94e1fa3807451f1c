"""P004 text-ends-in-table."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity, Span
from gipr_lint_national.input._common import SKIPPED, _, quoted, row_name, table_name


class TextEndsInTable(Rule):
    """The text stops inside a table: its last rows are not there and nothing follows.

    A page saved before it finished loading, a copy cut short, a scraper's length limit. The
    rows after the cut, and the cells of the row the cut fell in, are not the report's fault
    (T005 reports rows missing from a table that goes on); they are listed here with the checks
    that were skipped.

    Fails::

        三、收到和处理政府信息公开申请情况
        一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |

    Passes::

        三、收到和处理政府信息公开申请情况
        一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
        四、政府信息公开行政复议、行政诉讼情况
    """

    code = "P004"
    name = "text-ends-in-table"
    severity = Severity.WARNING
    summary = "The text ends inside a table; the rows after the cut are not checked"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        for table in report.tables.values():
            if not report.ends_inside(table):
                continue
            last = table.rows[-1]
            end = max((cell.span.end for cell in last.cells), default=last.label_span.end)
            names = [row_name(table, table.kind, key) for key in table.missing_rows]
            if len(names) == 1:
                message = _("{table}: the text ends after this row; expected one more row "
                            "({rows}), found none; {skipped} skipped for it")
            else:
                message = _("{table}: the text ends after this row; expected {count} more rows "
                            "({rows}), found none; {skipped} skipped for them")
            yield self.finding(Span(last.label_span.start, end), message.format(
                table=table_name(table.kind), count=len(names), rows=quoted(names),
                skipped=SKIPPED.get(table.kind, "")))
