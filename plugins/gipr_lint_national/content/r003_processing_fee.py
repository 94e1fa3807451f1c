"""R003 processing-fee."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity, translator
from gipr_lint_national._text import section_text
from gipr_lint_national.content._common import _FEE_WORDS

_ = translator("gipr_lint_national")


class ProcessingFee(Rule):
    """Section 六 does not state the 信息处理费 collected.

    Since the 2021 format (国办公开办函〔2021〕30号) and the 《政府信息公开信息处理费管理办法》
    (国办函〔2020〕109号, in force 2021-01-01), section 六 states the 信息处理费 collected: an
    amount, or that none was. Any of 处理费, 收费, 收取, 费用 in section 六 counts as the
    statement (whether the amount is plausible is not judged). Checked for reports of 2021 or
    later (or in the 2021 format when the year is unknown); a fee statement elsewhere in the
    report does not count. Silent when section 六 is missing (S001).

    Fails::

        某镇人民政府2024年政府信息公开工作年度报告
        六、其他需要报告的事项
        无其他需要报告事项

    Passes::

        某镇人民政府2024年政府信息公开工作年度报告
        六、其他需要报告的事项
        截至2024年12月31日，收取信息处理费0元。
    """

    code = "R003"
    name = "processing-fee"
    severity = Severity.WARNING
    summary = "Section 六 does not state the 信息处理费 collected"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        section = report.section(6)
        if section is None:
            return
        if report.year is not None and report.year < 2021:
            return
        if report.year is None and report.format != "2021":
            return
        if _FEE_WORDS.search(section_text(section)) is None:
            yield self.finding(section.heading.span,
                               _("section 六 does not state the 信息处理费 collected; expected "
                                 'an amount or that none was collected ("本年度未收取信息处理费")'))

