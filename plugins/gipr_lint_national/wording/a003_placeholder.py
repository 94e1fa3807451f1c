"""A003 placeholder."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity, Span, translator
from gipr_lint_national._text import paragraph_text, quote
from gipr_lint_national.wording._common import (
    _PLACEHOLDER,
    Piece,
    _ascii_placeholder,
    _pieces,
    _placeholder_hint,
)

_ = translator("gipr_lint_national")


class Placeholder(Rule):
    """Template placeholders left in: XX镇, ××, XXXX年, ＸＸ, （单位名称）, [单位名称].

    Reads the title, every paragraph and the 落款. Only placeholder patterns count: runs of two
    or more X/×, and bracketed template slots (（单位名称）, 【填写…】); plain words such as 某
    or 有关单位 never fire. ASCII XX counts only next to Chinese text.

    Fails::

        XX镇人民政府2024年政府信息公开工作年度报告

    Passes::

        高庄镇人民政府2024年政府信息公开工作年度报告
    """

    code = "A003"
    name = "placeholder"
    severity = Severity.ERROR
    summary = "Template placeholders left in"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        pieces: list[Piece] = [report.title] if report.title else []
        if _placeholder_hint(paragraph_text(report, context)):
            pieces.extend(_pieces(report))
        if report.signature is not None:
            pieces.extend(p for p in (report.signature.agency, report.signature.date_text) if p)
        for piece in pieces:
            if not _placeholder_hint(piece.text):
                continue
            for match in _PLACEHOLDER.finditer(piece.text):
                found = match.group()
                ascii_only = found[0] in "Xx" and found[-1] in "Xx"
                if ascii_only and not _ascii_placeholder(piece.text, *match.span()):
                    continue
                span = Span(piece.span.start + match.start(), piece.span.start + match.end())
                yield self.finding(span, _("template placeholder {found} left in; expected the "
                                           "real name, date or number").format(found=quote(found)))

