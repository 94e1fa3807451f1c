"""The shortcuts layout recovery takes for speed give exactly what the long way gives.

Each shortcut (issue 15) is checked against the plain computation it replaces, on the seeds, the
benchmark corpus and random strings: the first-character index of the table labels, the
remembered label searches, the replace-based fold and split-based compact view, the field
readers that skip the tokenizer, and the remembered digit splits.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from gipr_lint.model import Cell
from gipr_lint.reading.layout import _lines, _Taken, cells
from gipr_lint.reading.layout.compact import CompactText, compact, fold
from gipr_lint.reading.layout.splitting import SEARCH_BUDGET, _split, split_digits
from gipr_lint.reading.layout.tables import (
    _DIGITS_TO_LINE_END,
    _NOTE,
    _Expected,
    _expected,
    _label_source,
    _LabelMatch,
    _needs_numbering,
    _Plan,
    _reworded,
    _Searches,
    _stands_alone,
    _WithNote,
)
from gipr_lint.reading.numerals import cjk_number, cjk_numeral
from gipr_lint.reading.source import Span
from gipr_lint.templates import NATIONAL, RowTemplate, Templates, using

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [path.read_text(encoding="utf-8")
         for path in [*sorted((ROOT / "tests" / "fixtures").glob("*.txt"))[:5],
                      *sorted((ROOT / "benchmarks" / "corpus").glob("*.txt"))[::4]]]

#: A pack's rows with numbering and wording the national rows lack: a two-digit numbering, no
#: numbering, a label opening with a numeral.
PACK = NATIONAL.extended([
    {"kind": "row", "table": "requests", "key": "pack.eleventh", "label": "其他方式处理",
     "numbering": "（十一）", "after": "other.other"},
    {"kind": "row", "table": "requests", "key": "pack.plain", "label": "三类事项",
     "after": "granted", "variants": ["三类事项办理"]},
    {"kind": "row", "table": "active", "key": "pack.check", "label": "行政检查",
     "after": "penalty"},
])


def _plans(templates: Templates) -> list[_Plan]:
    return [_expected(templates, kind, format_) for kind in ("active", "requests")
            for format_ in ("2021", "2019")]


def _labels_text(plan: _Plan) -> str:
    """Every label of ``plan`` in several numbering styles, with and without notes."""
    parts = []
    for item in plan.items:
        if item.template is None:
            continue
        for numbering in ("", item.template.numbering, "(一)", "1.", "十一、"):
            parts.append(f"{numbering}{item.template.label}（注：只计一次）0|0\n")
    return compact("".join(parts))


def _label_as_it_reads(template: RowTemplate, numbering_required: bool) -> str:
    """A row label's pattern as it reads, ``numbering? (?P<official>…)|(?P<variant>…)``: what
    :func:`_label_source` writes out alternative by alternative."""
    value = compact(template.numbering).strip("()、.,")
    numbering = ""
    if value:
        number = cjk_number(value)
        arabic = value if number is None else str(number)
        cjk = value if number is None else cjk_numeral(number)
        either = (f"(?:{re.escape(cjk)}|{re.escape(arabic)})" if cjk != arabic
                  else re.escape(value))
        numbering = rf"(?:\({either}\)|{either}[、.,]?)" + ("" if numbering_required else "?")
    words = (compact(template.label), *(compact(v) for v in template.variants))
    official = re.escape(words[0])
    variants = "|".join(re.escape(word) for word in words[1:])
    pattern = f"(?P<official>{official})" + (f"|(?P<variant>{variants})" if variants else "")
    return f"{numbering}(?:{pattern})"


def _told(match: re.Match[str] | _LabelMatch | None, as_it_reads: bool = False
          ) -> tuple[tuple[int, int], bool] | None:
    """Where a label's match is and whether it is reworded, by either pattern's groups."""
    if match is None:
        return None
    if as_it_reads:
        return match.span(), match.lastgroup == "variant" and bool(match.group("variant"))
    assert match.lastgroup is None  # (the written-out pattern's groups have no names)
    return match.span(), _reworded(match)


def _as_one_pattern(item: _Expected) -> re.Pattern[str]:
    """An item's pattern as one regular expression: a label's words and its optional note
    together (as they were before the note was matched on its own)."""
    if item.template is not None and item.kind == "row":
        return re.compile(_label_source(item.template, _needs_numbering(item.template))[0]
                          + _NOTE)
    if isinstance(item.pattern, _WithNote):  # a header word or a group label
        return re.compile(item.pattern.words.pattern + _NOTE)
    return item.pattern


@pytest.mark.parametrize("templates", [NATIONAL, PACK], ids=["national", "pack"])
def test_the_first_character_index_finds_every_label(templates: Templates) -> None:
    for plan in _plans(templates):
        plain = [_as_one_pattern(item) for item in plan.items]
        for text in [_labels_text(plan), *(CompactText(t).text for t in TEXTS[:3])]:
            for index in range(len(text) + 1):
                matches = [pattern.match(text, index) for pattern in plain]
                assert plan.label_at(text, index) == any(matches), text[index:index + 20]
                for item, match in zip(plan.items, matches, strict=True):
                    if match is not None:
                        assert item.starts is None or text[index] in item.starts
                        again = item.pattern.match(text, index)
                        assert again is not None and again.span() == match.span()


@pytest.mark.parametrize("templates", [NATIONAL, PACK], ids=["national", "pack"])
def test_a_label_and_its_note_match_as_one_pattern_would(templates: Templates) -> None:
    for plan in _plans(templates):
        text = _labels_text(plan)
        for item in plan.items:
            one = _as_one_pattern(item)
            for endpos in range(0, len(text) + 1, 7):  # cutting through notes too
                for pos in (0, endpos // 2):
                    found, expected = item.pattern.search(text, pos, endpos), one.search(
                        text, pos, endpos)
                    assert (found and (found.span(), found.lastindex)) == (
                        expected and (expected.span(), expected.lastindex))
            assert [m.span() for m in item.pattern.finditer(text)] == [
                m.span() for m in one.finditer(text)]


def _fresh(text: str, view: CompactText, plan: _Plan, item_index: int, position: int,
           stop: int, end: int) -> tuple[int, int] | None:
    """The search as it was before it was remembered: from ``position``, the first match that
    stands alone."""
    pattern = plan.items[item_index].pattern
    while True:
        match = pattern.search(view.text, position, stop)
        if match is None:
            return None
        if _stands_alone(text, view, plan, view.to_original_end(match.end()), end):
            return match.span()
        position = match.end()


@pytest.mark.parametrize("templates", [NATIONAL, PACK], ids=["national", "pack"])
def test_remembered_label_searches_equal_fresh_ones(templates: Templates) -> None:
    rng = random.Random(15)
    for text in TEXTS:
        view = CompactText(text)
        for plan in _plans(templates):
            searches = _Searches(text, view, plan, len(view.text), len(text))
            for _ in range(150):
                item_index = rng.randrange(len(plan.items))
                position = rng.randrange(len(view.text) + 1)
                found = searches.first(plan.items[item_index], position)
                assert (found[:2] if found else None) == _fresh(
                    text, view, plan, item_index, position, len(view.text), len(text))
                if found is not None:  # found first from anywhere from its search's start on
                    assert found[5] <= found[0]
                    assert found[:2] == _fresh(text, view, plan, item_index,
                                               rng.randint(found[5], found[0]),
                                               len(view.text), len(text))


def test_a_label_before_spaced_digits_up_to_a_line_end_stands_alone() -> None:
    """The searcher takes a label followed by digits and spaces up to a line end or separator
    (:data:`_DIGITS_TO_LINE_END`) as standing alone without reading its cells: wherever that
    pattern matches, :func:`_stands_alone` (which reads them) says so too, whatever comes after
    the line (more cells, words, another label, marks that extend a run), on random texts."""
    rng = random.Random(15)
    plan = _expected(NATIONAL, "requests", "2021")
    pieces = ["0", "12", " ", "  ", "\u3000", "|", "\t", "\n", "\r\n", "-", "/", "无", "2.其他",
              "5.", "、", "第 3 页", "元", "规章", "（二）部分公开", "件", "\f"]
    matched = 0
    for _ in range(3000):
        text = "规章" + rng.choice(["", " 0", " 0 12 ", "3 0"]) + "".join(
            rng.choice(pieces) for _ in range(rng.randrange(1, 14)))
        view = CompactText(text)
        after = len("规章")
        while after < len(text) and text[after] in " \u3000":
            after += 1
        end = rng.choice([len(text), rng.randrange(after, len(text) + 1)])
        if _DIGITS_TO_LINE_END.match(text, after, end) is not None:
            matched += 1
            assert _stands_alone(text, view, plan, len("规章"), end), repr(text[:end])
    assert matched > 300


def test_a_search_from_inside_a_rejected_match_is_not_taken_from_memory() -> None:
    # "ab|c" is in a sentence (words follow); from inside it, "b" stands alone before "|"
    text = "ab|cq\nb|"
    view = CompactText(text)
    plan = _Plan([_Expected("row", re.compile(r"ab\|c|b"))])
    searches = _Searches(text, view, plan, len(view.text), len(text))
    first = searches.first(plan.items[0], 0)
    assert first is not None and view.to_original(first[0]) == 6  # the "b" on line two
    # where a search finds it first from: past the rejected match, not inside it
    assert first[5] == 4 and all(
        _fresh(text, view, plan, 0, position, len(view.text), len(text)) == first[:2]
        for position in range(first[5], first[0] + 1))
    inside = searches.first(plan.items[0], 1)
    assert inside is not None and inside[:2] == (1, 2)
    assert inside[:2] == _fresh(text, view, plan, 0, 1, len(view.text), len(text))


def test_free_parts_line_by_line_skip_only_covered_lines() -> None:
    rng = random.Random(15)
    for _ in range(3000):
        text = "".join(rng.choice("ab\n") for _ in range(rng.randrange(40)))
        starts, ends = _lines(text)
        taken = _Taken()
        for _ in range(rng.randrange(5)):  # overlapping and nested spans too
            start = rng.randrange(len(text) + 1)
            taken.add(Span(start, rng.randrange(start, len(text) + 1)))
        expected = [(a, b, taken.free(a, b)) for a, b in zip(starts, ends, strict=True)
                    if taken.free(a, b)]
        walked = taken.free_by_line(starts, ends)
        assert [(a, b, parts) for a, b, parts in walked if parts] == expected


def _lines_one_by_one(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.splitlines(keepends=True):
        spans.append((start, start + len(line.rstrip("\r\n"))))
        start += len(line)
    return spans


def test_lines_as_read_one_by_one_whatever_the_breaks() -> None:
    rng = random.Random(15)
    pieces = ["a", "中", " ", "\n", "\r", "\r\n", "\r\r\n", "\v", "\f", "\x85", "\u2028"]
    samples = ["", "\n", "a", "a\r\nb\n", "a\u2028b\r\n"] + [
        "".join(rng.choice(pieces) for _ in range(rng.randrange(16))) for _ in range(3000)]
    for text in samples:
        starts, ends = _lines(text)
        assert list(zip(starts, ends, strict=True)) == _lines_one_by_one(text), repr(text)


def test_fold_changes_widths_dashes_and_quotes_one_for_one() -> None:
    assert fold("（一）“商业　企业”—０９，Ａ") == '(一)"商业 企业"-09,A'
    everything = "".join(map(chr, range(0x20, 0x10000)))
    folded = fold(everything)
    assert len(folded) == len(everything)
    changed = {a: b for a, b in zip(everything, folded, strict=True) if a != b}
    assert changed["＂"] == '"' and changed["\u3000"] == " " and changed["﹣"] == "-"
    assert all(b.isascii() for b in changed.values())
    assert fold(folded) == folded


def test_the_compact_view_maps_every_character_back() -> None:
    rng = random.Random(15)
    alphabet = " \t\n\"'“”a中，（）\u3000．－—\u200b\ufeff"
    samples = [*TEXTS, "", " ", "a", " a ", "“”"] + [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(30))) for _ in range(2000)]
    for text in samples:
        view = CompactText(text)
        folded = fold(text)
        assert view.text == compact(text)
        for index, character in enumerate(view.text):
            original = view.to_original(index)
            assert folded[original] == character
            assert view.from_original(original) == index
            assert view.to_original_end(index + 1) == original + 1
        # from_original: the index of the first kept character at or after the offset
        following = len(view.text)
        for offset in range(len(text), -1, -1):
            if offset < len(text) and not re.match(r"[\s\"']", folded[offset]):
                following = view.from_original(offset)
            assert view.from_original(offset) == following


def _tokenized(text: str, start: int, end: int) -> list[Cell]:
    """The cells of ``text[start:end]`` by the tokenizer alone."""
    found = []
    for match in cells._TOKEN.finditer(text, start, end):
        if match.lastgroup == "number":
            found.append(Cell(match.group(), cells._number_value(match.group()),
                              Span(*match.span())))
        elif match.lastgroup == "blank":
            found.append(Cell(match.group(), 0, Span(*match.span()), blank=True))
    return found


def test_fields_read_without_the_tokenizer_read_as_with_it() -> None:
    rng = random.Random(15)
    for _ in range(5000):
        text = "".join(rng.choice("0123456789  \t\n|") for _ in range(rng.randrange(25)))
        start = rng.randrange(len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        assert cells._field_cells(text, start, end) == _tokenized(text, start, end)
        assert cells._piece_cells(text, text[start:end], start) == _tokenized(text, start, end)
        if "|" in text[start:end] or "\t" in text[start:end]:
            fields = cells._separated_fields(text, start, end)
            for field in fields:
                if isinstance(field, list):
                    assert field == _tokenized(text, field[0].span.start, field[-1].span.end)


def test_rows_read_by_the_shortcuts_read_as_without_them(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    rng = random.Random(15)
    samples = []
    for _ in range(6000):
        text = "".join(rng.choice(["0", "12", " ", "  ", "|", "｜", "\t", "\n", "\r\n", "-"])
                       for _ in range(rng.randrange(12)))
        start = rng.randrange(len(text) + 1)
        samples.append((text, start, rng.choice([None, 1, 3, 7])))
    fast = [cells.read_cells(text, start, len(text), expected) for text, start, expected in samples]
    never = re.compile(r"(?!)")
    monkeypatch.setattr(cells, "_CLEAN_ROW", never)
    monkeypatch.setattr(cells, "_DIGITS_AND_SPACES", never)
    for (text, start, expected), shortcut in zip(samples, fast, strict=True):
        assert cells.read_cells(text, start, len(text), expected) == shortcut, repr(text[start:])


def test_a_field_with_marks_still_goes_through_the_tokenizer() -> None:
    text = "| 1.5 | — | 无 | 3万元 |"
    run = cells.read_cells(text, 0, len(text), 4)
    assert [(c.raw, c.value, c.blank) for c in run.cells] == [
        ("1.5", 1.5, False), ("—", 0, True), ("无", 0, True), ("3万元", 3, False)]
    assert run.separated


def test_remembered_digit_splits_equal_fresh_ones() -> None:
    rng = random.Random(15)
    for _ in range(300):
        sizes = rng.choice([(7,), (5, 5, 5), (3,), (1,)])
        digits = "".join(rng.choice("0000123") for _ in range(rng.randrange(1, 20)))
        for sums in (True, False):
            assert split_digits(digits, list(sizes), sums=sums) == _split.__wrapped__(
                digits, sizes, sums, SEARCH_BUDGET)


def test_the_run_end_without_the_tokenizer_is_the_tokenizers() -> None:
    rng = random.Random(15)
    alphabet = [*"0123456789 \t\n\r|｜\"“”'‘’:：\u3000", *"-−—–－/／无第.．、万元", "１", "٣", "其",
                "（", "2.其他", "第3页", "第 3 页", "第\t3", "第二十条", "- 3 -", "|---|", "3、",
                ". 其", "、其", "12.其", "0.5", "．"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(15)))
        start = rng.randrange(len(text) + 1)
        end = rng.randrange(max(0, start - 2), len(text) + 1)  # a cut text: end before start
        run = cells._RUN.match(text, start, end)
        assert cells.run_end(text, start, end) == (run.end() if run else start), repr(text)


def test_cells_built_without_init_equal_cells_built_with_it() -> None:
    from gipr_lint.reading.layout.objects import new_cell, new_span

    for raw, value, start, end, blank in [("12", 12, 3, 5, False), ("", 0, 7, 7, True),
                                          ("1.5", 1.5, 0, 3, False), ("x", None, 1, 2, False)]:
        made = new_cell(raw, value, start, end, blank)
        plain = Cell(raw, value, Span(start, end), blank)
        assert type(made) is Cell and type(made.span) is Span
        assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
    assert new_span(4, 9) == Span(4, 9) and new_span(4, 9) < Span(5, 0)


def test_remembered_fuzzy_titles_equal_fresh_ones() -> None:
    from gipr_lint.reading.layout.headings import _fuzzy_title

    lines = [line.strip() for text in TEXTS for line in text.splitlines()]
    lines += ["一、总休情况", "二、主动公开政府政府情况", "五、存在的主要问题及改进情况"]
    for line in lines:
        for hint in (None, 1, 2, 5):
            key = compact(line).rstrip(":：。．.;；")
            if key and len(key) <= 40:
                assert _fuzzy_title(key, hint) == _fuzzy_title.__wrapped__(key, hint)


def test_the_compact_view_by_byte_splits_equals_the_regex_split() -> None:
    from gipr_lint.reading.layout.compact import _runs_by_bytes, _runs_by_regex

    rng = random.Random(15)
    alphabet = " \t\n\r\"'“”a中，（）\u3000．－—\u200b\ufeff\x0b\x0c\x1c\x1f\x85\xa0é\ud800"
    samples = [*TEXTS, "", " ", "a", " a ", "'", "a'"] + [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(30))) for _ in range(5000)]
    # whitespace beyond Latin-1 (that fold keeps): the shortcut declines, the regex reads it
    samples += ["".join(rng.choice(alphabet + "\u2028\u1680") for _ in range(rng.randrange(30)))
                for _ in range(2000)]
    for text in samples:
        folded = fold(text)
        wide = any(ch.isspace() and ord(ch) > 0xFF for ch in folded)
        by_bytes = _runs_by_bytes(folded)
        if by_bytes is None:  # declined: only for such whitespace
            assert wide, repr(text)
        else:
            assert by_bytes == _runs_by_regex(folded), repr(text)
    every = [chr(code) for code in range(0x100, 0x110000) if chr(code).isspace()]
    for wide in every:  # whitespace beyond Latin-1 (fold makes a few a plain space)
        for text in (f"a{wide}b", f"{wide}a", f"a{wide}", f"a {wide}\t'b"):
            assert (_runs_by_bytes(fold(text)) is None) == (fold(wide) == wide), repr(text)
        assert CompactText(f"a{wide}b").text == "ab"


def test_table_items_built_by_their_slots_equal_items_built_by_init() -> None:
    from gipr_lint.reading.layout.tables import TableItem, _new_item

    template = NATIONAL.request_rows["2021"][0]
    cell = Cell("0", 0, Span(9, 10))
    for args in [("header", 0, 4, "信息内容", None, False, (), 0, False),
                 ("row", 5, 9, "规章", template, True, (cell,), 7, True)]:
        made = _new_item(*args)  # type: ignore[arg-type]
        plain = TableItem(args[0], Span(args[1], args[2]), *args[3:])  # type: ignore[arg-type]
        assert type(made) is TableItem and type(made.span) is Span
        assert made == plain and repr(made) == repr(plain)


def test_table_reads_built_by_their_slots_equal_reads_built_by_init() -> None:
    from dataclasses import fields

    from gipr_lint.model import Problem
    from gipr_lint.reading.layout.tables import TableRead, _new_item, _new_read

    item = _new_item("header", 0, 4, "信息内容", None, False, (), 0, False)
    problem = Problem("p", Span(1, 2), "unsplit-cells")
    args = ("requests", "2021", (item,), Span(0, 9), ("granted",), (problem,), 3)
    made, plain = _new_read(*args), TableRead(*args)  # type: ignore[arg-type]
    assert type(made) is TableRead
    assert made == plain and repr(made) == repr(plain) and hash(made) == hash(plain)
    assert [getattr(made, f.name) for f in fields(TableRead)] == [
        getattr(plain, f.name) for f in fields(TableRead)]


@pytest.mark.parametrize("templates", [NATIONAL, PACK], ids=["national", "pack"])
def test_labels_written_out_search_as_the_pattern_as_it_reads(templates: Templates) -> None:
    """A label's pattern, one alternative per numbering form and wording, finds the matches the
    pattern as it reads finds (the same place, the same wording told), searched from anywhere,
    in the seeds, the corpus and every label in every numbering style."""
    from gipr_lint.reading.layout.tables import REQUEST_GROUPS, _label


    rows = [row for rows in (*templates.request_rows.values(),) for row in rows]
    rows += [row for blocks in templates.active_blocks.values() for block in blocks
             for row in block.rows]
    labels = [_labels_text(plan) for plan in _plans(templates)]
    views = [CompactText(text).text for text in TEXTS]
    for template in [*rows, *REQUEST_GROUPS]:
        for required in (False, True):
            plain = re.compile(_label_as_it_reads(template, required) + _NOTE)
            pattern = _label(template, required).pattern
            for text, step in [(views[0][:1500], 1), *((text, 5) for text in labels)]:
                for pos in range(0, len(text) + 1, step):
                    found, expected = pattern.search(text, pos), plain.search(text, pos)
                    assert _told(found) == _told(expected, as_it_reads=True)
            for text in views:
                assert [_told(m) for m in pattern.finditer(text)] == [
                    _told(m, as_it_reads=True) for m in plain.finditer(text)]


def test_compact_by_split_keeps_what_the_pattern_keeps() -> None:
    from gipr_lint.reading.layout.compact import _KEPT

    rng = random.Random(15)
    alphabet = " \t\n\r\"'“”a中，（）\u3000．－—\u200b\ufeff\x0b\x1c\x85\xa0\u2028\u1680"
    samples = [*TEXTS, "", " ", "'a'"] + [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(30))) for _ in range(3000)]
    for text in samples:
        assert compact(text) == "".join(_KEPT.findall(fold(text))), repr(text)


def test_a_line_heading_keeps_the_marker_read_up_to_its_title() -> None:
    from gipr_lint.reading.layout.headings import _heading, _line_heading

    lines = [line for text in TEXTS for line in text.splitlines()]
    lines += ["一、总体情况", "1.总体情况", "12.主动公开政府信息情况",
              "3、 收到和处理政府信息公开申请情况", "四．政府信息公开行政复议、行政诉讼情况",
              "五、存在的主要问题及改进情况。"]
    found = 0
    for line in lines:
        match = _line_heading(line, 0, len(line))
        if match is None:
            continue
        found += 1
        heading = match.heading
        content_start = len(line) - len(line.lstrip())
        again = _heading(line, content_start, heading.title_span.start, heading.title_span.end,
                         match.number, heading.match)
        assert again == heading
    assert found >= 10


#: The wrapped-label pattern as first written: a word character, two blanks or more, numbers,
#: a line break, words.
_PLAIN_NUMBERS_THEN_WORDS = re.compile(
    r"[^\s\d][ \t\u3000]{2,}[-\d/—–][-\d./—–/ \t\u3000]*\r?\n[ \t\u3000]*[\u4e00-\u9fff（(）)]")


def test_the_wrapped_label_test_from_the_gap_equals_the_plain_pattern() -> None:
    from gipr_lint.reading.layout import _numbers_then_words

    rng = random.Random(15)
    alphabet = ["a", "中", " ", "  ", "\t", "\u3000", "\u00a0", "1", "-", "\n", "\r\n", "规章",
                "（", "0 0"]
    samples = [(text, 0, len(text)) for text in TEXTS]
    samples += [("a  1\n中", 0, 6), ("a  1\n中", 1, 6), ("1  1\n中", 0, 6), ("a\t 1\n中", 0, 5)]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(20)))
        start = rng.randrange(len(text) + 1)
        samples.append((text, start, rng.randrange(start, len(text) + 1)))
    for text, start, end in samples:
        assert _numbers_then_words(text, start, end) == (
            _PLAIN_NUMBERS_THEN_WORDS.search(text, start, end) is not None), repr(text)
    assert _numbers_then_words("a  1\n中", 0, 6) and not _numbers_then_words("a  1\n中", 1, 6)


def test_remembered_cell_reads_equal_fresh_ones() -> None:
    from gipr_lint.reading.layout.tables import _Reads

    rng = random.Random(15)
    for _ in range(400):
        text = "".join(rng.choice(["0", "12", " ", "|", "\t", "\n", "-", "规章", "2.其他", "| |"])
                       for _ in range(rng.randrange(16)))
        reads = _Reads(text)
        for _ in range(12):  # the same starts asked again, with other ends and cell counts
            start = rng.randrange(len(text) + 1)
            end = rng.randrange(start, len(text) + 1)
            expected = rng.choice([None, 1, 3, 7])
            assert reads.read(start, end, expected) == cells.read_cells(text, start, end,
                                                                        expected), repr(text)


@pytest.mark.parametrize("path", [*sorted((ROOT / "benchmarks" / "corpus").glob("*.txt"))[::3]],
                         ids=lambda path: path.name)
def test_tables_read_with_shared_cell_reads_as_without(path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from gipr_lint.reading.layout import recover
    from gipr_lint.reading.layout.tables import _Reads
    from gipr_lint.reading.source import Source

    source = Source.from_text(path.read_text(encoding="utf-8"))
    shared = recover(source)
    monkeypatch.setattr(_Reads, "read", lambda self, start, end, expected=None:
                        cells.read_cells(self._text, start, end, expected))
    assert recover(source) == shared


def test_pieces_and_paragraphs_built_by_their_slots_equal_built_by_init() -> None:
    from gipr_lint.model import Paragraph
    from gipr_lint.reading.layout import Piece, _new_piece
    from gipr_lint.reading.layout.markers import read_marker
    from gipr_lint.reading.layout.objects import new_paragraph

    text = "（一）主动公开情况。"
    for marker in (None, read_marker(text)):
        made = new_paragraph(text, 0, len(text), marker)
        plain = Paragraph(text, Span(0, len(text)), marker)
        assert type(made) is Paragraph and made == plain and repr(made) == repr(plain)
        piece = _new_piece("paragraph", made.span, made)
        assert type(piece) is Piece and piece == Piece("paragraph", plain.span, plain)
    assert _new_piece("title", Span(0, 3), None) == Piece("title", Span(0, 3))


def test_a_tables_span_and_short_rows_found_as_its_items_are_made_equal_a_recount() -> None:
    """The readers find a table's span and its rows short of cells while they make the items;
    counted afresh from the items (from the first item's start to the furthest end of an item
    or a cell), they are the same, on every layout of the corpus and with cells spread apart."""
    from dataclasses import replace

    from gipr_lint.reading.layout import recover
    from gipr_lint.reading.layout.tables import TableItem, TableRead, _short_rows, defects
    from gipr_lint.reading.source import Source

    def item_by_item(items: tuple[TableItem, ...]) -> Span:
        end = max(item.span.end for item in items)
        for item in items:
            if item.cells:
                end = max(end, max(cell.span.end for cell in item.cells))
        return Span(min(item.span.start for item in items), end)

    texts = [*TEXTS, *(text.replace(" | ", " |  | ") for text in TEXTS),
             *(text.replace("0", "0 0") for text in TEXTS[:6])]
    kinds = set()
    shorts = 0
    for text in texts:
        for piece in recover(Source.from_text(text)).pieces:
            if piece.kind != "table":
                continue
            table = piece.data
            assert isinstance(table, TableRead) and table.short_rows >= 0
            kinds.add(table.kind)
            assert table.span == item_by_item(table.items), table.kind
            assert table.short_rows == _short_rows(table.items)
            assert defects(table) == defects(replace(table, short_rows=-1))
            shorts += table.short_rows
    assert kinds == {"active", "requests", "review"} and shorts


def test_the_written_out_wide_spaces_are_every_space_beyond_latin_1() -> None:
    """compact()'s bytes shortcut hands a text with any of these to the regex: the list must be
    every character beyond Latin-1 that ``str.isspace`` (and ``\\s``) takes, in this Python."""
    import re

    from gipr_lint.reading.layout.compact import WIDE_SPACES

    listed = re.compile(f"[{WIDE_SPACES}]")
    every = [chr(code) for code in range(0x100, 0x110000) if chr(code).isspace()]
    assert every and all(listed.fullmatch(ch) for ch in every)
    assert all(ch.isspace() for ch in map(chr, range(0x100, 0x110000)) if listed.fullmatch(ch))


def test_maker_builds_what_the_class_builds_with_every_field() -> None:
    """A builder from objects.maker takes the class's fields in order, sets every one (a field
    added to a class is set too) and returns an object of the class itself."""
    import dataclasses

    from gipr_lint.reading.layout.objects import maker

    @dataclasses.dataclass(frozen=True, slots=True)
    class Sample:
        first: int
        format: str
        later: tuple[int, ...] = ()
        hidden: bool = dataclasses.field(default=False, compare=False, repr=False)

    made = maker(Sample)(1, "2021", (3,), True)
    whole = Sample(1, "2021", (3,), True)
    assert type(made) is Sample
    assert made == whole and hash(made) == hash(whole) and repr(made) == repr(whole)
    assert [getattr(made, f.name) for f in dataclasses.fields(Sample)] == [1, "2021", (3,), True]
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.first = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        maker(Sample)(1, "2021", (3,))  # every field is given, defaults or not
    from gipr_lint.reading.layout.objects import new_span

    assert type(new_span(4, 9)) is Span and hash(new_span(4, 9)) == hash(Span(4, 9))


def test_the_slot_builders_set_every_field_of_their_classes() -> None:
    """new_span/new_cell/new_paragraph bypass the dataclass __init__: a field added to the model
    and not set there would be missing on the objects the readers build."""
    import dataclasses

    from gipr_lint.reading.layout.objects import FIELDS_SET

    for cls, names in FIELDS_SET.items():
        assert names == tuple(field.name for field in dataclasses.fields(cls)), cls


def test_the_span_map_in_one_search_equals_the_two_maps() -> None:
    rng = random.Random(15)
    alphabet = " \t\n\"'a中，（）\u3000—"
    samples = [*TEXTS[:3], ""] + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(25)))
                                  for _ in range(2000)]
    for text in samples:
        view = CompactText(text)
        size = len(view.text)
        pairs = ([(s, e) for s in range(size + 1) for e in range(s + 1, size + 2)]
                 if size < 30 else [(s, s + rng.randrange(1, 30)) for s in range(size)])
        for start, end in pairs:
            assert view.to_original_span(start, end) == (
                view.to_original(start), view.to_original_end(end)), (text, start, end)


def _layouts(texts: list[str]) -> list[str]:
    from gipr_lint.reading.layout import recover
    from gipr_lint.reading.source import Source

    return [repr(recover(Source.from_text(text, "x.txt"))) for text in texts]


def test_remembered_rows_and_heading_lines_read_as_fresh_ones() -> None:
    """Layouts read with the row, cell-run and heading-line memos empty, then again with them
    full (every row and line remembered), are the same; a row whose cells have a problem is
    never remembered, so the problem is raised on every read."""
    from gipr_lint.reading.layout import headings, tables

    texts = [*TEXTS, *(text.replace("\n", " ") for text in TEXTS[:4])]
    tables._ROWS_READ.clear()
    tables._RUNS_SEEN.clear()
    headings._heading_in_line.cache_clear()
    fresh = _layouts(texts)
    assert tables._ROWS_READ and tables._RUNS_SEEN
    assert headings._heading_in_line.cache_info().currsize
    assert _layouts(texts) == fresh
    from gipr_lint.reading.parser import parse_text

    seed = next(text for text in TEXTS if "一、本年新收政府信息公开申请数量0000000" in text)
    ambiguous = seed.replace("一、本年新收政府信息公开申请数量0000000",
                             "一、本年新收政府信息公开申请数量110000011")
    for _ in range(2):
        assert [p.kind for p in parse_text(ambiguous).problems] == ["ambiguous-cells"]


def test_a_line_is_matched_as_debris_only_if_it_opens_with_a_debris_word() -> None:
    from gipr_lint.reading.layout import debris

    words = sorted({word for _, pattern in debris._LINE_KINDS_AND_PATTERNS
                    for word in re.findall(r"[\u4e00-\u9fff【]+", pattern)})
    tails = ["", " > 年报", "：首页 > 信息公开", ":2024-01-02 浏览量:3", " 3 -", "】", "|x"]
    lines = [line for text in TEXTS for line in text.splitlines()]
    lines += [opening + word[start:] + tail for opening in ("", " ", "\u3000", "|", "\t| ")
              for word in words for start in range(len(word)) for tail in tails]
    lines += ["- 3 -", "第 3 页 共 12 页", " \t- 12 -", "【打印本页】【关闭窗口】"]
    for _, pattern in debris._LINE_KINDS_AND_PATTERNS:
        alternative = re.compile(pattern)
        for line in lines:
            if alternative.match(line) and line.strip():
                assert line.lstrip(debris._LINE_OPENING)[:1] in debris._LINE_STARTS, line


def test_a_marker_is_read_only_where_its_first_character_may_open_one() -> None:
    from gipr_lint.reading.layout import markers

    rng = random.Random(15)
    alphabet = "(（)）一二三十是、.．1２٣ \t\u3000a中"
    samples = [line for text in TEXTS for line in text.splitlines()] + [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(8))) for _ in range(20000)]
    for line in samples:
        found = markers._MARKER.match(line)
        first = line[:1]
        if first not in markers._OPENINGS and not first.isdecimal():
            assert found is None and markers.read_marker(line) is None, line


def test_the_requests_format_by_substrings_equals_the_label_patterns() -> None:
    from gipr_lint.reading.layout.tables import _NO_CORRECTION, _OTHER_2019, _requests_format

    rng = random.Random(15)
    texts = [CompactText(text).text for text in TEXTS]
    texts += [text.replace("处理其政府", "受理其政府") for text in texts[:3]]  # the variant
    texts += ["(六)其他处理",
              "六其他处理申请人无正当理由逾期不补正、行政机关不再受理其政府信息公开申请"]
    for text in texts:
        for _ in range(40):
            start = rng.randrange(len(text) + 1)
            end = rng.randrange(start, len(text) + 1)
            has_2021_rows = _NO_CORRECTION.search(text, start, end)
            has_2019_row = _OTHER_2019.search(text, start, end)
            assert _requests_format(text, start, end) == (
                "2019" if has_2019_row and not has_2021_rows else "2021")
    assert _requests_format("(六)其他处理", 0, 7) == "2019"


@pytest.mark.parametrize("templates", [NATIONAL, PACK], ids=["national", "pack"])
def test_a_plans_steps_take_every_item_once_in_order(templates: Templates) -> None:
    for plan in _plans(templates):
        # a run of headers names the item after it, which the next step takes
        taken = [taken for headers, item, _ in plan.steps
                 for taken in (headers if headers else (item,))]
        rows = [item for headers, item, _ in plan.steps if not headers]
        assert [id(item) for item in taken] == [id(item) for item in plan.items]
        assert len(rows) == plan.rows and not any(item.optional for item in rows)
        for headers, item, following in plan.steps:
            assert all(header.optional for header in headers)
            if not headers and item is not None:
                assert following is plan.following[plan.items.index(item)]


def test_objects_made_as_twins_are_the_model_classes_own() -> None:
    """An object made as its class's twin is an instance of the class itself: equal, hashed,
    shown and pickled as one made by ``__init__``, and as frozen; a class of another layout has
    no twin."""
    import dataclasses
    import pickle

    from gipr_lint.reading.layout.objects import new_cell, new_cells, twin

    made = new_cell("12", 12, 3, 5)
    plain = Cell("12", 12, Span(3, 5))
    assert type(made) is Cell and type(made.span) is Span
    assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
    assert pickle.loads(pickle.dumps(made)) == plain
    assert new_cells([("0", 0, 1, 2, False), ("-", 0, 4, 5, True)], 10) == (
        Cell("0", 0, Span(11, 12)), Cell("-", 0, Span(14, 15), True))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.raw = "13"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.span.start = 0  # type: ignore[misc]

    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        value: int

    with pytest.raises((TypeError, AttributeError)):
        twin(Unslotted)


def _unwrap_matching_first(text: str, start: int, end: int) -> object:
    """:func:`~gipr_lint.reading.layout.columns.unwrap` as it was before it looked for
    continuations first: every short line matched against the pattern, then the lines after a
    match looked at."""
    from gipr_lint.reading.layout.columns import (
        _MAX_LINE,
        _MAX_LINES,
        Unwrapped,
        _is_continuation,
        _patterns,
    )
    from gipr_lint.reading.layout.tables import completes_label

    lines = []
    position = start
    for line in text[start:end].splitlines(keepends=True):
        lines.append((position, position + len(line.rstrip("\r\n"))))
        position += len(line)
    pieces: list[tuple[int, int] | str] = []
    index = 0
    cursor = start
    while index < len(lines):
        line_start, line_end = lines[index]
        match = (_patterns()[0].fullmatch(text, line_start, line_end)
                 if line_end - line_start <= _MAX_LINE else None)
        following = []
        if match is not None:
            for next_start, next_end in lines[index + 1:index + 1 + _MAX_LINES]:
                if not _is_continuation(text[next_start:next_end]):
                    break
                following.append((next_start, next_end))
        label = match.group("label") if match is not None else ""
        while following and not completes_label(
                label, "".join(text[a:b].strip() for a, b in following)):
            following.pop()
        if match is not None and following:
            pieces.append((cursor, match.end("label")))
            for next_start, next_end in following:
                pieces += [" ", (next_start, next_end)]
            pieces.append((match.start("numbers"), match.end("numbers")))
            cursor = following[-1][1]
            index += 1 + len(following)
            continue
        index += 1
    if not pieces:
        return None
    pieces.append((cursor, end))
    out, origin = [], []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
            origin.extend([origin[-1] if origin else start] * len(piece))
        else:
            out.append(text[piece[0]:piece[1]])
            origin.extend(range(piece[0], piece[1]))
    origin.append(end)
    return Unwrapped("".join(out), tuple(origin))


def test_unwrapping_looks_for_continuations_first_with_the_same_result() -> None:
    from gipr_lint.reading.layout.columns import unwrap
    from gipr_lint.reading.layout.tables import completes_label

    wrapped = ["(二)部分公开(区          0   0   0   0   0   0   0", "  分处理的,只计这一",
               "情形,不计其他情形)", "1.属于国家秘密      1   2   -   /", "）", "说明文字",
               "(三)不予公开     3     0", "本年新收   0  0", "第二十条", "政府信息公开申请数量",
               "一、本年新收政府信息公开申请数量   3   0", "", "  ", "12 34", "（一）予以公开",
               # numbers ending in a slash, a full-width digit, a dash, blanks of every kind
               "(二)部分公开(区     0   ／", "(二)部分公开(区  ０\u3000\t",
               "(二)部分公开(区  1  -  ",
               "2.没有现成信息需要  −1   0.5", "3.补正后申请人  0 −"]
    rng = random.Random(15)
    texts = [first + "\n" + "\n".join(wrapped[1:3]) + "\n"
             for first in (wrapped[0], *wrapped[-5:-2])]
    texts += ["\n".join(rng.choice(wrapped) for _ in range(rng.randrange(1, 12)))
              for _ in range(800)]
    made_whole = 0
    for text in texts:
        start = rng.randrange(3)
        found = unwrap(text, start, len(text), completes_label)
        assert found == _unwrap_matching_first(text, start, len(text)), repr(text)
        made_whole += found is not None
    assert made_whole > 20
    assert all(unwrap(text, 0, len(text), completes_label) is not None for text in texts[:4])


@pytest.mark.parametrize("templates", [NATIONAL, PACK], ids=["national", "pack"])
def test_headers_found_in_their_stretch_alone_equal_those_found_in_the_whole_text(
        templates: Templates) -> None:
    """Headers are found in the stretch of compact text cut out (and remembered by it): the
    same as looked for in the whole text between the stretch's ends."""
    from gipr_lint.reading.layout.tables import _find_headers

    def in_whole_text(headers: tuple[_Expected, ...], text: str, cursor: int,
                      limit: int) -> list[tuple[int, int, int]]:
        found = []
        header_cursor = cursor
        for number, header in enumerate(headers):
            match = header.find(text, header_cursor, limit)
            if match is None and header_cursor != cursor:
                match = header.find(text, cursor, limit)
            if match is not None:
                found.append((number, match[0] - cursor, match[1] - cursor))
                header_cursor = max(header_cursor, match[1])
        return found

    rng = random.Random(15)
    seen = 0
    for text in [CompactText(text).text for text in TEXTS]:
        for plan in _plans(templates):
            for headers, _, _ in plan.steps:
                if not headers:
                    continue
                for _ in range(6):
                    cursor = rng.randrange(len(text) + 1)
                    limit = rng.randrange(cursor, min(len(text), cursor + 400) + 1)
                    expected = in_whole_text(headers, text, cursor, limit)
                    assert list(_find_headers(headers, text[cursor:limit], 0,
                                              limit - cursor)) == expected
                    assert list(_find_headers(headers, text, cursor, limit)) == expected
                    seen += len(expected)
    assert seen > 100


