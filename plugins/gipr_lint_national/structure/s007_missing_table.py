"""S007 missing-table."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import TABLE_NUMERALS, Finding, Report, Rule, RuleContext, Severity, translator
from gipr_lint_national._text import quote, section_label
from gipr_lint_national.structure._common import _SECTION_TABLES

_ = translator("gipr_lint_national")


class MissingTable(Rule):
    """Section 二, 三 or 四 has no readable statistics table.

    Sections 二 (主动公开), 三 (申请) and 四 (复议诉讼) each hold a statistics table. Reported:
    such a section whose table was not found at all. A table whose labels are there but whose
    numbers are not is a limit of the input (P002); a table that is found but has odd rows is
    the T rules' business.

    Fails::

        三、收到和处理政府信息公开申请情况
        本年度我镇未收到政府信息公开申请。
        四、政府信息公开行政复议、行政诉讼情况

    Passes::

        三、收到和处理政府信息公开申请情况
        （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
        一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0
        二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
    """

    code = "S007"
    name = "missing-table"
    severity = Severity.ERROR
    summary = "Section 二, 三 or 四 has no readable table"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        for number, kind in _SECTION_TABLES.items():
            section = report.section(number)
            if section is not None and kind not in report.tables:
                yield self.finding(section.heading.span,
                                   _("{section} {heading} has no statistics table; expected "
                                     "table {numeral} (was it an image, or lost in conversion?)")
                                   .format(section=section_label(number),
                                           heading=quote(section.heading.text),
                                           numeral=TABLE_NUMERALS[kind]))
