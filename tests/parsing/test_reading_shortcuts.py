"""The objects the reading pipeline builds without their dataclass ``__init__`` (issue 15) are
the objects the classes' own ``__init__`` makes: every field set, equal values."""

from __future__ import annotations

import dataclasses

from gipr_lint.model import Heading, Marker
from gipr_lint.reading.layout import headings
from gipr_lint.reading.source import Span


def test_a_moved_heading_sets_every_field_and_equals_one_made_whole() -> None:
    for cls, names in headings.MOVED_FIELDS.items():
        assert names == tuple(field.name for field in dataclasses.fields(cls)), cls
    found = headings._heading_in_line("  一、总体情况")
    assert found is not None and found.heading.marker is not None
    moved = headings._moved(found, 100)
    heading = found.heading
    marker = heading.marker
    assert marker is not None
    assert moved == headings.HeadingMatch(found.number, Heading(
        heading.text, Span(heading.span.start + 100, heading.span.end + 100),
        Marker(marker.text, marker.style, marker.value,
               Span(marker.span.start + 100, marker.span.end + 100)),
        heading.title, Span(heading.title_span.start + 100, heading.title_span.end + 100),
        heading.official_title, heading.match))
    unnumbered = headings._heading_in_line("总体情况")
    assert unnumbered is not None
    assert headings._moved(unnumbered, 7).heading.marker is None
    assert headings._moved(unnumbered, 7).heading.span == Span(7, 11)


def _paragraphs_by_a_second_walk(text: str, pieces: list) -> list[tuple[str, int, int]]:
    """The paragraphs as a second walk over the lines finds them once every other piece is
    taken (what :func:`recover` did before it kept the free parts of its first walk)."""
    from gipr_lint.reading.layout import _lines, _Taken

    starts, ends = _lines(text)
    taken = _Taken()
    for piece in pieces:
        if piece.kind != "paragraph":
            taken.add(piece.span)
    found = []
    for _, _, free in taken.free_by_line(starts, ends):
        for start, end in free:
            words = text[start:end].strip()
            if words:
                offset = start + text[start:end].index(words[0])
                found.append((words, offset, offset + len(words)))
    return found


def test_paragraphs_are_the_free_parts_left_after_debris_title_and_signature() -> None:
    import random
    from pathlib import Path

    from gipr_lint.reading.layout import recover
    from gipr_lint.reading.source import Source

    root = Path(__file__).resolve().parents[2]
    texts = [path.read_text(encoding="utf-8") for path in
             [*sorted((root / "tests" / "fixtures").glob("*.txt")),
              *sorted((root / "benchmarks" / "corpus").glob("*.txt"))]]
    rng = random.Random(15)
    extras = ["当前位置：首页 > 政务公开", "来源：本站 发布时间：2024-01-05 浏览量：12", "- 3 -",
              "某某县人民政府\n2024年政府信息公开工作年度报告", "某某镇人民政府 2025年1月20日",
              "（一）主动公开情况。发布时间:2024-01-02 10:00 共发布信息12条。", "分享到：",
              "某某局\n2025年1月20日", "   ", "2024年度报告", "扫一扫在手机打开当前页"]
    for text in texts[:30]:
        lines = text.splitlines()
        for copy in range(6):
            mutated = list(lines)
            for _ in range(rng.randrange(1, 5)):
                mutated.insert(rng.randrange(len(mutated) + 1), rng.choice(extras))
            # lines broken by "\n", "\r\n", and by other breaks too (split line by line)
            texts.append(("\n", "\r\n", "\n", "\r\n", "\u2028", "\r")[copy].join(mutated))
    texts += ["甲\n乙 \n  丙 丁  \n\n", "当前位置：首页\r\n正文", "x\v当前位置：首页\n正文。"]
    for text in texts:
        pieces = recover(Source.from_text(text, "x.txt")).pieces
        paragraphs = [(p.data.text, p.span.start, p.span.end)
                      for p in pieces if p.kind == "paragraph"]
        assert paragraphs == _paragraphs_by_a_second_walk(text, pieces)
        debris = [(p.data.kind, p.span.start, p.span.end) for p in pieces if p.kind == "debris"]
        assert debris == _debris_line_by_line(text, pieces)


