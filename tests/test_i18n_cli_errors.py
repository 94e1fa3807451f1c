"""The CLI's own error lines speak Chinese with ``--lang zh`` (clerks read them), and exit 2."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import GAOZHUANG, RunCli
from tests.readers.test_pdf_errors import scan_pdf

WORDS = {"words": "words"}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def lines(text: str) -> list[str]:
    return text.splitlines()


def test_empty_folder_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = cli("--isolated", "--lang", "zh", "--extensions", ".txt,.docx", "empty", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert lines(done.stderr) == [
        "gipr-lint: 没有检查任何文件：empty 中没有扩展名为 .docx, .txt 的文件（隐藏文件、被排除的"
        "文件和 git 忽略的文件不检查；用 --show-files 可列出将要检查的文件）"]


def test_missing_file_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    done = cli("--isolated", "--lang", "zh", "missing.txt", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert lines(done.stderr) == ["gipr-lint: missing.txt: 无法读取：文件或文件夹不存在",
                                  "gipr-lint: 没有检查任何文件"]


def test_legacy_word_file_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "报告.doc").write_bytes(OLE2 + b"\x00" * 512)
    done = cli("--isolated", "--lang", "zh", "报告.doc", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert lines(done.stderr) == [
        "gipr-lint: 报告.doc: 无法读取：这是旧版 Word/WPS 文件（.doc/.wps），不能直接检查：请用 "
        "Word 或 WPS 打开，另存为 .docx（文件 → 另存为 → Word 文档 .docx）",
        "gipr-lint: 没有检查任何文件"]


def test_scanned_pdf_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(scan_pdf())
    done = cli("--isolated", "--lang", "zh", "scan.pdf", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert lines(done.stderr) == [
        "gipr-lint: scan.pdf: 无法读取：PDF 没有文字层（共 1 页图片，可能是扫描件）：需要先做 OCR "
        "文字识别才能检查",
        "gipr-lint: 没有检查任何文件"]


def test_binary_and_empty_text_files_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02" * 50)
    (tmp_path / "b.docx").write_bytes(b"")
    done = cli("--isolated", "--lang", "zh", "a.txt", "b.docx", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert lines(done.stderr) == [
        "gipr-lint: a.txt: 无法读取：这是二进制数据，不是文本格式的报告",
        "gipr-lint: b.docx: 无法读取：文件是空的",
        "gipr-lint: 没有检查任何文件"]


def test_not_everything_linted_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    clean = str(GAOZHUANG.parent / "001_e0653abc3b201f3e.txt")
    done = cli("--isolated", "--lang", "zh", "--select", "A001", "missing.txt", clean,
               cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert lines(done.stderr) == ["gipr-lint: missing.txt: 无法读取：文件或文件夹不存在",
                                  "gipr-lint: 已检查的文件未发现问题，但有文件未能检查（见上文）"]


def test_fix_summary_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("标题\n还存在以 下问题\n", encoding="utf-8")
    done = cli("--isolated", "--lang", "zh", "--select", "TST003", "--fix", "r.txt",
               plugins=WORDS, cwd=tmp_path)
    assert (tmp_path / "r.txt").read_text(encoding="utf-8") == "标题\n还存在以下问题\n"
    assert lines(done.stderr) == ["gipr-lint: 已修复 1 处问题"]


def test_english_stays_english(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "报告.doc").write_bytes(OLE2 + b"\x00" * 512)
    done = cli("--isolated", "--lang", "en", "报告.doc", "missing.txt", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert lines(done.stderr) == [
        "gipr-lint: missing.txt: cannot read: No such file or directory",
        "gipr-lint: 报告.doc: cannot read: a legacy Word/WPS file (.doc/.wps) cannot be read: "
        "open it in Word or WPS and save it as .docx (文件 → 另存为 → Word 文档 .docx)",
        "gipr-lint: nothing was linted"]


def test_baseline_summary_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("标题\n还存在以 下问题\n", encoding="utf-8")
    done = cli("--isolated", "--lang", "zh", "--select", "TST003", "--write-baseline", "b.json",
               "r.txt", plugins=WORDS, cwd=tmp_path)
    assert done.returncode == 0
    assert lines(done.stderr) == ["gipr-lint: 已将 1 处问题记入 b.json"]


def test_fix_of_a_word_file_refused_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    """A clerk drafting in Word who tries --fix is told, in Chinese, to correct the original."""
    docx = Path(__file__).parent / "readers" / "official-2021-format-template.docx"
    (tmp_path / "年报 草稿.docx").write_bytes(docx.read_bytes())
    for option in ("--fix", "--diff"):
        done = cli("--isolated", "--lang", "zh", "--select", "S005", "-q", option,
                   "年报 草稿.docx", cwd=tmp_path)
        assert done.returncode == 2
        assert lines(done.stderr) == [
            f"gipr-lint: 年报 草稿.docx: {option}: Word 文件无法自动修改：gipr-lint 只能修改纯文本"
            "（.txt）报告，请在原文件中逐条改正"]
