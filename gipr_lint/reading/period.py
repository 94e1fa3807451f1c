"""The statistics period a report states: "2024年1月1日至2024年12月31日"."""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left
from collections.abc import Iterable

from gipr_lint.model import Paragraph, Period
from gipr_lint.reading.layout.signature import DATE, parse_date
from gipr_lint.reading.numerals import cjk_number
from gipr_lint.reading.source import Span
from gipr_lint.reading.text import match_starts, sentence_bounds
from gipr_lint.regex import compile_re

__all__ = ["find_periods"]

_PERIOD_LINK = compile_re(r"\s*起?\s*(?:至|到|—+|－|-|~|～)\s*")
_MONTH_DAY = compile_re(r"(?P<month>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
                        r"(?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日")
_LINK_CHAR = compile_re(r"[至到—\-－~～]")
_PERIOD_WORDS = compile_re(r"统计|期限|时限|报告期|时间段|区间|数据")


def _has_period_word(text: str, start: int, end: int) -> bool:
    """Whether a word about the statistics lies in ``text[start:end]`` (a sentence: the words
    never hold a sentence end, so the matches over the whole text are those of the sentence)."""
    words = match_starts(_PERIOD_WORDS, text)
    index = bisect_left(words, start)
    return index < len(words) and words[index] < end and \
        _PERIOD_WORDS.match(text, words[index], end) is not None


def _period_at(paragraph: Paragraph, first: re.Match[str]) -> Period | None:
    text, base = paragraph.text, paragraph.span.start
    start = parse_date(first)
    link = _PERIOD_LINK.match(text, first.end())
    if start is None or link is None:
        return None
    second = DATE.match(text, link.end())
    if second is not None:
        end = parse_date(second)
    else:
        second = _MONTH_DAY.match(text, link.end())
        if second is None:
            return None
        month, day = cjk_number(second.group("month")), cjk_number(second.group("day"))
        try:
            end = datetime.date(start.year, month or 0, day or 0)
        except ValueError:
            end = None
    if end is None:
        return None
    typical = (start.month, start.day) == (1, 1) and end.month == 12
    if not (typical or _has_period_word(text, *sentence_bounds(text, first.start()))):
        return None
    return Period(text[first.start():second.end()], Span(base + first.start(), base + second.end()),
                  start, Span(base + first.start(), base + first.end()),
                  end, Span(base + second.start(), base + second.end()))


def find_periods(paragraphs: Iterable[Paragraph]) -> tuple[Period, ...]:
    """Every statistics period stated in the prose: a date range in a sentence about the
    statistics (统计, 期限, 时限 …), or running from 1 January to a day in December."""
    periods = []
    for paragraph in paragraphs:
        if "月" not in paragraph.text or not _LINK_CHAR.search(paragraph.text):
            continue
        for match in DATE.finditer(paragraph.text):
            period = _period_at(paragraph, match)
            if period is not None:
                periods.append(period)
    return tuple(periods)
