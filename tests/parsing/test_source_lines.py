"""A line opening "来源：" is a web page's source field (debris, S006) or the report's own words
naming where its figures come from. The real portal lines of the seeds and published reports
stay debris; sentences about the figures, in a section or under the title, do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from gipr_lint.reading.layout.debris import find_debris
from gipr_lint.testing import lint

ROOT = Path(__file__).resolve().parents[2]
#: Every line of the stored reports holding a page's source field, by file and line number.
PORTAL_LINES = [
    ("tests/fixtures/003_75f5e1dd19ed0e46.txt", 3),
    ("tests/fixtures/published/yaozhou-shenjiju-2020.txt", 4),
    ("tests/published/jinan-qu-2016.txt", 3),
    ("tests/published/wangtuan-zhen-2023.txt", 4),
    ("tests/published/shanxi-ziranziyuanting-2023.txt", 2),
    ("tests/published/sichuan-ziranziyuanting-2023.txt", 4),
]


@pytest.mark.parametrize(("path", "line"), PORTAL_LINES)
def test_the_real_portal_source_lines_are_still_debris(path: str, line: int) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    assert "来源" in text.split("\n")[line - 1]
    found = [d for d in lint(text, select=["S006"]) if d.code == "S006"]
    assert (line, 1) in [(d.line, d.column) for d in found]
    assert any("page metadata" in d.message for d in found if d.line == line)


_REPORT = ("某镇人民政府2024年政府信息公开工作年度报告\n{head}一、总体情况\n"
           "2024年，我镇认真落实政府信息公开工作。\n{body}")


@pytest.mark.parametrize("line", ["来源：镇党政办公室统计数据", "来源：镇人民政府网站",
                                  "信息来源：各站所报送，经镇党政办公室汇总",
                                  "数据来源：本机关政务服务平台",
                                  "来源：本表数据来源于镇便民服务中心台账"])
def test_a_source_line_in_a_section_is_prose(line: str) -> None:
    text = _REPORT.format(head="", body=line + "\n本年度主动公开政府信息35条。\n")
    assert [d for d in lint(text, select=["S006"]) if d.code == "S006"] == []


@pytest.mark.parametrize(("line", "debris"), [
    ("来源：某镇人民政府网", True), ("来源：本网", True), ("来源：党政办公室", True),
    ("信息来源：某市人民政府门户网站", True), ("来源：", True),
    ("来源：镇党政办公室统计数据", False), ("来源：本镇2024年政务公开工作台账，经汇总审核", False)])
def test_a_source_line_under_the_title(line: str, debris: bool) -> None:
    text = _REPORT.format(head=line + "\n", body="")
    found = [(d.line, d.column) for d in lint(text, select=["S006"]) if d.code == "S006"]
    assert found == ([(2, 1)] if debris else [])


def test_another_metadata_field_on_the_line_makes_it_debris_in_a_section() -> None:
    text = "来源：区人民政府办公室 时间：2017-01-12 10:01"
    assert [d.kind for d in find_debris(text, 0, len(text), in_body=True)] == ["meta"]
    prose = "来源：区人民政府办公室统计数据"
    assert find_debris(prose, 0, len(prose), in_body=True) == []
    assert find_debris(prose, 0, len(prose), in_body=False) == []
