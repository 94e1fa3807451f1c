"""Shared fixtures: run the real CLI in a subprocess, with chosen test plugins installed as
entry points (a throwaway ``*.dist-info`` on ``PYTHONPATH``, nothing installed in the venv)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

#: Messages are pinned in English: every test, and every command it runs in a subprocess, speaks
#: English whatever the machine's locale, unless it asks for Chinese (``--lang zh``, ``lang``).
os.environ["GIPR_LINT_LANG"] = "en"

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
TEST_PLUGINS = TESTS / "plugins_for_tests"
if str(TEST_PLUGINS) not in sys.path:
    sys.path.insert(0, str(TEST_PLUGINS))

#: A fixture report that contains 我局 (twice), 以 下 and 公开 in its first line.
GAOZHUANG = FIXTURES / "000_6a437f78ed373b70.txt"


def make_site(directory: Path, plugins: dict[str, str]) -> Path:
    """A directory holding a fake distribution whose ``gipr_lint`` entry points are
    ``plugins`` (name -> module)."""
    dist = directory / "gipr_test_plugins-0.0.1.dist-info"
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: gipr-test-plugins\n"
                                   "Version: 0.0.1\n", encoding="utf-8")
    lines = "".join(f"{name} = gipr_test_plugins.{module}\n" for name, module in plugins.items())
    (dist / "entry_points.txt").write_text(f"[gipr_lint]\n{lines}", encoding="utf-8")
    return directory


RunCli = Callable[..., subprocess.CompletedProcess]


@pytest.fixture
def cli(tmp_path_factory: pytest.TempPathFactory) -> RunCli:
    """``cli(*args, plugins={"words": "words"}, cwd=..., input=b"...")`` runs
    ``python -m gipr_lint`` and returns the completed process (text output)."""

    def run(*args: str, plugins: dict[str, str] | None = None, cwd: Path | None = None,
            input: bytes | None = None, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
        full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
        paths = [str(TEST_PLUGINS)]
        if plugins:
            site = make_site(tmp_path_factory.mktemp("site"), plugins)
            paths.insert(0, str(site))
        full_env["PYTHONPATH"] = os.pathsep.join(paths)
        done = subprocess.run([sys.executable, "-m", "gipr_lint", *args], cwd=cwd,
                              input=input, capture_output=True, env=full_env, timeout=timeout)
        return subprocess.CompletedProcess(done.args, done.returncode,
                                           done.stdout.decode("utf-8"),
                                           done.stderr.decode("utf-8"))

    return run
