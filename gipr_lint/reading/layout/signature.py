"""The 落款: the signing agency and date that close a report."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gipr_lint.model import AgencyKind, TextPiece
from gipr_lint.reading.facts import agency_kind
from gipr_lint.reading.numerals import cjk_number
from gipr_lint.reading.source import Span
from gipr_lint.regex import compile_re

__all__ = ["DATE", "SignatureMatch", "find_signature", "parse_date"]

_YEAR = r"\d{4}|[〇零○Ｏ一二三四五六七八九]{4}"
_SMALL = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
#: A written date: 2025年1月20日, 二〇二五年一月二十日.
DATE = compile_re(rf"(?P<year>{_YEAR})\s*年\s*(?P<month>{_SMALL})\s*月\s*(?P<day>{_SMALL})\s*日")
_SIGNATURE_LINES = 3


@dataclass(frozen=True, slots=True)
class SignatureMatch:
    span: Span
    agency: TextPiece | None
    date: datetime.date | None
    date_text: TextPiece | None


def parse_date(match: re.Match[str]) -> datetime.date | None:
    """The date a :data:`DATE` match names, or ``None`` when it is not a real date."""
    try:
        year, month, day = (cjk_number(match.group(part)) for part in ("year", "month", "day"))
        if year is None or month is None or day is None:
            return None
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _agency_piece(text: str, start: int, end: int) -> TextPiece | None:
    candidate = text[start:end].strip()
    if not candidate or len(candidate) > 30 or any(p in candidate for p in "，。,；;：:"):
        return None
    if agency_kind(candidate) is AgencyKind.UNKNOWN:
        return None
    offset = start + text[start:end].index(candidate)
    return TextPiece(candidate, Span(offset, offset + len(candidate)))


def find_signature(text: str, starts: Sequence[int], ends: Sequence[int], after: int,
                   is_taken: Callable[[int], bool]) -> SignatureMatch | None:
    """The signature at the end of the report: a date line, with the agency line above it or on
    the same line. Only the last few content lines after ``after`` are considered (the lines'
    ``starts`` and ``ends``, line by line)."""
    content: list[tuple[int, int]] = []
    for start, end in zip(reversed(starts), reversed(ends), strict=True):  # the last few matter
        if start < after or len(content) == _SIGNATURE_LINES:
            break
        line = text[start:end]
        first = start + len(line) - len(line.lstrip())
        if line.strip() and not is_taken(first):
            content.insert(0, (start, end))
    for index in range(len(content) - 1, -1, -1):
        start, end = content[index]
        if not text[start:end].rstrip().endswith("日"):
            continue  # (a date ends with 日: no date can end the line, no pattern search)
        date_match = None
        for match in DATE.finditer(text, start, end):
            date_match = match
        if date_match is None or text[date_match.end():end].strip():
            continue
        before = text[start:date_match.start()]
        agency = None
        if before.strip():
            agency = _agency_piece(text, start, date_match.start())
            if agency is None:
                continue  # the date ends a sentence, not a signature
        elif index > 0:
            agency = _agency_piece(text, *content[index - 1])
        span_start = agency.span.start if agency else date_match.start()
        date_piece = TextPiece(date_match.group(), Span(date_match.start(), date_match.end()))
        return SignatureMatch(Span(span_start, date_match.end()), agency,
                              parse_date(date_match), date_piece)
    return None
