"""The audit page and the findings CSV name the place in a PDF or Word file the reader traced a
finding to (a page, a line on it, a table cell, a paragraph), as the other formats do."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from gipr_lint.cli import main
from tests.readers.render import SEEDS, render_docx

PDF = Path(__file__).parent.parent / "fixtures" / "pdf" / "000_6a437f78ed373b70.pdf"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    main(["--isolated", *args])
    return capsys.readouterr().out


def test_the_audit_page_names_pdf_pages_lines_and_cells(
        capsys: pytest.CaptureFixture[str]) -> None:
    page = run(capsys, "--format", "html", "--select", "T008,A001", str(PDF))
    assert page.count("原文件第3页表3第2行第2列") == 1  # T008 on a header cell
    assert "原文件第3页第7行" in page and "原文件第3页第8行" in page  # A001 twice
    assert "第55行第10列" not in page  # the canonical text's line, not the PDF's


def test_the_audit_page_names_word_paragraphs(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    render_docx(SEEDS[0], tmp_path / "c.docx")
    page = run(capsys, "--format", "html", "--select", "A001", str(tmp_path / "c.docx"))
    assert page.count("原文件第14段") == 2  # 我局 twice in one paragraph


def test_the_csv_names_the_place_in_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "--format", "csv", "--select", "T008,A001", str(PDF))
    table = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert [(row["code"], row["origin"]) for row in table] == [
        ("T008", "page 3, table 3, row 2, column 2"), ("A001", "page 3, line 7"),
        ("A001", "page 3, line 8")]