def _debris_line_by_line(text: str, pieces: list) -> list[tuple[str, int, int]]:
    """The debris found by looking at each free part of each line, as :func:`recover` did
    before it looked only at the free regions that may hold some."""
    from gipr_lint.reading.layout import _LONG_LINE, _lines, _Taken
    from gipr_lint.reading.layout.debris import find_debris

    starts, ends = _lines(text)
    taken = _Taken()
    for piece in pieces:
        if piece.kind in ("heading", "table"):
            taken.add(piece.span)
    found = []
    for start, end, free in taken.free_by_line(starts, ends):
        for part_start, part_end in free:
            for debris in find_debris(text, part_start, part_end,
                                      whole_line=end - start <= _LONG_LINE):
                taken.add(debris.span)
                found.append((debris.kind, debris.span.start, debris.span.end))
    return found


def test_fold_equals_one_translation_by_the_table() -> None:
    import random

    from gipr_lint.reading.layout.compact import _fold_table, fold

    table = _fold_table()
    rng = random.Random(15)
    alphabet = "“”‘’，．－—–（）ＡＺ０\u3000\u00a0\ufeffa中\"'"
    samples = ["".join(map(chr, range(0x20, 0x10000))), "", "，", "a，b，c（ｄ）"] + [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(40))) for _ in range(3000)]
    for text in samples:
        assert fold(text) == text.translate(table)


def test_originals_are_the_character_and_every_one_fold_makes_it() -> None:
    from gipr_lint.reading.layout.compact import fold, originals

    folded_from: dict[str, list[str]] = {}
    for code in range(0x10000):
        character = chr(code)
        if fold(character) != character:
            folded_from.setdefault(fold(character), []).append(character)
    assert len(folded_from) > 50
    for code in range(0x10000):
        character = chr(code)
        assert originals(character) == character + "".join(folded_from.get(character, []))


def test_the_debris_opening_pattern_is_the_first_character_test() -> None:
    import random

    from gipr_lint.reading.layout import debris

    rng = random.Random(15)
    alphabet = " \t\u3000|您首来-—a中1第【\n"
    samples = ["", " ", "|", "\t| 索引号", "首页>", "a您"] + [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(8))) for _ in range(20000)]
    for line in samples:
        first = line.lstrip(debris._LINE_OPENING)[:1]
        assert (debris.OPENS_AS_DEBRIS.match(line) is not None) == (
            first in debris._LINE_STARTS), line


def test_lines_from_the_line_index_equal_the_split_lines(monkeypatch) -> None:
    """A text breaking its lines with "\n" alone or "\r\n" alone has its lines read off the
    line index, as ``str.splitlines`` splits them; any other break (a lone "\r", "\v", a
    U+2028, "\r\n" beside "\n") has them split again."""
    import random

    from gipr_lint.reading import layout
    from gipr_lint.reading.source import Source

    rng = random.Random(15)
    pieces = ["a", "年", " ", "\t", "\n", "\n", "\r\n", "\r", "\v", "\f", "\x1c", "\x85",
              "\u2028", "\u2029", "\x1e"]
    samples = ["", "\n", "\r\n", "a", "a\n", "a\r\n", "a\r\nb", "\n\n", "年\n报\n"] + [
        "".join(rng.choice(pieces) for _ in range(rng.randrange(12))) for _ in range(20000)]
    split_again = []
    lines = layout._lines
    monkeypatch.setattr(layout, "_lines", lambda text: split_again.append(text) or lines(text))
    for text in samples:
        starts, ends, newline_breaks = layout._line_spans(Source.from_text(text))
        assert (list(starts), ends) == lines(text), repr(text)
        plain = not any(ch in text for ch in "\v\f\x1c\x1d\x1e\x85\u2028\u2029") and (
            "\r" not in text or text.count("\r") == text.count("\r\n") == text.count("\n"))
        assert newline_breaks == plain
        assert (not split_again or split_again[-1] is not text) == plain, repr(text)
    assert 2000 < len(split_again) < len(samples) - 2000


