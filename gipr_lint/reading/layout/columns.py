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

Text copied out of a PDF exported from Word has a label split around its numbers instead (Word
centres a merged cell's text vertically): :func:`rejoin_centred` makes those whole, the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from gipr_lint.regex import compile_re

__all__ = ["Unwrapped", "rejoin_centred", "unwrap"]

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



def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each line of ``text[start:end]``, its line break left out."""
    lines: list[tuple[int, int]] = []
    position = start
    for line in text[start:end].splitlines(keepends=True):
        lines.append((position, position + len(line.rstrip("\r\n"))))
        position += len(line)
    return lines


def _assemble(text: str, pieces: list[tuple[int, int] | str], start: int,
              end: int) -> Unwrapped:
    """The text made of ``pieces`` (spans of ``text`` in their new order, and strings added
    between them), with the origin of each character: an added string's characters point at
    the original offset of the character before them, so that a span over them stays inside
    the file. Shared by :func:`unwrap` and :func:`rejoin_centred`, which differ only in which
    pieces they move."""
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
    return bool(tail) and _ends_in_number_mark(tail)


def _ends_in_number_mark(tail: str) -> bool:
    """Whether ``tail`` (a line without its trailing blanks, not empty) ends in a digit, a dash
    or a slash: the one test :func:`unwrap` and :func:`rejoin_centred` ask of a line first."""
    return tail[-1].isdecimal() or tail[-1] in _BLANK_MARKS


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
    lines = _line_spans(text, start, end)
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
    return _assemble(text, pieces, start, end)


# --------------------------------------------------------------------------- centred labels
#
# A PDF exported from Word centres a merged label vertically in its cell, and the numbers of
# its row vertically in theirs: text copied out of it (a viewer's copy, pdfplumber, pdftotext)
# has the label's first lines above the line of numbers and its last below, and the lines may
# also carry pieces of an outer merged label (the group's, 三、本年度办理结果, standing to the
# left, vertically centred over its own rows)::
#
#     （二）部分公开（区分处理的，
#     理结果 1 3 1 0 0 0 5
#     只计这一情形，不计其他情形）
#     （六）其
#     2.申请人逾期未按收费通知
#     他处理
#     要求缴纳费用、行政机关不再 0 0 0 0 0 0 0
#     处理其政府信息公开申请

#: How many lines (blank lines not counted) above and below a line of numbers may hold the
#: pieces of its label: (六)2 in the official template's widths spans three or four lines, with
#: outer pieces ("（六）其", "他处理") between them.
_ABOVE = 4
_BELOW = 3
#: More ways than this to make a label whole out of the same lines: not a label split there.
_ANSWERS = 8
#: A number, or a dash or a slash standing for a blank cell, as a whitespace-separated word.
_NUMBER_WORD = r"(?:[-−]?\d+(?:\.\d+)?|[-—–/／])"


@cache
def _centred_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    numbers = compile_re(r"(?:(?<=\s)|^)" + _NUMBER_WORD + r"(?:[ \t\u3000]+" + _NUMBER_WORD
                         + r")*[ \t\u3000]*$")
    words = compile_re(r"[^ \t\u3000]+")
    return numbers, words


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    #: the words before the numbers (a line without numbers: all its words)
    words: tuple[tuple[int, int], ...]
    #: the span of the numbers ending the line (after a blank), if it ends in any
    numbers: tuple[int, int] | None


def _line(text: str, start: int, end: int) -> _Line:
    numbers_pattern, words_pattern = _centred_patterns()
    numbers: tuple[int, int] | None = None
    label_end = end
    if _may_end_in_numbers(text, start, end):
        found = numbers_pattern.search(text, start, end)
        if found is not None:
            label_end = found.start()
            numbers = (found.start(), end)
    words = tuple(match.span() for match in words_pattern.finditer(text, start, label_end))
    return _Line(start, end, words, numbers)


def _row_numbers(text: str, line: _Line) -> bool:
    """Whether the numbers ending ``line`` may be a row's cells: two at least, one a number,
    and not a page number ("- 3 -", "3 / 10": three words or fewer with a dash or slash)."""
    if line.numbers is None:
        return False
    cells = text[line.numbers[0]:line.numbers[1]].split()
    if len(cells) < 2 or not any(any(ch.isdecimal() for ch in cell) for cell in cells):
        return False
    return len(cells) > 3 or not any(cell in _BLANK_MARKS for cell in cells)


def _outer_piece(text: str, span: tuple[int, int], names_row: Callable[[str], bool]) -> bool:
    """Whether a word left out of a label may be a piece of an outer merged label: no digit
    (a row's own numbering, a year, a page number) and no row label in it."""
    piece = text[span[0]:span[1]]
    return not any(ch.isdigit() for ch in piece) and not names_row(piece)


def _label_lines(text: str, lines: list[tuple[int, int]], indexes: range, limit: int,
                 cursor: int) -> list[_Line]:
    """Up to ``limit`` lines of words without numbers at ``indexes`` (blank lines passed
    over), stopping at a line of numbers, a long line or one before ``cursor``."""
    found: list[_Line] = []
    for index in indexes:
        start, end = lines[index]
        if start < cursor or end - start > _MAX_LINE:
            break
        if not text[start:end].strip():
            continue
        line = _line(text, start, end)
        if line.numbers is not None or len(found) == limit:
            break
        found.append(line)
    return found


def _centred_label(text: str, window: list[_Line], middle: int,
                   whole_label: Callable[[str], bool],
                   names_row: Callable[[str], bool]) -> list[int] | None:
    """The lines of ``window`` whose last word, in order, make a row label whole, the first
    above the line of numbers (``window[middle]``) and the last below it (or on it, when an
    outer piece stood in between); every other word of the lines from the first to the last
    may be a piece of an outer label (:func:`_outer_piece`).

    Choices that start and end on different lines are different readings of the rows: ``None``
    then. Choices between the same lines differ only in a word taken into the label or left
    out of it (a label's note in brackets takes any words): the one leaving most out."""
    answers: list[list[int]] = []

    def extend(chosen: list[int], joined: str, index: int) -> None:
        if len(answers) > _ANSWERS or index >= len(window):
            return
        line = window[index]
        others = line.words[:-1] if line.words else ()
        if line.words and all(_outer_piece(text, span, names_row) for span in others):
            word = text[line.words[-1][0]:line.words[-1][1]]
            taken = [*chosen, index]
            if index >= middle and whole_label(joined + word) and (
                    index > middle or len(taken) < index - taken[0] + 1 or others):
                answers.append(taken)
            extend(taken, joined + word, index + 1)
        if all(_outer_piece(text, span, names_row) for span in line.words):
            extend(chosen, joined, index + 1)  # the line holds outer pieces only

    for first, line in enumerate(window[:middle]):
        if not line.words or not all(_outer_piece(text, span, names_row)
                                     for span in line.words[:-1]):
            continue
        word = text[line.words[-1][0]:line.words[-1][1]]
        extend([first], word, first + 1)
    if not answers or len(answers) > _ANSWERS \
            or len({(answer[0], answer[-1]) for answer in answers}) > 1:
        return None
    return min(answers, key=len)


def _spaced(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int] | str]:
    """``spans`` as pieces of :func:`_assemble`, a space between two."""
    pieces: list[tuple[int, int] | str] = []
    for span in spans:
        pieces += [" ", span] if pieces else [span]
    return pieces


def _rejoined(window: list[_Line], chosen: list[int], numbers: tuple[int, int]
              ) -> list[tuple[int, int] | str]:
    """The pieces of the lines ``window[chosen[0]:chosen[-1] + 1]`` rewritten: the words of
    each that are not the label's (an outer label's piece), on a line of their own, in order;
    then the label (the last words of the ``chosen`` lines) and its ``numbers`` on one line."""
    pieces: list[tuple[int, int] | str] = []
    for number in range(chosen[0], chosen[-1] + 1):
        words = window[number].words
        outer = words[:-1] if number in chosen else words
        if outer:
            pieces += [*_spaced(outer), "\n"]
    return [*pieces, *_spaced(window[number].words[-1] for number in chosen), " ", numbers]


def rejoin_centred(text: str, start: int, end: int, whole_label: Callable[[str], bool],
                   names_row: Callable[[str], bool]) -> Unwrapped | None:
    """``text[start:end]`` with each row label split around its line of numbers (a vertically
    centred cell, see above) made whole on that line, or ``None`` when there is none.

    ``whole_label(words)`` says whether ``words`` are a whole row label, ``names_row(words)``
    whether they hold one. The label's line becomes its words then the numbers; the pieces of
    outer labels left out stay on lines of their own just above it, in their order. A label
    that its lines make whole in two ways is left as it is."""
    # asked of the same words again and again as the choices are tried: asked once each
    whole_label, names_row = cache(whole_label), cache(names_row)
    lines = _line_spans(text, start, end)
    pieces: list[tuple[int, int] | str] = []
    cursor = start
    moved = False
    after_words = False  # whether the last line with anything on it ends in no number
    for index, (line_start, line_end) in enumerate(lines):
        if line_start < cursor or line_end - line_start > _MAX_LINE:
            after_words = False
            continue
        tail = text[line_start:line_end].rstrip(_BLANKS)
        if not tail or tail.isspace():
            continue
        ends_in_numbers = _ends_in_number_mark(tail)
        follows_words, after_words = after_words, not ends_in_numbers
        if not (ends_in_numbers and follows_words):
            continue  # (the lines above a line of numbers end in words: asked first, cheaply)
        middle_line = _line(text, line_start, line_end)
        numbers = middle_line.numbers
        if numbers is None or not _row_numbers(text, middle_line):
            continue
        above = _label_lines(text, lines, range(index - 1, -1, -1), _ABOVE, cursor)
        if not above:
            continue
        below = _label_lines(text, lines, range(index + 1, len(lines)), _BELOW, line_end)
        window = [*reversed(above), middle_line, *below]
        chosen = _centred_label(text, window, len(above), whole_label, names_row)
        if chosen is None:
            continue
        pieces.append((cursor, window[chosen[0]].start))
        pieces += _rejoined(window, chosen, numbers)
        # the label ends below its numbers, or on them
        cursor = max(window[chosen[-1]].end, line_end)
        moved = True
    if not moved:
        return None
    pieces.append((cursor, end))
    return _assemble(text, pieces, start, end)
