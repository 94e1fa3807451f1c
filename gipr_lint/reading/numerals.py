"""Small Chinese numerals: 一 … 九十九 in headings and dates, 二〇二四 as a year."""

from __future__ import annotations

__all__ = ["CJK_DIGITS", "cjk_number", "year_value"]

CJK_DIGITS = "〇一二三四五六七八九"

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
