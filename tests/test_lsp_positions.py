"""Offsets ↔ LSP positions: UTF-16 code units (CJK one unit, emoji two), UTF-8/UTF-32, the
LSP's line breaks, clamping, and agreement with the CLI's line/column."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gipr_lint.editor.lsp_positions import UTF8, UTF16, UTF32, LineIndex, code_units
from gipr_lint.reading.source import Source

LINE = "2025年😀我局将加大"


def test_code_units() -> None:
    assert code_units("abc") == 3
    assert code_units("我局") == 2  # BMP: one UTF-16 unit each
    assert code_units("😀") == 2  # outside the BMP: a surrogate pair
    assert code_units(LINE) == len(LINE) + 1
    assert code_units("我😀", UTF8) == 3 + 4
    assert code_units("我😀", UTF32) == 2


def test_position_after_emoji() -> None:
    text = f"标题\n{LINE}\n"
    index = LineIndex.of(text)
    offset = text.index("我局")
    assert index.position(offset) == (1, 7)  # 2025年 = 5, 😀 = 2
    assert index.position(offset, UTF32) == (1, 6)
    assert index.position(offset, UTF8) == (1, 4 + 3 + 4)
    assert index.offset(1, 7) == offset
    assert index.offset(1, 6, UTF32) == offset
    assert index.offset(1, 11, UTF8) == offset


def test_inside_a_surrogate_pair_resolves_to_the_character() -> None:
    index = LineIndex.of(LINE)
    emoji = LINE.index("😀")
    assert index.offset(0, 6) == emoji  # between the two UTF-16 units of 😀
    assert index.offset(0, 7) == emoji + 1


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_breaks(newline: str) -> None:
    text = newline.join(["一二", "😀三", ""])
    index = LineIndex.of(text)
    second = text.index("😀")
    assert index.position(second) == (1, 0)
    assert index.position(text.index("三")) == (1, 2)
    assert index.position(2) == (0, 2)  # the line break itself: end of the first line
    assert index.offset(0, 99) == 2  # past the end of a line: its end, not the next line
    assert index.offset(9, 0) == len(text)
    assert index.offset(-1, 0) == 0


def test_offset_inside_crlf_is_the_end_of_the_line() -> None:
    index = LineIndex.of("一\r\n二")
    assert index.position(2) == (0, 1)
    assert index.position(3) == (1, 0)


def test_clamping() -> None:
    index = LineIndex.of("一二")
    assert index.position(-5) == (0, 0)
    assert index.position(99) == (0, 2)
    assert LineIndex.of("").position(0) == (0, 0)


def test_agrees_with_source_columns() -> None:
    """The CLI's 1-based line/column (code points) and the LSP position name the same place."""
    text = f"标题\r\n{LINE}\r\n附😀件：表\n"
    source = Source.from_text(text)
    index = LineIndex.of(text)
    for offset in range(len(text) + 1):
        if text[offset - 1:offset + 1] == "\r\n":
            continue
        line, column = source.position(offset)
        prefix = source.line_text(line)[:column - 1]
        assert index.position(offset) == (line - 1, code_units(prefix)), offset


_TEXT = st.text(alphabet=st.sampled_from(list("ab我局😀𠀀\n\r\t ")), max_size=40)


@given(_TEXT, st.data())
def test_round_trip(text: str, data: st.DataObject) -> None:
    index = LineIndex.of(text)
    offset = data.draw(st.integers(0, len(text)))
    if text[offset - 1:offset + 1] == "\r\n" and offset > 0:
        return
    for encoding in (UTF8, UTF16, UTF32):
        line, character = index.position(offset, encoding)
        assert index.offset(line, character, encoding) == offset
