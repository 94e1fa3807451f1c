"""S005 report-title."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity, Span, translator
from gipr_lint_national._text import quote
from gipr_lint_national.structure._common import _TITLE_NAME

_ = translator("gipr_lint_national")


class ReportTitle(Rule):
    """The title is missing, or does not name the agency or the year.

    A report's title names the agency and the year: "高庄镇人民政府2024年政府信息公开工作年度
    报告". The agency is what stands before the year or "政府信息公开" in the title; the year is a
    four-digit year followed by 年. When the agency or year is known from elsewhere (the 落款,
    the opening sentence), the message suggests a complete title. Whether the agency named is
    the right one is not checked here.

    Fails::

        2024年政府信息公开工作年度报告
        1、 总体情况
        大渡口区跳磴镇人民政府根据《政府信息公开条例》…

    Passes::

        高庄镇人民政府2024年政府信息公开工作年度报告
    """

    code = "S005"
    name = "report-title"
    severity = Severity.WARNING
    summary = "Title missing, or lacking the agency or the year"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        if not report.text.strip():
            return
        suggestion = self._suggestion(report)
        if report.title is None:
            start = len(report.text) - len(report.text.lstrip())
            yield self.finding(Span(start, start),
                               _("the report has no title; expected one naming the agency and "
                                 "the year") + suggestion)
            return
        has_agency = report.agency_origin == "title"
        has_year = report.title_year is not None
        if not has_agency or not has_year:
            message = (_("title {title} does not name the agency or the year") if
                       not has_agency and not has_year else
                       _("title {title} does not name the agency") if not has_agency else
                       _("title {title} does not name the year"))
            yield self.finding(report.title.span,
                               message.format(title=quote(report.title.text, 60)) + suggestion)

    @staticmethod
    def _suggestion(report: Report) -> str:
        if report.agency is None or not report.agency.text or report.year is None:
            return ""
        return _('; expected e.g. "{title}"').format(
            title=f"{report.agency.text}{report.year}年{_TITLE_NAME}")

