"""The seed reports as published PDFs: same tables, same findings, positions on the page.

The PDFs in tests/fixtures/pdf/ are rendered from the seeds by scripts/make_pdf_fixtures.py
in the layout of published 年报 (title over two lines, running header, page numbers, ruled
tables with the official multi-level headers, table 三 cut by a page break inside
（四）无法提供).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from gipr_lint.linting.config import build_settings
from gipr_lint.linting.engine import FileResult, lint_path
from gipr_lint.linting.plugin_manager import PluginSet, load_plugins
from gipr_lint.model import Report
from gipr_lint.reading.document import Origin
from gipr_lint.reading.parser import parse
from gipr_lint.reading.readers.pdf import PdfReader, read_pdf
from gipr_lint.reading.source import read_source
from tests.readers.pdf_render import Options, render_report

FIXTURES = Path(__file__).parent.parent / "fixtures"
SEEDS = sorted(FIXTURES.glob("*.txt"))
SEED_000 = FIXTURES / "000_6a437f78ed373b70.txt"


@pytest.fixture(scope="module")
def plugins() -> PluginSet:
    return load_plugins()


def _lint(path: Path, plugins: PluginSet) -> FileResult:
    return lint_path(path, build_settings({}, root=path.parent), plugins)


def _tables(report: Report) -> dict[str, object]:
    return {kind: (table.format, table.missing_rows,
                   [(row.key, [(cell.value, cell.blank) for cell in row.cells])
                    for row in table.rows])
            for kind, table in report.tables.items()}


def _pdf(seed: Path) -> Path:
    return FIXTURES / "pdf" / f"{seed.stem}.pdf"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_each_seed_pdf_parses_to_the_tables_of_its_text(seed: Path) -> None:
    text_report = parse(read_source(seed))
    pdf_report = parse(read_pdf(_pdf(seed)))
    assert set(pdf_report.tables) == {"active", "requests", "review"}
    assert _tables(pdf_report) == _tables(text_report)
    assert pdf_report.problems == ()
    assert pdf_report.format == text_report.format


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_each_seed_pdf_reads_the_prose_of_its_text(seed: Path) -> None:
    """Title over two lines, paragraphs wrapped and cut by page breaks: each comes out as the
    one line the seed has; running headers and page numbers are gone."""
    source = read_pdf(_pdf(seed))
    prose = [line for line in source.text.splitlines() if not line.startswith("|")]
    seed_lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines()]
    assert all(line in seed_lines for line in prose)
    title = parse(read_source(seed)).title
    assert title is not None and title.text.strip() in prose  # one line, not two
    assert not any(re.match(r"- \d+ -$|第 \d+ 页 共 \d+ 页$", line) for line in prose)
    assert len(prose) == len(set(prose))  # the running header (the title) is read once
    assert source.kind == "pdf"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_each_seed_pdf_gets_the_findings_of_its_text(seed: Path, plugins: PluginSet) -> None:
    from_text = _lint(seed, plugins)
    from_pdf = _lint(_pdf(seed), plugins)
    assert from_pdf.error is None
    assert ([(d.code, d.message) for d in from_pdf.diagnostics]
            == [(d.code, d.message) for d in from_text.diagnostics])
    source = from_pdf.source
    assert source is not None
    for diagnostic in from_pdf.diagnostics:
        origin = source.origin(diagnostic.span.start)
        assert origin is not None and origin.page is not None


def test_findings_name_the_page_and_line_or_cell(plugins: PluginSet) -> None:
    result = _lint(_pdf(SEED_000), plugins)
    assert result.source is not None
    where = [(d.code, result.source.slice(d.span), result.source.origin(d.span.start))
             for d in result.diagnostics]
    assert where == [
        ("T008", "结果", Origin(page=3, table=3, row=2, cell=2)),
        ("F001", " ", Origin(page=3, line=3)),  # 以 下: the paragraph's first line
        ("F001", " ", Origin(page=3, line=4)),  # 进一 步: its second line
        ("F001", " ", Origin(page=3, line=5)),
        ("A001", "我局", Origin(page=3, line=7)),
        ("A001", "我局", Origin(page=3, line=8)),
    ]


def test_a_wrong_total_in_a_pdf_cell_is_reported_at_its_page_and_cell(
        tmp_path: Path, plugins: PluginSet) -> None:
    pdf = tmp_path / "wrong.pdf"
    pdf.write_bytes(render_report(SEED_000.read_text(encoding="utf-8"),
                                  Options(cells={("requests", "total", 6): "3"})))
    result = _lint(pdf, plugins)
    assert result.source is not None
    found = {(d.code, result.source.slice(d.span), result.source.origin(d.span.start))
             for d in result.diagnostics if d.code in ("T001", "T002")}
    # table 三 is the PDF's second table; its row 27 is （七）总计 (3 header rows first, the
    # page break in between), column 10 the 总计 column; it stands on page 3
    cell = Origin(page=3, table=2, row=27, cell=10)
    assert found == {("T001", "3", cell), ("T002", "3", cell)}


def test_a_blank_pdf_cell_stays_blank_not_zero(tmp_path: Path, plugins: PluginSet) -> None:
    pdf = tmp_path / "blank.pdf"
    pdf.write_bytes(render_report(SEED_000.read_text(encoding="utf-8"),
                                  Options(cells={("requests", "new", 0): ""})))
    result = _lint(pdf, plugins)
    assert result.report is not None and result.source is not None
    row = result.report.tables["requests"].row("new")
    assert row is not None and row.cells[0].raw == "" and row.cells[0].blank
    [blank] = [d for d in result.diagnostics if d.code == "T006"]
    assert result.source.origin(blank.span.start) == Origin(page=2, table=2, row=4, cell=4)


def test_a_repeated_header_on_the_next_page_is_dropped(tmp_path: Path) -> None:
    pdf = tmp_path / "repeat.pdf"
    pdf.write_bytes(render_report(SEED_000.read_text(encoding="utf-8"),
                                  Options(repeat_header=True)))
    source = read_pdf(pdf)
    assert source.text.count("申请人情况") == 1
    assert _tables(parse(source)) == _tables(parse(read_source(SEED_000)))


def test_the_cut_label_is_rejoined() -> None:
    """Word cut the merged label （四）无法提供 at the page break: "（四）无" / "法提供"."""
    import pdfplumber

    with pdfplumber.open(_pdf(SEED_000)) as pdf:
        assert "（四）无" in pdf.pages[1].extract_text()
        assert pdf.pages[2].extract_text().lstrip().splitlines()[1].startswith("法提供")
    lines = read_pdf(_pdf(SEED_000)).text.splitlines()
    assert "| （四）无法提供 | 1.本机关不掌握相关政府信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in lines
    assert "| 2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in lines


def test_the_pdf_reader_is_a_plugin_registered_like_a_third_partys(plugins: PluginSet) -> None:
    assert isinstance(plugins.reader_for("report.PDF"), PdfReader)
    [info] = [info for info in plugins.plugins if info.name == "pdf"]
    assert info.module == "gipr_lint.reading.readers.pdf" and info.codes == []


def test_pdfplumber_is_imported_only_to_read_a_pdf() -> None:
    code = ("import sys; from gipr_lint.linting.plugin_manager import load_plugins; "
            "load_plugins(); print('pdfplumber' in sys.modules, 'pdfminer' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == ["False", "False"]
