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


def test_chunks_are_few_and_end_small_enough_to_finish_together() -> None:
    assert runner._chunks(["a"], 2) == [["a"]]
    for count, jobs in ((5, 2), (100, 2), (739, 2), (10_000, 8)):
        paths = [str(index) for index in range(count)]
        chunks = runner._chunks(paths, jobs)
        assert [path for chunk in chunks for path in chunk] == paths  # all, in order
        sizes = [len(chunk) for chunk in chunks]
        assert sizes == sorted(sizes, reverse=True) and sizes[0] <= runner._LARGEST_CHUNK
        assert sum(sizes[-2 * jobs:]) <= max(2 * jobs, count // 20)  # a short tail
    assert len(runner._chunks([str(index) for index in range(739)], 2)) < 30


def test_results_cross_processes_unchanged() -> None:
    """The pickling the workers' results take (their dataclasses as class and field values)
    gives back equal results: diagnostics with fixes, origins (PDF, Word), the summaries the
    cross-report stage compares, a file that could not be read."""
    import pickle
    from multiprocessing.reduction import ForkingPickler

    from gipr_lint.linting.engine import cross_report_summaries, lint_path

    root = Path(__file__).parent
    paths: list[str | Path] = [*SEEDS[:2], *sorted((FIXTURES / "pdf").glob("*.pdf"))[:1],
             root / "readers" / "official-2021-format-template.docx", root / "missing.txt"]
    plugin_set = load_plugins()
    resolver = runner.RunConfig(isolated=True).resolver(plugin_set)
    with cross_report_summaries(True):
        results = [runner._slim(lint_path(path, resolver.settings_for(path), plugin_set))
                   for path in paths]
    diagnostics = [d for result in results for d in result.diagnostics]
    assert any(d.fix for d in diagnostics) and any(d.origin for d in diagnostics)
    assert sum(result.summary is not None for result in results) == 4
    runner._register_reducers()
    data = bytes(ForkingPickler.dumps(results))
    from gipr_lint.diagnostics import Diagnostic
    from gipr_lint.reading.source import Span

    reducers = ForkingPickler._extra_reducers  # type: ignore[attr-defined]
    assert {Diagnostic, Span} <= set(reducers)  # the reducers were used
    assert pickle.loads(data) == results
