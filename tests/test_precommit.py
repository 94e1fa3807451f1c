"""The pre-commit hook, run with the real ``pre-commit`` against a throwaway hook repository
made from a copy of this checkout (nothing is committed in the checkout itself)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GAOZHUANG

ROOT = Path(__file__).parent.parent
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
    pytest.mark.skipif(not PRE_COMMIT.exists(), reason="needs pre-commit (the test extra)"),
]


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True,
                          env={**os.environ, **GIT_ENV})
    return done.stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """A git copy of the checkout with one commit, its sha, and a pre-commit cache dir."""
    base = tmp_path_factory.mktemp("precommit")
    repo = base / "hook-repo"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(
        ".git", "__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache", "build", "dist",
        ".venv", "venv"))
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "snapshot for the pre-commit test")
    return repo, git(repo, "rev-parse", "HEAD"), base / "cache"


def run_hook(hook_repo: tuple[Path, str, Path], workdir: Path,
             files: dict[str, bytes]) -> subprocess.CompletedProcess:
    repo, sha, cache = hook_repo
    workdir.mkdir()
    git(workdir, "init", "-q")
    (workdir / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {repo}\n  rev: {sha}\n  hooks:\n  - id: gipr-lint\n",
        encoding="utf-8")
    for name, data in files.items():
        (workdir / name).write_bytes(data)
    git(workdir, "add", "-A")
    return subprocess.run([str(PRE_COMMIT), "run", "--all-files"], cwd=workdir,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PRE_COMMIT_HOME": str(cache), **GIT_ENV})


def test_hook_passes_on_a_clean_report(hook_repo, tmp_path: Path) -> None:
    clean = (ROOT / "tests" / "fixtures" / "001_e0653abc3b201f3e.txt").read_bytes()
    done = run_hook(hook_repo, tmp_path / "work", {"report.txt": clean, "notes.md": b"x"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "gipr-lint" in done.stdout and "Passed" in done.stdout


def test_hook_fails_on_an_unreadable_report(hook_repo, tmp_path: Path) -> None:
    # plugin-independent signal: a *.txt that is not text makes gipr-lint exit 2
    done = run_hook(hook_repo, tmp_path / "work", {
        "report.txt": b"\x00\x01\x02binary" * 50,
        "other.txt": (ROOT / "tests" / "fixtures" / "001_e0653abc3b201f3e.txt").read_bytes()})
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert "report.txt: cannot read: binary data, not a text report" in done.stdout


def test_hook_fails_on_a_broken_report(hook_repo, tmp_path: Path) -> None:
    done = run_hook(hook_repo, tmp_path / "work", {"report.txt": GAOZHUANG.read_bytes()})
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert 'report.txt:60:6: error A001 "我局" in a township report' in done.stdout


# -- the snippets of docs/pre-commit.md, run as written ----------------------------------------

DOC = ROOT / "docs" / "pre-commit.md"
DOC_URL = "https://example.invalid/gipr-lint.git"
DOC_SHA = "0" * 40


def doc_snippets(kind: str) -> list[str]:
    import re

    return re.findall(rf"<!-- precommit:{kind} -->\n```yaml\n(.*?)```",
                      DOC.read_text(encoding="utf-8"), re.S)


def run_config(config: str, workdir: Path, cache: Path,
               files: dict[str, bytes]) -> subprocess.CompletedProcess:
    workdir.mkdir()
    git(workdir, "init", "-q")
    (workdir / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    for name, data in files.items():
        (workdir / name).write_bytes(data)
    git(workdir, "add", "-A")
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return subprocess.run([str(PRE_COMMIT), "run", "--all-files"], cwd=workdir,
                          capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PATH": path, "PRE_COMMIT_HOME": str(cache),
                               **GIT_ENV})


def test_the_documented_snippets_are_marked() -> None:
    assert len(doc_snippets("remote")) == 2 and len(doc_snippets("local")) == 1


@pytest.mark.slow
@pytest.mark.parametrize("index", [0, 1])
def test_documented_remote_hook(index: int, hook_repo, tmp_path: Path) -> None:
    repo, sha, cache = hook_repo
    config = doc_snippets("remote")[index].replace(DOC_URL, f"file://{repo}").replace(
        DOC_SHA, sha)
    # naming a rule of the pack is a configuration error (exit 2) unless the pack is installed
    files = {"report.txt": GAOZHUANG.read_bytes(),
             "gipr-lint.toml": b'extend-select = ["HEN001"]\n' if index == 1 else b""}
    done = run_config(config, tmp_path / "work", cache, files)
    assert done.returncode == 1, done.stdout + done.stderr
    assert 'report.txt:60:6: error A001 "我局" in a township report' in done.stdout
    assert "exit code: 1" in done.stdout and "HEN" not in done.stdout.split("Failed")[1]


def test_documented_local_hook(tmp_path: Path) -> None:
    (config,) = doc_snippets("local")
    clean = (ROOT / "tests" / "fixtures" / "001_e0653abc3b201f3e.txt").read_bytes()
    done = run_config(config, tmp_path / "ok", tmp_path / "cache", {"report.txt": clean})
    assert done.returncode == 0, done.stdout + done.stderr
    done = run_config(config, tmp_path / "bad", tmp_path / "cache",
                      {"report.txt": GAOZHUANG.read_bytes()})
    assert done.returncode == 1, done.stdout + done.stderr
    assert 'report.txt:60:6: error A001 "我局" in a township report' in done.stdout
