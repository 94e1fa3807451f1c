"""The docs must match the program: docs/rules.md the loaded rules (regenerated in memory),
docs/cli.md what it says of inputs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from gipr_test_plugins.words import FlagWoJu

from gipr_lint.linting.plugin_manager import PluginSet, load_plugins
from tests.conftest import RunCli

ROOT = Path(__file__).parent.parent
SCRIPT = ROOT / "scripts" / "gen_rule_docs.py"


def load_script():
    spec = importlib.util.spec_from_file_location("gen_rule_docs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_rules_md_is_up_to_date() -> None:
    script = load_script()
    expected = script.render(load_plugins())
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == expected, "docs/rules.md is stale: run `python scripts/gen_rule_docs.py`"


def test_render_groups_and_code_blocks() -> None:
    text = load_script().render(PluginSet.from_rules([FlagWoJu]))
    assert "## E\n\n### E999 `rule-crashed`" in text
    assert "## TST\n\n### TST001 `flag-woju`\n\n| | English | 中文 |\n|---|---|---|\n" \
        "| Title 标题 | Flags every 我局 | Flags every 我局 |\n" \
        "| Summary 简介 | Flags every 我局. | Flags every 我局. |\n\n- Severity: warning\n" \
        "- Plugin: test\n" in text
    assert "**Fails:**\n\n```text\n我局\n```\n\n**Passes:**\n\n```text\n我镇\n```" in text


def test_rules_md_has_the_chinese_title_and_summary_beside_the_english() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "| Title 标题 | Table 三 row total differs from the sum of the applicant columns | " \
        "表三某行总计与各类申请人之和不符 |" in text
    assert "| Summary 简介 | A table-三 row's 总计 differs from the sum of its six applicant " \
        "columns. | 表三某行的“总计”与六类申请人各列之和不一致。 |" in text
    assert text.count("| Title 标题 |") == len(load_plugins().rules)


def test_cli_md_says_what_an_empty_file_gets(cli: RunCli, tmp_path: Path) -> None:
    """An empty or blank .txt was linted (S009, a warning: exit 1, or 0 under `--fail-on
    error` or `--select T`, "All checks passed" on an empty file) while an empty web page or
    Word file could not be read (exit 2); every empty file is now `cannot read: empty file`,
    exit 2, as docs/cli.md says."""
    text = " ".join((ROOT / "docs" / "cli.md").read_text(encoding="utf-8").split())
    assert ("`empty file` (nothing, or only white space, in any kind of file, a `.txt` or "
            "standard input too: ") in text
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text(" \n\n", encoding="utf-8")
    (tmp_path / "c.html").write_bytes(b"")
    for args in ([], ["--select", "T"], ["--fail-on", "error"]):
        done = cli("--isolated", "--lang", "en", "--format", "concise", *args, "a.txt", "b.txt",
                   "c.html", cwd=tmp_path)
        assert (done.returncode, done.stdout, done.stderr) == (
            2, "", "gipr-lint: a.txt: cannot read: empty file\n"
                   "gipr-lint: b.txt: cannot read: empty file\n"
                   "gipr-lint: c.html: cannot read: empty file\n"
                   "gipr-lint: nothing was linted\n")
    done = cli("--isolated", "--lang", "zh", "-", input=b" \n", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (2, "gipr-lint: -: 无法读取：文件是空的\n"
                                                 "gipr-lint: 没有检查任何文件\n")


def test_cli_md_lists_every_exit_code_the_program_has() -> None:
    """Ctrl-C exits with 130 (tests/test_runner_kept.py), which the table did not list."""
    from gipr_lint.cli import common

    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    table = text.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    codes = [line.split("|")[1].strip() for line in table.splitlines()
             if line.startswith("| ") and line.split("|")[1].strip().isdigit()]
    assert codes == [str(common.EXIT_OK), str(common.EXIT_FINDINGS), str(common.EXIT_ERROR),
                     "130"]
