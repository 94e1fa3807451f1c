"""Undoing ``pdftotext -layout`` label wrapping: numbers on the first line of a wrapped label.

``pdftotext -layout`` keeps a table's columns apart with spaces and wraps a long label over two or
three lines. When the numbers sit on the label's last line, the text already reads label then
numbers; when they sit on its first line, the label is cut in two by its own numbers::

    (二)部分公开(区          0   0   0   0   0   0   0
      分处理的,只计这一
    情形,不计其他情形)

:func:`unwrap` gives the text with such a label's continuation lines moved before its numbers,
and the map from every character of that text back to its offset in the original, so that the
table readers can run on it and every span still points into the file the user has.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from gipr_lint.regex import compile_re

__all__ = ["Unwrapped", "unwrap"]

@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The line patterns, compiled on first use: most reports never need unwrapping, and the
    CJK ranges cost a millisecond each to compile."""
    numbers_at_end = compile_re(
        r"(?P<label>.*?[\u4e00-\u9fff）)”\"】][^\d\n]*?)"
        r"(?P<numbers>[ \t\u3000]{2,}(?:[-−]?\d+(?:\.\d+)?|[-—–/／])"
        r"(?:[ \t\u3000]+(?:[-−]?\d+(?:\.\d+)?|[-—–/／]))*)[ \t\u3000]*$")
    marker = compile_re(r"[ \t\u3000]*(?:[一二三四五六七八九十]+、|"
                        r"[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|第二十条)")
    has_cjk = compile_re(r"[\u4e00-\u9fff]")
    return numbers_at_end, marker, has_cjk


_MAX_CONTINUATION = 24
#: The longest line taken for a table row of a page layout (longer is a flattened page, and
#: the pattern's cost grows with the square of the line).
_MAX_LINE = 160
_MAX_LINES = 5


@dataclass(frozen=True, slots=True)
class Unwrapped:
    """A text with wrapped labels made whole; ``origin[i]`` is the original offset of ``text[i]``
    (one more entry for the end)."""

    text: str
    origin: tuple[int, ...]

    def original(self, index: int) -> int:
        return self.origin[min(max(index, 0), len(self.origin) - 1)]

    def original_end(self, end: int) -> int:
        """The original offset just after the character at ``end - 1``."""
        return self.original(end - 1) + 1 if end > 0 else self.original(0)


#: What the numbers on a wrapped label's first line end with (blanks only after them): a
#: number's digit (``\d``, a decimal character: :meth:`str.isdecimal`) or a dash or slash
#: standing for a blank cell.
_BLANK_MARKS = frozenset("-—–/／")
_BLANKS = " \t\u3000"


def _may_end_in_numbers(text: str, start: int, end: int) -> bool:
    """Whether the line ``text[start:end]`` ends, but for blanks, in a digit, a dash or a slash,
    as every line the wrapped-label pattern (:func:`_patterns`) matches does: asked first, so
    that the lines below are looked at for continuations only under such a line (a line
    ending in a separator or a word has no numbers to move)."""
    tail = text[start:end].rstrip(_BLANKS)
    return bool(tail) and (tail[-1].isdecimal() or tail[-1] in _BLANK_MARKS)


def _is_continuation(line: str) -> bool:
    stripped = line.strip()
    if stripped in {")", "）", "”", "）。"}:
        return True  # a closing bracket wrapped on its own
    _, marker, has_cjk = _patterns()
    return (0 < len(stripped) <= _MAX_CONTINUATION and has_cjk.search(stripped) is not None
            and not any(ch.isdigit() for ch in stripped) and marker.match(line) is None
            and "  " not in stripped)


def unwrap(text: str, start: int, end: int,
           completes_label: Callable[[str, str], bool]) -> Unwrapped | None:
    """``text[start:end]`` with each label whose numbers sit on its first line made whole, or
    ``None`` when there is no such label.

    ``completes_label(first, rest)`` says whether the continuation ``rest`` makes whole the label
    that ``first`` begins (the caller knows the official labels); the lines up to where the label
    ends are moved, and none when no number of lines ends it.
    """
    numbers_at_end = _patterns()[0]
    lines: list[tuple[int, int]] = []
    position = start
    for line in text[start:end].splitlines(keepends=True):
        lines.append((position, position + len(line.rstrip("\r\n"))))
        position += len(line)
    pieces: list[tuple[int, int] | str] = []
    moved = False
    index = 0
    cursor = start
    while index < len(lines):
        line_start, line_end = lines[index]
        following = []
        match = None
        if line_end - line_start <= _MAX_LINE and _may_end_in_numbers(text, line_start,
                                                                      line_end):
            # (a layout line is short, and one with numbers at its end may be a label's first)
            for next_start, next_end in lines[index + 1:index + 1 + _MAX_LINES]:
                if not _is_continuation(text[next_start:next_end]):
                    break
                following.append((next_start, next_end))
            # the pattern (a tenth of a millisecond on a long line) only where a continuation
            # follows: a line without one is left as it is, whatever the pattern says
            if following:
                match = numbers_at_end.fullmatch(text, line_start, line_end)
                if match is None:
                    following = []
        label = match.group("label") if match is not None else ""
        while following and not completes_label(
                label, "".join(text[a:b].strip() for a, b in following)):
            following.pop()  # drop lines until the label ends exactly where they end
        if match is not None and following:
            pieces.append((cursor, match.end("label")))
            for next_start, next_end in following:
                pieces.append(" ")
                pieces.append((next_start, next_end))
            pieces.append((match.start("numbers"), match.end("numbers")))
            cursor = following[-1][1]
            index += 1 + len(following)
            moved = True
            continue
        index += 1
    if not moved:
        return None
    pieces.append((cursor, end))
    out: list[str] = []
    origin: list[int] = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
            origin.extend([origin[-1] if origin else start] * len(piece))
        else:
            out.append(text[piece[0]:piece[1]])
            origin.extend(range(piece[0], piece[1]))
    origin.append(end)
    return Unwrapped("".join(out), tuple(origin))
