"""A folded, whitespace-free view of the text for tolerant label matching.

Official labels are matched against this view, so "商业 企业", "总\\n计", full-width "（一）" and
half-width "(一)", and “quoted” or unquoted words all match one pattern. Every index of the view
maps back to an offset in the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from operator import add

from gipr_lint.reading import source
from gipr_lint.reading.source import newline_pieces
from gipr_lint.regex import compile_re

__all__ = ["DROPPED_CLASS", "CompactText", "compact", "fold", "is_dropped", "kept_window",
           "loose", "loose_alternatives", "originals"]


def _fold_table() -> dict[int, str]:
    table = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}  # full width → ASCII
    table.update({ord(ch): " " for ch in "\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"})
    table.update({ord(ch): "-" for ch in "—–－‐﹣"})
    table.update({ord(ch): "," for ch in "，﹐"})
    table.update({ord("〈"): "<", ord("〉"): ">", ord("＜"): "<", ord("＞"): ">"})
    table.update({ord(ch): '"' for ch in "“”„‟＂「」『』"})
    table.update({ord(ch): "'" for ch in "‘’＇"})
    table[ord("．")] = "."
    return table


_FOLD = {chr(code): folded for code, folded in _fold_table().items()}
#: Any character :func:`fold` changes. Its outputs are all ASCII, never one of these, so
#: replacing each character present in turn equals one translation, and costs a pass per
#: character present (a few) instead of a table lookup per character of the text.
_FOLDED = compile_re("[" + re.escape("".join(sorted(_FOLD))) + "]")
_find_folded = _FOLDED.search
#: What :func:`compact` keeps, as a pattern (the reference its split is tested against).
_KEPT = compile_re(r"[^\s\"']+")
_SPLIT = compile_re(r"([\s\"']+)")


def fold(text: str) -> str:
    """Fold widths, dashes and quotes, one character for one: offsets are unchanged.

    Each character to fold is found by a search going on from where the last one was found
    (every one before it is folded by then): one pass over the text, and no list of every
    full-width comma of a Chinese text, as ``findall`` makes."""
    found = _find_folded(text)
    while found is not None:
        character = found.group()
        text = text.replace(character, _FOLD[character])
        found = _find_folded(text, found.start())
    return text


#: What the view drops besides whitespace: quotes, and what :func:`fold` makes a quote or a
#: space (a zero-width space, a byte-order mark).
_DROPPED_OTHER = frozenset({'"', "'"} | {code for code, folded in _FOLD.items()
                                         if folded in "\"' "})
#: The inside of a character class of what the view drops (``\s`` asks ``str.isspace``, as
#: ``str.split`` does).
DROPPED_CLASS = r"\s" + re.escape("".join(sorted(_DROPPED_OTHER)))


def is_dropped(character: str) -> bool:
    """Whether the view drops ``character`` (:func:`compact` leaves nothing of it)."""
    return character.isspace() or character in _DROPPED_OTHER


def _folded_to() -> dict[str, str]:
    """For each character :func:`fold` makes, the characters it makes it of, in code order."""
    found: dict[str, str] = {}
    for code in sorted(_FOLD):
        folded = _FOLD[code]
        if folded != code:
            found[folded] = found.get(folded, "") + code
    return found


_FOLDED_TO = _folded_to()


def originals(character: str) -> str:
    """``character`` and the characters :func:`fold` makes it, in a fixed order."""
    return character + _FOLDED_TO.get(character, "")


def _loose_character(character: str) -> str:
    """A pattern of ``character`` and the characters folded to it."""
    found = originals(character)
    return re.escape(found) if len(found) == 1 else "[" + re.escape(found) + "]"


def loose(word: str) -> str:
    """A pattern matching in an original text where its view holds ``compact(word)``: each of
    its characters as any character folded to it, and any dropped characters between them. A
    search of the text for it finds what a search of its view for ``compact(word)`` would, in
    original offsets, without the view."""
    return f"[{DROPPED_CLASS}]*".join(map(_loose_character, compact(word)))


def loose_alternatives(words: Sequence[str]) -> str:
    """The :func:`loose` patterns of ``words`` as one, matching as their alternation in order
    does where no word comes before a longer one it begins (longest first, say), with the
    beginnings they share written once (a tree of their characters): the engine tries
    alternatives one by one, so a beginning five words share was walked five times at every
    place the text holds it. Two words that part cannot both match at one place (they need
    different characters where they part, and no character folds into two), so which one is
    tried first does not matter; a word that begins a longer one is tried after it, as in
    ``words``."""
    return _loose_tree([compact(word) for word in words])


def _loose_tree(words: list[str]) -> str:
    """:func:`loose_alternatives` of compact, non-empty ``words``."""
    branches: dict[str, list[str]] = {}  # (in the order of the words' first characters)
    for word in words:
        branches.setdefault(word[0], []).append(word[1:])
    sources = []
    for character, rests in branches.items():
        longer = [rest for rest in rests if rest]
        source = _loose_character(character)
        if longer:
            after = f"[{DROPPED_CLASS}]*" + _loose_tree(longer)
            source += f"(?:{after}|)" if "" in rests else after
        sources.append(source)
    return sources[0] if len(sources) == 1 else "(?:" + "|".join(sources) + ")"


def kept_window(text: str, start: int, end: int) -> tuple[int, int]:
    """Where a :class:`CompactText` of part of ``text`` starts and ends to answer as the whole
    text's view does for the original offsets from ``start`` to ``end`` and the indexes they map
    to: from the last kept character before ``start`` (or the text's start), to just after the
    first one at or after ``end`` (or the text's end). The kept character before ``start``
    makes an index mapped to there never the view's first, whose end
    (:meth:`~CompactText.to_original_end` of 0) the whole view puts before the part; the one
    after ``end`` gives an index mapped to there a character to map back to. Only the dropped
    characters next to ``start`` and ``end`` are walked over."""
    window_start = start - 1
    while window_start >= 0 and is_dropped(text[window_start]):
        window_start -= 1
    window_end = end
    while window_end < len(text) and is_dropped(text[window_end]):
        window_end += 1
    return max(window_start, 0), min(window_end + 1, len(text))


def compact(text: str) -> str:
    """Fold and drop whitespace and quotes: the form labels are compared in (``str.split``
    drops what the regex class ``\\s`` would: both ask ``str.isspace``)."""
    return "".join(fold(text).replace('"', " ").replace("'", " ").split())


#: The compact text and its kept runs' starts: in the original text, and in the compact text.
_Runs = tuple[str, list[int], list[int]]


def _runs_by_regex(folded: str, base: int = 0) -> _Runs:
    """The folded text split into kept runs and dropped runs, alternately (built-in calls
    only: no Python work per run); the original starts counted from ``base``."""
    parts = _SPLIT.split(folded)
    lengths = list(map(len, parts))
    offsets = list(accumulate(lengths, initial=base))
    original_starts = offsets[0:len(parts):2]
    run_lengths = lengths[0::2]
    if run_lengths[-1] == 0:  # the text ends with a dropped run, or is empty
        del original_starts[-1], run_lengths[-1]
    if run_lengths and run_lengths[0] == 0:  # the text starts with a dropped run
        del original_starts[0], run_lengths[0]
    compact_starts = list(accumulate(run_lengths, initial=0))
    compact_starts.pop()
    return "".join(parts[0::2]), original_starts, compact_starts


#: Whitespace outside Latin-1 (``str.isspace``, as ``\s``): the bytes shortcut cannot see it.
#: Written out, not found by testing 65,536 characters at every start (a test checks the list
#: and that the shortcut declines a text holding any of them).
WIDE_SPACES = "\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: Latin-1 bytes: a dropped character (whitespace, a quote) to "x", any other to a space, so
#: that ``bytes.split`` gives the dropped runs.
_DROPPED_BYTES = bytes(ord("x") if chr(c).isspace() or chr(c) in "\"'" else ord(" ")
                       for c in range(256))


def _runs_by_bytes(folded: str, base: int = 0) -> _Runs | None:
    """:func:`_runs_by_regex` by string and byte splits (a regex split makes a match per run,
    a third of the view's cost); ``None`` where the text holds whitespace beyond Latin-1.

    ``str.split`` drops the same characters as the regex's whitespace class (both ask
    ``str.isspace``); with the quotes made spaces, its pieces are the kept runs. The dropped
    runs' lengths come from the text as one byte a character (Latin-1, anything beyond it a
    kept "?"), its dropped bytes turned into letters and the rest into spaces. Whitespace beyond
    Latin-1 (:data:`WIDE_SPACES`) is the one kind of character the two splits disagree on
    (dropped by the first, kept by the second): the runs and gaps then end short of the text's
    end, which tells it without a search of the text.

    Shaped for the runs' count (a table's every cell is one): two lists are made of them, the
    starts in the compact text and those in the original, each by built-in iterators in one
    pass (a run's original start is its compact start plus the gaps before it).
    """
    kept = folded.replace('"', " ").replace("'", " ").split()
    if not kept:
        return "", [], []  # (as the regex split reads any text of dropped characters)
    dropped = folded.encode("latin-1", "replace").translate(_DROPPED_BYTES).split()
    gaps = map(len, dropped)
    # (none where that first gap is whitespace beyond Latin-1: the check below tells it)
    first = base + (next(gaps, 0) if folded[0] in "\"'" or folded[0].isspace() else 0)
    compact_starts = list(accumulate(map(len, kept), initial=0))
    # the gaps before each run, and after the last one if the text ends with one (the map
    # stops at the shorter: the runs and their ends, one more than the runs)
    original_starts = list(map(add, compact_starts, accumulate(gaps, initial=first)))
    runs = len(kept)
    if len(original_starts) > runs:  # a trailing gap: the text's end past it
        end = original_starts.pop()
    else:
        end = original_starts[-1] + len(kept[-1])
    if end != base + len(folded) or next(gaps, None) is not None:
        return None  # whitespace beyond Latin-1
    compact_starts.pop()
    return "".join(kept), original_starts, compact_starts


def _runs(original: str, base: int = 0) -> _Runs:
    """The compact text of ``original`` and its kept runs (starts in ``original``, counted from
    ``base``, and in the compact text)."""
    folded = fold(original)
    runs = _runs_by_bytes(folded, base)
    return _runs_by_regex(folded, base) if runs is None else runs


def _runs_by_piece(original: str, size: int, start: int, end: int) -> _Runs:
    """:func:`_runs` of a large ``original[start:end]``, a piece at a time: folding and
    splitting it whole holds several copies of it at once (the folded text, the kept runs, their
    bytes). The pieces end just after a line break, which is dropped, so no kept run spans two
    pieces."""
    parts: list[str] = []
    original_starts: list[int] = []
    compact_starts: list[int] = []
    compact_length = 0
    for piece_start, piece_end in newline_pieces(original, size, start, end):
        text, starts, compact = _runs(original[piece_start:piece_end], piece_start)
        parts.append(text)
        original_starts.extend(starts)
        compact_starts.extend([run_start + compact_length for run_start in compact])
        compact_length += len(text)
    return "".join(parts), original_starts, compact_starts


class CompactText:
    """The compact form of a text, with the map back to original offsets.

    A view of part of a text (``start`` and ``end``) holds the compact characters of that part
    only, its indexes counted from there; its maps give offsets in the whole text. Made for the
    part :func:`kept_window` gives, it answers as the whole text's view does there."""

    __slots__ = ("_compact_starts", "_original_starts", "text")

    def __init__(self, original: str, piece: int | None = None, start: int = 0,
                 end: int | None = None) -> None:
        """The view of ``original[start:end]``, made ``piece`` characters at a time (default
        :data:`~gipr_lint.reading.source.PIECE`) when it is longer."""
        if piece is None:
            piece = source.PIECE
        if end is None:
            end = len(original)
        if end - start <= piece:
            part = original if start == 0 and end == len(original) else original[start:end]
            self.text, self._original_starts, self._compact_starts = _runs(part, start)
        else:
            self.text, self._original_starts, self._compact_starts = _runs_by_piece(
                original, piece, start, end)

    # The maps below are called a hundred and fifty times per report by the table readers:
    # each looks up its run itself (one search, attributes read once) rather than through the
    # others, a call less per map.

    def to_original(self, index: int) -> int:
        """Original offset of the compact character at ``index``."""
        compact_starts = self._compact_starts
        if not compact_starts:
            return 0
        run = bisect_right(compact_starts, index) - 1
        if run < 0:
            run = 0
        return self._original_starts[run] + index - compact_starts[run]

    def to_original_end(self, end: int) -> int:
        """Original offset just after the compact character at ``end - 1``."""
        if end <= 0:
            return 0
        compact_starts = self._compact_starts
        if not compact_starts:
            return 1  # (to_original gives 0 for any index of an empty view)
        last = end - 1
        run = bisect_right(compact_starts, last) - 1
        if run < 0:
            run = 0
        return self._original_starts[run] + last - compact_starts[run] + 1

    def to_original_span(self, start: int, end: int) -> tuple[int, int]:
        """``(to_original(start), to_original_end(end))`` for ``start < end``, with one search
        of the runs when the span ends in the run it starts in (a label found, every time)."""
        compact_starts = self._compact_starts
        if not compact_starts:
            return 0, 1  # (to_original gives 0 for any index of an empty view)
        run = bisect_right(compact_starts, start) - 1
        if run < 0:
            run = 0
        last = end - 1
        if last < compact_starts[run] or (run + 1 < len(compact_starts)
                                          and last >= compact_starts[run + 1]):
            return (self._original_starts[run] + (start - compact_starts[run]),
                    self.to_original_end(end))
        offset = self._original_starts[run] - compact_starts[run]
        return start + offset, last + offset + 1

    def from_original(self, offset: int) -> int:
        """Index of the first compact character at or after original ``offset``."""
        run = bisect_right(self._original_starts, offset) - 1
        if run < 0:
            return 0
        compact_starts = self._compact_starts
        # the run's end: where the next run starts in the compact text (or the text's end)
        run_end = compact_starts[run + 1] if run + 1 < len(compact_starts) else len(self.text)
        return min(compact_starts[run] + offset - self._original_starts[run], run_end)
