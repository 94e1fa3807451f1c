"""How the PDF reader rebuilds lines, paragraphs and tables: small PDFs drawn by each test."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gipr_lint.reading.readers.pdf import read_pdf
from gipr_lint.reading.readers.pdf_lines import Line, furniture, join_text
from tests.readers.pdf_render import FONT, _font

Draw = Callable[[Any], None]


def _pdf(tmp_path: Path, *pages: Draw) -> Path:
    from reportlab.pdfgen import canvas

    _font()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(595, 842), invariant=True)
    for draw in pages:
        pdf.setFont(FONT, 12)
        draw(pdf)
        pdf.showPage()
    pdf.save()
    path = tmp_path / "layout.pdf"
    path.write_bytes(out.getvalue())
    return path


PROSE = "本机关认真贯彻落实政府信息公开条例，持续推进政务公开工作，" * 3


@pytest.mark.parametrize(("before", "after", "joined"), [
    ("推进政务", "公开工作", "推进政务公开工作"),
    ("annual", "report", "annual report"),
    ("共计20", "24件", "共计2024件"),
    ("见http://www.gov.cn/", "xxgk", "见http://www.gov.cn/xxgk"),
    ("还存在以 ", "下问题", "还存在以 下问题"),
])
def test_wrapped_lines_join_with_a_space_only_between_latin_words(
        before: str, after: str, joined: str) -> None:
    assert join_text(before, after) == joined


def test_spread_chinese_characters_get_no_space_but_latin_words_do(tmp_path: Path) -> None:
    def draw(pdf: Any) -> None:
        text = pdf.beginText(72, 720)
        text.setFont(FONT, 12)
        text.setCharSpace(6)  # justified: half a character between characters
        text.textOut("持续推进政务公开工作")
        text.setCharSpace(0)
        pdf.drawText(text)
        pdf.setFont("Helvetica", 12)
        for index, word in enumerate(["Open", "Government", "Data"]):  # no space characters
            pdf.drawString(72 + index * 80, 690, word)

    assert read_pdf(_pdf(tmp_path, draw)).text == "持续推进政务公开工作\nOpen Government Data\n"


def test_overprinted_bold_is_read_once(tmp_path: Path) -> None:
    def draw(pdf: Any) -> None:
        pdf.drawString(72, 720, "一、总体情况")
        pdf.drawString(72.3, 720, "一、总体情况")
        pdf.drawString(96, 700, "本机关认真贯彻落实政府信息公开条例。")

    assert read_pdf(_pdf(tmp_path, draw)).text.splitlines() == [
        "一、总体情况", "本机关认真贯彻落实政府信息公开条例。"]


def test_a_paragraph_continues_over_the_page_break_past_header_and_footer(
        tmp_path: Path) -> None:
    def page(number: int, lines: list[tuple[float, str]]) -> Draw:
        def draw(pdf: Any) -> None:
            pdf.setFont(FONT, 9)
            pdf.drawCentredString(297, 800, "某某县人民政府2024年政府信息公开工作年度报告")
            pdf.drawCentredString(297, 40, f"第 {number} 页 共 2 页")
            pdf.setFont(FONT, 12)
            for x, text in lines:
                pdf.drawString(x, 700 - 20 * lines.index((x, text)), text)
        return draw

    full = "本机关认真贯彻落实政府信息公开条例持续推进政务公开工作全面提升"
    first = page(1, [(72, "一、总体情况"), (96, full[:-2]), (72, full)])
    second = page(2, [(72, "工作质效。"), (96, "二是加强平台建设。")])
    source = read_pdf(_pdf(tmp_path, first, second))
    assert source.text.splitlines() == [
        "一、总体情况", full[:-2] + full + "工作质效。", "二是加强平台建设。"]
    second_line = source.text.index(full + "工作质效")
    assert source.origin(second_line).page == 1  # type: ignore[union-attr]
    assert source.origin(source.text.index("工作质效")).page == 2  # type: ignore[union-attr]
    assert source.origin(source.text.index("工作质效")).line == 1  # type: ignore[union-attr]


def test_a_ruled_frame_around_prose_is_read_as_paragraphs(tmp_path: Path) -> None:
    """Some reports set their text in a ruled frame, a one-column "table": it is prose."""
    def draw(pdf: Any) -> None:
        pdf.rect(66, 560, 470, 220)
        pdf.drawString(72, 760, "一、总体情况")
        pdf.drawString(96, 740, PROSE[:34])  # indented first line, to the right margin
        y = 722
        for start in range(34, len(PROSE), 36):
            pdf.drawString(72, y, PROSE[start:start + 36])
            y -= 18
        pdf.drawString(72, y, "二、主动公开政府信息情况")

    assert read_pdf(_pdf(tmp_path, draw)).text.splitlines() == [
        "一、总体情况", PROSE, "二、主动公开政府信息情况"]


def test_a_title_over_two_centred_lines_is_one_line(tmp_path: Path) -> None:
    def draw(pdf: Any) -> None:
        pdf.setFont(FONT, 18)
        pdf.drawCentredString(297, 760, "某某街道办事处")
        pdf.drawCentredString(297, 735, "2024年政府信息公开工作年度报告")
        pdf.setFont(FONT, 12)
        pdf.drawString(96, 700, "根据条例规定编制本报告。")
        pdf.drawString(72, 680, "一、总体情况")
        pdf.drawString(96, 660, PROSE[:30])

    assert read_pdf(_pdf(tmp_path, draw)).text.splitlines() == [
        "某某街道办事处2024年政府信息公开工作年度报告", "根据条例规定编制本报告。", "一、总体情况",
        PROSE[:30]]


def _line(text: str, top: float, page: int, size: float = 9.0) -> Line:
    return Line(text=text, x0=200, x1=400, top=top, bottom=top + size, size=size, page=page)


def test_page_numbers_and_repeated_headers_are_furniture_but_a_one_off_line_is_not() -> None:
    header = [_line("某某镇2024年年报", 30, page) for page in (1, 2)]
    numbers = [_line(f"- {page} -", 800, page) for page in (1, 2)]
    body = [_line("一、总体情况", 100, 1, 12), _line("正文", 100, 2, 12)]
    once = _line("仅此一页的页眉", 30, 3)
    pages = [[header[0], body[0], numbers[0]], [header[1], body[1], numbers[1]], [once]]
    assert furniture(pages, [842.0] * 3) == {*header, *numbers}


def test_a_large_title_that_reads_like_the_running_header_is_kept() -> None:
    title = _line("某某镇2024年年报", 60, 1, 18)
    header = _line("某某镇2024年年报", 30, 2)
    number = _line("2", 800, 2)
    assert furniture([[title], [header, number]], [842.0, 842.0]) == {number}


def _grid(pdf: Any, top: float, rows: list[list[str]], widths: list[float]) -> None:
    """A ruled table at ``top`` (PDF y), one line of 9-point text to a cell, left-aligned."""
    pdf.setFont(FONT, 9)
    y = top
    for row in rows:
        x = 72.0
        for text, width in zip(row, widths, strict=True):
            pdf.rect(x, y - 16, width, 16)
            pdf.drawString(x + 2, y - 12, text)
            x += width
        y -= 16


WIDTHS = [110.0, 50.0, 50.0]
CUT = "（二）部分公开（区分处"  # 11 characters of 9 points: to the cell's edge
REST = "理的，只计这一情形）"


@pytest.mark.parametrize("numbers_on", ["first page", "second page"])
def test_a_row_cut_by_the_page_break_is_joined(tmp_path: Path, numbers_on: str) -> None:
    first_numbers, second_numbers = (["3", "4"], ["", ""]) if numbers_on == "first page" else (
        ["", ""], ["3", "4"])

    def first(pdf: Any) -> None:
        pdf.drawString(72, 760, "二、主动公开政府信息情况")
        _grid(pdf, 120, [["规章", "1", "2"], [CUT, *first_numbers]], WIDTHS)

    def second(pdf: Any) -> None:
        _grid(pdf, 780, [[REST, *second_numbers], ["行政处罚", "5", "6"]], WIDTHS)
        pdf.setFont(FONT, 12)
        pdf.drawString(72, 700, "三、收到和处理政府信息公开申请情况")

    assert read_pdf(_pdf(tmp_path, first, second)).text.splitlines() == [
        "二、主动公开政府信息情况",
        "| 规章 | 1 | 2 |",
        f"| {CUT}{REST} | 3 | 4 |",
        "| 行政处罚 | 5 | 6 |",
        "三、收到和处理政府信息公开申请情况",
    ]


def test_a_finished_label_at_the_foot_of_a_page_is_not_joined_to_the_next_row(
        tmp_path: Path) -> None:
    def first(pdf: Any) -> None:
        pdf.drawString(72, 760, "二、主动公开政府信息情况")
        _grid(pdf, 120, [["规章", "1", "2"], ["行政处罚", "3", "4"]], WIDTHS)

    def second(pdf: Any) -> None:
        _grid(pdf, 780, [["行政强制", "5", "6"]], WIDTHS)
        pdf.setFont(FONT, 12)
        pdf.drawString(72, 700, "三、收到和处理政府信息公开申请情况")

    lines = read_pdf(_pdf(tmp_path, first, second)).text.splitlines()
    assert lines[1:4] == ["| 规章 | 1 | 2 |", "| 行政处罚 | 3 | 4 |", "| 行政强制 | 5 | 6 |"]


def test_tables_of_different_widths_on_two_pages_stay_two(tmp_path: Path) -> None:
    def first(pdf: Any) -> None:
        pdf.drawString(72, 760, "二、主动公开政府信息情况")
        _grid(pdf, 120, [["规章", "1", "2"]], WIDTHS)

    def second(pdf: Any) -> None:
        _grid(pdf, 780, [["行政复议", "0"]], [110.0, 80.0])
        pdf.setFont(FONT, 12)
        pdf.drawString(72, 700, "五、存在的主要问题及改进情况")

    source = read_pdf(_pdf(tmp_path, first, second))
    tables = {origin.table for _, origin in source.origins if origin.table}
    assert tables == {1, 2}


def test_an_indent_typed_as_ideographic_spaces_starts_a_paragraph(tmp_path: Path) -> None:
    """Clerks indent with two U+3000 instead of a first-line indent; the PDF draws them."""
    full = PROSE[:36]

    def draw(pdf: Any) -> None:
        pdf.drawString(72, 720, "\u3000\u3000" + full[:34])
        pdf.drawString(72, 702, full)
        pdf.drawString(72, 684, "\u3000\u3000" + PROSE[:20])
        pdf.drawString(72, 666, full)

    assert read_pdf(_pdf(tmp_path, draw)).text.splitlines() == [
        full[:34] + full, PROSE[:20], full]


def test_paragraph_spacing_ends_a_paragraph_without_indent(tmp_path: Path) -> None:
    """Block paragraphs (no first-line indent, space between them) are told apart by the
    space, even when a paragraph's last line happens to be full."""
    full = PROSE[:36]

    def draw(pdf: Any) -> None:
        y = 720.0
        for paragraph in ([full, full], [full, PROSE[:10]]):
            for line in paragraph:
                pdf.drawString(72, y, line)
                y -= 18  # 12-point text, 6 points between lines
            y -= 8  # and 8 more between paragraphs

    assert read_pdf(_pdf(tmp_path, draw)).text.splitlines() == [full + full,
                                                                 full + PROSE[:10]]


def test_a_page_whose_text_runs_sideways_is_read_turned_upright(tmp_path: Path) -> None:
    """Portrait content on a page that /Rotate turns: displayed sideways, read upright."""
    def landscape(pdf: Any) -> None:
        pdf.setPageSize((842, 595))
        pdf.drawString(72, 500, "四、政府信息公开行政复议、行政诉讼情况")

    def turned(pdf: Any) -> None:
        pdf.setPageSize((595, 842))
        pdf.setPageRotation(90)
        pdf.drawString(72, 720, "五、存在的主要问题及改进情况")

    assert read_pdf(_pdf(tmp_path, landscape, turned)).text.splitlines() == [
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况"]
