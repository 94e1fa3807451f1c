"""``-j N``: forked workers inherit what the parent loaded instead of loading it again, and the
results are those of ``-j 1``, in command-line order."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gipr_lint.linting import runner
from gipr_lint.linting.plugin_manager import load_plugins
from tests.conftest import FIXTURES

SEEDS = sorted(str(path) for path in FIXTURES.glob("*.txt"))[:5]


def _lint(paths: list[str], jobs: int) -> list[tuple[str, list[tuple[str, int, int]], str]]:
    plugin_set = load_plugins()
    run = runner.RunConfig(isolated=True)
    results = runner.lint_files(paths, plugin_set, run.resolver(plugin_set), run, jobs=jobs)
    return [(r.path, [(d.code, d.line, d.column) for d in r.diagnostics], r.error or "")
            for r in results]


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="workers are spawned there")
def test_forked_workers_load_nothing_again(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    paths = [*SEEDS, missing, *SEEDS]
    serial = _lint(paths, 1)

    def refuse() -> None:
        raise AssertionError("a forked worker loaded the plugins again")

    monkeypatch.setattr(runner, "load_plugins", refuse)  # inherited by the forked workers
    assert _lint(paths, 2) == serial
    assert [path for path, _, _ in serial] == paths
    assert serial[len(SEEDS)][2]  # the unreadable file says why, in its place
    assert runner._worker is None  # nothing left behind for a later serial run


def test_chunks_are_small_enough_to_finish_together() -> None:
    assert runner._chunk_size(1, 2) == 1
    assert runner._chunk_size(100, 2) == 6
    assert runner._chunk_size(10_000, 2) == 16
    assert runner._chunk_size(10_000, 8) == 16
