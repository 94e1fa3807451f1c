"""Enumeration markers that open headings and paragraphs: 一、 1、 1. （一） （3） 一是."""

from __future__ import annotations

import re

from gipr_lint.model import Marker
from gipr_lint.reading.layout.objects import new_span, twin
from gipr_lint.reading.numerals import cjk_number
from gipr_lint.regex import compile_re

__all__ = ["read_marker"]

_MARKER = compile_re(
    r"[ \t\u3000]*(?:"
    r"(?P<paren>[(（][ \u3000]*(?P<paren_value>[一二三四五六七八九十]{1,3}|\d{1,2})[ \u3000]*[)）])"
    r"|(?P<cjk_comma>(?P<cjk_value>[一二三四五六七八九十]{1,3})[、.．])"
    r"|(?P<cjk_shi>(?P<shi_value>[一二三四五六七八九十]{1,3})是)"
    r"|(?P<arabic>(?P<arabic_value>\d{1,2})(?P<arabic_mark>[、.．])(?!\d))"
    r")"
)


#: What a marker begins with (after its leading spaces), besides a digit.
_OPENINGS = frozenset("(（一二三四五六七八九十 \t\u3000")


def read_marker(text: str, start: int = 0, end: int | None = None) -> Marker | None:
    """The marker at ``text[start:]``, skipping leading spaces, or ``None``.

    Most paragraphs open with a word: the first character says so without the pattern."""
    first = text[start:start + 1]
    if first not in _OPENINGS and not first.isdecimal():
        return None
    match = _MARKER.match(text, start, len(text) if end is None else end)
    if match is None:
        return None
    # the alternative matched is its outer group, which closes after the groups inside it
    group = match.lastgroup
    assert group is not None
    marker_text = match.group(group)
    reading = _READINGS.get(marker_text)
    if reading is None:
        reading = _READINGS[marker_text] = _reading(match, group)
        if len(_READINGS) > _MAX_READINGS:  # (a marker is a few characters; this never fills)
            _READINGS.clear()
    style, value = reading
    if value is None:
        return None
    marker_start, marker_end = match.span(group)
    return _new_marker(marker_text, style, value, marker_start, marker_end)


def _reading(match: re.Match[str], group: str) -> tuple[str, int | None]:
    """The style and value of the marker ``match`` found in its alternative ``group``."""
    if group == "paren":
        raw_value = match.group("paren_value")
        style = "paren-arabic" if raw_value.isdigit() else "paren-cjk"
    elif group == "cjk_comma":
        raw_value, style = match.group("cjk_value"), "cjk-comma"
    elif group == "cjk_shi":
        raw_value, style = match.group("shi_value"), "cjk-shi"
    else:
        raw_value = match.group("arabic_value")
        style = "arabic-dot" if match.group("arabic_mark") in ".．" else "arabic-comma"
    return style, cjk_number(raw_value)


#: Each marker's style and value by its text (what :func:`_reading` makes of it depends on the
#: text alone: its alternative is the one its characters can match), read once: the same
#: few dozen markers open the paragraphs of every report.
_READINGS: dict[str, tuple[str, int | None]] = {}
_MAX_READINGS = 4096


#: The fields :func:`_new_marker` sets: a test checks they are all the class's fields.
MARKER_FIELDS = ("text", "style", "value", "span")
#: A plain class with :class:`~gipr_lint.model.Marker`'s slots (see
#: :func:`~gipr_lint.reading.layout.objects.twin`)
_MarkerTwin = twin(Marker)


def _new_marker(text: str, style: str, value: int, start: int, end: int) -> Marker:
    """``Marker(text, style, value, Span(start, end))``, made as
    :mod:`~gipr_lint.reading.layout.objects` makes cells (its class's twin, fields set by plain
    assignment, then given the class), not through the frozen dataclass's ``__init__``: every
    numbered paragraph has one (half the cost of setting each field by its slot)."""
    marker = _MarkerTwin()
    marker.text = text
    marker.style = style
    marker.value = value
    marker.span = new_span(start, end)
    marker.__class__ = Marker
    return marker  # type: ignore[no-any-return]
