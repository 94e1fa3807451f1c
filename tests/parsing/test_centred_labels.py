"""Row labels split around their line of numbers, as text copied out of a PDF exported from Word
has them: Word centres a merged label vertically in its cell, so the copy (a viewer's, pdfplumber's
plain or laid-out text, pdftotext) has the label's first lines above the numbers, its last below,
and pieces of the outer group label (三、本年度办理结果, （六）其他处理) in between:

    （二）部分公开（区分处理的，
    理结果 1 3 1 0 0 0 5
    只计这一情形，不计其他情形）

Each such row is read whole, at the place it has in the file; where the lines do not make a label
whole in one way, the row is left unread rather than given another row's numbers."""

from __future__ import annotations

import io
from functools import cache

import pytest

from gipr_lint.diagnostics import Severity
from gipr_lint.linting.engine import lint_text
from gipr_lint.linting.plugin_manager import load_plugins
from gipr_lint.model import Report
from gipr_lint.reading.layout.columns import rejoin_centred
from gipr_lint.reading.layout.tables import names_row, whole_label
from gipr_lint.reading.parser import parse_text
from tests.readers import pdf_render
from tests.readers.correct_reports import reports


@cache
def copied(name: str, layout: bool = False, word_widths: bool = False) -> str:
    """The text of a correct report's PDF as pdfplumber gives it, page by page."""
    import pdfplumber

    pdf = pdf_render.render_report(reports()[name], pdf_render.Options(word_widths=word_widths))
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text(layout=layout) or "" for page in document.pages)


def _values(report: Report) -> dict[tuple[str, str], tuple[object, ...]]:
    return {(kind, row.key): row.values()
            for kind, table in report.tables.items() for row in table.rows}


@cache
def _source_values(name: str) -> dict[tuple[str, str], tuple[object, ...]]:
    return _values(parse_text(reports()[name]))


@pytest.mark.parametrize("word_widths", [False, True], ids=["balanced", "word-widths"])
@pytest.mark.parametrize("layout", [False, True], ids=["plain", "layout"])
@pytest.mark.parametrize("name", ["ministry", "county", "jiedao", "county-2019-format-2020"])
def test_every_table_of_the_copied_text_is_read_as_the_source_has_it(
        name: str, layout: bool, word_widths: bool) -> None:
    text = copied(name, layout, word_widths)
    below = [line.strip() for line in text.split("（二）部分公开")[1].split("\n")[1:]
             if line.strip()]
    assert below[0][-1].isdigit() and below[1].endswith("情形）")  # split around its numbers
    report = parse_text(text)
    assert report.tables_fully_read() == (3, 3)
    assert report.problems == ()
    assert _values(report) == _source_values(name)


def _lines(text: str, start: str, count: int) -> list[str]:
    lines = text.split("\n")
    at = next(index for index, line in enumerate(lines) if line.startswith(start))
    return lines[at:at + count]


def test_the_copied_lines_are_those_of_a_centred_label() -> None:
    """What the tests below read: the lines pdfplumber gives for (二), (五)5 and (六)1–2."""
    text = copied("ministry")
    assert _lines(text, "（二）部分公开", 3) == [
        "（二）部分公开（区分处理的，", "理结果 1 3 1 0 0 0 5", "只计这一情形，不计其他情形）"]
    assert _lines(text, "5.要求行政机关确认", 3) == [
        "5.要求行政机关确认", "0 0 0 0 0 0 0", "或重新出具已获取信息"]
    assert _lines(text, "1.申请人无正当理由逾", 8) == [
        "1.申请人无正当理由逾", "期不补正、行政机关不再 0 0 0 0 0 0 0", "处理其政府信息公开申请",
        "（六）其", "2.申请人逾期未按收费通知", "他处理",
        "要求缴纳费用、行政机关不再 0 0 0 0 0 0 0", "处理其政府信息公开申请"]


def test_a_centred_row_points_into_the_copied_text() -> None:
    text = copied("ministry")
    report = parse_text(text)
    row = report.tables["requests"].row("partially_granted")
    assert row is not None
    label = text[row.label_span.start:row.label_span.end]
    assert label.startswith("（二）部分公开（区分处理的，") and label.endswith("不计其他情形）")
    numbers = text.index("理结果 1 3 1 0 0 0 5") + len("理结果 ")
    assert [(cell.raw, cell.span.start - numbers) for cell in row.cells] == [
        (digit, 2 * index) for index, digit in enumerate("1310005")]


