"""T003 request-balance."""

from __future__ import annotations

from gipr_lint.api import IdentityRule, Severity


class PrintedIdentity(IdentityRule):
    """The identity printed in table 三's header fails: 一 + 二 ≠ （七）总计 + 四.

    The header note says 第一项加第二项之和，等于第三项加第四项之和: in every column, 本年新收 +
    上年结转 must equal （七）总计 + 结转下年度继续办理. The finding points at the column's
    四、结转下年度继续办理 cell, the balancing figure, and says what 一 + 二 − （七）总计 gives;
    no fix is offered, since any of the four numbers may be the wrong one.

    Fails::

        一、本年新收政府信息公开申请数量 | 4 | … | 4
        二、上年结转政府信息公开申请数量 | 0 | … | 0
        （七）总计                       | 4 | … | 4
        四、结转下年度继续办理           | 1 | … | 1

    Passes::

        四、结转下年度继续办理           | 0 | … | 0
    """

    code = "T003"
    name = "request-balance"
    severity = Severity.ERROR
    summary = "Table 三: 一 + 二 differs from （七）总计 + 四"

