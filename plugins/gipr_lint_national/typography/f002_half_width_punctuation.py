"""F002 half-width-punctuation."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import Edit, Finding, Fix, Report, Rule, RuleContext, Severity, Span, translator
from gipr_lint_national._text import prose_paragraphs, quote
from gipr_lint_national.typography._common import _FULL_WIDTH, _HALF_WIDTH, _PARENS, _touches_han

_ = translator("gipr_lint_national")


class HalfWidthPunctuation(Rule):
    """Half-width punctuation in Chinese sentences.

    Chinese text takes full-width punctuation: "，；：？！（）". Flagged in prose paragraphs: a
    half-width , ; : ? ! right after a Han character and before Han text or a digit, and a pair
    of half-width parentheses around text with Han characters that touches Han text (or opens
    the paragraph, as in "(一)主动公开"). Numbers ("1,000", "10:30"), URLs and Latin text are
    left alone, and so are tables and headings. Off by default: many reports use half-width
    punctuation throughout, and it is a matter of style. The safe fix puts the full-width form.

    Fails::

        2024年,我镇依申请公开信息数为零;不存在申请不予公开信息。

    Passes::

        2024年，我镇依申请公开信息数为零；不存在申请不予公开信息。
    """

    code = "F002"
    name = "half-width-punctuation"
    severity = Severity.INFO
    summary = "Half-width punctuation in Chinese sentences"
    enabled_by_default = False

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        for paragraph in prose_paragraphs(report, containing=",;:?!(", context=context):
            text, base = paragraph.text, paragraph.span.start
            for match in _HALF_WIDTH.finditer(text):
                mark = match.group()
                span = Span(base + match.start(), base + match.end())
                context_text = text[max(0, match.start() - 2):match.end() + 2]
                yield self.finding(span,
                                   _("half-width {mark} in Chinese text {text}; expected "
                                     "{expected}").format(mark=quote(mark),
                                                          text=quote(context_text),
                                                          expected=quote(_FULL_WIDTH[mark])),
                                   fix=Fix((Edit(span, _FULL_WIDTH[mark]),),
                                           _("Replace with {text}").format(
                                               text=quote(_FULL_WIDTH[mark]))))
            for match in _PARENS.finditer(text):
                if not _touches_han(text, match.start(), match.end()):
                    continue
                start, end = base + match.start(), base + match.end()
                edits = (Edit(Span(start, start + 1), "（"), Edit(Span(end - 1, end), "）"))
                yield self.finding(Span(start, end),
                                   _('half-width parentheses {found} in Chinese text; expected '
                                     '"（…）"').format(found=quote(match.group())),
                                   fix=Fix(edits, _("Replace with full-width parentheses")))

