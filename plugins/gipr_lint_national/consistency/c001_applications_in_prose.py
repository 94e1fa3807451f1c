"""C001 applications-in-prose."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import (
    Finding,
    Paragraph,
    Report,
    Rule,
    RuleContext,
    Severity,
    translator,
)
from gipr_lint_national._prose_numbers import (
    sentence_bounds,
)
from gipr_lint_national._text import paragraph_text, quote
from gipr_lint_national.consistency._common import (
    _ABOUT_REQUESTS,
    _NONE_RECEIVED,
    _NONE_RECEIVED_HINTS,
    _NOT_REQUESTS,
    _RECEIVED,
    _SIMPLE_ROWS,
    Claim,
    _claims,
    _total,
    of_another_year,
)

_ = translator("gipr_lint_national")


def _of_another_year(report: Report, claim: Claim) -> bool:
    """Whether the clause of ``claim`` names, before it, a year other than the report's."""
    return of_another_year(report.text, claim.span.start, report.year)


class ApplicationsInProse(Rule):
    """Numbers of applications stated in the prose contradict table 三.

    Reads what the prose says about 政府信息公开 applications: received ("共收到/接到/受理…申请
    N件"), none received ("未收到…申请", "未发生…依申请公开", "依申请公开信息数为零"), granted
    ("予以公开N件"), partly granted, carried over from last year and carried forward, and
    compares each with the 总计 column of table 三 (a received count may also include the
    carried-over ones). Prefers silence to a false alarm: clauses about 复议, 诉讼, 咨询, 收费
    or 不予公开, clauses naming another year than the report's ("2023年收到申请45件"),
    approximate numbers and missing, unreadable or blank cells are skipped.

    Fails::

        2024年，共接到依申请公开5件。
        一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0

    Passes::

        2024年，共接到依申请公开4件。
        一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0

    Passes::

        # gipr-lint.toml: year = 2024
        2024年，共接到依申请公开4件，2023年共接到依申请公开9件。
        一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    """

    code = "C001"
    name = "applications-in-prose"
    severity = Severity.ERROR
    summary = "Numbers of applications in the prose contradict table 三"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        table = report.tables.get("requests")
        if table is None:
            return
        new, carried = _total(table, "new"), _total(table, "carried_over")
        prose = paragraph_text(report, context)
        known: dict[str, list[Paragraph]] = {}  # the paragraphs holding a word, as found
        if new is not None:
            for claim in _claims(report, _RECEIVED, needs="申请", exclude=_NOT_REQUESTS,
                                 prose=prose, known=known):
                if claim.value == new or (carried is not None and claim.value == new + carried) \
                        or _of_another_year(report, claim):
                    continue
                yield self.finding(claim.span, _("{text} states {value} applications received; "
                                                 "table 三 本年新收 总计 is {total}").format(
                    text=quote(claim.quoted, 40), value=claim.value, total=new))
            if new:
                for claim in _claims(report, _NONE_RECEIVED, needs="申请",
                                     exclude=_NOT_REQUESTS, hints=_NONE_RECEIVED_HINTS,
                                     prose=prose, known=known):
                    if _of_another_year(report, claim):
                        continue
                    yield self.finding(claim.span, _("{text} states no applications; table 三 "
                                                     "本年新收 总计 is {total}").format(
                        text=quote(claim.quoted, 40), total=new))
        for pattern, key, label, hints in _SIMPLE_ROWS:
            expected = _total(table, key)
            if expected is None:
                continue
            for claim in _claims(report, pattern, needs="公开" if key.endswith("granted")
                                 else "结转", hints=hints, prose=prose, known=known):
                start, end = sentence_bounds(report.text, claim.span.start)
                if not _ABOUT_REQUESTS.search(report.text, start, end) or claim.value == expected \
                        or _of_another_year(report, claim):
                    continue
                yield self.finding(claim.span, _("{text} states {value}; table 三 {row} 总计 is "
                                                 "{total}").format(
                    text=quote(claim.quoted, 40), value=claim.value, row=label, total=expected))

