"""R002 problems-and-improvements."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity, translator
from gipr_lint_national._text import section_text
from gipr_lint_national.content._common import _MEASURE_WORDS, _PROBLEM_WORDS, _SOME_TEXT

_ = translator("gipr_lint_national")


class ProblemsAndImprovements(Rule):
    """Section 五 is empty, or names no problems or no improvements.

    Section 五 (存在的主要问题及改进情况) states both the main problems and how they will be
    or were improved. Reported: a section 五 with no text, one with no word of a problem (问题,
    不足, 差距, 有待, 不够 …), and one with no word of a measure (改进, 措施, 下一步, 将, 加强,
    进一步 …). Only the section's own text counts, not its heading. Keyword-based and generous,
    so it prefers silence to a false alarm: "问题" anywhere counts as a problem named.

    Fails::

        五、存在的主要问题及改进情况
        无。

    Passes::

        五、存在的主要问题及改进情况
        一是信息更新不够及时。下一步，我镇将加强信息发布审核。
    """

    code = "R002"
    name = "problems-and-improvements"
    severity = Severity.WARNING
    summary = "Section 五 is empty or lacks the problems or the improvements"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        section = report.section(5)
        if section is None:
            return
        text = section_text(section)
        span = section.heading.span
        if _SOME_TEXT.match(text) is None:
            yield self.finding(span, _("section 五 is empty; expected the main problems and the "
                                       "improvements"))
            return
        if _PROBLEM_WORDS.search(text) is None:
            yield self.finding(span, _("section 五 names no problems (问题, 不足, 差距 …); "
                                       "expected the main problems as well as the improvements"))
        if _MEASURE_WORDS.search(text) is None:
            yield self.finding(span, _("section 五 names no improvements (改进, 措施, 下一步 …); "
                                       "expected the improvements as well as the problems"))

