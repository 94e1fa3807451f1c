"""T001 request-row-total."""

from __future__ import annotations

from gipr_lint.api import IdentityRule, Severity


class RowTotal(IdentityRule):
    """A table-三 row's 总计 differs from the sum of its six applicant columns.

    For every row of table 三, 总计 must equal 自然人 + 商业企业 + 科研机构 + 社会公益组织 +
    法律服务机构 + 其他. The finding points at the row's 总计 cell; an unsafe fix rewrites it
    to the sum, though the wrong number may as well be one of the six. Rows with an unread or
    invalid cell are skipped (T005 reports the cell), and so is a sum that fails with a cell left
    blank (T006: the blank, read as 0, may stand for any number).

    Fails::

        一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 5
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0

    Passes::

        一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 1 | 5
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    """

    code = "T001"
    name = "request-row-total"
    severity = Severity.ERROR
    summary = "Table 三 row total differs from the sum of the applicant columns"
    offers_fix = True

