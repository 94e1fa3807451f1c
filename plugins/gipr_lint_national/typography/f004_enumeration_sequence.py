"""F004 enumeration-sequence."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from gipr_lint.api import (
    Edit,
    Finding,
    Fix,
    Paragraph,
    Report,
    Rule,
    RuleContext,
    Severity,
    Span,
    compile_re,
    translator,
)
from gipr_lint_national._prose_numbers import parse_number
from gipr_lint_national._text import cjk_numeral, quote

_ = translator("gipr_lint_national")

#: "一是" … "十是" opening a clause, and "第一，" … "第十，".
#: A 一是 need not open a clause ("…以下几个方面一是…"), but must not end a word: 之一是, 统一是.
_ITEM = compile_re(
    r"(?<![之统唯万专同单均划合第逐再这那其一二三四五六七八九十])"
    r"(?:(?P<shi>[一二三四五六七八九十]{1,2})是(?![否非])"
    r"|(?:^|(?<=[。；;，,：:！？!?\s）)]))[ \t\u3000]*第(?P<di>[一二三四五六七八九十]{1,2})"
    r"(?=[，,、：:]))")


#: An item: its value, its style ("shi" for 一是, "di" for 第一) and the report offsets of the
#: numeral with its 是/第. (A tuple: a report has several items, and only an item out of
#: sequence, rare, is made into a finding.)
_Item = tuple[int, str, int, int]


_NUMERALS = "一二三四五六七八九十"
_SPACES = " \t\u3000"
#: Where an item may be: a numeral before 是, or 第 before a numeral (a pattern a search skips
#: to quickly, unlike :data:`_ITEM`, which starts with a look behind).
_CANDIDATE = compile_re(f"[{_NUMERALS}第](?:(?<!第)是|(?<=第)[{_NUMERALS}])")


def _matches(text: str) -> Iterator[re.Match[str]]:
    """``_ITEM.finditer(text)``, tried only where a candidate is: an item holds one, and starts
    at most one numeral before a 是 candidate or at the spaces before a 第 candidate."""
    position = 0  # where the next item may start (items do not overlap)
    candidate = _CANDIDATE.search(text)
    while candidate is not None:
        at = candidate.start()
        low = at
        if text[at] == "第":
            while low > 0 and text[low - 1] in _SPACES:
                low -= 1
        elif at > 0 and text[at - 1] in _NUMERALS:
            low = at - 1
        for start in range(max(low, position), at + 1):
            match = _ITEM.match(text, start)
            if match is not None:
                yield match
                position = match.end()
                candidate = _CANDIDATE.search(text, position)
                break
        else:
            candidate = _CANDIDATE.search(text, at + 1)


@lru_cache(maxsize=128)
def _numeral_value(numeral: str) -> int | None:
    """An item's numeral read (one or two of 一…十: a hundred and ten of them, read once)."""
    return parse_number(numeral)


def _items(paragraph: Paragraph) -> Iterator[_Item]:
    text, base = paragraph.text, paragraph.span.start
    for match in _matches(text):
        style = match.lastgroup or "di"  # the one of the two groups that took part
        start, end = match.span(style)
        value = _numeral_value(text[start:end])
        if value is None or value == 0:
            continue
        if style == "di":
            start -= 1
        else:
            end += 1
        yield value, style, base + start, base + end


def _text(value: int, style: str) -> str:
    return f"{cjk_numeral(value)}是" if style == "shi" else f"第{cjk_numeral(value)}"


class EnumerationSequence(Rule):
    """An enumeration in the prose that skips or repeats a number.

    Reads "一是…二是…三是…" and "第一，…第二，…" in each part of the report (the preamble, or a
    section up to its next sub-heading): a number that skips ("一是…三是"), repeats ("二是…二是")
    or starts past one ("二是" with no 一是 before it) breaks the sequence. A new "一是" starts a
    new enumeration. Words such as "之一是", "统一是" or "第一时间" are not enumerations. The
    unsafe fix writes the expected number.

    Fails::

        从公开内容来看，一是及时公开部门行政职责；三是按规定进行财政预决算公开。

    Passes::

        从公开内容来看，一是及时公开部门行政职责；二是按规定进行财政预决算公开；三是法治宣传。
    """

    code = "F004"
    name = "enumeration-sequence"
    severity = Severity.WARNING
    summary = "An enumeration that skips or repeats a number"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        yield from self._part(report.preamble)
        for section in report.sections:
            yield from self._part(section.paragraphs)

    def _part(self, paragraphs: Sequence[Paragraph]) -> Iterator[Finding]:
        last: dict[str, int] = {}
        for paragraph in paragraphs:
            if paragraph.marker is not None and paragraph.marker.style != "cjk-shi":
                last = {}  # a sub-heading starts a new part
            if "是" not in paragraph.text and "第" not in paragraph.text:
                continue  # every item holds one (two quick tests: most paragraphs have none)
            for value, style, start, end in _items(paragraph):
                previous = last.get(style)
                last[style] = value
                if value == 1:
                    continue
                expected = 1 if previous is None else previous + 1
                if value == expected:
                    continue
                if previous is None:
                    message = _("enumeration starts at {found} with no {expected} before it")
                elif value == previous:
                    message = _("enumeration repeats {found} after {previous}; expected "
                                "{expected}")
                else:
                    message = _("enumeration skips from {previous} to {found}; expected "
                                "{expected}")
                found, wanted = _text(value, style), _text(expected, style)
                span = Span(start, end)
                yield self.finding(span, message.format(
                    found=quote(found), expected=quote(wanted),
                    previous=quote(_text(previous, style)) if previous else ""),
                    fix=Fix((Edit(span, wanted),),
                            _("Replace with {expected}").format(expected=quote(wanted)),
                            safe=False))
