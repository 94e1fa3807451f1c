"""A002 agency-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import (
    AgencyKind,
    Finding,
    Report,
    Rule,
    RuleContext,
    Severity,
    Span,
    compile_re,
    translator,
)
from gipr_lint_national._prose_numbers import opens_sentence
from gipr_lint_national._text import quote
from gipr_lint_national.wording._common import _TEXT_AGENCY, _TEXT_SUBJECT, _pieces, same_body

_ = translator("gipr_lint_national")

_LEADING_SPACES = compile_re(r"[ \t\u3000]*")
#: A year's digits (a literal prefix: a search skips to them).
_YEAR = compile_re(r"(?:19|20)\d{2}")


class AgencyMismatch(Rule):
    """The agency in the title differs from the 落款 or from the subject of the text.

    Compares names by their core: 人民政府/政府/办事处 and county or city prefixes do not count
    ("甘河子镇" and "乌苏市甘河子镇人民政府" are the same body), and a sub-unit that signs
    (高庄镇党政办公室 for 高庄镇) is fine. For townships it also reads the subject of sentences
    opening with a year ("2024年，李庄镇…") and a name ending in 人民政府/办事处 opening a
    paragraph. Prefers silence to a false alarm: it needs the agency from the title and only
    reports names that share neither way.

    Fails::

        高庄镇人民政府2024年政府信息公开工作年度报告
        …
        李庄镇人民政府
        2025年1月20日

    Passes::

        甘河子镇政府信息公开工作2024年度报告
        …
        乌苏市甘河子镇人民政府
        2025年1月20日
    """

    code = "A002"
    name = "agency-mismatch"
    severity = Severity.WARNING
    summary = "The agency in the title differs from the 落款 or the text"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        if report.agency is None or report.agency_origin != "title":
            return
        title = report.agency.text
        signature = report.signature.agency if report.signature else None
        if signature is not None and not same_body(title, signature.text):
            yield self.finding(signature.span, _("the 落款 names {signed}, but the title names "
                                                 "{title}").format(signed=quote(signature.text),
                                                                   title=quote(title)))
        if report.agency_kind is AgencyKind.TOWNSHIP:
            yield from self._subjects(report, title, context)

    @staticmethod
    def _starts(text: str, first: int) -> list[int]:
        """Where a subject may be named: at ``first`` (the text's start, spaces skipped) and
        where a sentence opens with a year (every :data:`_TEXT_SUBJECT` starts with one: the
        years are found first, by a quick search, and fewer than the sentences)."""
        starts = [first]
        for year in _YEAR.finditer(text, first):
            position = year.start()
            if position != first and opens_sentence(text, position):
                starts.append(position)
        return starts

    def _subjects(self, report: Report, title: str, context: RuleContext
                  ) -> Iterator[Finding]:
        for piece in _pieces(report):
            text, base = piece.text, piece.span.start
            if "镇" not in text and "乡" not in text and "街道" not in text:
                continue  # every name read here ends in one (three quick tests)
            # a subject opens with a year; the agency is looked for at the first sentence too
            first = _LEADING_SPACES.match(text).end()  # type: ignore[union-attr]
            # an agency named at the start ends in 人民政府 or 办事处
            agency_first = "人民政府" in text or "办事处" in text
            for position in self._starts(text, first):
                match = _TEXT_SUBJECT.match(text, position) or (
                    _TEXT_AGENCY.match(text, position) if position == first and agency_first
                    else None)
                if match is None:
                    continue
                name = match.group("name")
                if "乡镇" in name or "镇乡" in name or same_body(title, name):
                    continue
                span = Span(base + match.start("name"), base + match.end("name"))
                yield self.finding(span, _("the text's subject is {name}, but the title names "
                                           "{title}").format(name=quote(name), title=quote(title)))

