"""Finding the six section headings, with or without line breaks around them."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from gipr_lint.model import SECTION_TITLES, Heading, Marker
from gipr_lint.reading.layout.compact import (
    DROPPED_CLASS,
    compact,
    is_dropped,
    loose_alternatives,
    originals,
)
from gipr_lint.reading.layout.markers import read_marker
from gipr_lint.reading.layout.objects import new_span, twin
from gipr_lint.reading.source import Span
from gipr_lint.regex import compile_re

__all__ = ["SECTION_VARIANTS", "HeadingMatch", "find_section_headings"]

#: Rewordings of the section titles seen in published reports: accepted, flagged by S003.
SECTION_VARIANTS: dict[int, tuple[str, ...]] = {
    1: (),
    2: (),
    3: ("收到和处理政府信息公开申请的情况",),
    4: ("因政府信息公开工作被申请行政复议和提起行政诉讼情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "政府信息公开行政复议及行政诉讼情况",
        "政府信息公开行政复议、行政诉讼的情况",
        "因政府信息公开申请行政复议、提起行政诉讼的情况"),
    5: ("政府信息公开工作存在的主要问题及改进情况",
        "存在的主要问题和改进措施",
        "存在的主要问题及改进措施",
        "存在的主要问题和改进情况",
        "政府信息公开工作存在的主要问题和改进情况"),
    6: ("其他需要报告的事项情况",),
}

_HEADING_MARKER_STYLES = {"cjk-comma", "arabic-comma", "arabic-dot"}
_TRAILING_PUNCTUATION = ":：。．.;；"
_FUZZY_THRESHOLD = 0.8
#: Words every section title and variant holds; a line with none of them is no heading.
_TITLE_WORD = compile_re(r"情况|事项|措施|总体|主动公开|申请|复议|诉讼|问题")


@dataclass(frozen=True, slots=True)
class HeadingMatch:
    number: int
    heading: Heading


def _titles() -> list[tuple[int, str, str]]:
    """(section number, title, match kind) for every title and variant, longest first."""
    titles = [(number, title, "official") for number, title in SECTION_TITLES.items()]
    titles += [(number, variant, "variant")
               for number, variants in SECTION_VARIANTS.items() for variant in variants]
    return sorted(titles, key=lambda item: -len(item[1]))


_TITLES = _titles()
_COMPACT_TITLES = {compact(title): (number, kind) for number, title, kind in _TITLES}
_TITLE_CHARACTERS = {candidate: frozenset(candidate) for candidate in _COMPACT_TITLES}
_MAX_FUZZY = 40  # the longest title compared by similarity
_LENGTH_APART = 6  # how much longer or shorter than a title a misspelt title may be
#: For each title length up to _MAX_FUZZY: the titles near enough in length to be compared, in
#: the order of _COMPACT_TITLES (so that ties resolve as before), with their section number,
#: characters and 70 % of their character count.
_NEAR_IN_LENGTH = [
    [(candidate, number, _TITLE_CHARACTERS[candidate], 0.7 * len(_TITLE_CHARACTERS[candidate]))
     for candidate, (number, _) in _COMPACT_TITLES.items()
     if abs(len(candidate) - length) <= _LENGTH_APART]
    for length in range(_MAX_FUZZY + 1)]
#: What numbers an inline heading (see :func:`_inline_titles`), in the compact view.
INLINE_NUMBERS = "一二三四五六七八九123456789"
#: The same, in the original text: those characters and those folded to them.
_NUMBER_CHARACTERS = frozenset("".join(map(originals, INLINE_NUMBERS)))
#: What separates an inline heading's number from its title, in the compact view.
INLINE_SEPARATORS = "、."
#: The titles and variants, as :func:`~gipr_lint.reading.layout.compact.loose` patterns of the
#: original text, longest first (the compact view's alternatives, in their order), their shared
#: beginnings written once ("政府信息公开" opens five, and opens many a phrase after a "、").
_TITLE_ALTERNATIVES = "(?:" + loose_alternatives([title for _, title, _ in _TITLES]) + ")"
#: What may follow a separator: a dropped character, or a character a title begins with.
_AFTER_SEPARATOR = "(?=[" + DROPPED_CLASS + re.escape("".join(sorted(
    {character for _, title, _ in _TITLES for character in originals(compact(title)[0])}))) + "])"
#: In the original text: an exact title after each separator an inline heading may have (see
#: :func:`_inline_titles`), one pattern for each character the separator may be written as,
#: each opening with that character: the engine skips to a single character by a fast search,
#: where it tries a class at every character (a table's digits), four times the cost.
_TITLE_AFTER = tuple(
    (character, compile_re(re.escape(character) + _AFTER_SEPARATOR + f"[{DROPPED_CLASS}]*"
                           + _TITLE_ALTERNATIVES))
    for character in "".join(map(originals, INLINE_SEPARATORS)))


def _inline_titles(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` in ``text`` of each numbered exact title, in order: where the compact
    view matches the pattern "a number of :data:`INLINE_NUMBERS`, "、" or ".", a title" (pages
    flattened to one line), read in the text itself (by
    :func:`~gipr_lint.reading.layout.compact.loose` patterns, from each separator, with the
    number checked as the kept character before it), so that no view of the whole text is made
    for them. No title holds a number or a separator after a number (a test checks it), so no
    match of that pattern starts inside a title found after a separator, with or without a
    number before it: the searches find its matches, all of them."""
    found = []
    for separator, pattern in _TITLE_AFTER:
        first = text.find(separator)  # (a search in C: most texts lack one separator or two)
        if first < 0:
            continue
        for match in pattern.finditer(text, first):
            number = match.start() - 1
            while number >= 0 and is_dropped(text[number]):
                number -= 1  # (a run ending at this separator: each walked once)
            if number >= 0 and text[number] in _NUMBER_CHARACTERS:
                found.append((number, match.end()))
    found.sort()
    return found


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by changing, adding or removing one character."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def _classify_title(title: str, *, numbered: bool, hint: int | None = None
                    ) -> tuple[int, str] | None:
    """The section a title names and how (``official``, ``variant``, ``fuzzy``). ``hint`` is
    the section the heading's numbering names: a short title one character off its official
    title ("一、总休情况") is that section, though too short for the similarity threshold."""
    key = compact(title).rstrip(_TRAILING_PUNCTUATION)
    if key in _COMPACT_TITLES:
        return _COMPACT_TITLES[key]
    if not numbered or not key or len(key) > _MAX_FUZZY:
        return None
    return _fuzzy_title(key, hint)


