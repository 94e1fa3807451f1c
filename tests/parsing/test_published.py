"""Published reports of other agency kinds (tests/fixtures/published/, sources in SOURCES.md):
their tables as read, in their own form and in each lossy form; their facts; and what the
linter says about the text being cut short."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from gipr_lint.model import Report
from gipr_lint.reading.parser import parse, parse_text
from gipr_lint.reading.source import read_source
from tests.parsing.lossy import FORMS, rewrite

PUBLISHED = Path(__file__).parent.parent / "fixtures" / "published"
Z = (0,)
ACTIVE_2021 = {"rules": (0, 0, 0), "normative_documents": (0, 0, 0), "licensing": Z,
               "penalty": Z, "enforcement": Z, "fees": Z}
BLANK6 = (None,) * 6  # blank cells, shown as None here (read as 0, flagged by T006)

#: What each report's tables hold, checked by hand against the text.
TABLES: dict[str, dict[str, dict[str, tuple[object, ...]]]] = {
    "cangxi-xiangcunzhenxing-2023.txt": {"active": ACTIVE_2021},
    "qu-tongjiju-2023.txt": {
        "active": {**ACTIVE_2021, "rules": (None, None, None)},  # "/" in each cell
        "requests": {"new": (*BLANK6, 0), "carried_over": (*BLANK6, 0), "granted": ()}},
    "zhashui-lianglu-2023.txt": {
        "active": {key: value for key, value in ACTIVE_2021.items() if key != "fees"}},
    "qingchuan-xiangcunzhenxing-2021.txt": {
        "active": {"rules": (0, 0, 0), "normative_documents": (0, 0, 0), "licensing": Z}},
    "huangshi-shenjiju-2019.txt": {
        "active": {"rules": (0, 0, 0), "normative_documents": (3, 3, 3)}},
    "shenjiju-2020-pdf-page9.txt": {
        "review": {"review": (0,) * 5, "litigation_direct": (0,) * 5,
                   "litigation_after_review": (0,) * 5}},
    "yaozhou-shenjiju-2020.txt": {},
    "longyou-xianzhengfuban-2023.txt": {},
}

#: Rows whose cells a lossy form does not let the linter tell apart: blank cells written as
#: nothing leave no trace once the separators are gone.
CANNOT_TELL: dict[tuple[str, str], set[tuple[str, str]]] = {
    ("qu-tongjiju-2023.txt", form): {("requests", "new"), ("requests", "carried_over")}
    for form in ("concatenated", "spaced", "pdftotext")
}

#: Agency, year and format each report states (None: its stored text does not say).
FACTS = {
    "cangxi-xiangcunzhenxing-2023.txt": (None, 2023, "2021"),
    "qu-tongjiju-2023.txt": (None, None, "2021"),
    "zhashui-lianglu-2023.txt": (None, 2023, "2021"),
    "qingchuan-xiangcunzhenxing-2021.txt": (None, None, "2021"),
    "huangshi-shenjiju-2019.txt": (None, None, "2019"),
    "shenjiju-2020-pdf-page9.txt": (None, 2020, "2019"),
    "yaozhou-shenjiju-2020.txt": ("铜川市耀州区审计局", 2020, "2019"),
    "longyou-xianzhengfuban-2023.txt": ("龙游县人民政府办公室", 2023, "2021"),
}


@cache
def published(name: str) -> Report:
    return parse(read_source(PUBLISHED / name))


def _tables(report: Report) -> dict[str, dict[str, tuple[object, ...]]]:
    return {kind: {row.key: tuple(None if cell.blank else cell.value for cell in row.cells)
                   for row in table.rows}
            for kind, table in report.tables.items()}


def test_every_published_fixture_is_listed() -> None:
    assert sorted(TABLES) == sorted(path.name for path in PUBLISHED.glob("*.txt"))
    sources = (PUBLISHED / "SOURCES.md").read_text(encoding="utf-8")
    assert all(name in sources for name in TABLES)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_tables_as_published(name: str) -> None:
    report = published(name)
    assert _tables(report) == TABLES[name]
    agency, year, format_ = FACTS[name]
    assert (report.agency.text if report.agency else None, report.year, report.format) == (
        agency, year, format_)


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("name", sorted(name for name, tables in TABLES.items() if tables))
def test_tables_in_each_lossy_form(name: str, form: str) -> None:
    original = published(name)
    lossy = parse_text(rewrite(original, form))
    want = {(kind, key): tuple(cell.value for cell in row.cells)
            for kind, table in original.tables.items() for row in table.rows for key in [row.key]}
    got = {(kind, row.key): row.values()
           for kind, table in lossy.tables.items() for row in table.rows}
    cannot_tell = CANNOT_TELL.get((name, form), set())
    assert {key for key in want if got.get(key) != want[key]} == cannot_tell
    assert all(all(v is None for v in got[key]) for key in cannot_tell)
    flagged = {(p.table, p.row) for p in lossy.problems
               if p.kind in ("ambiguous-cells", "unsplit-cells")}
    assert flagged == cannot_tell


def test_a_title_split_over_two_lines() -> None:
    report = published("yaozhou-shenjiju-2020.txt")
    assert report.title is not None
    assert report.title.text == "铜川市耀州区审计局\n2020年政府信息公开工作年度报告"
    assert report.source.position(report.title.span.start) == (1, 1)


def test_a_pdf_page_header_is_no_agency() -> None:
    report = published("shenjiju-2020-pdf-page9.txt")
    assert report.title is not None and report.agency is None and report.year == 2020
