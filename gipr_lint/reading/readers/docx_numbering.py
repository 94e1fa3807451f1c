"""Word's automatic list numbering: the "一、" or "（二）" Word draws before a paragraph.

A clerk who numbers the section headings with Word's list numbering (a heading style or the
numbering button) has no "一、" in the paragraph's text: Word computes it from
``word/numbering.xml``. Without it the headings would not be found. This module computes the
labels the way Word shows them, for the formats reports use: decimal, Chinese counting
(一、二、…, 十一), full-width and circled digits, Roman numerals and letters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Numbering"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"


def _chinese(number: int) -> str:
    if number <= 0 or number >= 10000:
        return str(number)
    thousands, rest = divmod(number, 1000)
    hundreds, rest = divmod(rest, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    for value, unit in ((thousands, "千"), (hundreds, "百")):
        if value:
            out += _DIGITS[value] + unit
    if tens:
        if (hundreds or thousands) and not out.endswith("百"):
            out += "零"
        out += ("" if tens == 1 and not out else _DIGITS[tens]) + "十"
    elif ones and out:
        out += "零"
    if ones:
        out += _DIGITS[ones]
    return out


def _roman(number: int) -> str:
    if not 0 < number < 4000:
        return str(number)
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while number >= value:
            out += letters
            number -= value
    return out


def _letter(number: int) -> str:
    if number <= 0:
        return str(number)
    return chr(ord("A") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, kind: str) -> str:
    """``number`` in a ``w:numFmt`` format (unknown formats fall back to decimal)."""
    if kind in ("chineseCounting", "chineseCountingThousand", "ideographTraditional",
                "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand",
                "chineseLegalSimplified"):
        if kind == "ideographTraditional" and 0 < number <= 10:
            return _TRADITIONAL[number - 1]
        return _chinese(number)
    if kind == "decimalFullWidth" or kind == "decimalFullWidth2":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(number))
    if kind == "decimalEnclosedCircle" or kind == "decimalEnclosedCircleChinese":
        return chr(0x2460 + number - 1) if 0 < number <= 20 else str(number)
    if kind == "upperRoman":
        return _roman(number)
    if kind == "lowerRoman":
        return _roman(number).lower()
    if kind == "upperLetter":
        return _letter(number)
    if kind == "lowerLetter":
        return _letter(number).lower()
    if kind == "none" or kind == "bullet":
        return ""
    return str(number)


@dataclass
class _Level:
    start: int = 1
    kind: str = "decimal"
    text: str = "%1."


@dataclass
class Numbering:
    """The lists of a document and the counters Word keeps while it lays the paragraphs out."""

    #: numId -> (abstractNumId, {level: start override})
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    #: abstractNumId -> {level: _Level}
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    #: styleId -> (numId, level) for paragraph styles that number their paragraphs
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def read(cls, numbering: Any | None, styles: Any | None) -> Numbering:
        """From the parsed ``word/numbering.xml`` and ``word/styles.xml`` (either may be
        missing)."""
        found = cls()
        if numbering is not None:
            for abstract in numbering.iterchildren(f"{_W}abstractNum"):
                levels = {}
                for level in abstract.iterchildren(f"{_W}lvl"):
                    levels[_int(level.get(f"{_W}ilvl"), 0)] = _Level(
                        start=_int(_val(level, "start"), 1), kind=_val(level, "numFmt") or
                        "decimal", text=_val(level, "lvlText") or "")
                found.abstract[abstract.get(f"{_W}abstractNumId", "")] = levels
            for num in numbering.iterchildren(f"{_W}num"):
                overrides = {}
                for override in num.iterchildren(f"{_W}lvlOverride"):
                    start = _val(override, "startOverride")
                    if start is not None:
                        overrides[_int(override.get(f"{_W}ilvl"), 0)] = _int(start, 1)
                found.nums[num.get(f"{_W}numId", "")] = (_val(num, "abstractNumId") or "",
                                                          overrides)
        if styles is not None:
            for style in styles.iterchildren(f"{_W}style"):
                num_pr = style.find(f"{_W}pPr/{_W}numPr")
                if num_pr is not None:
                    num_id = _val(num_pr, "numId")
                    if num_id:
                        found.styles[style.get(f"{_W}styleId", "")] = (
                            num_id, _int(_val(num_pr, "ilvl"), 0))
        return found

    def label(self, paragraph: Any) -> str:
        """The label Word draws before ``paragraph`` ("一、", "（二）", "1."), counting it;
        ``""`` for a paragraph that is not numbered."""
        if not self.nums:
            return ""
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        num_id: str | None = None
        level = 0
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        if style is not None and style.get(f"{_W}val") in self.styles:
            num_id, level = self.styles[style.get(f"{_W}val")]
        if num_pr is not None:
            num_id = _val(num_pr, "numId") or num_id
            level = _int(_val(num_pr, "ilvl"), level)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if level not in levels or not 0 <= level <= 8:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        start = overrides.get(level, levels[level].start)
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]
        text = levels[level].text
        for shown in range(level, -1, -1):
            if f"%{shown + 1}" in text:
                known = levels.get(shown, _Level())
                value = counters.get(shown, overrides.get(shown, known.start))
                text = text.replace(f"%{shown + 1}", format_number(value, known.kind))
        return text


def _val(element: Any, name: str) -> str | None:
    child = element.find(f"{_W}{name}")
    return None if child is None else child.get(f"{_W}val")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
