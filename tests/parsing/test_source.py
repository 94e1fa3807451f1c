"""Reading bytes into text in every encoding offices save reports in, and mapping offsets."""

from __future__ import annotations

import codecs

import pytest

from gipr_lint.reading.parser import parse
from gipr_lint.reading.source import DecodeError, Source, Span

TEXT = "高庄镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n我局将加大力度。\n"


@pytest.mark.parametrize(("data", "encoding", "bom"), [
    (TEXT.encode("utf-8"), "utf-8", False),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", True),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16", True),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16", True),
    (TEXT.encode("gbk"), "gb18030", False),
    (TEXT.encode("gb18030"), "gb18030", False),
])
def test_decodes_every_encoding(data: bytes, encoding: str, bom: bool) -> None:
    source = Source.from_bytes(data, "r.txt")
    assert (source.text, source.encoding, source.bom) == (TEXT, encoding, bom)


def test_crlf_is_kept_and_positions_count_characters() -> None:
    source = Source.from_bytes(TEXT.replace("\n", "\r\n").encode("utf-8"))
    assert source.newline == "\r\n"
    offset = source.text.index("我局")
    assert source.position(offset) == (3, 1)
    assert source.position(source.text.index("总体")) == (2, 3)
    assert source.line_text(2) == "一、总体情况"


def test_columns_count_code_points_not_bytes_or_utf16_units() -> None:
    source = Source.from_text("😀我局\n")
    assert source.position(source.text.index("我局")) == (1, 2)


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 200,
    codecs.BOM_UTF16_LE + b"\x00\xd8",  # a lone surrogate
])
def test_binary_is_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(DecodeError):
        Source.from_bytes(data)


def test_empty_file_gives_one_problem_not_an_exception() -> None:
    report = parse(Source.from_bytes(b""))
    assert [p.message for p in report.problems] == ["the file is empty"]
    assert report.sections == () and report.tables == {}


def test_span_helpers() -> None:
    assert len(Span(3, 7)) == 4


def test_a_utf8_file_cut_off_inside_its_last_character_is_still_read() -> None:
    data = TEXT.encode("utf-8")[:-2]  # "。\n" lost its last bytes: "。" is now incomplete
    source = Source.from_bytes(data)
    assert source.encoding == "utf-8"
    assert source.text == TEXT[:-2] + "\ufffd"


def test_invalid_bytes_in_the_middle_are_not_mistaken_for_truncation() -> None:
    data = "我局".encode() + b"\xff\xfe\xfd" + "将加大".encode()
    with pytest.raises(DecodeError, match="not valid UTF-8, UTF-16 or GB18030"):
        Source.from_bytes(data)