@lru_cache(maxsize=2048)
def _fuzzy_title(key: str, hint: int | None) -> tuple[int, str] | None:
    """The section a numbered title ``key`` (compact, not an exact title) names by similarity,
    remembered: the same lines come in report after report (a table's numbered row labels
    "二、上年结转政府信息公开申请数量" hold a title word and are compared on every read)."""
    best: tuple[float, int] = (0.0, 0)
    characters = frozenset(key)
    for candidate, number, candidate_characters, most in _NEAR_IN_LENGTH[len(key)]:
        # cheap filter: a typo keeps most of the title's characters
        if len(characters & candidate_characters) < most:
            continue
        from difflib import SequenceMatcher  # (rarely reached: not imported at start)

        ratio = SequenceMatcher(None, key, candidate, autojunk=False).ratio()
        if ratio > best[0]:
            best = (ratio, number)
    if best[0] >= _FUZZY_THRESHOLD:
        return best[1], "fuzzy"
    if hint is not None and hint in SECTION_TITLES and _one_edit(
            key, compact(SECTION_TITLES[hint])):
        return hint, "fuzzy"
    return None


def _heading(text: str, start: int, title_start: int, title_end: int, number: int,
             kind: str) -> Heading:
    marker = read_marker(text, start, title_start)
    if marker is not None and marker.style not in _HEADING_MARKER_STYLES:
        marker = None
    return _heading_with(text, marker, title_start, title_end, number, kind)


def _heading_with(text: str, marker: Marker | None, title_start: int, title_end: int,
                  number: int, kind: str) -> Heading:
    title = text[title_start:title_end]
    heading_start = marker.span.start if marker else title_start
    return Heading(text=text[heading_start:title_end], span=Span(heading_start, title_end),
                   marker=marker, title=title, title_span=Span(title_start, title_end),
                   official_title=SECTION_TITLES[number], match=kind)


def _line_heading(text: str, start: int, end: int) -> HeadingMatch | None:
    """A heading that is a whole line: numbering (optional for exact titles) and title.

    The answer depends on the line's characters only, so it is read once per distinct line
    (:func:`_heading_in_line`) and moved to the line's offset: the lines looked at are mostly
    a table's numbered row labels holding a title word, the same in report after report."""
    line = text[start:end]
    if len(line) < 4 or (len(line) > 50 and len(line.strip()) > 50):
        return None  # (the shortest title, 总体情况, has 4 characters)
    found = _heading_in_line(line)
    return found if found is None or start == 0 else _moved(found, start)


#: The fields :func:`_moved` sets, by class: a test checks they are all the classes' fields.
MOVED_FIELDS = {
    Marker: ("text", "style", "value", "span"),
    Heading: ("text", "span", "marker", "title", "title_span", "official_title", "match"),
    HeadingMatch: ("number", "heading"),
}
#: Plain classes with these classes' slots (see :func:`~gipr_lint.reading.layout.objects.twin`)
_MarkerTwin, _HeadingTwin, _HeadingMatchTwin = (twin(cls) for cls in MOVED_FIELDS)
_new = object.__new__


