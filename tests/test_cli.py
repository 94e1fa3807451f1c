"""The command line, run for real in a subprocess on real reports."""

from __future__ import annotations

import codecs
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, GAOZHUANG, RunCli

WORDS = {"words": "words"}
G = str(GAOZHUANG)
WOJU = [f"{G}:60:6: warning TST001 found 我局", f"{G}:60:58: warning TST001 found 我局"]


def test_concise_exact_lines_and_exit_1(cli: RunCli) -> None:
    done = cli("--isolated", "--select", "TST001,TST002,TST003", "--format", "concise", G,
               plugins=WORDS)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"{G}:1:17: error TST002 found 公开",
        f"{G}:59:36: error TST003 stray space in 以 下",
        *WOJU,
    ]
    assert done.stderr == ""


def test_check_subcommand_is_the_default(cli: RunCli) -> None:
    explicit = cli("check", "--isolated", "--select", "TST001", "--format", "concise", G,
                   plugins=WORDS)
    assert explicit.stdout.splitlines() == WOJU


def test_exit_0_when_below_fail_on(cli: RunCli) -> None:
    done = cli("--isolated", "--select", "TST001", "--fail-on", "error", "--format", "concise",
               G, plugins=WORDS)
    assert (done.returncode, done.stdout.splitlines()) == (0, WOJU)
    clean = cli("--isolated", "--select", "TST001", str(FIXTURES / "001_e0653abc3b201f3e.txt"),
                plugins=WORDS)
    assert (clean.returncode, clean.stdout) == (
        0, "All checks passed; 3 of 3 tables fully checked.\n")


