"""P003's look for a page number's marks before its search of a table's lines."""

from __future__ import annotations

import re

import pytest
from gipr_lint_national.input.p003_page_break_in_table import _MARKS, _holds_a_mark

from gipr_lint.reading.layout.cells import PAGE_NUMBER


@pytest.mark.parametrize("line", ["- 3 -", "—12—", "– 4 –", "-7-", "第3页", "第 3 页 共 10 页",
                                  "  第12页，共20页", "第1页/共2页"])
def test_every_page_number_holds_a_mark(line: str) -> None:
    assert re.fullmatch(PAGE_NUMBER, line) is not None
    assert _holds_a_mark(line, 0, len(line))


def test_a_page_number_cannot_match_without_a_mark() -> None:
    """Each of the pattern's ways to match needs a dash or 页: with each mark in the pattern
    replaced by a character no page number holds, it matches none of them any more."""
    marked = PAGE_NUMBER
    for mark in _MARKS:
        marked = marked.replace(mark, "\x00")
    assert marked != PAGE_NUMBER
    for line in ["- 3 -", "—12—", "第3页", "第 3 页 共 10 页", "3", "第3", "第 3 共 10"]:
        assert re.fullmatch(marked, line) is None, line


def test_the_mark_is_looked_for_in_the_range_only() -> None:
    text = "第3页\n表格内容 12 34\n"
    assert not _holds_a_mark(text, 4, len(text))
    assert _holds_a_mark(text, 0, 4)
