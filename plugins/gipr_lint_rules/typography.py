"""Typography: stray spaces inside Chinese words, punctuation width, numbering styles."""

from __future__ import annotations

import re
from collections.abc import Iterable

from gipr_lint.diagnostics import Edit, Finding, Fix, Severity
from gipr_lint.hookspecs import hookimpl
from gipr_lint.model import Report
from gipr_lint.rules import Rule, RuleContext
from gipr_lint.reading.source import Span
from gipr_lint_rules._text import HAN, prose_paragraphs, quote

GIPR_LINT_API = 1

# One space (or ideographic space) with a Han character on each side.
_STRAY_SPACE = re.compile(f"(?<=[{HAN}])[ \u3000](?=[{HAN}])")
# A sub-heading marker, （3） or 一、, possibly inside a paragraph (a page flattened to one line).
_SUBHEADING_MARKER = re.compile(r"[（(][ \u3000]*(?:[一二三四五六七八九十]{1,3}|\d{1,2})"
                                r"[ \u3000]*[)）]|[一二三四五六七八九十]{1,2}、")
_STOPS = re.compile(r"[，,、。；;：:！？!?\n]")
# How far after a marker a sub-heading's title may run ("（3） 完善工作机制 规范公开流程").
_LEAD_IN = 24


def _in_subheading(text: str, position: int) -> bool:
    """Whether ``position`` lies in a sub-heading's title: after a marker, before any stop.

    There a space separates phrases ("（3） 完善工作机制 规范公开流程") and is not stray.
    """
    markers = list(_SUBHEADING_MARKER.finditer(text, max(0, position - _LEAD_IN), position))
    return bool(markers) and _STOPS.search(text, markers[-1].end(), position) is None


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
        for paragraph in prose_paragraphs(report, containing=" \u3000"):
            text = paragraph.text
            for match in _STRAY_SPACE.finditer(text):
                if _in_subheading(text, match.start()):
                    continue
                start = paragraph.span.start + match.start()
                span = Span(start, start + 1)
                around = text[max(0, match.start() - 2):match.end() + 2]
                joined = around.replace(match.group(), "", 1)
                yield self.finding(span,
                                   f"space inside Chinese text {quote(around)}; expected "
                                   f"{quote(joined)}",
                                   fix=Fix((Edit(span, ""),), "Delete the space"))


_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_AFTER = f"{HAN}》”）"
_BEFORE = f"{HAN}0-9《“（"
# , ; : ? ! after a Han character (or closing quote/bracket) and before Han, a digit or an
# opening quote/bracket.
_HALF_WIDTH = re.compile(f"(?<=[{_AFTER}])[,;:?!](?=[{_BEFORE}])")
# A half-width pair of parentheses holding Han text and touching Han text or opening a line.
_PARENS = re.compile(f"\\((?=[^()\n]*[{HAN}])[^()\n]{{1,60}}\\)")
_HAN_CHAR = re.compile(f"[{HAN}]")


def _touches_han(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return bool(_HAN_CHAR.match(before) or _HAN_CHAR.match(after) or start == 0)


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
        for paragraph in prose_paragraphs(report, containing=",;:?!("):
            text, base = paragraph.text, paragraph.span.start
            for match in _HALF_WIDTH.finditer(text):
                mark = match.group()
                span = Span(base + match.start(), base + match.end())
                context_text = text[max(0, match.start() - 2):match.end() + 2]
                yield self.finding(span,
                                   f"half-width {quote(mark)} in Chinese text "
                                   f"{quote(context_text)}; expected {quote(_FULL_WIDTH[mark])}",
                                   fix=Fix((Edit(span, _FULL_WIDTH[mark]),),
                                           f"Replace with {quote(_FULL_WIDTH[mark])}"))
            for match in _PARENS.finditer(text):
                if not _touches_han(text, match.start(), match.end()):
                    continue
                start, end = base + match.start(), base + match.end()
                edits = (Edit(Span(start, start + 1), "（"), Edit(Span(end - 1, end), "）"))
                yield self.finding(Span(start, end),
                                   f"half-width parentheses {quote(match.group())} in Chinese "
                                   'text; expected "（…）"',
                                   fix=Fix(edits, "Replace with full-width parentheses"))


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    """The rules of this pack."""
    return [SpaceInChineseText, HalfWidthPunctuation]
