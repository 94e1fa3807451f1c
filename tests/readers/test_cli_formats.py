"""The command line on a folder of web pages and Word files: reader choice by extension and
content, clear refusals (exit 2) while the other files are still linted, --fix refused, parse,
configurable extensions, and file names other tools must be able to parse back."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from gipr_lint.cli import main
from gipr_lint.linting.builtin import OLE_MAGIC
from tests.readers.render import SEEDS, render_docx, render_html

SEED = SEEDS[0]  # 高庄镇: A001 "我局" twice, F001 three times, T008 once


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--isolated", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(SEED, tmp_path / "a.txt")
    (tmp_path / "b.html").write_bytes(render_html(SEED, "gbk"))
    render_docx(SEED, tmp_path / "c.docx")
    return tmp_path


def _ole(payload: bytes = b"") -> bytes:
    return OLE_MAGIC + b"\x00" * 504 + payload


def test_folder_of_formats_is_linted(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--format", "concise", "--select", "A001", str(folder))
    assert code == 1 and err == ""
    names = [line.split(":")[0] for line in out.splitlines()]
    assert names == [str(folder / name) for name in ("a.txt", "a.txt", "b.html", "b.html",
                                                     "c.docx", "c.docx")]
    assert out.splitlines()[-1].endswith("(paragraph 14)")


def test_bad_files_are_refused_and_the_others_still_linted(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "d.doc").write_bytes(_ole())
    (folder / "e.wps").write_bytes(_ole())
    with zipfile.ZipFile(folder / "f.docx", "w") as archive:
        archive.writestr("hello.txt", "not a Word file")
    (folder / "g.html").write_bytes(b"")
    (folder / "h.docx").write_bytes(_ole("EncryptedPackage".encode("utf-16-le")))
    (folder / "i.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "j.docx").write_bytes(b"PK\x03\x04 truncated")
    (folder / "k.html").write_text("<html><body><p>通知公告</p></body></html>",
                                   encoding="utf-8")
    (folder / "l.doc").write_bytes(b"{\\rtf1\\ansi \\par}")
    code, out, err = run(capsys, "--format", "concise", "--select", "A001", str(folder))
    assert code == 2
    messages = dict(line.split(": cannot read: ", 1) for line in err.splitlines())
    assert messages == {
        f"gipr-lint: {folder / 'd.doc'}": "a legacy Word/WPS file (.doc/.wps) cannot be read: "
        "open it in Word or WPS and save it as .docx (文件 → 另存为 → Word 文档 .docx)",
        f"gipr-lint: {folder / 'e.wps'}": "a legacy Word/WPS file (.doc/.wps) cannot be read: "
        "open it in Word or WPS and save it as .docx (文件 → 另存为 → Word 文档 .docx)",
        f"gipr-lint: {folder / 'f.docx'}": "a zip archive, not a Word .docx (it has no "
        "word/document.xml)",
        f"gipr-lint: {folder / 'g.html'}": "empty file",
        f"gipr-lint: {folder / 'h.docx'}": "the Word file is password-protected (encrypted): "
        "remove the password in Word or WPS and save it again as .docx",
        f"gipr-lint: {folder / 'i.html'}": "binary data, not a web page",
        f"gipr-lint: {folder / 'j.docx'}": "not a .docx: not a zip archive (damaged, or another "
        "format with a .docx name)",
        f"gipr-lint: {folder / 'k.html'}": "no annual report found on this page (no title and "
        "none of the six section headings 一、总体情况 … 六、其他需要报告的事项)",
        f"gipr-lint: {folder / 'l.doc'}": "an RTF document (with a .doc or .wps name) cannot be "
        "read: open it in Word or WPS and save it as .docx",
    }
    assert len(out.splitlines()) == 6  # a.txt, b.html and c.docx still linted


def test_content_decides_over_the_extension(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    page = render_html(SEED)
    (tmp_path / "page.txt").write_bytes(page)
    (tmp_path / "page").write_bytes(page)
    render_docx(SEED, tmp_path / "word")
    (tmp_path / "word.doc").write_bytes((tmp_path / "word").read_bytes())
    (tmp_path / "page.doc").write_bytes(page)  # a "Word" file that is a saved web page
    for name in ("page.txt", "page", "page.doc"):
        code, out, _ = run(capsys, "--format", "json", "--select", "A001",
                           str(tmp_path / name))
        diagnostics = json.loads(out)["files"][0]["diagnostics"]
        assert code == 1 and [d["line"] for d in diagnostics] == [95, 95], name
    for name in ("word", "word.doc"):
        code, out, _ = run(capsys, "--format", "json", "--select", "A001",
                           str(tmp_path / name))
        diagnostics = json.loads(out)["files"][0]["diagnostics"]
        assert [d["location"] for d in diagnostics] == ["paragraph 14"] * 2, name


def test_extensions_are_configurable(folder: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(capsys, "--format", "concise", "--select", "A001", "--extensions",
                       ".docx", str(folder))
    assert {line.split(":")[0] for line in out.splitlines()} == {str(folder / "c.docx")}
    monkeypatch.chdir(folder)
    (folder / "gipr-lint.toml").write_text('extensions = [".html", ".TXT"]\nselect = ["A001"]\n',
                                           encoding="utf-8")
    code = main(["--format", "concise", "."])
    out = capsys.readouterr().out
    assert code == 1 and {line.split(":")[0] for line in out.splitlines()} == {"a.txt",
                                                                                "b.html"}
    (folder / "gipr-lint.toml").write_text('extensions = ["html"]\n', encoding="utf-8")
    assert main(["."]) == 2
    assert "extensions" in capsys.readouterr().err


@pytest.mark.parametrize("option", ["--fix", "--diff"])
def test_fix_on_a_format_it_cannot_rewrite(folder: Path, option: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    code, _, err = run(capsys, option, "--select", "F001", str(folder / "b.html"),
                         str(folder / "c.docx"))
    assert code == 2
    assert f"{folder / 'b.html'}: {option}: cannot rewrite a web page" in err
    assert f"{folder / 'c.docx'}: {option}: cannot rewrite a Word file" in err
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before


def test_parse_every_format(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = {}
    for name in ("a.txt", "b.html", "c.docx"):
        assert main(["parse", str(folder / name)]) == 0
        results[name] = json.loads(capsys.readouterr().out)
    assert results["a.txt"]["tables"] == results["b.html"]["tables"] == results["c.docx"][
        "tables"]
    assert main(["parse", "--format", "text", str(folder / "c.docx")]) == 0
    text = capsys.readouterr().out
    assert "| (七)总计 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in text
    (folder / "x.doc").write_bytes(_ole())
    assert main(["parse", str(folder / "x.doc")]) == 2
    assert "save it as .docx" in capsys.readouterr().err


def test_html_from_standard_input(capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(render_html(SEED)), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    code, out, _ = run(capsys, "--format", "concise", "--select", "A001", "-")
    assert code == 1 and [line.split(":")[1] for line in out.splitlines()] == ["95", "95"]


@pytest.mark.parametrize("name, shown", [
    ("年报 2024.html", '"{dir}/年报 2024.html"'),
    ("政府信息公开.docx", "{dir}/政府信息公开.docx"),
    ("line\nbreak.html", '"{dir}/line\\nbreak.html"'),
    ('quote".html', '"{dir}/quote\\".html"'),
])
def test_file_names_in_concise_output(tmp_path: Path, name: str, shown: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    if name.endswith(".docx"):
        render_docx(SEED, path)
    else:
        path.write_bytes(render_html(SEED))
    code, out, _ = run(capsys, "--format", "concise", "--select", "A001", str(tmp_path))
    lines = out.splitlines()
    assert code == 1 and len(lines) == 2
    assert lines[0].startswith(shown.format(dir=tmp_path) + ":")
    code, out, _ = run(capsys, "--format", "github", "--select", "A001", str(tmp_path))
    expected = str(path).replace("%", "%25").replace("\n", "%0A").replace(":", "%3A")
    assert out.splitlines()[0].startswith(f"::error file={expected},")


def test_leading_dash_file_names(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-report.html").write_bytes(render_html(SEED))
    code, out, _ = run(capsys, "--format", "concise", "--select", "A001", "--", "-report.html")
    assert code == 1 and out.startswith('"-report.html":95:')
    code, out, _ = run(capsys, "--format", "concise", "--select", "A001", ".")
    assert code == 1 and out.startswith('"-report.html":95:')


def test_linting_text_loads_no_reader_machinery() -> None:
    """The readers are plugins loaded on every run: their heavy parts load only when a file of
    their kind is read."""
    import subprocess
    import sys

    code = ("import sys; from gipr_lint.cli import main; "
            f"main(['--isolated', '--format', 'concise', {str(SEED)!r}]); "
            "print(sorted(m for m in sys.modules if m.startswith(('lxml', 'docx', "
            "'gipr_lint.reading.readers.html_', 'html.entities'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.stdout.splitlines()[-1] == "[]", done.stderr


def test_office_lock_files_are_not_picked_up(folder: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Word leaves "~$c.docx" (162 bytes, not a zip) beside a document someone has open."""
    (folder / "~$c.docx").write_bytes(b"\x05Admin" + b"\x00" * 156)
    code, _, err = run(capsys, "--format", "concise", "--select", "A001", str(folder))
    assert code == 1 and err == ""


