"""Reading the numbers that follow a row label, whatever separates them.

A row's cells arrive as ``| 0 | 0 |``, tab-separated, one per line, or run together with no
separator at all ("0000000"). :func:`read_cells` takes the text after a label and returns the
cells it can read; :func:`split_digit_run` splits a run of digits using the row's own
arithmetic (the last cell of a group is the sum of the others) and says when that does not decide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gipr_lint.model import Cell
from gipr_lint.source import Span

__all__ = ["BLANK_MARKS", "CellRun", "read_cells", "split_digit_run"]

#: Cell contents that mean "nothing here" and are read as 0.
BLANK_MARKS = frozenset({"-", "—", "–", "－", "/", "／", "无", "——", "--"})

_TOKEN = re.compile(
    r"(?P<number>[-−]?\d+(?:[.．]\d+)?(?:万元|元)?)"
    r"|(?P<blank>(?:——|--|[-—–－/／无])(?=[|｜\s]|$))"
    r"|(?P<space>[|｜\s\"“”'‘’:：]+)"
)
_FIELD_SEPARATOR = re.compile(r"[|｜\t](?=.*\S)")  # a separator with content after it
_EDGES = re.compile(r"[|｜\s]*")
# A separator after content on the same line: only then can an empty field stand for a blank cell.
_SEPARATOR_AFTER_CONTENT = re.compile(r"[^\s|｜][ \u3000]*[|｜\t]")
_RUN = re.compile(_TOKEN.pattern.join(("(?:", ")*")))
_LINE_BREAK = re.compile(r"\r?\n")
#: The longest cell a digit run is split into (a township's counts rarely pass four digits).
_MAX_CELL_DIGITS = 6


@dataclass(frozen=True, slots=True)
class CellRun:
    """The cells read after a label, where reading stopped, and any problem met."""

    cells: tuple[Cell, ...]
    end: int
    problem: str | None = None
    problem_span: Span | None = None


def _number_value(raw: str) -> int | float | None:
    text = raw.replace("万元", "").replace("元", "").replace("−", "-").replace("．", ".")
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return None


def _field_cells(text: str, start: int, end: int) -> list[Cell]:
    cells = []
    for match in _TOKEN.finditer(text, start, end):
        raw = match.group()
        span = Span(match.start(), match.end())
        if match.lastgroup == "number":
            cells.append(Cell(raw, _number_value(raw), span))
        elif match.lastgroup == "blank":
            cells.append(Cell(raw, 0, span, blank=True))
    return cells


def _line_cells(text: str, start: int, end: int) -> list[Cell]:
    """Cells of one line; empty fields between pipes or tabs become blank cells."""
    inner = _EDGES.match(text, start, end)
    inner_start = inner.end() if inner else start
    if _FIELD_SEPARATOR.search(text, inner_start, end) is None:
        return _field_cells(text, inner_start, end)  # one field: the common case
    fields: list[list[Cell] | int] = []  # a list of cells, or the offset of an empty field
    field_start = start
    for separator in [*_FIELD_SEPARATOR.finditer(text, start, end), None]:
        field_end = separator.start() if separator else end
        found = _field_cells(text, field_start, field_end)
        fields.append(found if found else field_start)
        field_start = separator.end() if separator else end
    first = next((i for i, f in enumerate(fields) if isinstance(f, list)), len(fields))
    last = max((i for i, f in enumerate(fields) if isinstance(f, list)), default=-1)
    cells: list[Cell] = []
    for field in fields[first:last + 1]:
        if isinstance(field, list):
            cells.extend(field)
        else:
            cells.append(Cell("", 0, Span(field, field), blank=True))
    return cells


def read_cells(text: str, start: int, end: int) -> CellRun:
    """Read the cells in ``text[start:end]`` up to the first character that is not a number, a
    blank mark or a separator.

    Pipe- and tab-separated lines keep their empty interior fields as blank cells; leading and
    trailing empty fields (label columns, ragged ends) are dropped. Cells one per line, with blank
    lines between rows, read as they come.
    """
    run = _RUN.match(text, start, end)
    position = run.end() if run else start
    if _SEPARATOR_AFTER_CONTENT.search(text, start, position) is None:
        plain = _field_cells(text, start, position)  # one cell per line, or run together
        return CellRun(tuple(plain), plain[-1].span.end if plain else start)
    cells: list[Cell] = []
    line_start = start
    for line_break in [*_LINE_BREAK.finditer(text, start, position), None]:
        line_end = line_break.start() if line_break else position
        cells.extend(_line_cells(text, line_start, line_end))
        line_start = line_break.end() if line_break else position
    return CellRun(tuple(cells), cells[-1].span.end if cells else start)


def _splits(digits: str, sizes: Sequence[int], start: int = 0) -> list[list[str]]:
    """All splits of ``digits[start:]`` into groups of ``sizes`` cells where each group's last
    cell is the sum of the others. Stops early once two splits are found."""
    if not sizes:
        return [[]] if start == len(digits) else []
    found: list[list[str]] = []
    size = sizes[0]

    def parts(position: int, remaining: int, chosen: list[str]) -> None:
        if len(found) > 1:
            return
        if remaining == 0:
            total = str(sum(int(p) for p in chosen))
            if digits.startswith(total, position):
                for rest in _splits(digits, sizes[1:], position + len(total)):
                    found.append([*chosen, total, *rest])
                    if len(found) > 1:
                        return
            return
        for length in range(1, _MAX_CELL_DIGITS + 1):
            piece = digits[position:position + length]
            if len(piece) < length or (length > 1 and piece[0] == "0"):
                break
            parts(position + length, remaining - 1, [*chosen, piece])

    parts(start, size - 1, [])
    return found


def split_digit_run(digits: str, sizes: Sequence[int]) -> list[str] | None:
    """Split a run of digits into cells, groups of ``sizes`` cells each ending in their sum.

    With no arithmetic to go by (a group of size 1, or ``sizes`` whose groups are not sums), a run
    exactly as long as the number of cells is read one digit a cell. Returns ``None`` when no split
    or more than one split fits: the caller reports the run as ambiguous.
    """
    if len(digits) == sum(sizes) and (all(size == 1 for size in sizes) or set(digits) == {"0"}):
        return list(digits)
    if any(size < 2 for size in sizes):
        return list(digits) if len(digits) == sum(sizes) else None
    candidates = _splits(digits, sizes)
    return candidates[0] if len(candidates) == 1 else None
