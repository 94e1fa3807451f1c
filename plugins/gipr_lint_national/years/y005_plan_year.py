"""Y005 plan-year."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import Finding, Paragraph, Report, Rule, RuleContext, Severity, Span, translator
from gipr_lint_national._prose_numbers import Citations, sentence_bounds
from gipr_lint_national._text import quote
from gipr_lint_national.years._common import _NEXT_STEP, _PLAN_YEAR, _TARGET, year_openers

_ = translator("gipr_lint_national")


class PlanYear(Rule):
    """Plans for "next year" name a year other than Y+1.

    In sections 五 and 六, a sentence that opens with a year and goes on as a plan
    ("2024年，我局将继续…") or a 下一步/明年/今后 sentence naming a year must name the year after
    the reported one. Targets ("到2025年底前") and citations are fine.

    Fails::

        高庄镇人民政府2024年政府信息公开工作年度报告
        五、存在的主要问题及改进情况
        2024年，我镇将进一步加大政府信息公开工作力度。

    Passes::

        高庄镇人民政府2024年政府信息公开工作年度报告
        五、存在的主要问题及改进情况
        2025年，我镇将进一步加大政府信息公开工作力度。
    """

    code = "Y005"
    name = "plan-year"
    severity = Severity.WARNING
    summary = "Plans for next year name a year other than Y+1"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        year = report.year
        if year is None:
            return
        reported: set[int] = set()
        for opener in year_openers(report, context):
            if opener.section >= 5 and opener.plan and opener.year != year + 1:
                reported.add(opener.span.start)
                yield self._finding(opener.span, opener.snippet, opener.year, year)
        for section in report.sections:
            if section.number < 5:
                continue
            for paragraph in section.paragraphs:
                yield from self._next_step(paragraph, year, reported)

    def _next_step(self, paragraph: Paragraph, year: int, reported: set[int]
                   ) -> Iterator[Finding]:
        text, base = paragraph.text, paragraph.span.start
        citations = None
        for cue in _NEXT_STEP.finditer(text):
            start, end = sentence_bounds(text, cue.start())
            for match in _PLAN_YEAR.finditer(text, cue.end(), end):
                planned = int(match.group("year"))
                if planned == year + 1 or base + match.start() in reported:
                    continue
                if _TARGET.search(text, max(start, match.start() - 3), match.start()):
                    continue
                citations = citations or Citations(text)
                if citations.covers(match.span()):
                    continue
                reported.add(base + match.start())
                snippet = text[cue.start():min(end, match.end() + 6)]
                yield self._finding(Span(base + match.start(), base + match.end()), snippet,
                                    planned, year)

    def _finding(self, span: Span, snippet: str, planned: int, year: int) -> Finding:
        return self.finding(span, _("plan names {planned} ({text}); plans in a {year} report are "
                                    "for {next}").format(planned=planned,
                                                         text=quote(snippet + "…"), year=year,
                                                         next=year + 1))

