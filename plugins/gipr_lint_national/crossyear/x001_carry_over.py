"""X001 carry-over."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import (
    REQUEST_COLUMNS,
    Batch,
    BatchFinding,
    BatchRule,
    RuleContext,
    Severity,
    translator,
)
from gipr_lint_national.crossyear._common import number, read

_ = translator("gipr_lint_national")


class CarryOver(BatchRule):
    """This year's 二、上年结转 differs from last year's 四、结转下年度继续办理.

    The requests last year's report carried forward are the ones this year's report carried
    over: in each of the seven columns of table 三, 二、上年结转政府信息公开申请数量 must equal
    last year's 四、结转下年度继续办理. The finding points at this year's cell and names last
    year's file and value. Runs when last year's report of the same agency is linted in the same
    run or named with ``--history``; a cell that could not be read in either report is skipped.

    Fails::

        sy2023.txt  四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        sy2024.txt  二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2

    Passes::

        sy2023.txt  四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2
        sy2024.txt  二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2
    """

    code = "X001"
    compares = True
    name = "carry-over"
    severity = Severity.ERROR
    summary = "上年结转 differs from last year's 结转下年度继续办理"

    def check_batch(self, batch: Batch, context: RuleContext) -> Iterator[BatchFinding]:
        for report, previous in batch.pairs():
            for column, label in enumerate(REQUEST_COLUMNS):
                now = read(report, "requests", "carried_over", column)
                before = read(previous, "requests", "carry_forward", column)
                if now is None or before is None or now.value == before.value:
                    continue
                message = _("上年结转 {column} is {value}, but {year}'s 结转下年度 is {previous} "
                            "({file})").format(column=label, value=number(now.value),
                                               year=previous.year,
                                               previous=number(before.value),
                                               file=previous.path)
                yield self.batch_finding(report, now.span, message, related=[previous])
