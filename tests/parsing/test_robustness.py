"""The parser never gives up: random, truncated or mangled text yields a report, no traceback."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gipr_lint.reading.parser import parse_text
from gipr_lint.reading.source import Source

FIXTURES = Path(__file__).parent.parent / "fixtures"
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]

# Characters that matter to the layout recovery, so random text hits the interesting paths.
REPORT_ALPHABET = st.sampled_from(list(
    "一二三四五六七八九十（）()、.，。|\t \n0123456789总体情况主动公开政府信息申请行政复议诉讼"
    "规章本年新收结转予以部分不予无法处理其他计年月日镇局我-—/无")) | st.characters()


def _check(text: str) -> None:
    report = parse_text(text)
    source = Source.from_text(text)
    for problem in report.problems:
        assert 0 <= problem.span.start <= problem.span.end <= len(text)
        source.position(problem.span.start)
    for table in report.tables.values():
        for _row, _index, cell in table.cells():
            assert 0 <= cell.span.start <= cell.span.end <= len(text)
            if cell.value is not None and not cell.blank:
                assert text[cell.span.start:cell.span.end] == cell.raw


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=REPORT_ALPHABET, max_size=400))
def test_random_text(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SEED_TEXTS), st.data())
def test_truncated_seeds(seed: str, data: st.DataObject) -> None:
    end = data.draw(st.integers(0, len(seed)))
    start = data.draw(st.integers(0, end))
    _check(seed[start:end])


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SEED_TEXTS), st.data())
def test_mangled_seeds(seed: str, data: st.DataObject) -> None:
    """Delete or insert characters anywhere: tables lose cells, labels break."""
    text = seed
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(text)))
        if data.draw(st.booleans()):
            text = text[:at] + text[at + data.draw(st.integers(1, 30)):]
        else:
            text = text[:at] + data.draw(st.text(alphabet=REPORT_ALPHABET, max_size=5)) + text[at:]
    _check(text)


def test_a_row_with_a_missing_cell_is_reported_at_its_label() -> None:
    seed = SEED_TEXTS[0]
    text = seed.replace("二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
                        "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 |")
    report = parse_text(text)
    source = Source.from_text(text)
    assert [(p.message, source.position(p.span.start)) for p in report.problems] == [
        ("二、上年结转政府信息公开申请数量: 6 cells, expected 7", (29, 1))]
    row = report.tables["requests"].row("carried_over")
    assert row is not None and row.values() == (0, 0, 0, 0, 0, 0, None)


def test_an_extra_cell_is_reported_and_ignored() -> None:
    text = SEED_TEXTS[0].replace("行政许可 | 0 | ||", "行政许可 | 0 | 7 ||")
    report = parse_text(text)
    assert [p.message for p in report.problems] == [
        "行政许可: 2 cells, expected 1; the extra cells are ignored"]
    assert report.tables["active"].row("licensing").values() == (0,)  # type: ignore[union-attr]


def test_ambiguous_digit_run_is_reported_not_guessed() -> None:
    text = SEED_TEXTS[3].replace("一、本年新收政府信息公开申请数量0000000",
                                 "一、本年新收政府信息公开申请数量110000011")
    report = parse_text(text)
    assert [p.kind for p in report.problems] == ["ambiguous-cells"]
    assert report.tables["requests"].row("new").values() == (None,) * 7  # type: ignore[union-attr]


def test_a_table_that_was_an_image() -> None:
    lines = SEED_TEXTS[0].splitlines()
    text = "\n".join(line for line in lines if not line.startswith("0 | 0"))  # table 四's numbers
    report = parse_text(text)
    assert "review" in report.tables
    assert [p.kind for p in report.problems] == ["no-numbers"]


def test_missing_sections_still_yield_their_tables() -> None:
    text = SEED_TEXTS[0].replace("三、收到和处理政府信息公开申请情况\n", "")
    report = parse_text(text)
    assert [s.number for s in report.sections] == [1, 2, 4, 5, 6]
    assert report.tables["requests"].row("total").values() == (0,) * 7  # type: ignore[union-attr]


def test_a_large_file() -> None:
    text = SEED_TEXTS[2] * 200  # about 1.2 MB of repeated reports
    report = parse_text(text)
    assert len(report.sections) == 6 * 200


def test_a_table_of_contents_does_not_hide_the_tables() -> None:
    contents = ("目录\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
                "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n"
                "六、其他需要报告的事项\n")
    title, rest = SEED_TEXTS[0].split("\n", 1)
    report = parse_text(f"{title}\n{contents}{rest}")
    assert [(s.number, report.source.position(s.heading.span.start)[0])
            for s in report.sections] == [(1, 9), (2, 16), (3, 31), (4, 60), (5, 65), (6, 68)]
    assert [p.text for p in report.preamble][:2] == ["目录", "一、总体情况"]
    assert set(report.tables) == {"active", "requests", "review"}
    assert report.tables["requests"].row("total").values() == (0,) * 7  # type: ignore[union-attr]


def test_headings_without_bodies_are_not_taken_for_a_table_of_contents() -> None:
    text = ("高庄镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况\n"
            "三、收到和处理政府信息公开申请情况\n")
    assert [s.number for s in parse_text(text).sections] == [1, 2, 3]
