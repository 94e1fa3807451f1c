"""Y001 report-year-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import Edit, Finding, Fix, Report, Rule, RuleContext, Severity, Span, translator
from gipr_lint_national._prose_numbers import Citations
from gipr_lint_national._text import quote
from gipr_lint_national.years._common import _SELF_NAMING, stale_body_years

_ = translator("gipr_lint_national")


class ReportYearMismatch(Rule):
    """The report year disagrees between the title, the statistics period and the body.

    Compares the year in the title with the statistics period stated in the prose
    ("2023年1月1日至2023年12月31日"), with the sentence that names the report itself
    ("现将…2023年度…报告如下") and with the years the body opens its sentences with. It prefers
    silence to a false alarm: it needs a year in the title, ignores citations, plans and
    comparisons, and speaks about the body only when at least two sentences of the preamble or
    sections 一–四 open with the same other year ("2023年，我镇…") and none opens with the title's.
    When the title is the odd one out — the statistics period says another year and the 落款
    (dated in the year after) or the body agrees with the period — the one finding is on the
    title's year, with an unsafe fix writing the other year.

    Fails::

        高庄镇人民政府2024年政府信息公开工作年度报告
        一、总体情况
        在2023年1月1日至2023年12月31日数据统计时限内，政府信息公开情况如下：

    Passes::

        高庄镇人民政府2024年政府信息公开工作年度报告
        一、总体情况
        在2024年1月1日至2024年12月31日数据统计时限内，政府信息公开情况如下：
    """

    code = "Y001"
    name = "report-year-mismatch"
    severity = Severity.ERROR
    summary = "The report year disagrees between title, statistics period and body"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        year = report.title_year
        if year is None:
            return
        odd = self._title_odd_one_out(report, year, context)
        if odd is not None:
            yield odd
            return
        for period in report.periods:
            if period.start.year == period.end.year != year:
                yield self.finding(
                    period.span, _("statistics period {period} is for {found}, but the title says "
                                   "{year}").format(period=quote(period.text),
                                                    found=period.end.year, year=year))
        yield from self._self_naming(report, year)
        for other, openers in stale_body_years(report, year, context).items():
            for opener in openers:
                yield self.finding(
                    opener.span, _("the body presents {other} as the current year ({text}, "
                                   "{count} times), but the title says {year}").format(
                        other=other, text=quote(opener.snippet + "…"), count=len(openers),
                        year=year))

    def _self_naming(self, report: Report, year: int) -> Iterator[Finding]:
        for paragraph in report.paragraphs():
            if "如下" not in paragraph.text:
                continue
            citations = None
            for match in _SELF_NAMING.finditer(paragraph.text):
                if int(match.group("year")) == year:
                    continue
                citations = citations or Citations(paragraph.text)
                if citations.covers(match.span("year")):
                    continue
                base = paragraph.span.start
                yield self.finding(
                    Span(base + match.start("year"), base + match.end("year") + 1),
                    _("the text reports on {found} ({text}), but the title says {year}").format(
                        found=match.group("year"), text=quote(match.group()[:30]), year=year))


    def _title_odd_one_out(self, report: Report, year: int, context: RuleContext
                           ) -> Finding | None:
        """One finding on the title when the period and the 落款 or the body agree on another
        year and nothing else states the title's."""
        years = {period.end.year for period in report.periods
                 if period.start.year == period.end.year}
        if len(years) != 1 or year in years or report.year_span is None:
            return None
        other = years.pop()
        witnesses = [_("the statistics period")]
        signature = report.signature
        signed = signature.date.year if signature is not None and signature.date else None
        if signed == year + 1:
            return None
        if signed == other + 1:
            witnesses.append(_("the 落款 date"))
        if other in stale_body_years(report, year, context):
            witnesses.append(_("the body"))
        if len(witnesses) < 2:
            return None
        span = report.year_span
        return self.finding(span, _(
            "the title says {year}, but {witnesses} say {other}; expected {other} in the "
            "title").format(year=year, witnesses=_(", ").join(witnesses), other=other),
            fix=Fix((Edit(span, str(other)),),
                    _("Replace with {other}").format(other=other), safe=False))
