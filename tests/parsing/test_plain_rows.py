"""``Row.plain``: the table reader tells which rows hold only ordinary cells, and the rules
that look for the other cells pass those rows over. A row told plain wrongly would hide a
finding (T005, T006, the identities), so the flag is checked against its definition."""

from __future__ import annotations

import pickle
from pathlib import Path

from gipr_lint.model import Cell, Row, ordinary_cell, plain_cells
from gipr_lint.reading.parser import parse_text
from gipr_lint.reading.source import Span

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [*sorted((ROOT / "tests" / "fixtures").glob("*.txt")),
         *sorted((ROOT / "benchmarks" / "corpus").glob("*.txt"))]


def test_plain_cells_tells_ordinary_cells_from_the_others() -> None:
    span = Span(0, 1)
    assert plain_cells((Cell("0", 0, span), Cell("12", 12, span)))
    assert plain_cells(())
    for odd in (Cell("", 0, span, blank=True), Cell("无", 0, span, blank=True),
                Cell("1.5", 1.5, span), Cell("-3", -3, span), Cell("3元", 3, span),
                Cell("x", None, span)):
        assert not plain_cells((Cell("0", 0, span), odd)), odd
        assert not ordinary_cell(odd), odd
    assert ordinary_cell(Cell("12", 12, span))


def test_every_row_read_is_plain_exactly_when_its_cells_are() -> None:
    """Read twice: the second time most rows come from the reader's memory of rows."""
    rows = plain = 0
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        for _ in range(2):
            for table in parse_text(text).tables.values():
                for row in table.rows:
                    assert row.plain == plain_cells(row.cells), (path.name, row.key)
                    rows += 1
                    plain += row.plain
    assert 0 < plain < rows  # both kinds are there


def test_a_row_made_by_hand_is_not_plain_and_the_flag_is_not_its_value() -> None:
    span = Span(0, 1)
    cells = (Cell("0", 0, span),)
    made = Row("k", "l", span, "o", cells)
    told = Row("k", "l", span, "o", cells, plain=True)
    assert not made.plain and told.plain
    assert made == told and hash(made) == hash(told) and repr(made) == repr(told)


def test_the_flag_crosses_processes() -> None:
    """Rows pickled as the ``-j N`` runner pickles results, and by the standard way."""
    from multiprocessing.reduction import ForkingPickler

    from gipr_lint.linting import runner

    span = Span(0, 1)
    row = Row("k", "l", span, "o", (Cell("0", 0, span),), plain=True)
    assert Row in runner._reducers()
    runner._register_reducers()
    assert pickle.loads(bytes(ForkingPickler.dumps(row))).plain
    assert pickle.loads(pickle.dumps(row)).plain
