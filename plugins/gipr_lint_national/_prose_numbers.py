"""Reading prose for the year, wording and consistency packs: numbers, clauses, citations.

Numbers in prose are written in Arabic digits (``4件``) or Chinese numerals (``四件``, ``十二件``,
``一百零五件``); "零", "无", "未…" say zero. Citations (《…》 titles and 文号 such as
``国办公开办函〔2021〕30号``) name documents, not facts of the report, so rules skip what lies
inside them. Every helper is pure and cheap; the regexes are compiled once.
"""

from __future__ import annotations

import sys
from bisect import bisect_right

from gipr_lint.api import Span, cjk_number, compile_re, sentence_bounds

__all__ = [
    "APPROXIMATE",
    "NUMBER",
    "Citations",
    "opens_sentence",
    "parse_number",
    "sentence_bounds",
    "sentence_starts",
]

#: A count written in prose: Arabic digits or a Chinese numeral (up to the thousands).
NUMBER = r"(?:\d+|[零〇○一二两三四五六七八九十百千]+)"
#: What follows a number that is only approximate: 150余次, 20多件, 100件以上, 5件左右.
APPROXIMATE = compile_re(r"\s*(?:余|多|来|以上|左右|上下)")

#: 《…》 titles (no nesting across sentences) and 文号: 国办公开办函〔2021〕30号, 豫政〔2020〕5号.
#: The Han characters before a 文号's bracket are a whole run (what follows them is never Han,
#: so no shorter run can match): taken possessively where Python has it (3.11), which spares
#: the search trying every shorter run at every character.
_WHOLE = "+" if sys.version_info >= (3, 11) else ""
_CITATION = compile_re(
    r"《[^《》\n]{0,120}》"
    r"|[\u4e00-\u9fff]{1,12}" + _WHOLE
    + r"\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,4}\s*号")
#: The titles alone, for a text without 文号.
_TITLE = compile_re(r"《[^《》\n]{0,120}》")
#: Where a sentence (or a clause introduced by a colon) starts: after 。；！？： and spaces.
_SENTENCE_START = compile_re(r"[。；;！!？?：:\n][ \t\u3000]*")
_SPACES = compile_re(r"[ \t\u3000]*")


#: A number in prose, Arabic or Chinese (one converter for the whole code base).
parse_number = cjk_number


def sentence_starts(text: str, first: int = 0) -> list[int]:
    """Offsets where a sentence starts: ``first`` (the text after a paragraph's marker) and
    after each 。；！？ or colon, spaces skipped."""
    starts = [_SPACES.match(text, first).end()]  # type: ignore[union-attr]
    for match in _SENTENCE_START.finditer(text, first):
        end = match.end()
        if end < len(text) and starts[-1] != end:
            starts.append(end)
    return starts


#: What ends a sentence (or opens a clause with a colon), as in :data:`_SENTENCE_START`.
_SENTENCE_END = "。；;！!？?：:\n"


def opens_sentence(text: str, position: int, first: int = 0) -> bool:
    """Whether a sentence starts at ``position`` (a character other than a space): whether it
    is one of :func:`sentence_starts` ``(text, first)``. A rule that looks for sentences opening
    with something rarer than sentences finds that first and asks this."""
    before = position
    while before > first and text[before - 1] in " \t\u3000":
        before -= 1
    return before == first or text[before - 1] in _SENTENCE_END


class Citations:
    """The citation spans of one text (《…》 titles and 文号), for "is this inside a citation?"."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, text: str) -> None:
        # a 文号 ends in 号, a title starts with 《: most texts have neither
        pattern = _CITATION if "号" in text else _TITLE if "《" in text else None
        spans = [] if pattern is None else [match.span() for match in pattern.finditer(text)]
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def covers(self, span: Span | tuple[int, int]) -> bool:
        """Whether ``span`` (offsets into the same text) overlaps a citation."""
        start, end = (span.start, span.end) if isinstance(span, Span) else span
        index = bisect_right(self._starts, max(start, end - 1)) - 1
        return index >= 0 and self._ends[index] > start
