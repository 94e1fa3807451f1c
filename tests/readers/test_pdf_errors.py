"""PDFs the reader cannot or must not read: each refused with a clear message, never a traceback,
and the other files of the run still linted. Every file is made here by the test."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gipr_lint.reading.readers.pdf import read_pdf
from gipr_lint.reading.source import DecodeError
from tests.readers.pdf_hostile import build_pdf, pages_pdf

FIXTURES = Path(__file__).parent.parent / "fixtures"
SEED_PDF = FIXTURES / "pdf" / "000_6a437f78ed373b70.pdf"
SEED_TXT = FIXTURES / "001_e0653abc3b201f3e.txt"


def _reportlab(draw: object, **canvas_options: object) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, invariant=True, **canvas_options)  # type: ignore[arg-type]
    draw(pdf)  # type: ignore[operator]
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _text(pdf: object) -> None:
    pdf.drawString(72, 720, "Annual report on government information disclosure")  # type: ignore[attr-defined]


def scan_pdf() -> bytes:
    """A page that is only an image, as a scanner makes it."""
    from PIL import Image

    image = Image.new("L", (300, 400), 200)
    return _reportlab(lambda pdf: pdf.drawInlineImage(image, 72, 300, 300, 400))


def encrypted_pdf(user: str) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return _reportlab(_text, encrypt=StandardEncryption(user, ownerPassword="owner", canPrint=0,
                                                        canCopy=0))


def _refusal(tmp_path: Path, data: bytes, name: str = "bad.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DecodeError) as caught:
        read_pdf(path)
    return str(caught.value)


def test_a_scan_without_text_layer_needs_ocr(tmp_path: Path) -> None:
    message = _refusal(tmp_path, scan_pdf())
    assert message == ("the PDF has no text layer (1 page(s) of images, a scan?): it needs OCR "
                       "(text recognition) before it can be linted")


def test_a_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    assert _refusal(tmp_path, encrypted_pdf("secret")) == (
        "the PDF is encrypted (password-protected); save an unprotected copy to lint it")


def test_a_pdf_restricted_only_by_an_owner_password_is_read(tmp_path: Path) -> None:
    """Portals often publish PDFs that forbid copying or printing; they open without a
    password, and so they are read."""
    path = tmp_path / "restricted.pdf"
    path.write_bytes(encrypted_pdf(""))
    assert read_pdf(path).text == "Annual report on government information disclosure\n"


def test_garbage_after_the_pdf_header_is_refused(tmp_path: Path) -> None:
    message = _refusal(tmp_path, b"%PDF-1.7\n" + bytes(range(256)) * 20)
    assert message.startswith("not a readable PDF (damaged or truncated file: ")


def test_a_truncated_pdf_is_refused(tmp_path: Path) -> None:
    data = SEED_PDF.read_bytes()
    assert _refusal(tmp_path, data[:len(data) // 2]) == (
        "not a readable PDF (damaged or truncated file: Unexpected EOF)")


def test_a_file_that_is_not_a_pdf_at_all_is_refused(tmp_path: Path) -> None:
    assert _refusal(tmp_path, "一、总体情况\n".encode()) == (
        "not a PDF file (it does not start with %PDF-)")


def test_a_broken_cross_reference_table_is_read_by_scanning_the_objects(tmp_path: Path) -> None:
    data = SEED_PDF.read_bytes()
    broken = re.sub(rb"\d{10} 00000 n", b"0000000001 00000 n", data)  # every offset wrong
    assert broken != data
    path = tmp_path / "xref.pdf"
    path.write_bytes(broken)
    assert read_pdf(path).text == read_pdf(SEED_PDF).text


def test_a_wrong_startxref_is_read_by_scanning_the_objects(tmp_path: Path) -> None:
    data = SEED_PDF.read_bytes()
    path = tmp_path / "startxref.pdf"
    path.write_bytes(re.sub(rb"startxref\s+\d+", b"startxref\n99999999", data))
    assert read_pdf(path).text == read_pdf(SEED_PDF).text


def test_no_cross_reference_and_no_trailer_is_refused(tmp_path: Path) -> None:
    data = SEED_PDF.read_bytes()
    assert _refusal(tmp_path, data[:data.rfind(b"xref")]) == (
        "not a readable PDF (damaged or truncated file: No /Root object! - Is this really a "
        "PDF?)")


def test_a_page_tree_without_pages_is_refused(tmp_path: Path) -> None:
    empty = build_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                       b"<< /Type /Pages /Kids [] /Count 0 >>"])
    assert _refusal(tmp_path, empty) == (
        "the PDF has no pages that can be read (a damaged cross-reference table?)")


def test_the_run_goes_on_past_unreadable_pdfs(tmp_path: Path) -> None:
    """Through the real command line: each bad file gets its message on stderr, the text
    report is still linted, exit code 2 (an I/O error), no traceback."""
    seed = SEED_PDF.read_bytes()
    stream = seed.index(b"stream", seed.index(b"/Contents")) + 10
    bad = {"scan.pdf": scan_pdf(), "locked.pdf": encrypted_pdf("secret"),
           "cut.pdf": seed[:3000], "many.pdf": pages_pdf(600),
           "damaged.pdf": seed[:stream] + b"\xff" * 16 + seed[stream + 16:]}
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    report = tmp_path / "report.txt"
    report.write_bytes(SEED_TXT.read_bytes())
    paths = [str(tmp_path / name) for name in sorted(bad)]
    result = subprocess.run(
        [sys.executable, "-m", "gipr_lint", "check", *paths, str(report), "--format",
         "concise", "--isolated"], capture_output=True, text=True, encoding="utf-8",
        check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = sorted(result.stderr.splitlines())
    damaged = f"gipr-lint: {tmp_path / 'damaged.pdf'}: cannot read: "
    [about_damaged] = [line for line in errors if line.startswith(damaged)]
    errors.remove(about_damaged)
    assert re.fullmatch(r"(page \d+ of the PDF cannot be read|not a readable PDF) \(damaged.*\)",
                        about_damaged.removeprefix(damaged))  # one line, not pdfminer's log
    assert errors == sorted([
        f"gipr-lint: {tmp_path / 'cut.pdf'}: cannot read: not a readable PDF (damaged or "
        "truncated file: Unexpected EOF)",
        f"gipr-lint: {tmp_path / 'locked.pdf'}: cannot read: the PDF is encrypted "
        "(password-protected); save an unprotected copy to lint it",
        f"gipr-lint: {tmp_path / 'many.pdf'}: cannot read: the PDF has more than 500 pages, "
        "the limit for one file (raise it with GIPR_LINT_PDF_MAX_PAGES)",
        f"gipr-lint: {tmp_path / 'scan.pdf'}: cannot read: the PDF has no text layer (1 "
        "page(s) of images, a scan?): it needs OCR (text recognition) before it can be linted",
    ])
    assert result.stdout.splitlines() == [
        f"{report}:5:1: info R001 总体情况 does not mention 依申请公开; expected all five "
        "aspects: 主动公开、依申请公开、政府信息管理、平台建设、监督保障"]


@pytest.mark.parametrize("isolate", [True, False], ids=["child process", "in process"])
def test_damaged_bytes_anywhere_give_a_report_or_a_message(tmp_path: Path, isolate: bool) -> None:
    """Bytes overwritten at random places of a real report PDF (a fixed sample): the reader
    returns what it could read or refuses with a message; nothing else escapes."""
    import random

    from gipr_lint.reading.readers.pdf_budget import Limits

    data = SEED_PDF.read_bytes()
    sample = random.Random(17)
    forms = re.compile(r"not a readable PDF \(damaged or truncated file: .+\)"
                       r"|page \d+ of the PDF cannot be read \(damaged: .+\)"
                       r"|the PDF has no pages that can be read \(.+\)")
    for attempt in range(12):
        damaged = bytearray(data)
        for _ in range(sample.randint(1, 40)):
            at = sample.randrange(len(damaged))
            damaged[at:at + 8] = bytes(sample.randrange(256) for _ in range(8))
        path = tmp_path / f"damaged-{attempt}.pdf"
        path.write_bytes(bytes(damaged))
        try:
            read_pdf(path, Limits(timeout=20, isolate=isolate))
        except DecodeError as exc:
            message = str(exc)
            assert forms.fullmatch(message), message
            assert message.isprintable() and len(message) < 160
