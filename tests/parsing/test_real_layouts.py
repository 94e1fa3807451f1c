"""Table layouts met in published reports beyond the seeds, reproduced row by row."""

from __future__ import annotations

from gipr_lint.reading.parser import parse_text
from gipr_lint.reading.source import Source

HEAD = "某区统计局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"


def _rows(text: str) -> dict[str, list[object]]:
    report = parse_text(HEAD + text)
    assert report.problems == ()
    return {row.key: [None if c.blank else c.value for c in row.cells]
            for row in report.tables["requests"].rows}


def test_pipe_terminated_cells_one_per_line_with_blank_cells() -> None:
    # Each cell on its own line ending in "|"; a lone "|" is an empty cell.
    text = ("一、本年新收政府信息公开申请数量 |\n|\n|\n|\n|\n|\n|\n0 |\n||\n"
            "二、上年结转政府信息公开申请数量 |\n2 |\n|\n|\n|\n|\n|\n2 |\n||\n")
    assert _rows(text) == {"new": [None] * 6 + [0], "carried_over": [2] + [None] * 5 + [2]}


def test_leading_blank_cells_in_a_pipe_row() -> None:
    # Only the 总计 is filled in; the applicant columns are left empty.
    text = ("一、本年新收政府信息公开申请数量 | 0 | | | | | | 0 |\n"
            "二、上年结转政府信息公开申请数量 | | | | | | | 0 |\n"
            "三、本年度办理结果 | (一)予以公开 | | | | | | | 0 |\n"
            "| (二)部分公开(区分处理的,只计这一情形,不计其他情形) | | | | | | | 0 |\n")
    assert _rows(text) == {"new": [0, None, None, None, None, None, 0],
                           "carried_over": [None] * 6 + [0],
                           "granted": [None] * 6 + [0],
                           "partially_granted": [None] * 6 + [0]}


def test_blank_cells_point_at_their_empty_field() -> None:
    text = HEAD + ("一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
                   "二、上年结转政府信息公开申请数量 | | | | | | | 0 |\n")
    report = parse_text(text)
    row = report.tables["requests"].row("carried_over")
    assert row is not None
    source = Source.from_text(text)
    assert [source.position(c.span.start) for c in row.cells[:2]] == [(4, 19), (4, 21)]


def test_a_label_column_of_two_levels_is_not_read_as_blank_cells() -> None:
    # A misaligned tab row: an empty group column before the numbers (seed 001, row 61).
    text = ("4.无正当理由大量反复申请\t\t0\t0\t0\t0\t0\t0\t0\t\n\t\n"
            "\t\t\t5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0\n")
    assert _rows(text) == {"not_processed.excessive": [0] * 7,
                           "not_processed.confirmation": [0] * 7}


def test_a_row_short_at_its_end_stays_short() -> None:
    # Trailing "||" is merged-cell debris, not a blank 总计: the missing cell is reported.
    report = parse_text(HEAD
                        + "一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n"
                        + "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n")
    assert [p.message for p in report.problems] == [
        "一、本年新收政府信息公开申请数量: 6 cells, expected 7"]


def test_rows_opening_with_a_pipe_and_spaced_block_labels() -> None:
    text = ("二、主动公开政府信息情况\n"
            "| 第二十条  第(一)项 | |||\n"
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 | \n"
            "| 规章 | 0 | 0 | 0 | \n"
            "| 行政规范性文件 | 2 | 0 | 15 | \n"
            "三、收到和处理政府信息公开申请情况\n"
            "| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 | ||\n"
            "| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n")
    report = parse_text("某市某局2023年政府信息公开工作年度报告\n" + text)
    assert report.problems == ()
    assert report.tables["active"].row("normative_documents").values() == (2, 0, 15)  # type: ignore[union-attr]
    assert report.tables["requests"].row("new").values() == (3, 0, 0, 0, 0, 0, 3)  # type: ignore[union-attr]


def test_text_from_a_pdf_space_aligned_with_a_page_break_inside_a_table() -> None:
    text = ("三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量    4    0    0    0    0    0    4\n"
            "\n- 3 -\n\f\n"
            "二、上年结转政府信息公开申请数量    0    0    0    0    0    0    0\n"
            "三、本年度办理结果    (一)予以公开    3    0    0    0    0    0    3\n"
            "\n第 4 页 共 9 页\n"
            "(二)部分公开(区分处理的,只计这一情形,不计其他情形)\n1    0    0    0    0    0    1\n")
    report = parse_text("某镇人民政府2024年政府信息公开工作年度报告\n" + text)
    assert report.problems == ()
    assert {row.key: row.values() for row in report.tables["requests"].rows} == {
        "new": (4, 0, 0, 0, 0, 0, 4), "carried_over": (0,) * 7,
        "granted": (3, 0, 0, 0, 0, 0, 3), "partially_granted": (1, 0, 0, 0, 0, 0, 1)}


def test_table_labels_in_sentences_are_not_table_rows() -> None:
    # Section 二's heading is lost, so table 二 is looked for in section 一's prose.
    text = ("上海市2022年政府信息公开工作年度报告\n一、总体情况\n"
            "主动公开市政府规章13件(含新制定5件),行政规范性文件42件。全年未收到行政许可申请。\n"
            "三、收到和处理政府信息公开申请情况\n")
    report = parse_text(text)
    assert "active" not in report.tables
    assert report.problems == ()


def test_a_label_in_prose_before_the_table_does_not_hide_the_row() -> None:
    text = ("某县某局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
            "本年度制发规章0件。\n"
            "第二十条第(一)项\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n"
            "规章 | 0 | 0 | 0\n行政规范性文件 | 1 | 0 | 3\n")
    report = parse_text(text)
    assert report.problems == ()
    rules = report.tables["active"].row("rules")
    assert rules is not None and Source.from_text(text).position(rules.label_span.start) == (6, 1)


def test_cells_and_separators_on_alternate_lines() -> None:
    rows = ["一、本年新收政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1",
            "二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "0", "0"]
    assert _rows("".join(f"{cell}\n|\n" for cell in rows)) == {
        "new": [1, 0, 0, 0, 0, 0, 1], "carried_over": [0] * 7}
