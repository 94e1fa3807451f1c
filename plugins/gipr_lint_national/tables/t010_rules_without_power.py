"""T010 rules-without-power."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity, translator
from gipr_lint_national.tables._common import _below_rule_making, _table_name

_ = translator("gipr_lint_national")


class RulesWithoutPower(Rule):
    """Non-zero 规章 counts from a body without rule-making power.

    Only State Council departments, provincial governments and the governments of 设区的市 and
    自治州 make 规章 (立法法 第九十三条). A township, or a body whose name shows the county
    level (…县…, …区… but not 开发区, 自治区 and the like), reporting 规章 has most likely
    counted 行政规范性文件 or other documents in the wrong row. Silent when the level cannot be
    told from the name (县级市 look like 设区的市).

    Fails::

        高庄镇人民政府2024年政府信息公开工作年度报告
        …
        规章 | 2 | 0 | 2

    Passes::

        规章 | 0 | 0 | 0
    """

    code = "T010"
    name = "rules-without-power"
    severity = Severity.WARNING
    summary = "规章 reported by a body without rule-making power"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        table = report.table("active")
        row = table.row("rules") if table is not None else None
        if row is None:
            return
        nonzero = [cell for cell in row.cells if cell.value]
        if not nonzero:
            return
        who = _below_rule_making(report)
        if who is None:
            return
        counts = " · ".join(cell.raw or "0" for cell in row.cells)
        message = (_('{table}, "规章": expected 0 from {who} ({agency}), which cannot make 规章, '
                     "found {counts}; are these 行政规范性文件?") if report.agency is not None else
                   _('{table}, "规章": expected 0 from {who}, which cannot make 规章, found '
                     "{counts}; are these 行政规范性文件?"))
        yield self.finding(nonzero[0].span, message.format(
            table=_table_name("active"), who=who, counts=counts,
            agency=report.agency.text if report.agency is not None else ""))