def test_a_wrong_total_on_a_centred_row_is_found_where_it_is() -> None:
    text = copied("ministry").replace("理结果 1 3 1 0 0 0 5", "理结果 1 3 1 0 0 0 6")
    line = text[:text.index("理结果 1 3 1 0 0 0 6")].count("\n") + 1
    rules = tuple(rule for code, rule in load_plugins().rules.items() if code != "E999")
    errors = {(d.code, d.line, d.column) for d in lint_text(text, rules)
              if d.severity is Severity.ERROR}
    assert ("T001", line, 17) in errors  # 总计 6 of the row, where the six columns add up to 5


@pytest.mark.parametrize("between", [
    "- 3 -",  # a page number where the numbers were: no row's cells
    # a running header: digits, not a label's
    "水利部2024年政府信息公开工作年度报告\n0 0 0 0 0 0 0",
    "1.申请人无正当理由逾\n0 0 0 0 0 0 0",  # another row's label (its numbering) in between
])
def test_lines_that_do_not_make_one_label_give_no_row_other_numbers(between: str) -> None:
    text = copied("ministry").replace("5.要求行政机关确认\n0 0 0 0 0 0 0\n",
                                      f"5.要求行政机关确认\n{between}\n")
    report = parse_text(text)
    row = report.tables["requests"].row("not_processed.confirmation")
    assert row is None or all(value is None for value in row.values())
    want = _source_values("ministry")
    wrong = {key for key, values in _values(report).items()
             if values != want.get(key) and any(value is not None for value in values)}
    assert wrong == set()


def _made_whole(lines: list[str]) -> str | None:
    text = "\n".join(lines) + "\n"
    found = rejoin_centred(text, 0, len(text), whole_label, names_row)
    if found is not None:  # every character maps back to the same character of the original
        assert all(text[found.origin[index]] == character
                   for index, character in enumerate(found.text) if not character.isspace())
    return None if found is None else found.text


def test_outer_pieces_stay_on_lines_of_their_own_above_the_row() -> None:
    assert _made_whole(["（六）其", "2.申请人逾期未按收费通知", "他处理",
                        "要求缴纳费用、行政机关不再 0 0 0 0 0 0 0", "处理其政府信息公开申请",
                        "3.其他 1 0 0 0 0 0 1"]) == (
        "（六）其\n他处理\n2.申请人逾期未按收费通知 要求缴纳费用、行政机关不再 "
        "处理其政府信息公开申请 0 0 0 0 0 0 0\n3.其他 1 0 0 0 0 0 1\n")
    # Word's filling at 12 pt: the outer pieces fall between the label's lines and after them
    assert _made_whole(["（二）部分公开（区分处理的，只计这", "1 3 1 0 0 0 5", "度办",
                        "一情形，不计其他情形）", "理结", "1.属于国家秘密 1 1 0 0 1 0 3"]) == (
        "度办\n（二）部分公开（区分处理的，只计这 一情形，不计其他情形） 1 3 1 0 0 0 5\n理结\n"
        "1.属于国家秘密 1 1 0 0 1 0 3\n")


def test_a_label_whole_in_two_ways_is_left_as_it_is() -> None:
    # "1.属于国家秘密" from the first line, "属于国家秘密" (unnumbered) from the second
    assert _made_whole(["1.", "属于国家", "0 0 0 0 0 0 0", "秘密"]) is None
    assert _made_whole(["1.属于", "国家 0 0 0 0 0 0 0", "秘密"]) == (
        "1.属于 国家 秘密 0 0 0 0 0 0 0\n")


def test_labels_whole_on_their_lines_are_left_as_they_are() -> None:
    assert _made_whole(["（二）部分公开（区分处理的，只计这一",
                        "情形，不计其他情形） 1 3 1 0 0 0 5",
                        "1.属于国家秘密 1 1 0 0 1 0 3"]) is None
    assert _made_whole(["5.要求行政机关确认或重新出具已获取信息", "1 3 1 0 0 0 5"]) is None
