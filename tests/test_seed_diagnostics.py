"""The complete diagnostics of the five seed reports, pinned: every one is a true finding.

``tests/expected/seed_diagnostics.txt`` holds the concise output of the real command line on
each seed with the default rules and no configuration, one diagnostic a line. When a rule changes
what it reports on a seed this test fails; update the file only for findings you have checked by
reading the seed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
PINNED = (HERE / "expected" / "seed_diagnostics.txt").read_text(encoding="utf-8").splitlines()


def _pinned(name: str) -> list[str]:
    return [line.removeprefix(f"{name}:") for line in PINNED if line.startswith(f"{name}:")]


@pytest.mark.parametrize("name", sorted(path.name for path in FIXTURES.glob("*.txt")))
def test_seed_diagnostics_are_pinned(name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gipr_lint", "check", str(FIXTURES / name), "--format",
         "concise", "--isolated"],
        capture_output=True, text=True, encoding="utf-8", check=False)
    assert result.stderr == ""
    found = [line.removeprefix(f"{FIXTURES / name}:") for line in result.stdout.splitlines()]
    assert found == _pinned(name)
    failing = any(": error " in line or ": warning " in line for line in found)
    assert result.returncode == (1 if failing else 0)


def test_the_issue_examples_are_among_the_pins() -> None:
    """The findings reviewers flag on these reports (issue: rule catalogue v1)."""
    codes = {name: {line.split()[2] for line in _pinned(name)}
             for name in ("000_6a437f78ed373b70.txt", "003_75f5e1dd19ed0e46.txt",
                          "004_6f3669565db78123.txt")}
    assert {"A001", "F001"} <= codes["000_6a437f78ed373b70.txt"]
    assert {"S006", "A004"} <= codes["003_75f5e1dd19ed0e46.txt"]
    assert {"S003", "S004", "S005"} <= codes["004_6f3669565db78123.txt"]
    arithmetic = {"T001", "T002", "T003", "T004"}
    assert not any(line.split()[2] in arithmetic for line in PINNED)
