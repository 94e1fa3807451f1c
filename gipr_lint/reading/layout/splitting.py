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
from typing import Literal

__all__ = ["MAX_CELL_DIGITS", "SEARCH_BUDGET", "DigitSplit", "split_digits"]

#: The longest cell a digit run is split into.
MAX_CELL_DIGITS = 6
#: How many partial splits the search may try before it gives up ("cannot tell").
SEARCH_BUDGET = 20_000

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
    def __init__(self, digits: str, sizes: Sequence[int], sums: bool, budget: int) -> None:
        self.digits = digits
        self.sizes = tuple(sizes)
        self.sums = sums
        self.budget = budget
        self.found: list[tuple[str, ...]] = []
        # cells still to place after group g: for pruning by length
        self.after = [sum(self.sizes[g + 1:]) for g in range(len(self.sizes))]

    def tick(self) -> None:
        self.budget -= 1
        if self.budget < 0:
            raise _Budget

    def fits(self, position: int, cells_left: int) -> bool:
        left = len(self.digits) - position
        return cells_left <= left <= cells_left * MAX_CELL_DIGITS

    def pieces(self, position: int) -> list[str]:
        out = []
        for length in range(1, MAX_CELL_DIGITS + 1):
            piece = self.digits[position:position + length]
            if len(piece) < length or (length > 1 and piece[0] == "0"):
                break
            out.append(piece)
        return out

    def group(self, g: int, position: int, chosen: tuple[str, ...]) -> None:
        if len(self.found) > 1:
            return
        if g == len(self.sizes):
            if position == len(self.digits):
                self.found.append(chosen)
            return
        self.part(g, position, chosen, self.sizes[g] - (1 if self.sums else 0), 0)

    def part(self, g: int, position: int, chosen: tuple[str, ...], left: int, total: int) -> None:
        self.tick()
        if len(self.found) > 1:
            return
        if left == 0:
            if self.sums:
                written = str(total)
                if not self.digits.startswith(written, position):
                    return
                chosen, position = (*chosen, written), position + len(written)
            self.group(g + 1, position, chosen)
            return
        closing = 1 if self.sums else 0
        for piece in self.pieces(position):
            end = position + len(piece)
            if not self.fits(end, left - 1 + closing + self.after[g]):
                continue
            self.part(g, end, (*chosen, piece), left - 1, total + int(piece))


def split_digits(digits: str, sizes: Sequence[int], *, sums: bool,
                 budget: int = SEARCH_BUDGET) -> DigitSplit:
    """Split ``digits`` into groups of ``sizes`` cells.

    With ``sums``, the last cell of each group is the sum of the others (the row's own identity);
    without, any split into that many cells of at most :data:`MAX_CELL_DIGITS` digits, none with
    a leading zero, counts. Exactly one fitting split is an answer; anything else is not.
    """
    if not digits.isdigit() or not sizes:
        return DigitSplit("none")
    search = _Search(digits, sizes, sums, budget)
    if not search.fits(0, sum(search.sizes)):
        return DigitSplit("none")
    try:
        search.group(0, 0, ())
    except _Budget:
        return DigitSplit("too-long")
    if len(search.found) == 1:
        return DigitSplit("one", search.found[0])
    return DigitSplit("several" if search.found else "none")