def _moved(found: HeadingMatch, offset: int) -> HeadingMatch:
    """``found`` (read in a line on its own) with its spans ``offset`` further on.

    Every heading of every report is made here, so its objects are made as
    :mod:`~gipr_lint.reading.layout.objects` makes cells: instances of their classes' twins,
    fields set by plain assignment, then given their classes, not by the frozen dataclasses'
    ``__init__``, which sets each field through ``object.__setattr__``: the same objects at a
    third of the cost."""
    heading = found.heading
    marker = heading.marker
    if marker is not None:
        moved_marker = _new(_MarkerTwin)
        moved_marker.text = marker.text
        moved_marker.style = marker.style
        moved_marker.value = marker.value
        moved_marker.span = new_span(marker.span.start + offset, marker.span.end + offset)
        moved_marker.__class__ = Marker
        marker = moved_marker
    moved = _new(_HeadingTwin)
    moved.text = heading.text
    moved.span = new_span(heading.span.start + offset, heading.span.end + offset)
    moved.marker = marker
    moved.title = heading.title
    moved.title_span = new_span(heading.title_span.start + offset,
                                heading.title_span.end + offset)
    moved.official_title = heading.official_title
    moved.match = heading.match
    moved.__class__ = Heading
    match = _new(_HeadingMatchTwin)
    match.number = found.number
    match.heading = moved
    match.__class__ = HeadingMatch
    return match  # type: ignore[no-any-return]


@lru_cache(maxsize=4096)
def _heading_in_line(line: str) -> HeadingMatch | None:
    """:func:`_line_heading` of ``line`` on its own (offsets from its start), remembered."""
    stripped = line.strip()
    if len(stripped) < 4 or len(stripped) > 50:  # the shortest title, 总体情况, has 4 characters
        return None
    if _TITLE_WORD.search(stripped) is None:  # every title and variant has one of these words
        return None
    content_start = len(line) - len(line.lstrip())
    content_end = len(line.rstrip())
    marker = read_marker(line, content_start, content_end)
    numbered = marker is not None and marker.style in _HEADING_MARKER_STYLES
    if marker is not None and not numbered:
        return None
    title_start = marker.span.end if numbered and marker else content_start
    while title_start < content_end and line[title_start] in " \t\u3000":
        title_start += 1
    title_end = content_end
    while title_end > title_start and line[title_end - 1] in _TRAILING_PUNCTUATION:
        title_end -= 1
    found = _classify_title(line[title_start:title_end], numbered=numbered,
                            hint=marker.value if numbered and marker else None)
    if found is None:
        return None
    number, kind = found
    # the marker as _heading would read it up to the title: the same match (a numbering
    # ends where the title starts, and a shorter end only helps its look-ahead)
    return HeadingMatch(number, _heading_with(line, marker if numbered else None, title_start,
                                              title_end, number, kind))


def _covered(spans: list[Span], offset: int) -> bool:
    """Whether ``offset`` is inside one of ``spans`` (a report's few headings)."""
    return any(span.start <= offset < span.end for span in spans)


def find_section_headings(text: str, starts: Sequence[int],
                          ends: Sequence[int]) -> list[HeadingMatch]:
    """Section headings in document order.

    A heading alone on its line may be fuzzy ("主动公开政府政府情况"); one inside a longer line
    (a flattened web page) must be numbered and spelled as an official title or known variant.
    """
    found: dict[int, HeadingMatch] = {}
    # only lines holding a title word can be headings (see _line_heading): find those words in
    # one pass over the text, and look at their lines only, in order
    word = _TITLE_WORD.search(text)
    while word is not None:
        line = bisect_right(starts, word.start()) - 1  # the last starting at or before it
        start, end = starts[line], ends[line]
        heading = _line_heading(text, start, end)
        if heading is not None:
            found[heading.heading.span.start] = heading
        word = _TITLE_WORD.search(text, max(end, word.end()))  # the next line with a word
    covered = [match.heading.span for match in found.values()]
    for start, end in _inline_titles(text):
        if start in found or _covered(covered, start):  # (mostly a heading found on its line)
            continue
        marker = read_marker(text, start, end)
        if marker is None:
            continue
        title_start = marker.span.end
        while text[title_start] in " \t\u3000":
            title_start += 1
        number, kind = _COMPACT_TITLES[compact(text[title_start:end])]
        found[start] = HeadingMatch(number, _heading(text, start, title_start, end, number, kind))
    return [found[start] for start in sorted(found)]
