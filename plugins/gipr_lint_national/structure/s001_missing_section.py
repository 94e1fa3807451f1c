"""S001 missing-section."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity, Span, translator
from gipr_lint_national.structure._common import _SECTION_TABLES, _content_end, _official_heading

_ = translator("gipr_lint_national")


class MissingSection(Rule):
    """A required section is missing.

    Every report has the same six sections (一、总体情况 … 六、其他需要报告的事项, in both the
    2019 and the 2021 format). A section counts as present when its heading is recognised,
    also under a known variant title or a close misspelling (S003 flags those). The finding
    sits where the section should have been: at a statistics table left without its heading,
    else just before the next section's heading, the 落款, or the end of the text. When no
    heading at all is found, one finding says so instead of six. An empty file is left to the
    parser's own diagnostic.

    Fails::

        一、总体情况
        …
        三、收到和处理政府信息公开申请情况
        …

    Passes::

        一、总体情况
        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况
        四、政府信息公开行政复议、行政诉讼情况
        五、存在的主要问题及改进情况
        六、其他需要报告的事项
    """

    code = "S001"
    name = "missing-section"
    severity = Severity.ERROR
    summary = "One of the six required sections is missing"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        if not report.text.strip():
            return
        if not report.sections:
            start = report.title.span.end if report.title else 0
            yield self.finding(Span(start, start),
                               _('no section headings found; expected the six sections "{first}" '
                                 'to "{last}"').format(first=_official_heading(1),
                                                       last=_official_heading(6)))
            return
        for problem in report.outline:  # the grammar's outline: 一 to 六, each once
            if problem.kind == "section-missing" and problem.expected is not None:
                yield self._missing(report, problem.expected)

    def _missing(self, report: Report, number: int) -> Finding:
        later = [s for s in report.sections if s.number > number]
        earlier = [s for s in report.sections if s.number < number]
        if later:
            position = min(s.heading.span.start for s in later)
        elif report.signature is not None:
            position = report.signature.span.start
        else:
            position = _content_end(report)
        message = _('missing section "{heading}"')
        table = report.tables.get(_SECTION_TABLES.get(number, ""))
        after = max((s.heading.span.end for s in earlier), default=0)
        if table is not None and after <= table.span.start < position:
            position = table.span.start
            message = _('missing section "{heading}"; its table is here without a heading')
        return self.finding(Span(position, position),
                            message.format(heading=_official_heading(number)))

