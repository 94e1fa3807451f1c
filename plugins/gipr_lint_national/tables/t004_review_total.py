"""T004 review-total."""

from __future__ import annotations

from gipr_lint.api import IdentityRule, Severity


class ReviewTotal(IdentityRule):
    """A table-四 group's 总计 differs from 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

    Table 四 has three groups of five cells (行政复议, 未经复议直接起诉, 复议后起诉); in each the
    fifth, 总计, is the sum of the first four. The finding points at the group's 总计 cell; an
    unsafe fix rewrites it to the sum.

    Fails::

        行政复议 | 行政诉讼
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
        0 | 1 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0

    Passes::

        行政复议 | 行政诉讼
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
        0 | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    """

    code = "T004"
    name = "review-total"
    severity = Severity.ERROR
    summary = "Table 四 总计 differs from the sum of the four results"
    offers_fix = True