def test_tables_read_with_remembered_headers_read_as_fresh_ones() -> None:
    from gipr_lint.reading.layout import tables

    plans = [tables._expected(NATIONAL, kind, format_) for kind in ("active", "requests")
             for format_ in ("2021", "2019")]
    texts = [*TEXTS, *(text.replace("\n", " ") for text in TEXTS[:4])]
    with using(NATIONAL):
        for plan in plans:
            plan.headers_found.clear()
        fresh = _layouts(texts)
        assert any(plan.headers_found for plan in plans)
        assert _layouts(texts) == fresh


def test_the_written_out_label_search_finds_what_the_items_own_search_finds() -> None:
    """:meth:`_Searches.first` searches an item's words and matches the note after them itself
    (``search_words``, ``noted``) rather than through ``item.find``: at every label of every
    plan, national and a pack's, in texts with notes after labels, both give the same start,
    end and match."""
    from gipr_lint.reading.layout.tables import _match_note

    noted = [compact(text).replace("数量", "数量(不含转办件)").replace("规章", "规章(含规范)")
             for text in TEXTS[:6]]
    notes = 0
    for templates in (NATIONAL, PACK):
        for kind, formats in (("requests", ("2019", "2021")), ("active", ("2019", "2021"))):
            for format_ in formats:
                for item in _expected(templates, kind, format_).items:
                    for text in noted:
                        cursor, stop = 0, len(text)
                        while (found := item.find(text, cursor, stop)) is not None:
                            match = item.search_words(text, cursor, stop)
                            assert match is not None
                            start, end = match.span()
                            if item.noted and end < stop and text[end] == "(":
                                note = _match_note(text, end, stop)
                                end = note.end() if note is not None else end
                                notes += note is not None
                            assert (start, end) == found[:2] and match.span() == found[2].span()
                            cursor = found[1] if found[1] > cursor else cursor + 1
                        assert item.search_words(text, cursor, stop) is None
    assert notes  # (a label's note was matched apart from its words)