def test_worker_processes_give_the_same_output(folder: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for jobs in ("1", "2"):
        code, out, err = run(capsys, "--format", "concise", "-j", jobs, str(folder))
        outputs.append((code, out, err))
    assert outputs[0] == outputs[1] and "(paragraph 14)" in outputs[0][1]


def test_byte_columns_of_a_page_count_the_page_line(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """--columns bytes on a web page counts the bytes of the page's own line (where the
    character column points), not of the canonical text's line with the same number."""
    page = tmp_path / "b.html"
    page.write_bytes(render_html(SEED, "gbk"))
    lines = page.read_bytes().decode("gbk").split("\n")
    _, chars, _ = run(capsys, "--format", "concise", "--select", "A001", str(page))
    _, in_bytes, _ = run(capsys, "--format", "concise", "--select", "A001", "--columns", "bytes",
                         str(page))
    places = [line.split(":")[1:3] for line in chars.splitlines()]
    assert len(places) == 2
    expected = [f"{line}:{len(lines[int(line) - 1][:int(column) - 1].encode()) + 1}"
                for line, column in places]
    assert [":".join(line.split(":")[1:3]) for line in in_bytes.splitlines()] == expected
    assert all(lines[int(line) - 1][int(column) - 1:int(column) + 1] == "我局"
               for line, column in places)
