"""Text helpers shared by the reader and the rule packs: quoting for messages, and the bounds of
the sentence or clause around a position."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from gipr_lint.i18n import translator
from gipr_lint.regex import compile_re

#: Core code: its messages are gipr-lint's own (domain ``gipr_lint``), whichever pack quotes.
_ = translator("gipr_lint")

__all__ = ["match_starts", "quote", "sentence_bounds"]

_SENTENCE_END = compile_re(r"[。；;！!？?\n]")
_CLAUSE_END = compile_re(r"[，,。；;！!？?\n]")


@lru_cache(maxsize=8)
def match_starts(pattern: re.Pattern[str], text: str) -> list[int]:
    """Where ``pattern`` matches in ``text`` (sorted), found once per text: rules ask for the
    sentence of every match in a paragraph (or in the whole report), and scanning for its ends
    each time would make a long line cost quadratic time. The list is shared: do not change it."""
    return [match.start() for match in pattern.finditer(text)]


def sentence_bounds(text: str, position: int, *, clause: bool = False) -> tuple[int, int]:
    """The sentence of ``text`` holding ``position``, as ``(start, end)`` offsets: between
    。；！？ (full- or half-width) or line breaks. With ``clause=True``, the clause: commas
    (，,) end it too. An end character belongs to neither side; the ends are found once per
    text and bisected, so asking for every match of a long line costs linear time."""
    ends = match_starts(_CLAUSE_END if clause else _SENTENCE_END, text)
    index = bisect_left(ends, position)
    start = ends[index - 1] + 1 if index else 0
    return start, ends[index] if index < len(ends) else len(text)


def quote(text: str, limit: int = 30) -> str:
    """``text`` in double quotes for a message (“” in Chinese), whitespace runs folded, cut at
    ``limit`` chars."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit - 1] + "…"
    return _('"{text}"').format(text=text)
