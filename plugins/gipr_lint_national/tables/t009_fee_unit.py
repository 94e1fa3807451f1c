"""T009 fee-unit."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import (
    AgencyKind,
    Finding,
    Report,
    Rule,
    RuleContext,
    Severity,
    compact,
    number_text,
    translator,
)
from gipr_lint_national.tables._common import (
    TOWNSHIP_FEE_LIMIT,
    _fee_cell,
    _fee_header,
    _option,
    _table_name,
)

_ = translator("gipr_lint_national")


class FeeUnit(Rule):
    """The fee (行政事业性收费, 本年收费金额) written in 元 instead of 万元.

    The 2021 table 二 gives the fee in 万元 (10,000 yuan). A cell written "1200元", or a fee
    column header saying 元, is an error. A township's fee above a limit (default 1000 万元, i.e.
    10 million yuan; option ``township-fee-limit`` of the ``tables`` plugin) is most likely a
    figure in 元 and gets a warning. The 2019 table 二 has no fee amount and is not checked.

    Fails::

        第二十条第（八）项
        信息内容 | 本年收费金额（单位：万元）
        行政事业性收费 | 1200元

    Passes::

        行政事业性收费 | 0.12
    """

    code = "T009"
    name = "fee-unit"
    severity = Severity.ERROR
    summary = "Fee amount written in 元 instead of 万元"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        table = report.table("active")
        if table is None or table.format != "2021":
            return
        header = _fee_header(report.text, table)
        if header is not None and "元" in header.text and "万元" not in compact(header.text):
            yield self.finding(header.span, _('{table}: expected the fee in 万元 '
                                              '("本年收费金额（单位：万元）"), found the header '
                                              '"{found}"').format(table=_table_name("active"),
                                                                  found=header.text))
        cell = _fee_cell(report)
        if cell is None or cell.value is None:
            return
        if cell.raw.endswith("元") and not cell.raw.endswith("万元"):
            in_wan = number_text(round(cell.value / 10000, 6))
            yield self.finding(cell.span, _('{table}, "行政事业性收费": expected the fee in 万元, '
                                            'found "{found}"; write {value}').format(
                table=_table_name("active"), found=cell.raw, value=in_wan))
            return
        limit = _option(context.options, "township-fee-limit", TOWNSHIP_FEE_LIMIT)
        if report.agency_kind is AgencyKind.TOWNSHIP and cell.value > limit:
            yield self.finding(
                cell.span, _('{table}, "行政事业性收费": expected a township\'s fee in 万元 of at '
                             "most {limit}, found {found} 万元; was it written in 元?").format(
                    table=_table_name("active"), limit=number_text(limit),
                    found=number_text(cell.value)), severity=Severity.WARNING)

