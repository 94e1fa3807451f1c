"""Y003 stale-year."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity, translator
from gipr_lint_national._text import quote
from gipr_lint_national.years._common import stale_body_years, year_openers

_ = translator("gipr_lint_national")


class StaleYear(Rule):
    """Prose presents an older year as the current one: text copied from an earlier report.

    Looks at sentences that open with a year before the report's ("2020年，我镇…" in a 2024
    report). Prefers silence to a false alarm: only a year opening a sentence and followed by a
    comma or the subject (我镇, 本局, the agency's name) counts; citations (《…2020年…》,
    〔2020〕), ranges ("2020年至2024年"), historical phrases ("2019年以来", "2023年底") and
    sentences that compare years (比, 较, 同比, 上年, or naming the report year too) are fine.
    Plans are Y005's business; a body written wholly for another year is Y001's.

    Fails::

        高庄镇人民政府2024年政府信息公开工作年度报告
        一、总体情况
        2024年，我镇持续推进政府信息公开。2020年，我镇共主动公开信息52条。

    Passes::

        高庄镇人民政府2024年政府信息公开工作年度报告
        一、总体情况
        2024年，我镇共主动公开信息83条，比2023年增加31条。
    """

    code = "Y003"
    name = "stale-year"
    severity = Severity.WARNING
    summary = "Prose presents an older year as the current one"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        year = report.year
        if year is None:
            return
        whole = stale_body_years(report, year, context) if report.title_year is not None else {}
        for opener in year_openers(report, context):
            if (opener.year >= year or opener.plan or opener.comparison
                    or opener.year in whole):
                continue
            yield self.finding(
                opener.span, _("{text} presents {found} as the current year in a {year} report; "
                               "expected {year}").format(text=quote(opener.snippet + "…"),
                                                         found=opener.year, year=year))

