"""C002 review-in-prose."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity, Span, translator
from gipr_lint_national._prose_numbers import (
    parse_number,
    sentence_bounds,
)
from gipr_lint_national._text import quote
from gipr_lint_national.consistency._common import (
    _COUNT,
    _LITIGATION,
    _NONE_REVIEWED,
    _REVIEW,
    _ZERO_AFTER,
    _approximate,
    _Review,
    _review_totals,
    _topics,
    of_another_year,
)

_ = translator("gipr_lint_national")


class ReviewInProse(Rule):
    """Statements about 行政复议 and 行政诉讼 contradict table 四.

    Reads "未发生/没有发生…行政复议…行政诉讼", "行政复议和行政诉讼均为0" and "行政复议N件" and
    compares them with the 总计 cells of table 四: 行政复议, and 行政诉讼 as 未经复议直接起诉 plus
    复议后起诉. Prefers silence to a false alarm: a statement must name 复议 or 诉讼 in the same
    clause, a count must follow the word closely, and a clause naming another year than the
    report's ("2023年被申请行政复议3件") or missing or unreadable cells mean silence.

    Fails::

        没有发生申请行政复议案件和提起行政诉讼案件。
        行政复议 | 行政诉讼
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
        0 | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0

    Passes::

        没有发生申请行政复议案件和提起行政诉讼案件。
        行政复议 | 行政诉讼
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
        0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    """

    code = "C002"
    name = "review-in-prose"
    severity = Severity.ERROR
    summary = "Statements about 行政复议/行政诉讼 contradict table 四"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        if "review" not in report.tables:
            return
        totals = _review_totals(report)
        for paragraph in report.paragraphs():
            text, base = paragraph.text, paragraph.span.start
            if "复议" not in text and "诉讼" not in text:
                continue
            for match in _NONE_REVIEWED.finditer(text):
                if of_another_year(text, match.start("zero"), report.year):
                    continue  # "2023年未发生行政诉讼": another year's
                # "没有发生申请行政复议案件和提起行政诉讼案件": the rest of the clause counts
                end = sentence_bounds(text, match.start(), clause=True)[1]
                span = Span(base + match.start("zero"), base + match.end("zero"))
                yield from self._zero(span, text[match.start():end],
                                      *_topics(text[match.start():end]), totals)
            for match in _ZERO_AFTER.finditer(text):
                if of_another_year(text, match.start("zero"), report.year):
                    continue
                span = Span(base + match.start("zero"), base + match.end("zero"))
                yield from self._zero(span, match.group(), *_topics(match.group("about")),
                                      totals)
            for match in _COUNT.finditer(text):
                if _approximate(text, match, "num") or of_another_year(
                        text, match.start("num"), report.year):
                    continue
                value = parse_number(match.group("num"))
                if value is None:
                    continue
                span = Span(base + match.start("num"), base + match.end("num"))
                yield from self._count(span, match.group(), value, match.group("about"), totals)

    def _zero(self, span: Span, quoted: str, review: bool, litigation: bool,
              totals: _Review) -> Iterator[Finding]:
        wrong = []
        if review and totals.review:
            wrong.append(_("{kind} 总计 is {total}").format(kind=_REVIEW, total=totals.review))
        if litigation and totals.litigation:
            wrong.append(_("{kind} 总计 is {total}").format(kind=_LITIGATION,
                                                           total=totals.litigation))
        if wrong:
            yield self.finding(span, _("{text} states there were none; table 四 {totals}").format(
                text=quote(quoted, 40), totals=_(" and ").join(wrong)))

    def _count(self, span: Span, quoted: str, value: int, about: str,
               totals: _Review) -> Iterator[Finding]:
        review, litigation = _topics(about)
        if review and litigation:
            if totals.review is None or totals.litigation is None:
                return
            each = "各" in about
            if (each and value == totals.review == totals.litigation) or (
                    not each and value == totals.review + totals.litigation):
                return
            expected = _("{review} {review_total}, {litigation} {litigation_total}").format(
                review=_REVIEW, review_total=totals.review, litigation=_LITIGATION,
                litigation_total=totals.litigation)
        elif review:
            if totals.review is None or value == totals.review:
                return
            expected = _("{kind} 总计 {total}").format(kind=_REVIEW, total=totals.review)
        else:
            if totals.litigation is None or value == totals.litigation:
                return
            expected = _("{kind} 总计 {total}").format(kind=_LITIGATION, total=totals.litigation)
        yield self.finding(span, _("{text} states {value}; table 四 says {expected}").format(
            text=quote(quoted, 40), value=value, expected=expected))

