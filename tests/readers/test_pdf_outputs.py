"""The PDF reader among the other readers: chosen by content (``accepts``), and its origins
(page and line, page and table cell) named in every output format, in English and Chinese."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gipr_lint.cli import main
from gipr_lint.reading.readers.pdf import PdfReader

PDF = Path(__file__).parent.parent / "fixtures" / "pdf" / "000_6a437f78ed373b70.pdf"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--isolated", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_pdf_reader_accepts_pdf_bytes_only() -> None:
    reader = PdfReader()
    assert reader.accepts(PDF.read_bytes()[:4096])
    assert not reader.accepts(b"<html><body>%PDF</body></html>")
    assert not reader.accepts(b"")


def test_a_pdf_named_txt_is_read_as_a_pdf(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(PDF, tmp_path / "report.txt")
    code, out, err = run(capsys, "--format", "concise", "--select", "A001",
                         str(tmp_path / "report.txt"))
    assert (code, err) == (1, "")
    assert [line.rsplit(" (", 1)[1] for line in out.splitlines()] == [
        "page 3, line 7)", "page 3, line 8)"]


def test_concise_names_the_page_and_the_cell(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "concise", "--select", "T008,A001", str(PDF))
    assert code == 1
    assert [line.rsplit(" (", 1)[1] for line in out.splitlines()] == [
        "page 3, table 3, row 2, column 2)", "page 3, line 7)", "page 3, line 8)"]


def test_chinese_output_names_the_place_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "concise", "--lang", "zh", "--select", "T008,A001",
                       str(PDF))
    assert code == 1
    # in Chinese brackets, as the message around them (they were ASCII: `…应为“我镇” (第3页第7行)`)
    assert [line.rsplit("（", 1)[1] for line in out.splitlines()] == [
        "第3页表3第2行第2列）", "第3页第7行）", "第3页第8行）"]
    assert out.splitlines()[1].endswith("乡镇的报告中出现“我局”，应为“我镇”（第3页第7行）")
    code, out, _ = run(capsys, "--lang", "zh", "--select", "A001", str(PDF))
    assert out.splitlines()[0] == (f"{PDF}: 第3页第7行: error A001 [self-reference] "
                                   "乡镇的报告中出现“我局”，应为“我镇”")


def test_sarif_and_github_lead_with_the_place_in_chinese(
        capsys: pytest.CaptureFixture[str]) -> None:
    """The place before the message took an ASCII colon in Chinese output (`第3页第7行: …`)."""
    _, out, _ = run(capsys, "--format", "sarif", "--lang", "zh", "--select", "A001", str(PDF))
    results = json.loads(out)["runs"][0]["results"]
    assert results[0]["message"]["text"] == "第3页第7行：乡镇的报告中出现“我局”，应为“我镇”"
    assert results[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "第3页第7行"
    _, out, _ = run(capsys, "--format", "github", "--lang", "zh", "--select", "A001", str(PDF))
    assert out.splitlines()[0] == (f"::error file={PDF},title=A001 self-reference::"
                                   "第3页第7行：乡镇的报告中出现“我局”，应为“我镇”")
    _, out, _ = run(capsys, "--format", "sarif", "--lang", "en", "--select", "A001", str(PDF))
    assert json.loads(out)["runs"][0]["results"][0]["message"]["text"].startswith(
        "page 3, line 7: ")


def test_json_sarif_github_and_full_name_the_place(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--format", "json", "--select", "T008", str(PDF))
    (finding,) = json.loads(out)["files"][0]["diagnostics"]
    assert finding["origin"] == {"page": 3, "table": 3, "row": 2, "cell": 2}
    assert finding["location"] == "page 3, table 3, row 2, column 2"
    assert finding["fix"] is None

    _, out, _ = run(capsys, "--format", "sarif", "--select", "A001", str(PDF))
    results = json.loads(out)["runs"][0]["results"]
    assert [r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] for r in results] == [
        "page 3, line 7", "page 3, line 8"]
    assert all("region" not in r["locations"][0]["physicalLocation"] for r in results)

    _, out, _ = run(capsys, "--format", "github", "--select", "T008", str(PDF))
    assert out.startswith(f"::warning file={PDF},title=T008 reworded-label::page 3, table 3, "
                          "row 2, column 2: table 四: ")

    _, out, _ = run(capsys, "--select", "T008", str(PDF))
    assert out.splitlines()[0].startswith(f"{PDF}: page 3, table 3, row 2, column 2: warning "
                                          "T008 [reworded-label] ")


@pytest.mark.parametrize("option", ["--fix", "--diff"])
def test_fix_is_refused_on_a_pdf(option: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, option, "--select", "F001", str(PDF))
    assert code == 2
    assert err == (f"gipr-lint: {PDF}: {option}: cannot rewrite a PDF file; gipr-lint fixes "
                   "plain-text reports only: correct the findings in the original document\n")
