"""The generated grammar's row widths are found as ``\\b_cells_(\\d+)\\b`` finds them (the
generator looks for the literal first, for a cheaper start)."""

from __future__ import annotations

import re

import pytest

from gipr_lint.reading.canonical import _cell_widths, generate
from gipr_lint.templates import NATIONAL


def _by_pattern(text: str) -> set[int]:
    return {int(width) for width in re.findall(r"\b_cells_(\d+)\b", text)}


@pytest.mark.parametrize("text", [
    "_cells_3", "a: _cells_1 _cells_15\n_cells_7: CELL", "x_cells_2 _cells_4", "表_cells_5",
    "(_cells_6)", "_cells_cells_8", "_cells_9x _cells_10_ _cells_11", "__cells_12 9_cells_13",
    "_cells_", "_cells_١٢", ""])
def test_the_widths_are_what_the_pattern_finds(text: str) -> None:
    assert _cell_widths(text) == _by_pattern(text)


def test_the_national_grammars_widths() -> None:
    text = generate(NATIONAL)
    assert _cell_widths(text) == _by_pattern(text) == {1, 2, 3, 7, 15}
