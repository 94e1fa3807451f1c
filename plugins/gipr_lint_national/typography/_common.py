"""What several typography rules share."""

from __future__ import annotations

from gipr_lint.api import compile_re
from gipr_lint_national._text import HAN

# One space (or ideographic space) with a Han character on each side.
#: (A look-behind written after the first character it guards, not before it: a pattern that
#: starts with a character class is searched for at C speed, one that starts with a look-behind
#: is tried at every character.)
_STRAY_SPACE = compile_re(f"[ \u3000](?<=[{HAN}][ \u3000])(?=[{HAN}])")


# A sub-heading marker, （3） or 一、, possibly inside a paragraph (a page flattened to one line).
_SUBHEADING_MARKER = compile_re(r"[（(][ \u3000]*(?:[一二三四五六七八九十]{1,3}|\d{1,2})"
                                r"[ \u3000]*[)）]|[一二三四五六七八九十]{1,2}、")


_STOPS = compile_re(r"[，,、。；;：:！？!?\n]")


# How far after a marker a sub-heading's title may run ("（3） 完善工作机制 规范公开流程").
_LEAD_IN = 24


def _in_subheading(text: str, position: int) -> bool:
    """Whether ``position`` lies in a sub-heading's title: after a marker, before any stop.

    There a space separates phrases ("（3） 完善工作机制 规范公开流程") and is not stray.
    """
    markers = list(_SUBHEADING_MARKER.finditer(text, max(0, position - _LEAD_IN), position))
    return bool(markers) and _STOPS.search(text, markers[-1].end(), position) is None


_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


_AFTER = f"{HAN}》”）"


_BEFORE = f"{HAN}0-9《“（"


# , ; : ? ! after a Han character (or closing quote/bracket) and before Han, a digit or an
# opening quote/bracket.
_HALF_WIDTH = compile_re(f"[,;:?!](?<=[{_AFTER}][,;:?!])(?=[{_BEFORE}])")


# A half-width pair of parentheses holding Han text and touching Han text or opening a line.
_PARENS = compile_re(f"\\((?=[^()\n]*[{HAN}])[^()\n]{{1,60}}\\)")


_HAN_CHAR = compile_re(f"[{HAN}]")


def _touches_han(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return bool(_HAN_CHAR.match(before) or _HAN_CHAR.match(after) or start == 0)

