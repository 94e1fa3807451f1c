"""Chinese numerals, both ways: one reader (:func:`cjk_number`) and one writer
(:func:`cjk_numeral`) for headings, dates, years and counts in prose."""

from __future__ import annotations

__all__ = ["CJK_DIGITS", "cjk_number", "cjk_numeral"]

CJK_DIGITS = "〇一二三四五六七八九"

_DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def cjk_number(text: str) -> int | None:
    """The value of a number written in Arabic digits or a Chinese numeral; ``None`` when
    ``text`` is not one.

    ``"4"`` → 4, ``"十二"`` → 12, ``"一百零五"`` → 105, ``"三千二百"`` → 3200, ``"两"`` → 2;
    Chinese digits without units are read digit by digit, as years are written (``"二〇二四"``,
    ``"二零二四"`` → 2024). Units must fall (千 before 百 before 十) with at most one digit before
    each: ``"十十"`` and ``"二二十"`` are not numbers.
    """
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        return None
    if not any(ch in _UNITS for ch in text):
        value = 0
        for ch in text:
            value = value * 10 + _DIGITS[ch]
        return value
    total, digit, last_unit = 0, None, 10_000
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and digit != 0 and _DIGITS[ch] != 0:
                return None  # two digits in a row before a unit
            digit = _DIGITS[ch] if digit in (None, 0) else digit
            continue
        unit = _UNITS[ch]
        if unit >= last_unit or digit == 0:
            return None  # 十十, 十百, 零十
        total += (1 if digit is None else digit) * unit
        digit, last_unit = None, unit
    return total + (digit or 0)


def cjk_numeral(value: int) -> str:
    """The Chinese numeral for 1–99 as used in numbering: 3 → 三, 10 → 十, 12 → 十二, 20 → 二十
    (other values in Arabic digits)."""
    if not 0 < value < 100:
        return str(value)
    tens, units = divmod(value, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CJK_DIGITS[tens] + "十")
    return head + (CJK_DIGITS[units] if units else "")