def test_the_builders_objects_have_every_field_and_equal_those_made_whole() -> None:
    from pathlib import Path

    from gipr_lint.model import Report
    from gipr_lint.reading import builder
    from gipr_lint.reading.parser import parse_text

    assert builder._new_row.__name__ == "new_Row"  # made by objects.maker: every field set
    root = Path(__file__).resolve().parents[2]
    for path in sorted((root / "tests" / "fixtures").glob("*.txt"))[:6]:
        report = parse_text(path.read_text(encoding="utf-8"))
        names = [field.name for field in dataclasses.fields(Report)]
        assert sorted(vars(report)) == sorted(names)
        whole = Report(**{name: getattr(report, name) for name in names})
        assert report == whole and repr(report) == repr(whole)
        assert report.sections and report.tables
        for section in report.sections:
            assert section == dataclasses.replace(section)
        for table in report.tables.values():
            assert table == dataclasses.replace(table) and hash(table) == hash(
                dataclasses.replace(table))


def test_a_read_marker_has_every_field() -> None:
    from gipr_lint.reading.layout import markers

    assert tuple(field.name for field in dataclasses.fields(Marker)) == markers.MARKER_FIELDS
    found = markers.read_marker("x（三）主动公开", 1)
    assert found == Marker("（三）", "paren-cjk", 3, Span(1, 4))
    assert repr(found) == repr(Marker("（三）", "paren-cjk", 3, Span(1, 4)))


def test_the_other_breaks_are_those_splitlines_breaks_at() -> None:
    from gipr_lint.reading.layout import _OTHER_BREAKS, _other_breaks

    breaks = {chr(code) for code in range(0x110000)
              if len(("a" + chr(code) + "b").splitlines()) == 2}
    assert breaks - {"\n", "\r"} == set(_OTHER_BREAKS)
    for character in map(chr, range(0x3000)):
        assert _other_breaks("ab" + character) == (character in _OTHER_BREAKS)


def test_every_inline_debris_phrase_holds_the_hint() -> None:
    """A part of a line without the hint is never searched for debris phrases: every phrase
    the pattern can match must hold it."""
    import random
    from pathlib import Path

    from gipr_lint.reading.layout import debris

    words = ["您当前所在位置", "您现在的位置", "当前位置", "扫一扫在手机上打开当前页",
             "来源", "发布", "时间", "浏览量", "浏览次数", "分享", "分享到", "文件下载",
             "附件下载", "相关阅读", "某某县人民政府", "2024年政府信息公开", "报告",
             "2024-01-02", "12", " 10:00:00"]
    rng = random.Random(15)
    root = Path(__file__).resolve().parents[2]
    texts = [path.read_text(encoding="utf-8")
             for path in sorted((root / "tests" / "fixtures").glob("*.txt"))]
    texts += ["".join(rng.choice(words) + rng.choice(["", ":", "：", " "])
                      for _ in range(rng.randrange(1, 9))) for _ in range(30000)]
    matched = 0
    for text in texts:
        for match in debris._INLINE.finditer(text):
            matched += 1
            assert debris.INLINE_HINT.search(match.group()) is not None, match.group()
    assert matched > 5000


def test_the_compact_maps_agree_with_each_other_everywhere() -> None:
    """``to_original_end`` is ``to_original(end - 1) + 1`` (0 for an end at or before 0), and
    ``to_original_span`` both, for the indexes of random views, the empty one included."""
    import random

    from gipr_lint.reading.layout.compact import CompactText

    rng = random.Random(15)
    alphabet = " \t\n\"'“”a中，\u3000—"
    for text in ["", " ", "a", " a "] + ["".join(rng.choice(alphabet) for _ in range(
            rng.randrange(20))) for _ in range(1500)]:
        view = CompactText(text)
        size = len(view.text)
        for end in range(-2, size + 3):
            expected = view.to_original(end - 1) + 1 if end > 0 else 0
            assert view.to_original_end(end) == expected, (text, end)
            for start in range(max(end - 6, 0), end):  # (the spans it is for: start < end)
                assert view.to_original_span(start, end) == (
                    view.to_original(start), expected), (text, start, end)


