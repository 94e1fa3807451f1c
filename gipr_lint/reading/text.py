"""Text helpers shared by the reader and the rule packs: quoting for messages, and the bounds of
the sentence or clause around a position."""

from __future__ import annotations

import re

from gipr_lint.i18n import translator

#: Core code: its messages are gipr-lint's own (domain ``gipr_lint``), whichever pack quotes.
_ = translator("gipr_lint")

__all__ = ["quote", "sentence_bounds"]

_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
_CLAUSE_END = re.compile(r"[，,。；;！!？?\n]")


def sentence_bounds(text: str, position: int, *, clause: bool = False) -> tuple[int, int]:
    """The sentence of ``text`` holding ``position``, as ``(start, end)`` offsets: between
    。；！？ (full- or half-width) or line breaks. With ``clause=True``, the clause: commas
    (，,) end it too."""
    ends = _CLAUSE_END if clause else _SENTENCE_END
    start = position
    while start > 0 and not ends.match(text, start - 1):
        start -= 1
    match = ends.search(text, position)
    return start, match.start() if match else len(text)


def quote(text: str, limit: int = 30) -> str:
    """``text`` in double quotes for a message (“” in Chinese), whitespace runs folded, cut at
    ``limit`` chars."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit - 1] + "…"
    return _('"{text}"').format(text=text)
