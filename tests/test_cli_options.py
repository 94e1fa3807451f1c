"""The options a ruff user reaches for, and what a first run trips on (issue 13), run for real
in a subprocess on the bundled example report."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import GAOZHUANG, RunCli

G = str(GAOZHUANG)
CONCISE = [
    f"{G}:59:37: warning F001 space inside Chinese text \"在以 下问\"; expected \"在以下问\"",
    f"{G}:59:74: warning F001 space inside Chinese text \"进一 步完\"; expected \"进一步完\"",
    f"{G}:59:112: warning F001 space inside Chinese text \"三是 信息\"; expected \"三是信息\"",
    f"{G}:60:6: error A001 \"我局\" in a township report; expected \"我镇\"",
    f"{G}:60:58: error A001 \"我局\" in a township report; expected \"我镇\"",
]


def lines(text: str) -> list[str]:
    return text.splitlines()


# -- nothing linted says so and exits 2 ---------------------------------------------------------


def test_empty_folder(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    done = cli("--isolated", "reports", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("gipr-lint: nothing was linted: no file ending in .doc, .docm, "
                           ".docx, .dot, .dotm, .dotx, .htm, .html, .pdf, .shtml, .txt, .wps, "
                           ".wpt, .xhtml in reports "
                           "(hidden, excluded and git-ignored files are passed over; "
                           "--show-files lists what would be linted)\n")


def test_folder_of_unsupported_files(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "report.pdf.bak").write_bytes(b"x")
    (tmp_path / "notes.md").write_text("# notes\n", encoding="utf-8")
    done = cli("--isolated", ".", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert ("nothing was linted: no file ending in .doc, .docm, .docx, .dot, .dotm, .dotx, "
            ".htm, .html, .pdf, .shtml, .txt, .wps, .wpt, .xhtml in .") in done.stderr


def test_folder_without_the_extensions_asked_for(cli: RunCli, tmp_path: Path) -> None:
    """The message names the extensions searched for: --extensions replaces the readers'."""
    (tmp_path / "report.txt").write_text("x\n", encoding="utf-8")
    done = cli("--isolated", "--extensions", ".html,.docx", ".", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert "nothing was linted: no file ending in .docx, .html in ." in done.stderr


def test_help_as_a_command(cli: RunCli, tmp_path: Path) -> None:
    done = cli("help", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert lines(done.stderr) == ["gipr-lint: help: cannot read: No such file or directory",
                                  "gipr-lint: for help, run: gipr-lint --help",
                                  "gipr-lint: nothing was linted"]


def test_missing_file_does_not_pass(cli: RunCli, tmp_path: Path) -> None:
    done = cli("--isolated", "missing.txt", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert lines(done.stderr) == ["gipr-lint: missing.txt: cannot read: No such file or directory",
                                  "gipr-lint: nothing was linted"]


def test_missing_file_beside_a_clean_one_does_not_pass(cli: RunCli, tmp_path: Path) -> None:
    clean = str(GAOZHUANG.parent / "001_e0653abc3b201f3e.txt")
    done = cli("--isolated", "--select", "A001", "missing.txt", clean, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert lines(done.stderr) == [
        "gipr-lint: missing.txt: cannot read: No such file or directory",
        "gipr-lint: no findings in what was linted, but not everything could be linted "
        "(see above)"]


def test_missing_file_beside_a_good_one_still_lints_it(cli: RunCli, tmp_path: Path) -> None:
    done = cli("--isolated", "--format", "concise", "missing.txt", G, cwd=tmp_path)
    assert done.returncode == 2
    assert lines(done.stdout)[1:] == CONCISE
    assert "nothing was linted" not in done.stderr


# -- exit codes and output -----------------------------------------------------------------------


def test_exit_zero(cli: RunCli, tmp_path: Path) -> None:
    done = cli("--isolated", "--select", "A001", "--exit-zero", "--format", "concise", G)
    assert (done.returncode, lines(done.stdout)) == (0, CONCISE[3:])
    # errors still exit 2
    done = cli("--isolated", "--exit-zero", G, "missing.txt", cwd=tmp_path)
    assert done.returncode == 2


def test_quiet_prints_the_findings_only(cli: RunCli) -> None:
    loud = cli("--isolated", "--select", "A001", G)
    quiet = cli("--isolated", "--select", "A001", "--quiet", G)
    assert lines(loud.stdout)[-2:] == [
        "Found 2 errors in 1 file; 3 of 3 tables fully checked.", "[*] 2 fixable with --fix."]
    assert quiet.stdout == loud.stdout[:loud.stdout.index("Found 2 errors")]
    assert quiet.returncode == loud.returncode == 1


def test_output_format_is_format(cli: RunCli) -> None:
    done = cli("--isolated", "--select", "F001,A001", "--output-format", "concise", G)
    assert lines(done.stdout) == CONCISE


def test_fixable_hint_counts_safe_and_unsafe(cli: RunCli, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("一、总体情况\n以 下内容合计\n", encoding="utf-8")
    done = cli("--isolated", "--select", "TST003,TST101", "r.txt", cwd=tmp_path,
               plugins={"words": "words", "unsafe": "unsafe_fix"})
    assert lines(done.stdout)[-2:] == ["[*] 1 fixable with --fix.",
                                       "(1 more fixable with --fix --unsafe-fixes.)"]


def test_json_carries_the_fix(cli: RunCli) -> None:
    done = cli("--isolated", "--select", "F001", "--format", "json", G)
    first = json.loads(done.stdout)["files"][0]["diagnostics"][0]
    assert first["fix"] == {"applicability": "safe", "message": "Delete the space", "edits": [
        {"content": "", "location": {"line": 59, "column": 37},
         "end_location": {"line": 59, "column": 38}}]}
    done = cli("--isolated", "--select", "T008", "--format", "json", G)
    assert json.loads(done.stdout)["files"][0]["diagnostics"][0]["fix"] is None


# -- rule selection ------------------------------------------------------------------------------


def test_lower_case_codes(cli: RunCli) -> None:
    done = cli("--isolated", "--select", "a001,f00", "--ignore", "f002", "--format", "concise",
               G)
    assert lines(done.stdout) == CONCISE
    rule = cli("rule", "a001")
    assert rule.returncode == 0 and rule.stdout.startswith("A001 self-reference")


def test_extend_ignore(cli: RunCli) -> None:
    done = cli("--isolated", "--select", "A001,F001", "--extend-ignore", "f001",
               "--format", "concise", G)
    assert lines(done.stdout) == CONCISE[3:]


# -- standard input ------------------------------------------------------------------------------


def test_parse_reads_standard_input(cli: RunCli) -> None:
    from_file = json.loads(cli("parse", G).stdout)
    from_stdin = json.loads(cli("parse", "-", input=GAOZHUANG.read_bytes()).stdout)
    assert from_stdin.pop("path") == "-"
    from_file.pop("path")
    assert from_stdin == from_file


def test_fix_on_stdin_writes_text_to_stdout_and_findings_to_stderr(cli: RunCli) -> None:
    original = GAOZHUANG.read_text(encoding="utf-8")
    done = cli("--isolated", "--select", "F001,A001,T008", "--fix", "--format", "concise", "-",
               input=original.encode("utf-8"))
    expected = (original.replace("在以 下问", "在以下问").replace("进一 步完", "进一步完")
                .replace("三是 信息", "三是信息").replace("我局", "我镇"))
    assert done.stdout == expected
    assert done.returncode == 1
    assert [line[:22] for line in lines(done.stderr)] == ["gipr-lint: fixed 5 fin",
                                                          "-:55:8: warning T008 t"]


def test_fix_on_stdin_without_fixes_gives_the_text_back(cli: RunCli) -> None:
    original = GAOZHUANG.read_bytes()
    done = cli("--isolated", "--select", "T008", "--fix", "--format", "concise", "-",
               input=original)
    assert done.stdout == original.decode("utf-8")
    assert lines(done.stderr)[0].startswith("-:55:8: warning T008")


# -- show-settings, show-files, exclusions -------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder of reports with a config that excludes ``drafts`` and ``old/*.txt``."""
    text = GAOZHUANG.read_bytes()
    for rel in ("a.txt", "drafts/b.txt", "old/c.txt", "old/keep/d.txt", "sub/drafts.txt",
                "sub/e.txt", "ignored/f.txt", "g.log.txt"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text)
    (tmp_path / "gipr-lint.toml").write_text(
        'exclude = ["drafts", "old/*.txt"]\nselect = ["a001"]\nfail-on = "error"\n',
        encoding="utf-8")
    return tmp_path


def test_show_files_applies_config_exclude(cli: RunCli, tree: Path) -> None:
    done = cli("--show-files", ".", cwd=tree)
    assert (done.returncode, lines(done.stdout)) == (0, [  # "drafts" is a name, not a prefix
        "a.txt", "g.log.txt", "ignored/f.txt", "old/keep/d.txt", "sub/drafts.txt", "sub/e.txt"])


def test_exclude_on_the_command_line_replaces_and_extends(cli: RunCli, tree: Path) -> None:
    done = cli("--show-files", "--exclude", "sub", ".", cwd=tree)
    assert lines(done.stdout) == ["a.txt", "g.log.txt", "drafts/b.txt", "ignored/f.txt",
                                  "old/c.txt", "old/keep/d.txt"]
    done = cli("--show-files", "--extend-exclude", "*.log.txt,ignored", "--extend-exclude",
               "sub/d*.txt", ".", cwd=tree)
    assert lines(done.stdout) == ["a.txt", "old/keep/d.txt", "sub/e.txt"]


def test_a_file_named_on_the_command_line_is_linted_even_if_excluded(cli: RunCli,
                                                                       tree: Path) -> None:
    done = cli("--show-files", "drafts/b.txt", cwd=tree)
    assert lines(done.stdout) == ["drafts/b.txt"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_gitignore_is_respected(cli: RunCli, tree: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tree, check=True)
    (tree / ".gitignore").write_text("ignored/\n*.log.txt\n", encoding="utf-8")
    (tree / "sub" / ".gitignore").write_text("*.txt\n!e.txt\n", encoding="utf-8")
    done = cli("--show-files", ".", cwd=tree)
    assert lines(done.stdout) == ["a.txt", "old/keep/d.txt", "sub/e.txt"]
    done = cli("--show-files", "--no-respect-gitignore", ".", cwd=tree)
    assert lines(done.stdout) == ["a.txt", "g.log.txt", "ignored/f.txt", "old/keep/d.txt",
                                  "sub/drafts.txt", "sub/e.txt"]


def test_show_files_with_nothing_to_lint(cli: RunCli, tmp_path: Path) -> None:
    done = cli("--isolated", "--show-files", ".", cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert "nothing was linted" in done.stderr


def test_show_settings(cli: RunCli, tree: Path) -> None:
    done = cli("--show-settings", "--extend-select", "F001", "sub", cwd=tree)
    assert done.returncode == 0
    out = lines(done.stdout)
    assert out[:3] == ["Settings for: sub/drafts.txt",
                       f"Configuration file: {tree / 'gipr-lint.toml'}",
                       "Command-line options: extend-select"]
    assert 'select = ["A001"]' in out and 'extend-select = ["F001"]' in out
    assert 'fail-on = "error"' in out and 'exclude = ["drafts", "old/*.txt"]' in out
    assert out[-1] == "Rules that run (3): A001, E999, F001"
    isolated = cli("--isolated", "--show-settings", ".", cwd=tree)
    assert lines(isolated.stdout)[1] == ("Configuration file: (none: defaults and options "
                                         "only)")


# -- byte columns (issue 16) ---------------------------------------------------------------------


def test_byte_columns(cli: RunCli) -> None:
    done = cli("--isolated", "--select", "A001", "--columns", "bytes", "--format", "concise", G)
    assert lines(done.stdout) == [  # 2025年我局: 我 is character 6, byte 8
        f"{G}:60:8: error A001 \"我局\" in a township report; expected \"我镇\"",
        f"{G}:60:156: error A001 \"我局\" in a township report; expected \"我镇\""]
    data = json.loads(cli("--isolated", "--select", "A001", "--columns", "bytes", "--format",
                          "json", G).stdout)
    first = data["files"][0]["diagnostics"][0]
    assert (first["column"], first["end_column"]) == (8, 14)
    assert first["fix"]["edits"][0]["location"] == {"line": 60, "column": 8}
    assert first["fix"]["edits"][0]["end_location"] == {"line": 60, "column": 14}


@pytest.mark.parametrize("fmt", ["full", "sarif"])
def test_byte_columns_refused_where_they_would_mislead(cli: RunCli, fmt: str) -> None:
    done = cli("--isolated", "--columns", "bytes", "--format", fmt, G)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"gipr-lint: --columns bytes: not with --format {fmt} (use concise, "
                           "json or github)\n")


def test_every_check_option_is_documented() -> None:
    from gipr_lint.cli.arguments import build_parser

    parser = build_parser()
    check = next(action for action in parser._actions
                 if action.dest == "command").choices["check"]
    text = (Path(__file__).parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    for action in check._actions:
        for option in action.option_strings:
            if option not in ("-h", "--help"):
                assert f"`{option}" in text or f", `{option}" in text or f"{option}`" in text, \
                    option


def test_help_is_as_wide_as_columns_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """The help formatter measures the terminal itself (not through shutil): the help is
    argparse's own formatter's, ``COLUMNS`` wide."""
    import argparse

    from gipr_lint.cli.arguments import build_parser

    for columns in (60, 100):
        monkeypatch.setenv("COLUMNS", str(columns))
        check = next(action for action in build_parser()._actions
                     if action.dest == "command").choices["check"]
        ours = check.format_help()
        check.formatter_class = argparse.HelpFormatter
        assert ours == check.format_help()
        assert max(map(len, ours.splitlines())) > columns - 12


def test_show_settings_shows_every_key_as_written(cli: RunCli, tmp_path: Path) -> None:
    """--show-settings left out lang, extensions and history, and printed keys and entries a
    config cannot hold (`{archive/**/*.txt = ["Y"]}`, `["A001: 我局"]`)."""
    (tmp_path / "a.txt").write_bytes(GAOZHUANG.read_bytes())
    (tmp_path / "gipr-lint.toml").write_text(
        'per-file-ignores = { "archive/**/*.txt" = ["Y"], drafts = ["A"] }\n'
        'ignore-texts = [{ code = "A001", text = "我局" }]\nhistory = ["2023"]\nlang = "zh"\n',
        encoding="utf-8")
    out = lines(cli("--show-settings", "--extensions", ".txt,.docx", ".", cwd=tmp_path).stdout)
    assert 'per-file-ignores = {"archive/**/*.txt" = ["Y"], drafts = ["A"]}' in out
    assert 'ignore-texts = [{code = "A001", text = "我局"}]' in out
    shown = [line for line in out if line.split(" = ")[0] in ("lang", "extensions", "history")]
    assert shown == ['lang = "zh"', 'extensions = [".txt", ".docx"]', 'history = ["2023"]']


def test_output_file_never_overwrites_a_report(cli: RunCli, tmp_path: Path) -> None:
    """`-o` naming a report to lint wrote the findings over it (the report was lost); it is
    refused before linting, and the report is left as it was."""
    report = tmp_path / "年报 2024.txt"
    report.write_bytes(GAOZHUANG.read_bytes())
    for args in (["年报 2024.txt", "-o", "年报 2024.txt"], [".", "--format", "csv", "-o",
                                                           "./年报 2024.txt"]):
        done = cli("--isolated", "--lang", "zh", *args, cwd=tmp_path)
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr == ("gipr-lint: --output-file: 年报 2024.txt 是要检查的报告之一，"
                               "检查结果会覆盖它：请写入另一个文件\n")
        assert report.read_bytes() == GAOZHUANG.read_bytes()
    done = cli("--isolated", "--write-baseline", "年报 2024.txt", "年报 2024.txt", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (
        2, "gipr-lint: --write-baseline: 年报 2024.txt is one of the reports to lint: the findings "
           "would overwrite it; write them to another file\n")
    assert report.read_bytes() == GAOZHUANG.read_bytes()
    done = cli("--isolated", "--lang", "en", "年报 2024.txt", "-o", "findings.txt", cwd=tmp_path)
    assert done.returncode == 1 and (tmp_path / "findings.txt").read_text(encoding="utf-8")


def test_output_file_never_overwrites_a_history_report(cli: RunCli, tmp_path: Path) -> None:
    """`-o` naming a --history report (or one the configuration's `history` names) wrote the
    findings over last year's report; it is refused like a report to lint."""
    (tmp_path / "2024.txt").write_bytes(GAOZHUANG.read_bytes())
    last = tmp_path / "2023" / "年报 2023.txt"
    last.parent.mkdir()
    last.write_bytes(GAOZHUANG.read_bytes())
    done = cli("--isolated", "--lang", "zh", "2024.txt", "--history", "2023",
               "-o", "2023/年报 2023.txt", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("gipr-lint: --output-file: 2023/年报 2023.txt 是往年报告之一，"
                           "检查结果会覆盖它：请写入另一个文件\n")
    (tmp_path / "gipr-lint.toml").write_text('history = ["2023"]\n', encoding="utf-8")
    done = cli("--lang", "en", "2024.txt", "--write-baseline", str(last), cwd=tmp_path)
    assert (done.returncode, done.stderr) == (
        2, f"gipr-lint: --write-baseline: {last} is one of the history reports: the findings "
           "would overwrite it; write them to another file\n")
    assert last.read_bytes() == GAOZHUANG.read_bytes()
    done = cli("--lang", "en", "2024.txt", "-o", "findings.txt", cwd=tmp_path)
    assert done.returncode == 1 and (tmp_path / "findings.txt").read_text(encoding="utf-8")


def test_show_settings_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    """--show-settings' headings were English under --lang zh."""
    (tmp_path / "a.txt").write_bytes(GAOZHUANG.read_bytes())
    out = lines(cli("--isolated", "--lang", "zh", "--select", "A001", "--show-settings", ".",
                    cwd=tmp_path).stdout)
    assert out[:3] == ["以下设置适用于：a.txt", "配置文件：（无：只用默认值和命令行选项）",
                       "命令行选项：lang, select"]
    assert "year = （未设置）" in out and 'lang = "zh"' in out
    assert out[-1] == "运行的规则（2 条）：A001, E999"
