"""Y002 statistics-period."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity, translator
from gipr_lint_national._text import quote

_ = translator("gipr_lint_national")


class StatisticsPeriod(Rule):
    """The statistics period is not exactly Y年1月1日 to Y年12月31日.

    Reads the date range the prose gives as the statistics period ("数据统计期限为…至…", or any
    range from 1 January to a December day). The period must start on 1 January and end on
    31 December of one and the same year. Silent when no period is stated; whether its year is
    the report's is Y001's business.

    Fails::

        某镇人民政府2024年政府信息公开工作年度报告
        本报告中所列数据的统计期限自2024年1月1日起至2024年12月30日止。

    Passes::

        某镇人民政府2024年政府信息公开工作年度报告
        本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。
    """

    code = "Y002"
    name = "statistics-period"
    severity = Severity.ERROR
    summary = "The statistics period is not exactly Y年1月1日 to Y年12月31日"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        for period in report.periods:
            start, end = period.start, period.end
            if start.year != end.year:
                year = report.year or end.year
                yield self.finding(
                    period.span, _('statistics period {period} spans two years; expected '
                                   '"{expected}"').format(
                        period=quote(period.text), expected=f"{year}年1月1日至{year}年12月31日"))
                continue
            if (start.month, start.day) != (1, 1):
                yield self.finding(
                    period.start_span, _('statistics period starts on {found}; expected '
                                         '"{expected}"').format(
                        found=quote(report.text[period.start_span.start:period.start_span.end]),
                        expected=f"{start.year}年1月1日"))
            if (end.month, end.day) != (12, 31):
                yield self.finding(
                    period.end_span, _('statistics period ends on {found}; expected '
                                       '"{expected}"').format(
                        found=quote(report.text[period.end_span.start:period.end_span.end]),
                        expected=f"{end.year}年12月31日"))