def test_a_signature_is_looked_for_only_on_lines_ending_in_a_date() -> None:
    """The signature's date must end its line: a line whose words do not end with 日 is passed
    over without the date pattern. Dates followed by blanks still sign; a date followed by
    words does not; one of the last lines above a closing sentence does."""
    from gipr_lint.reading.layout.signature import find_signature

    def signature(body: str) -> tuple[str, str | None] | None:
        text = "正文第一段。\n" + body
        starts, ends = _lines(text)
        found = find_signature(text, starts, ends, 0, lambda offset: False)
        if found is None:
            return None
        return (text[found.span.start:found.span.end],
                found.agency.text if found.agency else None)

    assert signature("某某县人民政府办公室\n2025年1月20日 \u3000\n") == (
        "某某县人民政府办公室\n2025年1月20日", "某某县人民政府办公室")
    assert signature("某某县人民政府办公室  二〇二五年一月二十日\n") == (
        "某某县人民政府办公室  二〇二五年一月二十日", "某某县人民政府办公室")
    assert signature("某某县人民政府办公室\n2025年1月20日印发。\n") is None
    assert signature("某某县人民政府办公室\n2025年1月20日\n特此报告。\n") == (
        "某某县人民政府办公室\n2025年1月20日", "某某县人民政府办公室")
    assert signature("2025年1月20日起施行的办法,至2025年2月1日\n") is None
    assert signature("某某县人民政府办公室\n2025年1月20日 日\n") is None
