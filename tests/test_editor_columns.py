"""The documented Vim ``errorformat`` over ``--columns bytes`` lands on the finding (issue 16).

The snippet is taken from docs/editors.md and run in the real Vim and Neovim that are installed
(``.ci/run`` installs Neovim from the system packages); an exact reimplementation of
``errorformat``'s ``%f:%l:%c`` (``%c`` is a byte column of the UTF-8 line) checks the same
output on every machine.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GAOZHUANG

ROOT = Path(__file__).parent.parent
EDITORS = ROOT / "docs" / "editors.md"
#: what the documented errorformat matches: %f:%l:%c: %trror %m (and warning, info)
ERRORFORMAT = re.compile(r"^(?P<f>.+?):(?P<l>\d+):(?P<c>\d+): (?P<t>[ewi])(?:rror|arning|nfo) "
                         r"(?P<m>.*)$")
DUMP = r"""let s:out = []
for s:i in range(1, len(getqflist()))
  execute 'silent cc ' . s:i
  call add(s:out, line('.') . "\t" . matchstr(getline('.'), '\%' . col('.') . 'c.'))
endfor
call writefile(s:out, 'quickfix.txt')
"""


def vim_snippet() -> str:
    (snippet,) = re.findall(r"<!-- editors:vim -->\n```vim\n(.*?)```",
                            EDITORS.read_text(encoding="utf-8"), re.S)
    return snippet


def env() -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)  # where gipr-lint is installed
    return {**os.environ, "PATH": os.pathsep.join([bin_dir, os.environ.get("PATH", "")]),
            "NO_COLOR": "1"}


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_bytes(GAOZHUANG.read_bytes())
    return path


def expected(report: Path) -> list[tuple[int, str]]:
    """(line, first character) of each finding, from the JSON output (character columns)."""
    done = subprocess.run([sys.executable, "-m", "gipr_lint", "--isolated", "--format", "json",
                           report.name], cwd=report.parent, capture_output=True, env=env())
    lines = report.read_text(encoding="utf-8").splitlines()
    diagnostics = json.loads(done.stdout)["files"][0]["diagnostics"]
    return [(d["line"], lines[d["line"] - 1][d["column"] - 1]) for d in diagnostics]


def test_the_reports_findings_are_on_chinese_lines(report: Path) -> None:
    found = expected(report)
    assert [char for _, char in found] == ["结", " ", " ", " ", "我", "我"]
    assert any(len(char.encode()) > 1 for char in found[0][1])


def test_errorformat_reimplementation_lands_on_each_finding(report: Path) -> None:
    reimplemented_errorformat_lands(report)


def reimplemented_errorformat_lands(report: Path) -> None:
    makeprg = re.search(r"makeprg=(.*)", vim_snippet()).group(1)  # type: ignore[union-attr]
    command = makeprg.replace("\\ ", " ").replace("%", report.name).split()
    assert command[:1] == ["gipr-lint"]
    done = subprocess.run([sys.executable, "-m", "gipr_lint", "--isolated", *command[1:]],
                          cwd=report.parent, capture_output=True, env=env())
    lines = report.read_bytes().decode("utf-8").splitlines()
    landed = []
    for output in done.stdout.decode("utf-8").splitlines():
        match = ERRORFORMAT.match(output)
        assert match, output
        line = lines[int(match["l"]) - 1].encode("utf-8")
        byte = int(match["c"]) - 1
        landed.append((int(match["l"]), line[byte:].decode("utf-8")[0]))
    assert landed == expected(report)
    # character columns would land early: A001 is 我 at character 6, byte 8 of 2025年我局
    assert "report.txt:60:8: error A001" in done.stdout.decode("utf-8")


def installed_vims() -> list[list[str]]:
    commands = []
    if shutil.which("nvim"):
        commands.append(["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n"])
    if shutil.which("vim"):
        commands.append(["vim", "-N", "-u", "NONE", "-i", "NONE", "-n", "-es"])
    return commands


def test_real_vim_or_neovim_lands_on_each_finding(report: Path) -> None:
    vims = installed_vims()
    if not vims:  # a machine without Vim (.ci/run installs Neovim): the exact reimplementation
        reimplemented_errorformat_lands(report)
        return
    (report.parent / "snippet.vim").write_text(vim_snippet(), encoding="utf-8")
    (report.parent / "dump.vim").write_text(DUMP, encoding="utf-8")
    want = [f"{line}\t{char}" for line, char in expected(report)]
    for vim in vims:
        quickfix = report.parent / "quickfix.txt"
        quickfix.unlink(missing_ok=True)
        subprocess.run([*vim, report.name, "-c", "source snippet.vim", "-c", "silent make!",
                        "-c", "source dump.vim", "-c", "qa!"], cwd=report.parent, env=env(),
                       capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
        assert quickfix.read_text(encoding="utf-8").splitlines() == want, vim[0]
