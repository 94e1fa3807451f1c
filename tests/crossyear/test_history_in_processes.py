"""``--history`` with ``-j N``: the history reports are read in N processes
(:func:`gipr_lint.linting.crossreport.read_history`, :func:`gipr_lint.linting.runner.in_processes`),
with the summaries and errors of one process, in order, also when a process dies."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest

from gipr_lint.linting import crossreport, runner
from gipr_lint.linting.plugin_manager import load_plugins
from tests.conftest import FIXTURES
from tests.crossyear.test_cli_history import gipr

pytestmark = pytest.mark.skipif(sys.platform in ("darwin", "win32"),
                                reason="processes are not forked there")

SEEDS = sorted(FIXTURES.glob("*.txt"))


def _history(directory: Path) -> list[str]:
    """Last year's reports of 18 offices (copies of the seeds, each its own agency), a file
    that is not there and one that is not text, in the middle."""
    paths = []
    for index in range(18):
        seed = SEEDS[index % len(SEEDS)]
        path = directory / f"{index:02d}-{seed.name}"
        path.write_text(seed.read_text(encoding="utf-8").replace("2024", "2023")
                        .replace("人民政府", f"人民政府{index}", 1), encoding="utf-8")
        paths.append(str(path))
    (directory / "binary.txt").write_bytes(b"\x00\xff" * 100)
    paths[5:5] = [str(directory / "gone.txt"), str(directory / "binary.txt")]
    return paths


def _read(paths: list[str], jobs: int) -> tuple[list[Any], list[str]]:
    plugin_set = load_plugins()
    resolver = runner.RunConfig(isolated=True).resolver(plugin_set)
    return crossreport.read_history(paths, plugin_set, resolver, jobs=jobs)


def test_history_read_in_processes_is_what_one_process_reads(tmp_path: Path) -> None:
    paths = _history(tmp_path)
    assert len(paths) >= crossreport.FEWEST_IN_PROCESSES
    summaries, errors = _read(paths, 1)
    assert [s.path for s in summaries] == [p for p in paths if "gone" not in p
                                           and "binary" not in p]
    assert [e.split(":")[0] for e in errors] == [paths[5], paths[6]]
    assert _read(paths, 2) == (summaries, errors)
    assert _read(paths, 3) == (summaries, errors)


def test_a_process_that_dies_leaves_the_history_to_this_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _history(tmp_path)
    serial = _read(paths, 1)
    main = os.getpid()
    read_some = crossreport._read_some

    def dying(some: list[str], **kwargs: object) -> list[object]:
        if os.getpid() != main:
            os.kill(os.getpid(), signal.SIGKILL)
        return read_some(some, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(crossreport, "_read_some", dying)
    assert _read(paths, 2) == serial


def test_where_processes_cannot_be_forked_the_history_is_read_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _history(tmp_path)
    serial = _read(paths, 1)
    monkeypatch.setattr(runner, "_fork_context", lambda: False)
    assert runner.in_processes(len, [[1]], 2) is None
    assert _read(paths, 2) == serial


def test_check_prints_the_same_with_history_read_in_processes(tmp_path: Path) -> None:
    (tmp_path / "2023").mkdir()
    (tmp_path / "2024").mkdir()
    for path in _history(tmp_path / "2023"):
        if Path(path).exists() and "binary" not in path:
            this_year = Path(path).read_text(encoding="utf-8").replace("2023", "2024")
            (tmp_path / "2024" / Path(path).name).write_text(this_year, encoding="utf-8")
    (tmp_path / "2023" / "binary.txt").unlink()
    outputs = [gipr(["check", "--isolated", "--format", "json", "-j", jobs, "2024",
                     "--history", "2023"], tmp_path) for jobs in ("1", "2")]
    assert outputs[0].returncode == outputs[1].returncode == 1
    assert outputs[0].stdout == outputs[1].stdout and outputs[0].stderr == outputs[1].stderr
    # every report compared with last year's but the four copies of the 2020 seed (001), whose
    # "last year's" has the same year
    assert outputs[1].stdout.count('"compared_with"') == 14
