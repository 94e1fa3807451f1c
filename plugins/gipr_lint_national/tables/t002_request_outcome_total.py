"""T002 request-outcome-total."""

from __future__ import annotations

from gipr_lint.api import IdentityRule, Severity


class OutcomeTotal(IdentityRule):
    """A table-三 （七）总计 cell differs from the sum of the outcome rows in its column.

    In every column, （七）总计 must equal the sum of the outcome rows （一） through （六）: the
    numbered sub-rows of （三）–（六）, not the group labels (in the 2019 format （六）其他处理 is
    one row). The finding points at the （七）总计 cell; an unsafe fix rewrites it to the sum.

    Fails::

        （一）予以公开 | 3 | 0 | 0 | 0 | 0 | 0 | 3
        （二）部分公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1
        …
        （七）总计     | 3 | 0 | 0 | 0 | 0 | 0 | 3

    Passes::

        （七）总计     | 4 | 0 | 0 | 0 | 0 | 0 | 4
    """

    code = "T002"
    name = "request-outcome-total"
    severity = Severity.ERROR
    summary = "Table 三 （七）总计 differs from the sum of the outcome rows"
    offers_fix = True

