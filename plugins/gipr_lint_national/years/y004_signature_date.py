"""Y004 signature-date."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from gipr_lint.api import AgencyKind, Finding, Report, Rule, RuleContext, Severity, translator
from gipr_lint_national._text import quote
from gipr_lint_national.years._common import (
    _KIND_NAMES,
    NATIONAL_DEADLINES,
    _day,
    _township_deadline,
)

_ = translator("gipr_lint_national")


class SignatureDate(Rule):
    """The 落款 date falls inside the reported year, or after the publication deadline.

    A report on year Y is signed in Y+1: a 落款 dated in Y or earlier is an error. Lateness is
    a warning, after the deadline of 条例 第四十九条 for the agency kind: departments by
    31 January of Y+1, people's governments (本级) by 31 March. The 条例 sets no national date
    for 乡/镇/街道, so townships are only checked when a provincial date is known: the
    ``township-deadline`` option (``"MM-DD"``, in ``[tool.gipr-lint.years]``, e.g.
    ``"02-20"``), or else the deadline an installed provincial pack sets for the kind (hook
    ``gipr_lint_deadlines``, which may also move the departments' and governments' dates).
    Silent when there is no dated 落款 or no report year.

    Fails::

        高庄镇人民政府2024年政府信息公开工作年度报告
        …
        高庄镇人民政府
        2024年12月20日

    Passes::

        高庄镇人民政府2024年政府信息公开工作年度报告
        …
        高庄镇人民政府
        2025年1月20日
    """

    code = "Y004"
    name = "signature-date"
    severity = Severity.ERROR
    summary = "The 落款 date falls inside the reported year or after the deadline"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        signature, year = report.signature, report.year
        if signature is None or signature.date is None or signature.date_text is None:
            return
        if year is None:
            return
        date, piece = signature.date, signature.date_text
        if date.year <= year:
            yield self.finding(piece.span, _("落款 date {date} is not after the reported year "
                                             "{year}; expected a date in {next}").format(
                date=quote(piece.text), year=year, next=year + 1))
            return
        deadline = self._deadline(report.agency_kind, year + 1, context)
        if deadline is not None and date > deadline:
            yield self.finding(
                piece.span, _("落款 date {date} is after the deadline for {kind} report, "
                              "{deadline}").format(
                    date=quote(piece.text), kind=_(_KIND_NAMES[report.agency_kind]),
                    deadline=f"{deadline.year}年{deadline.month}月{deadline.day}日"),
                severity=Severity.WARNING)

    @staticmethod
    def _deadline(kind: AgencyKind, year: int, context: RuleContext) -> datetime.date | None:
        """The deadline in ``year``: the ``township-deadline`` option (townships), else a
        plugin's (``context.deadlines``), else the national one; ``None`` when there is none."""
        if kind is AgencyKind.UNKNOWN:
            return None
        if kind is AgencyKind.TOWNSHIP:
            configured = _township_deadline(context.options, year)
            if configured is not None:
                return configured
        value = context.deadlines.get(kind.value) or NATIONAL_DEADLINES.get(kind)
        return _day(value, year, f"the {kind.value} deadline") if value else None

