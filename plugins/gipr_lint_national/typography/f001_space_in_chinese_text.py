"""F001 space-in-chinese-text."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import Edit, Finding, Fix, Report, Rule, RuleContext, Severity, Span, translator
from gipr_lint_national._text import prose_paragraphs, quote
from gipr_lint_national.typography._common import _STRAY_SPACE, _in_subheading

_ = translator("gipr_lint_national")


class SpaceInChineseText(Rule):
    """A stray space inside running Chinese text.

    A single space (or ideographic space) between two Han characters in a prose paragraph, as in
    "以 下问题" or "进一 步完善", is almost always a line-wrap artefact of PDF or Word
    conversion. Only prose is checked (paragraphs with sentence punctuation); titles, headings,
    tables and the 落款 are left alone, and so is a sub-heading's title, even inside a paragraph:
    the text after a marker （3） or 三、 up to the first punctuation ("（3） 完善工作机制
    规范公开流程", where the space separates two phrases). Runs of two or more spaces (used to
    align names) are not flagged either. The safe fix deletes the space.

    Fails::

        还存在以 下问题：一是信息公开考核机制尚需进一 步完善。

    Passes::

        还存在以下问题：一是信息公开考核机制尚需进一步完善。
        （3） 完善工作机制 规范公开流程
    """

    code = "F001"
    name = "space-in-chinese-text"
    severity = Severity.WARNING
    summary = "A space inside running Chinese text"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        for paragraph in prose_paragraphs(report, containing=" \u3000", context=context):
            text = paragraph.text
            for match in _STRAY_SPACE.finditer(text):
                if _in_subheading(text, match.start()):
                    continue
                start = paragraph.span.start + match.start()
                span = Span(start, start + 1)
                around = text[max(0, match.start() - 2):match.end() + 2]
                joined = around.replace(match.group(), "", 1)
                yield self.finding(span,
                                   _("space inside Chinese text {found}; expected {expected}")
                                   .format(found=quote(around), expected=quote(joined)),
                                   fix=Fix((Edit(span, ""),), _("Delete the space")))