def _marker_read_whole(text: str, start: int, end: int) -> Marker | None:
    """A marker read as :func:`~gipr_lint.reading.layout.markers.read_marker` did before it
    remembered each marker text's reading: every group looked at, every time."""
    from gipr_lint.reading.layout import markers
    from gipr_lint.reading.numerals import cjk_number

    match = markers._MARKER.match(text, start, end)
    if match is None:
        return None
    if match.group("paren"):
        raw_value = match.group("paren_value")
        style = "paren-arabic" if raw_value.isdigit() else "paren-cjk"
        group = "paren"
    elif match.group("cjk_comma"):
        raw_value, style, group = match.group("cjk_value"), "cjk-comma", "cjk_comma"
    elif match.group("cjk_shi"):
        raw_value, style, group = match.group("shi_value"), "cjk-shi", "cjk_shi"
    else:
        raw_value = match.group("arabic_value")
        style = "arabic-dot" if match.group("arabic_mark") in ".．" else "arabic-comma"
        group = "arabic"
    value = cjk_number(raw_value)
    if value is None:
        return None
    return Marker(match.group(group), style, value, Span(match.start(group), match.end(group)))


def test_a_remembered_marker_reading_is_the_reading_of_the_whole_match() -> None:
    import random

    from gipr_lint.reading.layout import markers

    rng = random.Random(15)
    alphabet = "(（)）一二三十是、.．1２٣0 \t\u3000a中"
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(9)))
               for _ in range(40000)]
    markers._READINGS.clear()
    for _ in range(2):  # read fresh, then remembered
        for line in samples:
            for start in range(min(len(line), 2)):
                expected = _marker_read_whole(line, start, len(line))
                assert markers.read_marker(line, start) == expected, (line, start)
    assert markers._READINGS


def test_utf8_cut_inside_a_character_decodes_as_the_error_path_did() -> None:
    """Data cut inside its last character decodes to what comes before it and U+FFFD, and
    data with any other error is not UTF-8, as when the whole was decoded and its error
    looked at; every cut of texts with 2-, 3- and 4-byte characters, and broken bytes."""
    import random

    from gipr_lint.reading.source import DecodeError, decode

    def by_the_error(data: bytes) -> str | None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
                return data[:exc.start].decode("utf-8") + "\ufffd"
            return None

    rng = random.Random(15)
    whole = "年报é𠀀a\n（一）".encode() * 3
    samples = [whole[:cut] for cut in range(len(whole) + 1)]
    broken = [b"\xed\xa0", b"\xe0\x80", b"\xf4\x90", b"\xc0", b"\xff", b"\x80",
              b"\xe4\xb8"]
    samples += [whole[:rng.randrange(len(whole))] + rng.choice(broken)
                + whole[:rng.randrange(4)] for _ in range(3000)]
    for data in samples:
        expected = by_the_error(data)
        try:
            text, encoding, _ = decode(data)
        except DecodeError:
            assert expected is None
            continue
        if expected is not None:
            assert (text, encoding) == (expected, "utf-8"), data
        else:
            assert encoding == "gb18030", data


def test_inline_titles_read_in_the_text_are_the_one_patterns_matches_in_its_view() -> None:
    """The numbered titles found in the text itself (from each separator, the number checked
    before it) are the matches of the one pattern "number, separator, title" in the whole
    text's compact view, mapped back (no title holds a number, so such matches never overlap):
    on every seed and corpus report, and on random runs of numbers, separators, dropped and
    folded characters, and pieces of titles, some spelt out with blanks and quotes between
    their characters."""
    import random
    import re
    from pathlib import Path

    from gipr_lint.reading.layout.compact import CompactText, compact

    titles = [compact(title) for _, title, _ in headings._TITLES]
    assert not any(set(title) & set(headings.INLINE_NUMBERS) for title in titles)
    reference = re.compile("[" + headings.INLINE_NUMBERS + "][、.](?:"
                           + "|".join(map(re.escape, titles)) + ")")
    root = Path(__file__).resolve().parents[2]
    texts = [path.read_text(encoding="utf-8")
             for folder in ("tests/fixtures", "benchmarks/corpus")
             for path in sorted((root / folder).glob("*.txt"))]
    rng = random.Random(15)
    blanks = [" ", "\n", "\u3000", "“", "”", "'", '"', "\u200b", "\ufeff", "「", "＂"]
    spelt = ["".join(character + rng.choice(["", "", *blanks]) for character in title)
             for title in titles for _ in range(3)]
    parts = ["一", "二", "9", "０", "１", "0", "十", "、", ".", "．", "、、", "1.", "三、",
             "，", *blanks, *titles, *spelt, *(title[:rng.randrange(1, len(title))]
                                               for title in titles)]
    texts += ["".join(rng.choice(parts) for _ in range(rng.randrange(12)))
              for _ in range(20000)]
    found = spread = 0
    for text in texts:
        view = CompactText(text)
        expected = [(view.to_original(match.start()), view.to_original_end(match.end()))
                    for match in reference.finditer(view.text)]
        assert headings._inline_titles(text) == expected, text
        found += len(expected)
        spread += sum(compact(text[start:end]) != text[start:end] for start, end in expected)
    assert found > 1000 and spread > 300


