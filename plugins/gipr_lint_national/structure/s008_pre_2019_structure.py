"""S008 pre-2019-structure."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity, Span, compact, translator
from gipr_lint_national._text import quote
from gipr_lint_national.structure._common import (
    _COMPACT_OLD_TITLES,
    _COMPACT_SHARED,
    _NUMBERED_LINE,
    _TITLE_TAIL,
    _official_heading,
)
from gipr_lint_national.structure._declared import declarations

_ = translator("gipr_lint_national")


@lru_cache(maxsize=1024)
def _compact_title(title: str) -> str:
    """A numbered line's title as the old titles are compared (the same lines recur in report
    after report: made once)."""
    return compact(title).rstrip(_TITLE_TAIL)


class PreStructure2019(Rule):
    """A 2019-or-later report laid out in the pre-2019 structure.

    Before the 2019 条例 the 年报 had parts such as "一、概述", "二、主动公开政府信息的情况",
    "三、依申请公开政府信息和不予公开政府信息的情况", "四、政府信息公开的收费及减免情况" and
    "五、因政府信息公开申请行政复议、提起行政诉讼的情况". In a report for 2019 or later such a
    part as a top-level heading (a line of its own numbered 一、 二、 …) means an old report was
    reused. Each such heading is reported. The same words as a sub-item ("三是政府信息公开的收费
    及减免情况。…", "（四）…") or inside a sentence are not headings and are ignored; so is a lone
    "因政府信息公开申请行政复议、提起行政诉讼的情况" (a known variant of section 四, S003). A
    preamble that declares the pre-2019 structure ("全文包括概述、…政府信息公开的收费及减免情况、…"
    as seven parts, or naming two pre-2019 parts) is reported too. Needs the report year; silent
    when it is unknown.

    Fails::

        某镇人民政府2023年政府信息公开工作年度报告
        一、概述
        …
        四、政府信息公开的收费及减免情况

    Passes::

        某镇人民政府2023年政府信息公开工作年度报告
        一、总体情况
        …
          三是政府信息公开的收费及减免情况。从未进行收费。
    """

    code = "S008"
    name = "pre-2019-structure"
    severity = Severity.ERROR
    summary = "Pre-2019 report structure in a 2019+ report"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        if report.year is None or report.year < 2019:
            return
        yield from self._declared(report, report.year, context)
        found: list[tuple[Span, str, str]] = []
        text = report.text
        for match in _NUMBERED_LINE.finditer("\n" + text):
            title = _compact_title(match.group("title"))
            if title in _COMPACT_OLD_TITLES:
                start, end = match.start("marker") - 1, match.end("title") - 1
                while text[end - 1] in _TITLE_TAIL or text[end - 1].isspace():
                    end -= 1
                found.append((Span(start, end), text[start:end], title))
        if all(title in _COMPACT_SHARED for _span, _heading, title in found):
            return
        for span, heading, _title in found:
            yield self.finding(span,
                               _('heading {heading} belongs to the pre-2019 report structure; a '
                                 '{year} report has the six sections "{first}" to "{last}"')
                               .format(heading=quote(heading, 60), year=report.year,
                                       first=_official_heading(1), last=_official_heading(6)))


    def _declared(self, report: Report, year: int, context: RuleContext
                  ) -> Iterable[Finding]:
        for declaration in declarations(report, context):
            if declaration.pre_2019:
                yield self.finding(declaration.span, _(
                    "the preamble declares the pre-2019 report structure {declared}; a {year} "
                    "report has the six sections {first} to {last}").format(
                        declared=quote(declaration.text, 40), year=year,
                        first=quote(_official_heading(1)), last=quote(_official_heading(6))))
