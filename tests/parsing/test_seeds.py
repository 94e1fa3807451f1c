"""The five seed reports parse completely, each in its own layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from gipr_lint.formatters.report_json import report_to_dict
from gipr_lint.reading.parser import parse, parse_text
from gipr_lint.reading.source import read_source
from tests.parsing.expected import SEEDS

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="module", params=sorted(SEEDS))
def seed(request: pytest.FixtureRequest) -> tuple[str, dict]:
    report = parse(read_source(FIXTURES / request.param))
    return request.param, report_to_dict(report)


def test_facts(seed: tuple[str, dict]) -> None:
    name, parsed = seed
    expected = SEEDS[name]
    assert (parsed["agency"], parsed["agency_kind"], parsed["year"], parsed["format"]) == (
        expected["agency"], expected["agency_kind"], expected["year"], expected["format"])


def test_sections_with_lines(seed: tuple[str, dict]) -> None:
    name, parsed = seed
    found = [{"number": s["number"], "title": s["official_title"], "line": s["line"]}
             for s in parsed["sections"]]
    assert found == SEEDS[name]["sections"]


@pytest.mark.parametrize("table", ["active", "requests", "review"])
def test_every_cell(seed: tuple[str, dict], table: str) -> None:
    name, parsed = seed
    assert parsed["tables"][table] == SEEDS[name][table]
    assert list(parsed["tables"][table]) == list(SEEDS[name][table])  # row order too


def test_no_structural_problems(seed: tuple[str, dict]) -> None:
    _, parsed = seed
    assert parsed["problems"] == []
    assert parsed["missing_rows"] == {}


def test_signature_and_debris(seed: tuple[str, dict]) -> None:
    name, parsed = seed
    assert parsed["signature"] == SEEDS[name].get("signature")
    assert [d["kind"] for d in parsed["debris"]] == SEEDS[name].get("debris", [])


def test_agency_of_004_comes_from_the_text_not_the_title() -> None:
    report = parse(read_source(FIXTURES / "004_6f3669565db78123.txt"))
    assert report.title is not None and report.title.text == "2024年政府信息公开工作年度报告"
    assert report.agency_origin == "text"
    assert report.source.position(report.agency.span.start) == (4, 1)  # type: ignore[union-attr]


def test_cell_positions_point_at_the_digits() -> None:
    report = parse(read_source(FIXTURES / "004_6f3669565db78123.txt"))
    requests = report.tables["requests"]
    new = requests.row("new")
    assert new is not None
    assert [report.source.position(c.span.start) for c in new.cells] == [
        (line, 2) for line in range(82, 89)]
    review = report.tables["review"]
    assert report.source.position(review.rows[0].cells[1].span.start) == (388, 2)


def test_run_together_cells_have_their_own_columns() -> None:
    report = parse(read_source(FIXTURES / "003_75f5e1dd19ed0e46.txt"))
    new = report.tables["requests"].row("new")
    assert new is not None
    assert [report.source.position(c.span.start) for c in new.cells] == [
        (49, 17 + i) for i in range(7)]
    review = report.tables["review"]
    assert [report.source.position(c.span.start)[1] for r in review.rows for c in r.cells] == list(
        range(1, 16))


def test_reworded_labels_are_recognised_and_marked() -> None:
    report = parse(read_source(FIXTURES / "002_1e1d37345e448265.txt"))
    requests = report.tables["requests"]
    reworded = [row.key for row in requests.rows if row.reworded]
    assert reworded == ["denied.prohibited_by_law", "other.no_correction", "other.no_fee"]


@pytest.mark.parametrize(("title", "agency", "year"), [
    ("高庄镇人民政府2024年政府信息公开工作年度报告", "高庄镇人民政府", 2024),
    ("甘河子镇政府信息公开工作2024年度报告", "甘河子镇", 2024),
    ("2024年高庄镇人民政府政府信息公开工作年度报告", "高庄镇人民政府", 2024),
    ("二〇二四年高庄镇政府信息公开工作年度报告", "高庄镇", 2024),
    ("关于2024年政府信息公开工作年度报告", None, 2024),
    ("XX市人民政府办公室关于2024年度政府信息公开工作年度报告", "XX市人民政府办公室", 2024),
    ("政府信息公开工作年度报告", None, None),
    # a sentence of the preamble read as the title names no agency (found on a correct 街道
    # report without a title line: A002 then compared its 落款 with "根据《中华人民共和国")
    ("根据《中华人民共和国政府信息公开条例》及《国务院办公厅政府信息与政务公开办公室关于政府信息公开"
     "工作年度报告", None, None),
    ("《某某县人民政府2024年政府信息公开工作年度报告》", "某某县人民政府", 2024),
])
def test_title_facts(title: str, agency: str | None, year: int | None) -> None:
    report = parse_text(f"{title}\n一、总体情况\n正文。\n")
    assert (report.agency.text if report.agency else None, report.year) == (agency, year)


def test_statistics_period_of_000() -> None:
    parsed = report_to_dict(parse(read_source(FIXTURES / "000_6a437f78ed373b70.txt")))
    assert parsed["periods"] == [{"start": "2024-01-01", "end": "2024-12-31",
                                  "text": "2024年1月1日至2024年12月31日", "line": 3}]


def test_the_year_comes_from_the_period_when_the_title_lacks_it() -> None:
    report = parse_text("某镇政府信息公开工作年度报告\n一、总体情况\n"
                        "本报告所列数据统计期限自二〇二三年一月一日起至二〇二三年十二月三十一日止。\n")
    assert report.year == 2023
    assert report.source.slice(report.year_span) == "二〇二三"  # type: ignore[arg-type]
