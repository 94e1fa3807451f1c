"""Reading prose for the year, wording and consistency packs: numbers, clauses, citations.

Numbers in prose are written in Arabic digits (``4件``) or Chinese numerals (``四件``, ``十二件``,
``一百零五件``); "零", "无", "未…" say zero. Citations (《…》 titles and 文号 such as
``国办公开办函〔2021〕30号``) name documents, not facts of the report, so rules skip what lies
inside them. Every helper is pure and cheap; the regexes are compiled once.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from gipr_lint.reading.period import sentence_bounds
from gipr_lint.reading.source import Span

__all__ = [
    "APPROXIMATE",
    "NUMBER",
    "Citations",
    "clause_bounds",
    "parse_number",
    "sentence_bounds",
    "sentence_starts",
]

#: A count written in prose: Arabic digits or a Chinese numeral (up to the thousands).
NUMBER = r"(?:\d+|[零〇○一二两三四五六七八九十百千]+)"
#: What follows a number that is only approximate: 150余次, 20多件, 100件以上, 5件左右.
APPROXIMATE = re.compile(r"\s*(?:余|多|来|以上|左右|上下)")

_CJK_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CJK_UNIT = {"十": 10, "百": 100, "千": 1000}

#: 《…》 titles (no nesting across sentences) and 文号: 国办公开办函〔2021〕30号, 豫政〔2020〕5号.
_CITATION = re.compile(
    r"《[^《》\n]{0,120}》"
    r"|[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,4}\s*号")
_CLAUSE_END = re.compile(r"[，,。；;！!？?\n]")
#: Where a sentence (or a clause introduced by a colon) starts: after 。；！？： and spaces.
_SENTENCE_START = re.compile(r"[。；;！!？?：:\n][ \t\u3000]*")
_SPACES = re.compile(r"[ \t\u3000]*")


def parse_number(text: str) -> int | None:
    """The value of ``text``: ``"4"`` → 4, ``"十二"`` → 12, ``"一百零五"`` → 105, ``"二〇"`` → 20
    (digit by digit when there are no units); ``None`` when it is not a number."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(ch not in _CJK_DIGIT and ch not in _CJK_UNIT for ch in text):
        return None
    if not any(ch in _CJK_UNIT for ch in text):
        value = 0
        for ch in text:
            value = value * 10 + _CJK_DIGIT[ch]
        return value
    total, digit = 0, None
    for ch in text:
        if ch in _CJK_DIGIT:
            digit = _CJK_DIGIT[ch]
        else:
            total += (1 if digit is None else digit) * _CJK_UNIT[ch]
            digit = None
    return total + (digit or 0)


def clause_bounds(text: str, position: int) -> tuple[int, int]:
    """The clause of ``text`` holding ``position``: between commas or sentence ends."""
    start = position
    while start > 0 and not _CLAUSE_END.match(text, start - 1):
        start -= 1
    match = _CLAUSE_END.search(text, position)
    return start, match.start() if match else len(text)


def sentence_starts(text: str, first: int = 0) -> list[int]:
    """Offsets where a sentence starts: ``first`` (the text after a paragraph's marker) and
    after each 。；！？ or colon, spaces skipped."""
    starts = [_SPACES.match(text, first).end()]  # type: ignore[union-attr]
    for match in _SENTENCE_START.finditer(text, first):
        end = match.end()
        if end < len(text) and starts[-1] != end:
            starts.append(end)
    return starts


class Citations:
    """The citation spans of one text (《…》 titles and 文号), for "is this inside a citation?"."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, text: str) -> None:
        spans = [(m.start(), m.end()) for m in _CITATION.finditer(text)]
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def covers(self, span: Span | tuple[int, int]) -> bool:
        """Whether ``span`` (offsets into the same text) overlaps a citation."""
        start, end = (span.start, span.end) if isinstance(span, Span) else span
        index = bisect_right(self._starts, max(start, end - 1)) - 1
        return index >= 0 and self._ends[index] > start
