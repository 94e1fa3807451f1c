"""Steps that go over a large text a piece at a time (to bound the peak memory of linting a
20 MB report) give what the same step over the whole text gives: on random texts with tiny
pieces, and for the whole lint of every fixture and corpus report."""

from __future__ import annotations

import random
from itertools import accumulate, count
from operator import add
from pathlib import Path

import pytest
from gipr_lint_national import _text
from gipr_lint_national.typography import f003_repeated_text

from gipr_lint.linting.config import ConfigResolver
from gipr_lint.linting.engine import lint_path
from gipr_lint.linting.plugin_manager import load_plugins
from gipr_lint.reading import layout, source
from gipr_lint.reading.layout.compact import CompactText
from gipr_lint.reading.source import Source, newline_pieces, read_source

ROOT = Path(__file__).resolve().parents[2]
REPORTS = sorted((ROOT / "tests" / "fixtures").glob("*.txt")) + sorted(
    (ROOT / "benchmarks" / "corpus").glob("*.txt"))[:12]
#: Characters that split lines (for ``str.split("\n")`` or ``str.splitlines``), blanks, quotes
#: and characters the compact view folds, among ordinary ones.
ALPHABET = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", " ", "\t", "\u3000",
            "\u2003", "\u00a0", '"', "'", "“", "，", "（", "—", "a", "1", "中", "报", "告"]


def _random_texts(seed: int, how_many: int = 300) -> list[str]:
    rng = random.Random(seed)
    return [""] + ["".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 60)))
                   for _ in range(how_many)]


def _whole_line_starts(text: str) -> tuple[int, ...]:
    lengths = accumulate(map(len, text.split("\n")[:-1]))
    return (0, *map(add, lengths, count(1)))


def _whole_lines(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    spans, ends, start = [], [], 0
    for line in text.splitlines(keepends=True):
        end = start + len(line.rstrip("\r\n"))
        spans.append((start, end))
        ends.append(end)
        start += len(line)
    return spans, ends


@pytest.mark.parametrize("size", [1, 2, 3, 7, 1000])
def test_newline_pieces_cover_the_text_cut_after_line_breaks(size: int) -> None:
    for text in _random_texts(size):
        pieces = list(newline_pieces(text, size))
        if not text:
            assert pieces == []
            continue
        assert [start for start, _ in pieces] == [0, *(end for _, end in pieces[:-1])]
        assert pieces[-1][1] == len(text)
        for start, end in pieces[:-1]:
            assert end - start >= size and text[end - 1] == "\n"
    assert list(newline_pieces("short\ntext", 10)) == [(0, 10)]
    assert list(newline_pieces("ab\ncd\nef", 2)) == [(0, 3), (3, 6), (6, 8)]


@pytest.mark.parametrize("size", [1, 2, 5])
def test_line_starts_and_lines_by_piece_equal_the_whole_text_ones(
        size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "PIECE", size)
    texts = _random_texts(10 + size) + [path.read_text(encoding="utf-8") for path in REPORTS]
    for text in texts:
        assert Source.from_text(text).line_starts == _whole_line_starts(text)
        assert layout._lines(text) == _whole_lines(text)


@pytest.mark.parametrize("size", [1, 2, 9])
def test_compact_view_by_piece_equals_the_whole_text_one(size: int) -> None:
    texts = _random_texts(20 + size) + [path.read_text(encoding="utf-8") for path in REPORTS]
    for text in texts:
        whole = CompactText(text, piece=len(text) + 1)
        by_piece = CompactText(text, piece=size)
        assert [getattr(by_piece, name) for name in CompactText.__slots__] == \
               [getattr(whole, name) for name in CompactText.__slots__]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16", "utf-8-sig"])
def test_decoding_by_piece_equals_decoding_at_once(
        encoding: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "PIECE", 3)
    for text in _random_texts(30):
        data = text.encode(encoding)
        assert source._decoded(data, encoding) == data.decode(encoding)


@pytest.mark.parametrize("data", [
    "年报\n".encode() * 5 + b"\xff" + "年报".encode(),  # a bad byte in the middle
    "年报\n".encode() * 5 + "年".encode()[:2],  # cut off in the last character
])
def test_a_decoding_error_by_piece_is_the_whole_data_s(
        data: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UnicodeDecodeError) as whole:
        data.decode("utf-8")
    monkeypatch.setattr(source, "PIECE", 4)
    with pytest.raises(UnicodeDecodeError) as by_piece:
        source._decoded(data, "utf-8")
    assert (by_piece.value.start, by_piece.value.end, by_piece.value.reason) == \
           (whole.value.start, whole.value.end, whole.value.reason)
    # and so the reading of such a file (the truncated one keeps its text, marked)
    by_piece_read = _decoding(data)
    monkeypatch.setattr(source, "PIECE", len(data) + 1)
    assert by_piece_read == _decoding(data)


def _decoding(data: bytes) -> object:
    try:
        return source.decode(data)
    except source.DecodeError as error:
        return str(error)


def test_read_source_by_piece_equals_it_at_once(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    read = 0
    for index, text in enumerate(_random_texts(40, 50)):
        text = text.replace("\x1c", "")  # (a control character: many would read as binary)
        path = tmp_path / f"{index}.txt"
        path.write_bytes(text.encode("gb18030" if index % 2 else "utf-8"))
        at_once = _reading(path)
        monkeypatch.setattr(source, "PIECE", 2)
        assert _reading(path) == at_once
        monkeypatch.undo()
        read += not isinstance(at_once, str)
    assert read > 40


def _reading(path: Path) -> object:
    try:
        read = read_source(path)
    except source.DecodeError as error:  # (control characters: "binary data")
        return str(error)
    return read, read.line_starts


def _diagnostics(paths: list[Path]) -> list[list[tuple[object, ...]]]:
    plugin_set = load_plugins()
    out = []
    for path in paths:
        settings = ConfigResolver(plugin_set, isolated=True).settings_for(path)
        result = lint_path(path, settings, plugin_set)
        out.append([(d.code, d.line, d.column, d.end_line, d.end_column, d.message, d.span)
                    for d in result.diagnostics])
    return out


def test_linting_with_tiny_pieces_gives_the_same_diagnostics(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every piecewise step at once, as on a huge report: pieces of a few characters, the
    prose searched three paragraphs at a time, the paragraph text made again for each rule."""
    expected = _diagnostics(REPORTS)
    assert any(expected)
    monkeypatch.setattr(source, "PIECE", 61)
    monkeypatch.setattr(f003_repeated_text, "_PARAGRAPHS_AT_ONCE", 3)
    monkeypatch.setattr(_text, "_LARGE_REPORT", 0)
    assert _diagnostics(REPORTS) == expected


def test_repeated_text_found_when_the_prose_is_searched_a_few_paragraphs_at_a_time(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seed = (ROOT / "tests" / "fixtures").glob("*.txt").__next__().read_text(encoding="utf-8")
    at = seed.index("\n", seed.index("一、总体情况")) + 1
    prose = "".join(f"我{n}单位依法做好政府信息公开工作，及时回应关切。\n" for n in range(9))
    doubled = prose + "及时发布本单位财政预决算信息和预算执行情况情况。\n"
    path = tmp_path / "report.txt"
    path.write_text(seed[:at] + doubled + seed[at:], encoding="utf-8")
    expected = [d for d in _diagnostics([path])[0] if d[0] == "F003"]
    assert len(expected) == 1
    for size in (1, 2, 4):
        monkeypatch.setattr(f003_repeated_text, "_PARAGRAPHS_AT_ONCE", size)
        assert [d for d in _diagnostics([path])[0] if d[0] == "F003"] == expected
