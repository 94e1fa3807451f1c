"""A folded, whitespace-free view of the text for tolerant label matching.

Official labels are matched against this view, so "商业 企业", "总\\n计", full-width "（一）" and
half-width "(一)", and “quoted” or unquoted words all match one pattern. Every index of the view
maps back to an offset in the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from operator import add

from gipr_lint.reading import source
from gipr_lint.reading.source import newline_pieces
from gipr_lint.regex import compile_re

__all__ = ["CompactText", "compact", "fold"]


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


def compact(text: str) -> str:
    """Fold and drop whitespace and quotes: the form labels are compared in (``str.split``
    drops what the regex class ``\\s`` would: both ask ``str.isspace``)."""
    return "".join(fold(text).replace('"', " ").replace("'", " ").split())


_Runs = tuple[str, list[int], list[int]]  # compact text, kept runs' original starts, lengths


def _runs_by_regex(folded: str) -> _Runs:
    """The folded text split into kept runs and dropped runs, alternately (built-in calls
    only: no Python work per run)."""
    parts = _SPLIT.split(folded)
    lengths = list(map(len, parts))
    offsets = list(accumulate(lengths, initial=0))
    original_starts = offsets[0:len(parts):2]
    run_lengths = lengths[0::2]
    if run_lengths[-1] == 0:  # the text ends with a dropped run, or is empty
        del original_starts[-1], run_lengths[-1]
    if run_lengths and run_lengths[0] == 0:  # the text starts with a dropped run
        del original_starts[0], run_lengths[0]
    return "".join(parts[0::2]), original_starts, run_lengths


#: Whitespace outside Latin-1 (``str.isspace``, as ``\s``): the bytes shortcut cannot see it.
#: Written out, not found by testing 65,536 characters at every start (a test checks the list
#: and that the shortcut declines a text holding any of them).
WIDE_SPACES = "\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: Latin-1 bytes: a dropped character (whitespace, a quote) to "x", any other to a space, so
#: that ``bytes.split`` gives the dropped runs.
_DROPPED_BYTES = bytes(ord("x") if chr(c).isspace() or chr(c) in "\"'" else ord(" ")
                       for c in range(256))


def _runs_by_bytes(folded: str) -> _Runs | None:
    """:func:`_runs_by_regex` by string and byte splits (a regex split makes a match per run,
    a third of the view's cost); ``None`` where the text holds whitespace beyond Latin-1.

    ``str.split`` drops the same characters as the regex's whitespace class (both ask
    ``str.isspace``); with the quotes made spaces, its pieces are the kept runs. The dropped
    runs' lengths come from the text as one byte a character (Latin-1, anything beyond it a
    kept "?"), its dropped bytes turned into letters and the rest into spaces. Whitespace beyond
    Latin-1 (:data:`WIDE_SPACES`) is the one kind of character the two splits disagree on
    (dropped by the first, kept by the second): the runs' and gaps' lengths then fall short of
    the text's, which tells it without a search of the text.
    """
    kept = folded.replace('"', " ").replace("'", " ").split()
    if not kept:
        return "", [], []  # (as the regex split reads any text of dropped characters)
    dropped = folded.encode("latin-1", "replace").translate(_DROPPED_BYTES).split()
    run_lengths = list(map(len, kept))
    gap_lengths = list(map(len, dropped))
    if sum(run_lengths) + sum(gap_lengths) != len(folded):
        return None  # whitespace beyond Latin-1
    gaps = iter(gap_lengths)
    first = next(gaps) if folded[0] in "\"'" or folded[0].isspace() else 0
    # a kept run starts where the one before it started, past that run and the gap after it
    original_starts = list(accumulate(map(add, run_lengths, gaps), initial=first))
    del original_starts[len(run_lengths):]  # the start after a trailing gap
    return "".join(kept), original_starts, run_lengths


def _runs(original: str) -> _Runs:
    """The compact text of ``original`` and its kept runs (starts in ``original``, lengths)."""
    folded = fold(original)
    runs = _runs_by_bytes(folded)
    return _runs_by_regex(folded) if runs is None else runs


def _runs_by_piece(original: str, size: int) -> _Runs:
    """:func:`_runs` of a large text, a piece at a time: folding and splitting it whole holds
    several copies of it at once (the folded text, the kept runs, their bytes). The pieces end
    just after a line break, which is dropped, so no kept run spans two pieces."""
    parts: list[str] = []
    original_starts: list[int] = []
    run_lengths: list[int] = []
    for start, end in newline_pieces(original, size):
        text, starts, lengths = _runs(original[start:end])
        parts.append(text)
        original_starts.extend([run_start + start for run_start in starts])
        run_lengths.extend(lengths)
    return "".join(parts), original_starts, run_lengths


class CompactText:
    """The compact form of a text, with the map back to original offsets."""

    __slots__ = ("_compact_starts", "_original_starts", "_run_lengths", "text")

    def __init__(self, original: str, piece: int | None = None) -> None:
        """The view of ``original``, made ``piece`` characters at a time (default
        :data:`~gipr_lint.reading.source.PIECE`) when it is longer."""
        if piece is None:
            piece = source.PIECE
        if len(original) <= piece:
            self.text, self._original_starts, self._run_lengths = _runs(original)
        else:
            self.text, self._original_starts, self._run_lengths = _runs_by_piece(original, piece)
        self._compact_starts = list(accumulate(self._run_lengths, initial=0))
        self._compact_starts.pop()

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
        inside = offset - self._original_starts[run]
        if inside < self._run_lengths[run]:
            return self._compact_starts[run] + inside
        return self._compact_starts[run] + self._run_lengths[run]
