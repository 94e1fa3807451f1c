"""Enumeration markers that open headings and paragraphs: 一、 1、 1. （一） （3） 一是."""

from __future__ import annotations

import re

from gipr_lint.model import Marker
from gipr_lint.source import Span

__all__ = ["CJK_DIGITS", "cjk_number", "read_marker", "year_value"]

CJK_DIGITS = "〇一二三四五六七八九"

_MARKER = re.compile(
    r"[ \t\u3000]*(?:"
    r"(?P<paren>[(（][ \u3000]*(?P<paren_value>[一二三四五六七八九十]{1,3}|\d{1,2})[ \u3000]*[)）])"
    r"|(?P<cjk_comma>(?P<cjk_value>[一二三四五六七八九十]{1,3})[、.．])"
    r"|(?P<cjk_shi>(?P<shi_value>[一二三四五六七八九十]{1,3})是)"
    r"|(?P<arabic>(?P<arabic_value>\d{1,2})(?P<arabic_mark>[、.．])(?!\d))"
    r")"
)


def cjk_number(text: str) -> int | None:
    """Value of a small Chinese numeral (一 … 九十九); ``None`` if it is not one."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        if len(tens) > 1 or len(units) > 1 or (tens + units).strip(CJK_DIGITS[1:]):
            return None  # 十十, 二二十 …: not a numeral
        tens_value = CJK_DIGITS.index(tens) if tens else 1
        units_value = CJK_DIGITS.index(units) if units else 0
        return tens_value * 10 + units_value
    if len(text) == 1 and text in CJK_DIGITS:
        return CJK_DIGITS.index(text)
    return None


_YEAR_ZEROS = str.maketrans({"零": "〇", "○": "〇", "Ｏ": "〇"})


def year_value(text: str) -> int:
    """A four-digit year in Arabic or Chinese digits: "2024", "二〇二四", "二零二四"."""
    if text.isdigit():
        return int(text)
    return int("".join(str(CJK_DIGITS.index(ch)) for ch in text.translate(_YEAR_ZEROS)))


def read_marker(text: str, start: int = 0, end: int | None = None) -> Marker | None:
    """The marker at ``text[start:]``, skipping leading spaces, or ``None``."""
    match = _MARKER.match(text, start, len(text) if end is None else end)
    if match is None:
        return None
    if match.group("paren"):
        raw_value = match.group("paren_value")
        style = "paren-arabic" if raw_value.isdigit() else "paren-cjk"
        group = "paren"
    elif match.group("cjk_comma"):
        raw_value, style, group = match.group("cjk_value"), "cjk-comma", "cjk_comma"
    elif match.group("cjk_shi"):
        raw_value, style, group = match.group("shi_value"), "cjk-shi", "cjk_shi"
    else:
        raw_value = match.group("arabic_value")
        style = "arabic-dot" if match.group("arabic_mark") in ".．" else "arabic-comma"
        group = "arabic"
    value = cjk_number(raw_value)
    if value is None:
        return None
    return Marker(match.group(group), style, value, Span(match.start(group), match.end(group)))
