"""S010 declared-parts."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import SECTION_TITLES, Finding, Report, Rule, RuleContext, Severity, translator
from gipr_lint_national._text import quote
from gipr_lint_national.structure._declared import Declaration, declarations

_ = translator("gipr_lint_national")


class DeclaredParts(Rule):
    """The structure the preamble declares disagrees with the six official sections.

    Many reports state their structure: "本报告由总体情况、主动公开政府信息情况、……其他需要报告的
    事项等六部分组成". The list must name the six sections, in any of their usual wordings
    ("因政府信息公开工作被申请行政复议和提起行政诉讼情况" names section 四), and a stated count
    must be six. Flags a list that leaves a section out (often 行政复议、行政诉讼), a count other
    than six, a pre-2019 part (收费及减免, 费用) and 问题 and 改进 written as two parts. Only lists
    naming at least three sections (or stating a count) are read; a whole pre-2019 structure is
    S008's. Silent for reports before 2019.

    Fails::

        本报告共分六个部分：总体情况、主动公开、依申请公开、问题及改进、其他事项。

    Passes::

        本报告共分六个部分：总体情况、主动公开、依申请公开、复议诉讼、问题及改进、其他事项。
    """

    code = "S010"
    name = "declared-parts"
    severity = Severity.WARNING
    summary = "Declared structure disagrees with the six official sections"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        if report.year is not None and report.year < 2019:
            return
        for declaration in declarations(report, context):
            if declaration.pre_2019:
                continue
            problems = list(self._problems(declaration))
            if problems:
                yield self.finding(declaration.span, _(
                    "the declared structure {declared} does not match the six official "
                    "sections: {problems}").format(declared=quote(declaration.text, 40),
                                                   problems=_("; ").join(problems)))

    @staticmethod
    def _problems(declaration: Declaration) -> Iterator[str]:
        if declaration.count is not None and declaration.count != 6:
            yield _("it declares {count} parts, not six").format(count=declaration.count)
        missing = [number for number in SECTION_TITLES if number not in declaration.sections]
        if missing:
            yield _("it leaves out {names}").format(
                names="、".join(quote(SECTION_TITLES[number], limit=60) for number in missing))
        for part in declaration.old_parts:
            yield _("it names {part}, a part of the pre-2019 report").format(part=quote(part))
        if declaration.split_problems:
            yield _('it makes "存在的主要问题" and "改进情况" two parts')
