"""Converting between character offsets and LSP positions.

gipr-lint refers to places by character (code point) offset into :attr:`Source.text`; the
Language Server Protocol counts a position's ``character`` in code units of the negotiated
position encoding: UTF-16 by default (a Chinese character is one unit, an emoji outside the
Basic Multilingual Plane two), or UTF-8 / UTF-32 when client and server agree on it.

Lines follow the LSP's definition: a line ends at ``\\r\\n``, ``\\n`` or a lone ``\\r``. This
module has no dependency on pygls, so it is tested and usable on its own.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from gipr_lint.regex import compile_re

__all__ = ["UTF8", "UTF16", "UTF32", "LineIndex", "code_units"]

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_BREAK = compile_re(r"\r\n|\n|\r")


def code_units(text: str, encoding: str = UTF16) -> int:
    """How many code units ``text`` takes in ``encoding`` (``utf-16``, ``utf-8``, ``utf-32``)."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _offset_for_units(line: str, units: int, encoding: str) -> int:
    """The character index in ``line`` at ``units`` code units (clamped to the line; a position
    inside a character's code units resolves to that character's start)."""
    if encoding == UTF32:
        return min(units, len(line))
    count = 0
    for index, char in enumerate(line):
        width = code_units(char, encoding)
        if count + width > units:
            return index
        count += width
    return len(line)


@dataclass(frozen=True)
class LineIndex:
    """Line starts of a text, for offset ↔ ``(line, character)`` conversion (0-based, as LSP)."""

    text: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> LineIndex:
        starts = [0]
        starts.extend(match.end() for match in _BREAK.finditer(text))
        return cls(text, tuple(starts))

    def _line_end(self, line: int) -> int:
        """The offset where line ``line``'s content ends (before its line break)."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            if end - 2 >= self.starts[line] and self.text[end - 2:end] == "\r\n":
                return end - 2
            return end - 1
        return len(self.text)

    def position(self, offset: int, encoding: str = UTF16) -> tuple[int, int]:
        """0-based ``(line, character)`` of a character offset; ``character`` is in code units
        of ``encoding``. An offset inside a ``\\r\\n`` pair is placed at the line's end."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        offset = min(offset, self._line_end(line))
        return line, code_units(self.text[start:offset], encoding)

    def offset(self, line: int, character: int, encoding: str = UTF16) -> int:
        """The character offset of a 0-based LSP position (clamped to the text, and a character
        past the line's end to the line's end, as the LSP specifies)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self._line_end(line)
        return start + _offset_for_units(self.text[start:end], max(0, character), encoding)
