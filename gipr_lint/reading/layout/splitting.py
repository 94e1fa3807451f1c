"""Splitting a run of digits into a row's cells, with a bounded search.

Scraped text often joins a row's cells with no separator ("230000023"). The only knowledge a
split may use is the row's own: the template's cell count and, where the template has one, the
row's own identity (the six applicant columns of table 三 add up to its 总计; table 四's four
results add up to each group's 总计). Identities between rows or tables are checks, never a way
to choose a split. When more than one split fits, or none does, or the search runs out of its
budget, the answer says so: the caller reports "cannot tell" rather than guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

__all__ = ["MAX_CELL_DIGITS", "SEARCH_BUDGET", "DigitSplit", "split_digits"]

#: The longest cell a digit run is split into.
MAX_CELL_DIGITS = 6
#: How many partial splits the search may try before it gives up ("cannot tell").
SEARCH_BUDGET = 1_500

Outcome = Literal["one", "none", "several", "too-long"]


@dataclass(frozen=True, slots=True)
class DigitSplit:
    """The result of splitting: ``cells`` is set when exactly one split fits (``outcome`` "one");
    otherwise ``outcome`` says why not: ``none`` fits, ``several`` do, or the run is ``too-long``
    to search within :data:`SEARCH_BUDGET`."""

    outcome: Outcome
    cells: tuple[str, ...] = ()


class _Budget(Exception):
    pass


class _Search:
    """Memoised search: ``parts`` splits a stretch into cells (with a given sum), ``groups``
    chains the groups; each keeps at most two answers, which is all the caller asks."""

    def __init__(self, digits: str, sizes: Sequence[int], sums: bool, budget: int) -> None:
        self.digits = digits
        self.sizes = tuple(sizes)
        self.sums = sums
        self.budget = budget
        self._parts: dict[tuple[int, int, int, int], list[tuple[str, ...]]] = {}
        self._groups: dict[tuple[int, int], list[tuple[str, ...]]] = {}

    def pieces(self, position: int, end: int) -> list[str]:
        """The cells that may start at ``position``: shortest first, no leading zero."""
        out = []
        for length in range(1, MAX_CELL_DIGITS + 1):
            if position + length > end:
                break
            piece = self.digits[position:position + length]
            if length > 1 and piece[0] == "0":
                break
            out.append(piece)
        return out

    def parts(self, position: int, end: int, count: int, total: int) -> list[tuple[str, ...]]:
        """``digits[position:end]`` as ``count`` cells adding up to ``total`` (-1: any sum)."""
        key = (position, end, count, total)
        if key in self._parts:
            return self._parts[key]
        self.budget -= 1
        if self.budget < 0:
            raise _Budget
        found: list[tuple[str, ...]] = []
        left = end - position
        if count == 0:
            if left == 0 and total <= 0:
                found.append(())
        elif count <= left <= count * MAX_CELL_DIGITS and (total < 0 or _may_sum(left, count,
                                                                                  total)):
            for piece in self.pieces(position, end):
                value = int(piece)
                if 0 <= total < value:
                    break  # longer pieces are larger still
                rest = -1 if total < 0 else total - value
                for tail in self.parts(position + len(piece), end, count - 1, rest):
                    found.append((piece, *tail))
                    if len(found) > 1:
                        break
                if len(found) > 1:
                    break
        self._parts[key] = found
        return found

    def groups(self, group: int, position: int) -> list[tuple[str, ...]]:
        """``digits[position:]`` as the groups from ``group`` on."""
        key = (group, position)
        if key in self._groups:
            return self._groups[key]
        found: list[tuple[str, ...]] = []
        if group == len(self.sizes):
            if position == len(self.digits):
                found.append(())
            self._groups[key] = found
            return found
        size = self.sizes[group]
        later = sum(self.sizes[group + 1:])
        first = max(position + size, len(self.digits) - later * MAX_CELL_DIGITS)
        last = min(len(self.digits) - later, position + size * MAX_CELL_DIGITS)
        for end in range(first, last + 1):  # the later groups must fit in what is left
            for split in self._group_splits(position, end, size):
                for tail in self.groups(group + 1, end):
                    found.append((*split, *tail))
                    if len(found) > 1:
                        self._groups[key] = found
                        return found
        self._groups[key] = found
        return found

    def _group_splits(self, position: int, end: int, size: int) -> list[tuple[str, ...]]:
        if not self.sums:
            return self.parts(position, end, size, -1)
        found: list[tuple[str, ...]] = []
        for length in range(1, min(MAX_CELL_DIGITS, end - position - (size - 1)) + 1):
            written = self.digits[end - length:end]
            if length > 1 and written[0] == "0":
                continue
            for split in self.parts(position, end - length, size - 1, int(written)):
                found.append((*split, written))
                if len(found) > 1:
                    return found
        return found


def _may_sum(length: int, count: int, total: int) -> bool:
    """Whether ``length`` digits may split into ``count`` cells adding up to ``total``: no cell
    is longer than ``total``, and some cell has at least ``length / count`` digits (a cell of
    two digits or more starts with a non-zero digit, so it is at least 10, 100 …)."""
    if length > count * len(str(total)):
        return False
    longest = -(-length // count)
    return longest < 2 or total >= 10 ** (longest - 1)


def split_digits(digits: str, sizes: Sequence[int], *, sums: bool,
                 budget: int = SEARCH_BUDGET) -> DigitSplit:
    """Split ``digits`` into groups of ``sizes`` cells.

    With ``sums``, the last cell of each group is the sum of the others (the row's own identity);
    without, any split into that many cells of at most :data:`MAX_CELL_DIGITS` digits, none with
    a leading zero, counts. Exactly one fitting split is an answer; anything else is not. The
    answers are remembered: most rows of a report repeat a few runs ("0000000").
    """
    return _split(digits, tuple(sizes), sums, budget)


@lru_cache(maxsize=1024)
def _split(digits: str, sizes: tuple[int, ...], sums: bool, budget: int) -> DigitSplit:
    if not digits.isdigit() or not sizes or not (
            sum(sizes) <= len(digits) <= sum(sizes) * MAX_CELL_DIGITS):
        return DigitSplit("none")
    search = _Search(digits, sizes, sums, budget)
    try:
        found = search.groups(0, 0)
    except _Budget:
        return DigitSplit("too-long")
    if len(found) == 1:
        return DigitSplit("one", found[0])
    return DigitSplit("several" if found else "none")