def test_a_view_of_a_kept_window_answers_as_the_whole_view_there() -> None:
    """A view of the part of a text :func:`kept_window` gives for ``start`` and ``end`` holds
    the whole view's characters there, and its maps give the whole view's answers for every
    original offset from ``start`` to ``end`` and every index those map to (what the table
    readers ask of the regions they read), whole or a piece at a time."""
    import random

    from gipr_lint.reading.layout.compact import CompactText, kept_window

    rng = random.Random(15)
    alphabet = [" ", "\t", "\n", '"', "'", "“", "\u200b", "\u3000", "a", "中", "，", "１", "—"]
    texts = ["", " ", "a", " a "] + ["".join(rng.choice(alphabet) for _ in range(
        rng.randrange(1, 30))) for _ in range(1500)]
    for text in texts:
        whole = CompactText(text)
        for _ in range(6):
            start = rng.randrange(len(text) + 1)
            end = rng.randrange(start, len(text) + 1)
            window_start, window_end = kept_window(text, start, end)
            assert window_start <= start and window_end >= end
            for piece in (None, 1, 3):
                view = CompactText(text, piece, window_start, window_end)
                skipped = whole.from_original(window_start)
                assert view.text == whole.text[skipped:skipped + len(view.text)]
                for offset in range(start, end + 1):
                    assert view.from_original(offset) + skipped == whole.from_original(offset)
                first, last = view.from_original(start), view.from_original(end)
                for index in range(first, last + 1):
                    assert view.to_original(index) == whole.to_original(index + skipped)
                    assert view.to_original_end(index) == whole.to_original_end(
                        index + skipped), (text, start, end, index)
                    for span_start in range(max(index - 4, first), index):
                        assert view.to_original_span(span_start, index) == \
                            whole.to_original_span(span_start + skipped, index + skipped)


def test_loose_alternatives_match_as_the_alternation_of_the_loose_words_in_order() -> None:
    """The tree of words that share beginnings finds, at every place of random texts, the match
    of the words' :func:`loose` patterns tried one by one (longest first, words that begin
    others among them), blanks, quotes and full-width forms between and in their characters."""
    import random
    import re

    from gipr_lint.reading.layout.compact import loose, loose_alternatives

    rng = random.Random(15)
    pieces = ["政府", "信息", "公开", "行政", "复议", "、", "情况", "Ａ", "A", "b"]
    noise = [" ", "\n", "“", "\u3000", "'", "政", "Ａ", "x"]
    for _ in range(300):
        words = sorted({"".join(rng.choice(pieces) for _ in range(rng.randrange(1, 4)))
                        for _ in range(rng.randrange(1, 7))}, key=lambda word: -len(word))
        tree = re.compile(loose_alternatives(words))
        reference = re.compile("|".join(f"(?:{loose(word)})" for word in words))
        for _ in range(20):
            text = "".join(rng.choice([*words, *noise, *pieces]) for _ in range(rng.randrange(8)))
            for position in range(len(text) + 1):
                found, expected = tree.match(text, position), reference.match(text, position)
                assert (found and found.span()) == (expected and expected.span()), (words, text)


def test_a_source_from_text_has_every_field_as_one_made_by_its_init() -> None:
    """:meth:`Source.from_text` fills the instance's fields without the dataclass ``__init__``:
    the same fields, in order, with the values ``__init__`` would give them."""
    from gipr_lint.reading.source import Source, _line_starts, _newline_style

    for text in ["", "a", "年报\n第二行\r\n", "\n\n"]:
        made = Source.from_text(text, "p.txt", encoding="gb18030", bom=True)
        expected = Source(text=text, path="p.txt", encoding="gb18030", bom=True,
                          newline=_newline_style(text), line_starts=_line_starts(text))
        assert list(vars(made)) == [field.name for field in dataclasses.fields(Source)]
        assert vars(made) == vars(expected) and made == expected and type(made) is Source