def test_full_output_with_cjk_carets_and_summary(cli: RunCli, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("标题\n\t一、我局和我局\n", encoding="utf-8")
    done = cli("--isolated", "--select", "TST001", "r.txt", plugins=WORDS, cwd=tmp_path)
    assert done.stdout.splitlines() == [
        "r.txt:2:4: warning TST001 [flag-woju] found 我局",
        "  |",
        "2 |     一、我局和我局",
        "  |         ^^^^",
        "",
        "r.txt:2:7: warning TST001 [flag-woju] found 我局",
        "  |",
        "2 |     一、我局和我局",
        "  |               ^^^^",
        "",
        "Found 2 warnings in 1 file; no table found.",
    ]
    assert "\x1b[" not in done.stdout


def test_full_colour_only_when_forced(cli: RunCli) -> None:
    done = cli("--isolated", "--select", "TST001", "--color", "always", G, plugins=WORDS)
    assert "\x1b[" in done.stdout
    done = cli("--isolated", "--select", "TST001", G, plugins=WORDS, env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in done.stdout  # NO_COLOR (set by the fixture) wins


def test_summary_counts_files(cli: RunCli) -> None:
    done = cli("--isolated", "--select", "TST002,TST003", str(FIXTURES), plugins=WORDS)
    assert done.stdout.splitlines()[-2:] == [
        "Found 25 errors in 12 files; 33 of 37 tables fully checked.",  # with published/, pdf/
        "[*] 1 fixable with --fix."]
    seeds = sorted(str(path) for path in FIXTURES.glob("*.txt"))
    done = cli("--isolated", "--select", "TST002,TST003", *seeds, plugins=WORDS)
    assert done.stdout.splitlines()[-2:] == [
        "Found 5 errors in 3 files; 15 of 15 tables fully checked.", "[*] 1 fixable with --fix."]
    done = cli("--isolated", "--select", "TST002,TST003", "--jobs", "2", *seeds, plugins=WORDS)
    assert done.stdout.splitlines()[-2:] == [
        "Found 5 errors in 3 files; 15 of 15 tables fully checked.",  # worker results are slim
        "[*] 1 fixable with --fix."]


def test_json_shape(cli: RunCli) -> None:
    done = cli("--isolated", "--select", "TST001", "--format", "json", "--year", "2024",
               G, str(FIXTURES / "001_e0653abc3b201f3e.txt"), plugins=WORDS)
    data = json.loads(done.stdout)
    assert data["version"] == 1
    assert [f["path"] for f in data["files"]] == [G, str(FIXTURES / "001_e0653abc3b201f3e.txt")]
    first = data["files"][0]
    assert set(first["report"]) == {"agency", "agency_kind", "year", "format"}
    assert first["report"]["year"] == 2024
    assert first["diagnostics"][0] == {
        "code": "TST001", "name": "flag-woju", "severity": "warning", "message": "found 我局",
        "line": 60, "column": 6, "end_line": 60, "end_column": 8, "fix": None}
    assert data["summary"] == {"files": 2, "error": 0, "warning": 2, "info": 0,
                               "tables": 6, "tables_fully_checked": 6}


def test_statistics(cli: RunCli) -> None:
    done = cli("--isolated", "--select", "TST", "--statistics", G, plugins=WORDS)
    assert done.stdout.splitlines() == ["2  TST001  flag-woju", "1  TST002  flag-gongkai",
                                        "1  TST003  stray-yixia"]
    assert done.returncode == 1


def test_output_file(cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    done = cli("--isolated", "--select", "TST001", "--format", "concise", "-o", str(out), G,
               plugins=WORDS)
    assert done.stdout == "" and out.read_text(encoding="utf-8").splitlines() == WOJU
    assert done.returncode == 1


def test_parallel_output_identical(cli: RunCli, tmp_path: Path) -> None:
    fixtures = sorted(FIXTURES.glob("*.txt"))
    for n in range(30):
        shutil.copy(fixtures[n % 5], tmp_path / f"r{n:02d}.txt")
    args = ("--isolated", "--select", "TST", "--format", "concise", ".")
    one = cli(*args, "-j", "1", plugins=WORDS, cwd=tmp_path)
    two = cli(*args, "-j", "2", plugins=WORDS, cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and one.stdout.count("\n") == 42
    assert two.stderr == ""


def test_stdin_with_filename(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "gipr-lint.toml").write_text("select = ['TST001']\n", encoding="utf-8")
    done = cli("--format", "concise", "--stdin-filename", "sub/r.txt", "-", plugins=WORDS,
               cwd=tmp_path, input="一\n我局\n".encode())
    assert (done.returncode, done.stdout) == (1, "sub/r.txt:2:1: warning TST001 found 我局\n")
    done = cli("--isolated", "--select", "TST001", "--format", "concise", "-", plugins=WORDS,
               input="我局".encode("gb18030"))
    assert done.stdout == "-:1:1: warning TST001 found 我局\n"


def test_gb18030_file(cli: RunCli, tmp_path: Path) -> None:
    copy = tmp_path / "gbk.txt"
    copy.write_bytes(GAOZHUANG.read_text(encoding="utf-8").encode("gb18030"))
    done = cli("--isolated", "--select", "TST001", "--format", "concise", "gbk.txt",
               plugins=WORDS, cwd=tmp_path)
    assert done.stdout.splitlines() == [line.replace(G, "gbk.txt") for line in WOJU]


def test_binary_and_missing_files_reported_others_linted(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (tmp_path / "b.txt").write_text("我局\n", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"\xff\xfe\x00\xd8")  # UTF-16 BOM, lone surrogate
    done = cli("--isolated", "--select", "TST001", "--format", "concise", ".", "missing.txt",
               plugins=WORDS, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == "b.txt:1:1: warning TST001 found 我局\n"
    assert "gipr-lint: missing.txt: cannot read: No such file or directory\n" in done.stderr
    assert "gipr-lint: a.txt: cannot read: binary data, not a text report\n" in done.stderr
    assert "gipr-lint: c.txt: cannot read: starts with a utf-16 byte-order mark" in done.stderr
    assert "Traceback" not in done.stderr


def test_unreadable_file(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "d.txt").mkdir()
    done = cli("--isolated", "--select", "TST001", "d.txt/", plugins=WORDS, cwd=tmp_path)
    assert done.returncode == 2  # an empty directory: nothing to lint, and it says so
    assert "All checks passed" not in done.stdout + done.stderr
    done = cli("--isolated", "--select", "TST001", "--format", "concise", "-",
               plugins=WORDS, input=b"\x00\x01\x02" * 100)
    assert done.returncode == 2 and "gipr-lint: -: cannot read: binary data" in done.stderr


def test_empty_file(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_bytes(b"")
    done = cli("--isolated", "--lang", "en", "--select", "TST", "e.txt", plugins=WORDS,
               cwd=tmp_path)
    # not "All checks passed" on an empty file (it was, exit 0): it cannot be read, exit 2
    assert (done.returncode, done.stdout, done.stderr) == (
        2, "", "gipr-lint: e.txt: cannot read: empty file\ngipr-lint: nothing was linted\n")


def test_directory_walk_skips_hidden_and_venvs(cli: RunCli, tmp_path: Path) -> None:
    for rel in ("a.txt", "sub/b.TXT", ".hidden/c.txt", "node_modules/d.txt", "venv2/e.txt",
                "__pycache__/f.txt", "sub/g.md", ".h.txt"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("我局\n", encoding="utf-8")
    (tmp_path / "venv2" / "pyvenv.cfg").write_text("", encoding="utf-8")
    done = cli("--isolated", "--select", "TST001", "--format", "concise", ".", "sub/g.md",
               plugins=WORDS, cwd=tmp_path)
    assert [line.split(":")[0] for line in done.stdout.splitlines()] == [
        "a.txt", "sub/b.TXT", "sub/g.md"]


def test_plugin_reader_and_formatter(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "a.rpt").write_text("我局\n", encoding="utf-8")
    done = cli("--isolated", "--select", "TST001", "--format", "count", ".", plugins={
        **WORDS, "count": "count_format"}, cwd=tmp_path)
    assert done.stdout == "1 findings\n"


def test_usage_errors_exit_2(cli: RunCli) -> None:
    done = cli("--format", "xml", G)
    assert done.returncode == 2 and "--format: unknown format 'xml' (accepted: full, concise, " \
        "json, sarif, github, csv, html)" in done.stderr
    assert cli("--no-such-flag", G).returncode == 2
    assert cli("--config", "/nonexistent.toml", G).returncode == 2
    assert cli("-j", "0", G).returncode == 2


def test_crash_e999_through_cli(cli: RunCli) -> None:
    done = cli("--isolated", "--select", "TST900,TST001", "--format", "concise", G,
               plugins={**WORDS, "crashy": "crashy"})
    assert done.stdout.splitlines() == [
        f"{G}:1:1: error E999 rule TST900 (always-crashes) crashed: RuntimeError: boom", *WOJU]
    assert done.returncode == 1


def test_rules_and_rule(cli: RunCli) -> None:
    done = cli("rules", plugins=WORDS)
    assert "TST001\tflag-woju\twarning\tFlags every 我局\twords" in done.stdout.splitlines()
    data = json.loads(cli("rules", "--format", "json", plugins=WORDS).stdout)
    assert {"code": "E999", "name": "rule-crashed", "severity": "error",
            "summary": "A rule raised an exception while checking the file",
            "plugin": "gipr-lint", "enabled_by_default": True} in data
    done = cli("rule", "flag-woju", plugins=WORDS)
    assert done.stdout.startswith("TST001 flag-woju: warning. From the rule pack 'words' "
                                  "(gipr-test-plugins 0.0.1), installed separately.\n\n"
                                  "Flags every 我局\n")
    assert "Fails::\n\n    我局" in done.stdout
    done = cli("rule", "TST01", plugins=WORDS)
    assert done.returncode == 2
    assert "gipr-lint: unknown rule 'TST01'; did you mean 'TST001'?" in done.stderr


def test_server_rejects_a_negative_debounce(cli: RunCli) -> None:
    """The server itself is tested in test_server.py (with and without pygls)."""
    done = cli("server", "--debounce", "-5", input=b"")
    assert (done.returncode, done.stderr) == (2, "gipr-lint: --debounce: expected "
                                                 "milliseconds, 0 or more\n")


def test_parse_json(cli: RunCli) -> None:
    """Depends on gipr_lint.formatters.report_json (the parser engineer's module)."""
    done = cli("parse", G)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert "path" in data and "tables" in data


def test_parse_unreadable(cli: RunCli, tmp_path: Path) -> None:
    done = cli("parse", str(tmp_path / "nope.txt"))
    assert done.returncode == 2 and "cannot read: No such file or directory" in done.stderr


@pytest.mark.parametrize(("encoding", "bom", "newline"), [
    ("utf-8", True, "\r\n"), ("gb18030", False, "\n"), ("utf-8", False, "\r\n")])
def test_fix_keeps_encoding_bom_and_newlines(cli: RunCli, tmp_path: Path, encoding: str,
                                             bom: bool, newline: str) -> None:
    text = newline.join(["标题", "还存在以 下问题", "我局", ""])
    data = (codecs.BOM_UTF8 if bom else b"") + text.encode(encoding)
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    done = cli("--isolated", "--select", "TST003,TST001", "--format", "concise", "--fix",
               "r.txt", plugins=WORDS, cwd=tmp_path)
    expected = (codecs.BOM_UTF8 if bom else b"") + text.replace("以 下", "以下").encode(encoding)
    assert path.read_bytes() == expected
    assert done.stdout == "r.txt:3:1: warning TST001 found 我局\n"
    assert "fixed 1 finding" in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]


def test_diff_does_not_write(cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("还存在以 下问题\n", encoding="utf-8")
    done = cli("--isolated", "--select", "TST003", "--diff", "r.txt", plugins=WORDS,
               cwd=tmp_path)
    assert done.stdout.splitlines() == ["--- a/r.txt", "+++ b/r.txt", "@@ -1 +1 @@",
                                        "-还存在以 下问题", "+还存在以下问题"]
    assert done.returncode == 1
    assert path.read_text(encoding="utf-8") == "还存在以 下问题\n"


def test_version_and_help(cli: RunCli) -> None:
    assert cli("--version").stdout == "gipr-lint 0.1.0\n"
    assert "check" in cli("--help").stdout
