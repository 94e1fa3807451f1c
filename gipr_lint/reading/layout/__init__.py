"""Layout recovery: from a report's text, in whatever layout, to an ordered list of pieces.

The pieces (title, debris, section headings, paragraphs, table items, signature) cover the text
in document order, each with its span. :mod:`gipr_lint.reading.grammar` turns them into tokens
for the Lark grammar. Nothing here relies on line breaks alone: headings, labels and cells are
anchored on the official wording, so a page flattened to one line is recovered as well as a tidy
text file.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter, sub

from gipr_lint.model import Debris, Problem
from gipr_lint.reading.layout.columns import Unwrapped, rejoin_centred, unwrap
from gipr_lint.reading.layout.compact import CompactText, kept_window
from gipr_lint.reading.layout.debris import INLINE_HINT, OPENS_AS_DEBRIS, find_debris
from gipr_lint.reading.layout.headings import HeadingMatch, find_section_headings
from gipr_lint.reading.layout.markers import read_marker
from gipr_lint.reading.layout.objects import new_paragraph, twin
from gipr_lint.reading.layout.signature import SignatureMatch, find_signature
from gipr_lint.reading.layout.tables import (
    TableRead,
    completes_label,
    defects,
    names_row,
    read_active,
    read_requests,
    read_review,
    remap,
    whole_label,
)
from gipr_lint.reading.source import Source, Span, newline_pieces
from gipr_lint.regex import compile_re

__all__ = ["Layout", "Piece", "recover"]


@dataclass(frozen=True, slots=True)
class Piece:
    """A recognised piece of the text.

    ``kind`` is ``title``, ``debris``, ``heading``, ``paragraph``, ``table`` or ``signature``;
    ``data`` is the matching object (:class:`~gipr_lint.model.Debris`,
    :class:`~gipr_lint.reading.layout.headings.HeadingMatch`, :class:`~gipr_lint.model.Paragraph`,
    :class:`~gipr_lint.reading.layout.tables.TableRead`, :class:`SignatureMatch`, or the
    title span).
    """

    kind: str
    span: Span
    data: object = None


#: A plain class with :class:`Piece`'s slots (see :func:`~gipr_lint.reading.layout.objects.twin`)
_PieceTwin = twin(Piece)


def _new_piece(kind: str, span: Span, data: object) -> Piece:
    """``Piece(kind, span, data)``, made as :mod:`~gipr_lint.reading.layout.objects` makes
    cells (its class's twin, fields set by plain assignment, then given the class): a report
    has a hundred pieces."""
    piece = object.__new__(_PieceTwin)
    piece.kind = kind
    piece.span = span
    piece.data = data
    piece.__class__ = Piece
    return piece  # type: ignore[no-any-return]


@dataclass
class Layout:
    pieces: list[Piece]
    problems: list[Problem] = field(default_factory=list)


_TABLE_READERS = ((2, read_active), (3, read_requests), (4, read_review))
#: A piece's place: its span's start, then its end (one call in C per piece).
_BY_SPAN = attrgetter("span.start", "span.end")
_TITLE_IN_LINE = compile_re(r"[^。，,\n]{2,80}?(?:年度报告|年报|工作报告)")
_LONG_LINE = 200


def _lines(text: str) -> tuple[list[int], list[int]]:
    """The lines of ``text`` as ``str.splitlines`` splits them: their starts and their ends (a
    closing "\r" or "\n" not included), line by line. Two lists, not a pair per line: each
    user looks at a few lines (the title's, the signature's, those holding a title word), and
    a report has a hundred-odd. (One loop: built-in passes over all lines, two splits and a
    search for the other line breaks, cost more than this loop.)"""
    starts = []
    ends = []
    # piece by piece (a cut after "\n" is a line end for splitlines too): a large report is
    # never held whole as line strings
    for start, piece_end in newline_pieces(text):
        for line in text[start:piece_end].splitlines(keepends=True):
            starts.append(start)
            ends.append(start + len(line.rstrip("\r\n")))
            start += len(line)
    return starts, ends


#: The characters besides "\n" and "\r" that ``str.splitlines`` breaks lines at.
_OTHER_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def _other_breaks(text: str) -> bool:
    """Whether ``text`` holds any of :data:`_OTHER_BREAKS` (a search for each, written out: a
    generator over them costs as much again)."""
    return ("\v" in text or "\f" in text or "\x1c" in text or "\x1d" in text
            or "\x1e" in text or "\x85" in text or "\u2028" in text or "\u2029" in text)


def _line_spans(source: Source) -> tuple[Sequence[int], list[int], bool]:
    """:func:`_lines` of the source's text, and whether "\n" ends every line but the last (the
    text breaks them with "\n" alone or "\r\n" alone, and nowhere else ``str.splitlines``
    would). Then the lines are read off the line index, a line ending where the next one
    starts less that break (the index has them, and one search per character tells it, where
    :func:`_lines` splits the text and walks its lines)."""
    text = source.text
    starts = source.line_starts
    if not starts or _other_breaks(text):
        return *_lines(text), False
    if "\r" not in text:
        width = 1
    elif text.count("\r") == text.count("\r\n") == text.count("\n"):
        width = 2
    else:
        return *_lines(text), False  # a lone "\r", or "\r\n" beside "\n"
    ends = list(map(sub, starts[1:], repeat(width)))
    if starts[-1] != len(text):  # (the last line has no break)
        ends.append(len(text))
    else:  # (a last start at the text's end, after its last break: no line)
        starts = starts[:-1]
    return starts, ends, True


def _section_regions(headings: list[HeadingMatch],
                     length: int) -> dict[int, list[tuple[int, int]]]:
    """Where each section's body may be: from its heading to the next heading.

    A section whose heading appears more than once (a table of contents, a pasted duplicate) has
    one region per occurrence, in document order. A missing section gets the body of the nearest
    earlier section (up to the next later section's heading), which is where its table ends up
    when only the heading is lost.
    """
    regions: dict[int, list[tuple[int, int]]] = {}
    bounds: dict[int, tuple[int, int, int]] = {}  # last occurrence: heading start, body, end
    ordered = sorted(headings, key=lambda h: h.heading.span.start)
    for index, match in enumerate(ordered):
        end = ordered[index + 1].heading.span.start if index + 1 < len(ordered) else length
        regions.setdefault(match.number, []).append((match.heading.span.end, end))
        bounds[match.number] = (match.heading.span.start, match.heading.span.end, end)
    for number in range(1, 7):
        if number in regions:
            continue
        earlier = [bounds[n] for n in bounds if n < number]
        later = [bounds[n] for n in bounds if n > number]
        start = max(b[1] for b in earlier) if earlier else 0
        end = min(b[0] for b in later) if later else length
        regions[number] = [(start, max(start, end))]
    return regions


#: A character other than whitespace (``\s`` asks ``str.isspace``, as ``str.strip`` does).
_NOT_BLANK = compile_re(r"\S")


def _without_contents(text: str, headings: list[HeadingMatch]) -> list[HeadingMatch]:
    """The headings less a table of contents: three or more headings in rising order with
    nothing between them, each of whose sections appears again further on. Its lines stay prose.
    """
    ordered = sorted(headings, key=lambda h: h.heading.span.start)
    runs: list[list[int]] = []
    for index, match in enumerate(ordered):
        previous = ordered[index - 1] if index else None
        if (previous is not None and match.number > previous.number
                and _NOT_BLANK.search(text, previous.heading.span.end,
                                      match.heading.span.start) is None):
            runs[-1].append(index)
        else:
            runs.append([index])
    # later[i]: the section numbers of the headings after index i, as bits (one pass from the
    # end, so many headings cost linear time)
    later = [0] * (len(ordered) + 1)
    for index in range(len(ordered) - 1, -1, -1):
        later[index] = later[index + 1] | (1 << ordered[index].number)
    contents: set[int] = set()
    for run in runs:
        after = later[run[-1] + 1]
        if len(run) >= 3 and all(after >> ordered[i].number & 1 for i in run):
            contents.update(run)
    return [match for index, match in enumerate(ordered) if index not in contents]


class _Taken:
    """The spans already recognised, kept sorted, and the free parts between them."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def add(self, span: Span) -> None:
        insort(self._spans, (span.start, span.end))

    def covers(self, offset: int) -> bool:
        index = bisect_right(self._spans, (offset, 1 << 62)) - 1
        return index >= 0 and self._spans[index][0] <= offset < self._spans[index][1]

    def free(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of ``[start, end)`` not covered by a recognised span."""
        return self._free_from(max(0, bisect_left(self._spans, (start, start)) - 1), start, end)

    def _free_from(self, first: int, start: int, end: int) -> list[tuple[int, int]]:
        """:meth:`free`, the spans looked at from index ``first`` on (the one before the first
        span starting at or after ``start``, or 0)."""
        parts = []
        cursor = start
        spans = self._spans
        for index in range(first, len(spans)):
            taken_start, taken_end = spans[index]
            if taken_start >= end:
                break
            if taken_end <= cursor:
                continue
            if taken_start > cursor:
                parts.append((cursor, taken_start))
            cursor = taken_end  # beyond the cursor: nearer ends were skipped above
        if cursor < end:
            parts.append((cursor, end))
        return parts

    def free_by_line(self, starts: Sequence[int], ends: list[int]
                     ) -> Iterator[tuple[int, int, list[tuple[int, int]]]]:
        """The lines that may have free parts, with them (as :meth:`free` gives them), in order
        (the lines' ``starts`` and ``ends``, as :func:`_lines` gives them). A line's parts are
        found when it is reached, so spans added meanwhile count. A recognised span covering a
        line (a table over its rows) is skipped whole, lines and all, when no other span starts
        inside it."""
        spans = self._spans
        index_line = 0
        while index_line < len(starts):
            start, end = starts[index_line], ends[index_line]
            if start >= end:
                index_line += 1
                continue
            index = bisect_left(spans, (start, start))
            if index:
                index -= 1
            if index < len(spans) and spans[index][0] <= start and spans[index][1] >= end:
                taken_end = spans[index][1]
                if index + 1 == len(spans) or spans[index + 1][0] >= taken_end:
                    index_line = bisect_right(ends, taken_end, index_line + 1)
                else:
                    index_line += 1
                continue
            yield start, end, self._free_from(index, start, end)
            index_line += 1


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


#: How many short lines may stand above the title (an attachment mark "附件1", a file number, a
#: classification), and how long such a line may be.
_LINES_ABOVE_TITLE = 3
_LINE_ABOVE_MAX = 40
#: Lines above a title that are never its first half: attachment marks, file numbers, dates.
_NOT_TITLE_PART = compile_re(
    r"附件|〔\d{4}〕|\[\d{4}\]|（\d{4}）|\(\d{4}\)|\d+号$|^[\d\s.\-/年月日:：]*$")
_TITLE_SUBJECT = ("信息公开", "政务公开")
#: How many blank lines may stand between the two halves of a title.
_BLANK_LINES_IN_TITLE = 1
_SENTENCE_MARKS = "。，,；;！？"


def _first_half(text: str, above: tuple[int, int], title: Span) -> bool:
    """Whether the line ``above`` the title line is the first half of a title wrapped over two
    lines: directly above it (or with a blank line between, as ``pdftotext -layout`` keeps the
    space between centred title lines), not a mark or a number, and either the agency standing alone
    ("高庄镇人民政府" over "2024年政府信息公开工作年度报告") or the part holding the subject
    ("…2024年政府信息公开" over "工作年度报告")."""
    line = text[above[0]:above[1]]
    between = text[above[1]:title.start]
    if not 1 <= between.count("\n") <= _BLANK_LINES_IN_TITLE + 1 or between.strip() \
            or _NOT_TITLE_PART.search(line) \
            or any(mark in line for mark in _SENTENCE_MARKS):
        return False
    rest = text[title.start:title.end]
    if any(subject in line for subject in _TITLE_SUBJECT):
        return not any(subject in rest for subject in _TITLE_SUBJECT)
    from gipr_lint.reading.facts import agency_kind

    starts_with_year = re.match(r"(?:19|20)\d{2}|[二][〇零○]|关于|政府信息公开|政务公开", rest)
    return starts_with_year is not None and agency_kind(line).value != "unknown"


def _find_title(text: str, starts: Sequence[int], ends: list[int], before: int,
                taken: _Taken) -> Span | None:
    """The line (or leading phrase of a long line) before the first section that names the
    report: the first such line among the opening lines, below at most a few short lines that
    are not the title (an attachment mark, a file number); a title wrapped over two lines is
    taken whole, and so are two or three short lines that name the report together, as
    ``pdftotext`` splits a title ("洪泽区人民政府" / "2023 年政府信息公开工作年度报告")."""
    above: list[tuple[int, int]] = []
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if start >= before:
            break
        for part_start, part_end in taken.free(start, min(end, before)):
            part_start, part_end = _strip(text, part_start, part_end)
            if part_start == part_end:
                continue
            line = text[part_start:part_end]
            if len(line) <= 80 and ("报告" in line or "年报" in line):
                title = Span(part_start, part_end)
                if above and _first_half(text, above[-1], title):
                    return Span(above[-1][0], part_end)
                return title
            if len(line) > 80:
                match = _TITLE_IN_LINE.match(text, part_start, part_end)
                if match and "政府信息公开" in match.group():
                    return Span(match.start(), match.end())
                return None
            if len(above) >= _LINES_ABOVE_TITLE or len(line) > _LINE_ABOVE_MAX \
                    or "。" in line:
                return None  # after a sentence, what follows is body
            if not _NOT_TITLE_PART.search(line):  # a mark or a number never starts a title
                wrapped = _wrapped_title(text, starts[index:index + 3], ends[index:index + 3],
                                         part_start, before, taken)
                if wrapped is not None:
                    return wrapped
            above.append((part_start, part_end))
    return None


_Reader = Callable[[str, CompactText, int, int], "TableRead | None"]


#: A line ending in a block of numbers after a wide gap, and a next line of words: a label
#: wrapped with its numbers on the first line (pdftotext -layout). Written as "a blank whose
#: previous character is a blank after a word character, then more blanks" rather than "a word
#: character, then two blanks or more": the same matches, one character later, but a pattern
#: opening with a character class lets the engine skip to the next blank, where one opening with
#: "any non-blank" tries the whole pattern at every character of the region (three times slower).
_NUMBERS_THEN_WORDS = compile_re(
    r"[ \t\u3000](?<=[^\s\d][ \t\u3000])[ \t\u3000]+[-\d/—–][-\d./—–/ \t\u3000]*\r?\n"
    r"[ \t\u3000]*[\u4e00-\u9fff（(）)]")


def _numbers_then_words(text: str, start: int, end: int) -> bool:
    """Whether a word character, two blanks or more, numbers, a line break and words (see
    :data:`_NUMBERS_THEN_WORDS`) stand in ``text[start:end]``: the pattern's match starts one
    character after the word character, so the search starts one character later (its
    look-behind sees the character before that).

    Two blanks in a row hold two spaces, a tab or an ideographic space: where the text has none
    of them (a table kept apart by pipes and single spaces, or a cell a line), three string
    searches say so, where the pattern would stop at every blank."""
    if (text.find("  ", start, end) < 0 and text.find("\t", start, end) < 0
            and text.find("\u3000", start, end) < 0):
        return False
    return _NUMBERS_THEN_WORDS.search(text, start + 1, end) is not None


def _made_whole(text: str, start: int, end: int) -> Unwrapped | None:
    """``text[start:end]`` with its wrapped labels made whole: those with their numbers on their
    first line (:func:`~gipr_lint.reading.layout.columns.unwrap`), then those split around their
    numbers (:func:`~gipr_lint.reading.layout.columns.rejoin_centred`); ``None`` if none is."""
    first = unwrap(text, start, end, completes_label)
    if first is None:
        return rejoin_centred(text, start, end, whole_label, names_row)
    second = rejoin_centred(first.text, 0, len(first.text), whole_label, names_row)
    if second is None:
        return first
    return Unwrapped(second.text, tuple(first.origin[index] for index in second.origin))


def _read_table(reader: _Reader, text: str, view: CompactText, start: int,
                end: int) -> TableRead | None:
    """A table as the text has it, or read from the text with its wrapped labels made whole
    (``pdftotext -layout``) when that reads more of it.

    The unwrapped reading is tried first where the region shows a label wrapped with its numbers
    on its first line, and otherwise only when the plain reading is incomplete: a clean report
    reads its tables once.
    """
    wrapped = _numbers_then_words(text, start, end)
    unwrapped = _made_whole(text, start, end) if wrapped else None
    again = None
    if unwrapped is not None:
        again = reader(unwrapped.text, CompactText(unwrapped.text), 0, len(unwrapped.text))
        if again is not None and defects(again) == 0:
            return remap(again, unwrapped)
    table = reader(text, view, start, end)
    if table is None or defects(table) == 0:
        return table
    if not wrapped:
        unwrapped = _made_whole(text, start, end)
        if unwrapped is not None:
            again = reader(unwrapped.text, CompactText(unwrapped.text), 0, len(unwrapped.text))
    if unwrapped is None or again is None or defects(again) >= defects(table):
        return table
    return remap(again, unwrapped)


_TITLE_PART = 30  # a title split over lines has short lines


def _wrapped_title(text: str, starts: Sequence[int], ends: list[int], start: int, before: int,
                   taken: _Taken) -> Span | None:
    """A title split over the short lines of ``starts`` and ``ends`` (at most three): together
    they name the report (报告) and its subject (政府信息公开)."""
    parts = []
    for line_start, line_end in zip(starts, ends, strict=True):
        if line_start >= before or taken.covers(line_start):
            return None
        piece_start, piece_end = _strip(text, max(line_start, start), line_end)
        if piece_start == piece_end or piece_end - piece_start > _TITLE_PART:
            return None
        parts.append((piece_start, piece_end))
        if len(parts) > 1 and _names_report(text, parts):
            while len(parts) > 1 and (len(parts) > 2 or _NOT_IN_TITLE.search(
                    text, *parts[0]) or _repeated(text, parts)) \
                    and _names_report(text, parts[1:]):
                parts.pop(0)  # a line above the title (a wrapped breadcrumb, a note, a channel)
            return Span(parts[0][0], parts[-1][1])
    return None


_NOT_IN_TITLE = compile_re(r"[>:：。，,|｜/]")  # breadcrumbs, sentences, metadata


def _repeated(text: str, parts: list[tuple[int, int]]) -> bool:
    """Whether the first line's words come again in the lines below it: the page's channel name
    ("政府信息公开" above "…2016年政府信息公开工作年度报告"), not a part of the title."""
    first = "".join(text[slice(*parts[0])].split())
    return first in "".join("".join(text[a:b].split()) for a, b in parts[1:])


def _names_report(text: str, parts: list[tuple[int, int]]) -> bool:
    joined = "".join(text[a:b] for a, b in parts)
    return ("报告" in joined or "年报" in joined) and "公开" in joined


def _tables_view(text: str, regions: dict[int, list[tuple[int, int]]]) -> CompactText:
    """The compact view the table readers read the regions of the tables' sections in: of the
    part of the text from the first such region to the last (a report's title and opening
    section, before its first table, are a third of its text, and its closing sections after
    its last a quarter), made so as to answer as the whole text's view would there (see
    :func:`~gipr_lint.reading.layout.compact.kept_window`)."""
    spans = [region for number, _ in _TABLE_READERS for region in regions[number]]
    start, end = kept_window(text, min(start for start, _ in spans), max(end for _, end in spans))
    return CompactText(text, start=start, end=end)


def recover(source: Source) -> Layout:
    """Recover the pieces of a report from its text.

    Order matters: section headings first (they bound the tables), then the tables, web-page
    debris, the title and the signature; whatever text is left becomes paragraphs.
    """
    text = source.text
    starts, ends, newline_breaks = _line_spans(source)
    pieces: list[Piece] = []
    problems: list[Problem] = []
    taken = _Taken()

    def take(kind: str, span: Span, data: object) -> None:
        pieces.append(_new_piece(kind, span, data))
        taken.add(span)

    headings = _without_contents(text, find_section_headings(text, starts, ends))
    for heading in headings:
        take("heading", heading.heading.span, heading)

    regions = _section_regions(headings, len(text))
    view = _tables_view(text, regions)
    for number, reader in _TABLE_READERS:
        for region in regions[number]:
            table = _read_table(reader, text, view, *region)
            if table is not None:
                take("table", table.span, table)
                problems.extend(table.problems)
                break
    del view  # (the compact view, a copy of the text, is not held while paragraphs are made)

    first_heading = headings[0].heading.span.start if headings else len(text)
    # the body ends with the report's last sentence: what follows (the 落款, a page's footer)
    # is not the report's words
    last_sentence = text.rfind("。")
    for region_start, region_end in taken.free(0, len(text)):
        if newline_breaks and not _may_hold_debris(text, region_start, region_end):
            continue
        for part_start, part_end, whole_line in _parts(starts, ends, region_start, region_end):
            for debris in find_debris(text, part_start, part_end, whole_line=whole_line,
                                      in_body=first_heading < part_start < last_sentence):
                take("debris", debris.span, debris)

    title = _find_title(text, starts, ends, first_heading, taken)
    if title is not None:
        take("title", title, title)

    last_heading_end = max((h.heading.span.end for h in headings), default=0)
    signature = find_signature(text, starts, ends, last_heading_end, taken.covers)
    if signature is not None:
        take("signature", signature.span, signature)

    if newline_breaks:
        for region_start, region_end in taken.free(0, len(text)):
            _add_paragraphs(pieces, text, region_start, region_end)
    else:
        for _, _, free in taken.free_by_line(starts, ends):
            for part_start, part_end in free:
                _add_paragraphs(pieces, text, part_start, part_end)
    pieces.sort(key=_BY_SPAN)
    return Layout(pieces, problems)


#: A line's words in a text whose lines "\n" ends: from the first character other than
#: whitespace to the line's end (``\s`` asks ``str.isspace``, as ``str.strip`` does).
_LINE_WORDS = compile_re(r"\S[^\n]*")


def _add_paragraphs(pieces: list[Piece], text: str, start: int, end: int) -> None:
    """A paragraph piece for each line's words in the free ``text[start:end]``: its lines (or
    parts of lines) stripped, those holding words; for a part of one line when the text breaks
    its lines elsewhere than at "\n" (see :func:`recover`)."""
    for words_match in _LINE_WORDS.finditer(text, start, end):
        words = words_match.group().rstrip()
        words_start = words_match.start()
        words_end = words_start + len(words)
        paragraph = new_paragraph(words, words_start, words_end,
                                  read_marker(text, words_start, words_end))
        pieces.append(_new_piece("paragraph", paragraph.span, paragraph))


#: A line opening as a debris line does (:func:`~gipr_lint.reading.layout.debris.find_debris`)
#: after a "\n" (led by the "\n" rather than "^": the engine then skips to the next "\n",
#: where "^" is tried at every character, three times the cost), or a debris phrase's hint
#: (:data:`~gipr_lint.reading.layout.debris.INLINE_HINT`, whose alternatives open with a
#: character each too): one search for both.
_DEBRIS_LINE_OR_HINT = compile_re("\n" + OPENS_AS_DEBRIS.pattern + "|" + INLINE_HINT.pattern)


def _may_hold_debris(text: str, start: int, end: int) -> bool:
    """Whether any part of a line in ``text[start:end]``, a free region of a text whose lines
    "\n" ends, may hold debris: one opening as a debris line does (the region's start, or a
    line's after a "\n" in the region), or a debris phrase's hint.
    Two searches over the region rather than a call per line (most regions have neither)."""
    return (OPENS_AS_DEBRIS.match(text, start, end) is not None
            or _DEBRIS_LINE_OR_HINT.search(text, start, end) is not None)


def _parts(starts: Sequence[int], ends: list[int], start: int, end: int
           ) -> Iterator[tuple[int, int, bool]]:
    """The parts of the lines in ``[start, end)`` (none empty) and whether each line is short
    enough to be a debris line whole: what :meth:`_Taken.free_by_line` gives there when
    ``[start, end)`` is a free region."""
    index = bisect_right(ends, start)
    while index < len(starts):
        line_start, line_end = starts[index], ends[index]
        if line_start >= end:
            break
        part_start, part_end = max(line_start, start), min(line_end, end)
        if part_start < part_end:
            yield part_start, part_end, line_end - line_start <= _LONG_LINE
        index += 1


__all__ += ["Debris", "SignatureMatch", "TableRead"]
