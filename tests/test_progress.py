"""The progress bar: on a terminal only, on standard error, never mixed into the output."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES


def _corpus(directory: Path, count: int) -> None:
    directory.mkdir()
    seeds = sorted(FIXTURES.glob("*.txt"))
    for index in range(count):
        shutil.copy(seeds[index % len(seeds)], directory / f"r{index:03d}.txt")


def test_progress_bar_on_a_terminal_and_not_in_the_output(tmp_path: Path) -> None:
    _corpus(tmp_path / "reports", 40)
    output = tmp_path / "out.txt"
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "gipr_lint", str(tmp_path / "reports"), "--format", "concise",
         "--isolated", "--output-file", str(output)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=terminal,
        env={**os.environ, "COLUMNS": "80", "TERM": "xterm"})
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed when the process ended
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(timeout=60) == 1
    os.close(controller)
    assert b"Linting" in shown and b"100%" in shown
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines and all(": " in line and "Linting" not in line for line in lines)


def test_no_progress_bar_when_standard_error_is_not_a_terminal(tmp_path: Path) -> None:
    _corpus(tmp_path / "reports", 40)
    result = subprocess.run([sys.executable, "-m", "gipr_lint", str(tmp_path / "reports"),
                             "--format", "concise", "--isolated"],
                            capture_output=True, text=True, encoding="utf-8", check=False)
    assert result.returncode == 1
    assert result.stderr == ""


def test_progress_covers_history_and_cross_report_checks(tmp_path: Path) -> None:
    _corpus(tmp_path / "reports", 25)
    _corpus(tmp_path / "earlier", 3)
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "gipr_lint", str(tmp_path / "reports"), "--format", "json",
         "--isolated", "--history", str(tmp_path / "earlier"), "--output-file",
         str(tmp_path / "out.json")],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=terminal,
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(timeout=60) == 1
    os.close(controller)
    assert b"Linting" in shown
    assert b"Reading history" in shown
    assert b"Cross-report checks" in shown
