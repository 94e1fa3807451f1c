"""The report grammar is generated from the templates: the committed national grammar is up to
date, every template row is a terminal in template order with its template's cells, a pack's
row flows into the grammar, and the parser decides row order and width."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lark import Lark

from gipr_lint.reading.canonical import generate, vocabulary
from gipr_lint.reading.grammar import report_parser
from gipr_lint.reading.parser import parse_text
from gipr_lint.templates import NATIONAL, REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, using

ROOT = Path(__file__).resolve().parents[2]
EXTRA_ROW = {"kind": "row", "table": "requests", "key": "other.provincial",
             "label": "其他省定情形", "numbering": "4.", "after": "other.other",
             "formats": ["2021"]}


def test_the_committed_grammar_is_the_generated_national_one() -> None:
    committed = (ROOT / "grammars" / "report.lark").read_text(encoding="utf-8")
    assert committed == generate(NATIONAL), \
        "grammars/report.lark is stale: run `python scripts/gen_grammar.py`"


def test_the_grammar_in_effect_is_printed_by_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "gipr_lint", "parse", "--grammar"],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == generate(NATIONAL)


def test_parse_without_a_file_or_grammar_is_a_usage_error() -> None:
    done = subprocess.run([sys.executable, "-m", "gipr_lint", "parse"], capture_output=True,
                          text=True, encoding="utf-8", check=False)
    assert done.returncode == 2
    assert "give a FILE (or --grammar)" in done.stderr


def test_every_template_row_is_a_terminal_in_template_order() -> None:
    words = vocabulary(NATIONAL)
    grammar = generate(NATIONAL)
    for format_, rows in NATIONAL.request_rows.items():
        terminals = [words.rows[("requests", format_, row.key)] for row in rows]
        positions = [grammar.index(f"{t.lower()}: {t} ") for t in terminals]
        assert positions == sorted(positions)
        assert all(words.labels[t] == (len(REQUEST_COLUMNS), True) for t in terminals)
    for format_, blocks in NATIONAL.active_blocks.items():
        for block in blocks:
            for row in block.rows:
                terminal = words.rows[("active", format_, row.key)]
                assert words.labels[terminal] == (len(block.columns), False)
    assert words.labels["REVIEW_HEADER"] == (len(REVIEW_GROUPS) * len(REVIEW_COLUMNS), True)
    assert "review_values: _cells_15\n" in grammar


def test_a_pack_row_flows_into_the_grammar_and_builds_without_conflicts() -> None:
    extended = NATIONAL.extended([EXTRA_ROW])
    words = vocabulary(extended)
    terminal = words.rows[("requests", "2021", "other.provincial")]
    assert ("requests", "2019", "other.provincial") not in words.rows
    grammar = generate(extended)
    before = words.rows[("requests", "2021", "other.other")]
    assert grammar.index(f"{before.lower()}: ") < grammar.index(f"{terminal.lower()}: ")
    assert terminal not in generate(NATIONAL)
    assert isinstance(report_parser(extended), Lark)  # strict=True: a conflict would raise


_TABLE = """\
某县人民政府2024年政府信息公开工作年度报告
一、总体情况
本年度依法公开政府信息。
二、主动公开政府信息情况
第二十条第（一）项
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
规章 | 0 | 0 | 0
规范性文件 | 1 | 2
"""


def test_a_short_row_is_padded_to_the_width_the_grammar_gives_it() -> None:
    report = parse_text(_TABLE)
    row = report.tables["active"].rows[1]
    assert (row.key, [c.raw for c in row.cells]) == ("normative_documents", ["1", "2", ""])
    shape = [p for p in report.problems if p.kind == "row-shape"]
    assert [(p.row, p.expected, p.found) for p in shape] == [("normative_documents", 3, 2)]


def test_the_current_template_set_chooses_the_grammar() -> None:
    extended = NATIONAL.extended([EXTRA_ROW])
    with using(extended):
        assert report_parser() is report_parser(extended)
    assert report_parser() is report_parser(NATIONAL)
    assert report_parser(extended) is not report_parser(NATIONAL)


_HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
             "六、其他需要报告的事项"]


def _outline(numbers: list[int]) -> tuple[list[int], list[tuple[str, int | None, int | None]]]:
    text = "某县人民政府2024年政府信息公开工作年度报告\n" + "".join(
        f"{_HEADINGS[n - 1]}\n本节内容。\n" for n in numbers)
    report = parse_text(text)
    return ([s.number for s in report.sections],
            [(p.kind, p.expected, p.found) for p in report.outline])


def test_sections_in_order_leave_the_outline_clean() -> None:
    assert _outline([1, 2, 3, 4, 5, 6]) == ([1, 2, 3, 4, 5, 6], [])


def test_one_misplaced_section_is_one_outline_error() -> None:
    # 六 first: the longest run in order (一 to 五) is kept, 六 alone is out of order
    assert _outline([6, 1, 2, 3, 4, 5]) == ([6, 1, 2, 3, 4, 5], [("section-order", None, 6)])


def test_a_repeated_and_a_missing_section_are_outline_errors() -> None:
    sections, outline = _outline([1, 2, 2, 4, 5, 6])
    assert sections == [1, 2, 2, 4, 5, 6]  # the repeated section's text is kept
    assert outline == [("section-repeated", 2, 2), ("section-missing", 3, 0)]


def test_a_missing_section_is_placed_before_the_next_section() -> None:
    text = "标题年度报告\n一、总体情况\n甲。\n三、收到和处理政府信息公开申请情况\n乙。\n"
    report = parse_text(text)
    missing = [p for p in report.outline if p.kind == "section-missing"]
    assert [(p.expected, p.span.start) for p in missing] == [
        (2, text.index("三、")), (4, len(text.rstrip())), (5, len(text.rstrip())),
        (6, len(text.rstrip()))]


SEED = (ROOT / "tests" / "fixtures" / "000_6a437f78ed373b70.txt").read_text(encoding="utf-8")


def test_the_rows_the_grammar_did_not_see_are_the_missing_rows_in_template_order() -> None:
    lines = SEED.splitlines(keepends=True)
    dropped = [line for line in lines if line.startswith(("4.保护第三方合法权益", "行政许可 |"))]
    assert len(dropped) == 2
    report = parse_text("".join(line for line in lines if line not in dropped))
    assert report.tables["requests"].missing_rows == ("denied.third_party",)
    assert report.tables["active"].missing_rows == ("licensing",)


def test_a_pack_row_left_out_is_a_missing_row() -> None:
    with using(NATIONAL.extended([EXTRA_ROW])):
        report = parse_text(SEED)
    assert report.tables["requests"].missing_rows == ("other.provincial",)


def test_the_parser_of_each_generated_grammar_is_cached_and_a_broken_cache_is_rebuilt(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gipr_lint.reading import grammar

    monkeypatch.setenv("GIPR_LINT_CACHE_DIR", str(tmp_path))
    expected = parse_text(SEED)  # by the parser built in this process
    try:
        grammar._parser_for.cache_clear()
        assert parse_text(SEED) == expected
        [national] = tmp_path.glob("table-*.pickle")
        national.write_bytes(b"not a cache")
        for _ in range(2):  # rebuilt over the broken file, then loaded from the rewritten one
            grammar._parser_for.cache_clear()
            assert parse_text(SEED) == expected
            assert national.read_bytes() != b"not a cache"
        with using(NATIONAL.extended([EXTRA_ROW])):  # a pack's row: another grammar, another file
            parse_text(SEED)
        assert len(list(tmp_path.glob("table-*.pickle"))) == 2
        monkeypatch.setenv("GIPR_LINT_CACHE_DIR", "")  # set but empty: no cache
        grammar._parser_for.cache_clear()
        for saved in tmp_path.glob("table-*.pickle"):
            saved.unlink()
        assert parse_text(SEED) == expected
        assert list(tmp_path.iterdir()) == []
    finally:
        grammar._parser_for.cache_clear()



def test_a_saved_table_of_another_grammar_under_the_same_name_is_not_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The table file is named by a checksum; what decides is the whole grammar saved in it, so
    a file whose name matches but whose grammar differs (a collision) is rebuilt over."""
    import pickle

    from gipr_lint.reading import grammar

    monkeypatch.setenv("GIPR_LINT_CACHE_DIR", str(tmp_path))
    expected = parse_text(SEED)
    try:
        grammar._parser_for.cache_clear()
        parse_text(SEED)
        [saved] = tmp_path.glob("table-*.pickle")
        material, table = pickle.loads(saved.read_bytes())
        saved.write_bytes(pickle.dumps(("another grammar", table)))
        grammar._parser_for.cache_clear()
        assert parse_text(SEED) == expected
        assert pickle.loads(saved.read_bytes())[0] == material  # rebuilt and saved again
    finally:
        grammar._parser_for.cache_clear()

_REVIEW = "四、政府信息公开行政复议、行政诉讼情况\n" + " | ".join(
    ["行政复议", "行政诉讼"] + [c for _ in REVIEW_GROUPS for c in REVIEW_COLUMNS]) + "\n"


@pytest.mark.parametrize("count", [14, 16])
def test_a_review_table_with_the_wrong_cell_count_expects_its_grammar_width(count: int) -> None:
    report = parse_text(_REVIEW + " | ".join(["0"] * count) + "\n")
    shape = [p for p in report.problems if p.kind == "row-shape"]
    width = len(REVIEW_GROUPS) * len(REVIEW_COLUMNS)
    assert [(p.table, p.expected, p.found) for p in shape] == [("review", width, count)]
    assert shape[0].message.startswith(f"table 四: {count} cells, expected 15")
