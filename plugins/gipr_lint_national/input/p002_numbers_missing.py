"""P002 numbers-missing."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity
from gipr_lint_national.input._common import SKIPPED, _, table_name


class NumbersMissing(Rule):
    """A table whose labels are in the text but whose numbers are not.

    The table was most likely an image in the page or the PDF, or the conversion dropped its
    cells. Nothing of it can be checked: the finding names the checks skipped.

    Fails::

        四、政府信息公开行政复议、行政诉讼情况
        行政复议 行政诉讼
        结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉

    Passes::

        四、政府信息公开行政复议、行政诉讼情况
        行政复议 行政诉讼
        结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉
        0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
    """

    code = "P002"
    name = "numbers-missing"
    severity = Severity.WARNING
    summary = "A table's labels are in the text but its numbers are not"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        for problem in report.problems:
            if problem.kind != "no-numbers" or problem.table is None:
                continue
            yield self.finding(problem.span, _(
                "{table} has its labels but no numbers (was it an image, or lost in "
                "conversion?); expected the figures; {skipped} skipped").format(
                table=table_name(problem.table), skipped=SKIPPED.get(problem.table, "")))
