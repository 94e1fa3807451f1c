"""Per-file budgets for hostile PDFs (issue 17): pages, size, time, memory, nesting.

Each hostile file is made by the test, small on disk however big it claims to be. The limits
come from GIPR_LINT_PDF_* environment variables (docs/parsing.md, "PDF files").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gipr_lint.reading.readers.pdf import read_pdf
from gipr_lint.reading.readers.pdf_budget import Limits
from gipr_lint.reading.source import DecodeError
from tests.readers.pdf_hostile import (
    endless_content_pdf,
    nested_array_pdf,
    nested_pages_pdf,
    pages_pdf,
)


def _write(tmp_path: Path, data: bytes, name: str = "hostile.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _refusal(path: Path, limits: Limits | None = None) -> str:
    with pytest.raises(DecodeError) as caught:
        read_pdf(path, limits)
    return str(caught.value)


def test_the_limits_have_documented_defaults() -> None:
    assert Limits.from_env({}) == Limits(max_mb=100.0, max_pages=500, timeout=30.0,
                                         max_memory_mb=1024.0, isolate=True)


def test_the_limits_are_read_from_the_environment() -> None:
    env = {"GIPR_LINT_PDF_MAX_MB": "5", "GIPR_LINT_PDF_MAX_PAGES": "2000",
           "GIPR_LINT_PDF_TIMEOUT": "120", "GIPR_LINT_PDF_MAX_MEMORY_MB": "4096",
           "GIPR_LINT_PDF_ISOLATE": "0"}
    assert Limits.from_env(env) == Limits(5.0, 2000, 120.0, 4096.0, False)


@pytest.mark.parametrize("value", ["ten", "0", "-3"])
def test_a_bad_limit_is_a_clear_error(value: str) -> None:
    with pytest.raises(DecodeError) as caught:
        Limits.from_env({"GIPR_LINT_PDF_TIMEOUT": value})
    assert str(caught.value) == f"GIPR_LINT_PDF_TIMEOUT={value!r} is not a positive number"


def test_thousands_of_pages_are_refused_without_reading_them(tmp_path: Path) -> None:
    path = _write(tmp_path, pages_pdf(5000))
    assert _refusal(path) == ("the PDF has more than 500 pages, the limit for one file (raise "
                              "it with GIPR_LINT_PDF_MAX_PAGES)")


def test_the_page_limit_can_be_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, pages_pdf(30))
    monkeypatch.setenv("GIPR_LINT_PDF_MAX_PAGES", "20")
    assert "more than 20 pages" in _refusal(path)
    monkeypatch.setenv("GIPR_LINT_PDF_MAX_PAGES", "30")
    assert read_pdf(path).text.count("x") == 30


def test_a_file_over_the_size_limit_is_refused_before_parsing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, pages_pdf(200))
    monkeypatch.setenv("GIPR_LINT_PDF_MAX_MB", "0.01")
    assert _refusal(path) == ("the PDF is 0 MB, more than the limit of 0.01 MB for one file "
                              "(raise it with GIPR_LINT_PDF_MAX_MB)")


def test_a_page_tree_nested_thousands_deep_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, nested_pages_pdf(5000))
    assert _refusal(path) == ("the PDF's objects are nested too deeply to read (a damaged or "
                              "hostile file)")


def test_an_array_nested_a_hundred_thousand_deep_does_not_stop_the_reading(
        tmp_path: Path) -> None:
    path = _write(tmp_path, nested_array_pdf(100_000))
    assert read_pdf(path).text == "Annual report on disclosure\n"


def test_an_endless_content_stream_is_stopped_at_the_time_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, endless_content_pdf(20_000_000))  # 80 MB of operators
    assert _refusal(path, Limits(timeout=1.0)) == (
        "reading the PDF took longer than 1 s, the limit for one file (raise it with "
        "GIPR_LINT_PDF_TIMEOUT)")


def test_a_content_stream_that_inflates_past_the_memory_limit_is_refused(
        tmp_path: Path) -> None:
    path = _write(tmp_path, endless_content_pdf(50_000_000))  # 200 MB inflated, ~200 KB on disk
    assert path.stat().st_size < 1024 * 1024
    assert _refusal(path, Limits(max_memory_mb=64)) == (
        "reading the PDF needs more memory than the limit for one file (raise it with "
        "GIPR_LINT_PDF_MAX_MEMORY_MB)")


def test_in_process_reading_checks_the_time_between_pages(tmp_path: Path) -> None:
    """Without a child process (GIPR_LINT_PDF_ISOLATE=0, or no fork on the platform) the time
    limit is checked page by page."""
    path = _write(tmp_path, pages_pdf(40))
    assert _refusal(path, Limits(timeout=1e-9, isolate=False)) == (
        "reading the PDF took longer than 1e-09 s, the limit for one file (raise it with "
        "GIPR_LINT_PDF_TIMEOUT)")
    assert read_pdf(path, Limits(isolate=False)).text.count("x") == 40
