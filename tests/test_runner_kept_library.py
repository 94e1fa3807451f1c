"""``-j N`` workers that keep reports, from a library user's side: the results of
:func:`runner.lint_files` can be copied and pickled, read from threads, and a process can lint
again and again without workers piling up, as when a worker sent every report pickled. Each
test failed on the first version of kept reports (threads reading one another's answers or
finding a field missing, results that could not be pickled, a worker per run left waiting, a
file gone when linted again taken for a clean one)."""

from __future__ import annotations

import contextlib
import copy
import os
import pickle
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from gipr_lint.linting import runner
from tests.test_runner_kept import SEEDS, _lint, _worker_lints_all

pytestmark = pytest.mark.skipif(sys.platform in ("darwin", "win32"),
                                reason="workers are spawned there")


@pytest.fixture(autouse=True)
def _no_child_left() -> Any:
    yield
    runner.end_workers()


def test_a_result_sent_packed_can_be_pickled_and_read_elsewhere(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Pickled, a packed result takes its report and diagnostics along (not the way to them:
    the worker's pipes, which cannot be pickled)."""
    serial = _lint(SEEDS, 1)
    _worker_lints_all(monkeypatch)
    results = _lint(SEEDS, 2)
    assert runner.is_packed(results[1])
    copied = pickle.loads(pickle.dumps(results[1]))
    assert copied.diagnostics == serial[1].diagnostics
    assert copied.report == serial[1].report


def test_a_result_sent_packed_can_be_deep_copied(monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _lint(SEEDS, 1)
    _worker_lints_all(monkeypatch)
    results = _lint(SEEDS, 2)
    assert runner.is_packed(results[2])
    assert copy.deepcopy(results[2]).diagnostics == serial[2].diagnostics


def test_two_threads_reading_results_of_one_worker_each_get_their_own(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two threads read two packed results of one worker at once (both requests written before
    either answer is read): without one round trip at a time, the first to read would take both
    answers, keep the first (maybe the other thread's file: a wrong report, silently) and drop
    the second, and the other thread would wait forever in select()."""
    serial = _lint(SEEDS, 1)
    _worker_lints_all(monkeypatch)
    results = _lint(SEEDS, 2)
    both_asked = threading.Barrier(2)
    fill = runner._Reader.fill

    def fill_when_both_asked(self: runner._Reader) -> bool:
        with contextlib.suppress(threading.BrokenBarrierError):
            both_asked.wait(timeout=3)  # (a lock around a round trip makes this time out)
        # both answers are in the pipe by then; the thread named "early" reads first
        time.sleep(0.5 if threading.current_thread().name == "early" else 1.5)
        return fill(self)

    monkeypatch.setattr(runner._Reader, "fill", fill_when_both_asked)
    got: dict[int, Any] = {}

    def read(index: int) -> None:
        got[index] = results[index].diagnostics

    threads = [threading.Thread(target=read, args=(index,), name=name, daemon=True)
               for index, name in ((1, "late"), (3, "early"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert got.get(3) in (None, serial[3].diagnostics), "result 3 read another file's findings"
    assert not any(thread.is_alive() for thread in threads), "a reader hangs"
    assert got == {1: serial[1].diagnostics, 3: serial[3].diagnostics}


def test_runs_one_after_another_do_not_pile_up_workers() -> None:
    """A program (an editor, a service) linting with ``-j 2`` again and again: every
    run would leave a worker alive, holding every report it linted, and two pipes open, until
    :func:`runner.end_workers` or exit, had the next run not ended it."""
    fds = len(os.listdir("/proc/self/fd"))
    for _ in range(5):
        _lint([*SEEDS, *SEEDS], 2)
    assert len(runner._LIVE) <= 1
    assert len(os.listdir("/proc/self/fd")) <= fds + 2


def test_a_result_read_by_two_threads_at_once_has_its_fields_for_both(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``FileResult.__getattr__`` keeps the way to the fields until they are there: had it
    dropped it before the round trip, a second thread reading meanwhile would get
    ``AttributeError: 'FileResult' object has no attribute 'diagnostics'``, and so would every
    later read after an interrupted round trip."""
    serial = _lint(SEEDS, 1)
    _worker_lints_all(monkeypatch)
    results = _lint(SEEDS, 2)
    ask = runner._Worker._ask

    def slow(self: runner._Worker, handles: list[int]) -> Any:
        time.sleep(1)  # (a busy machine, a large report)
        return ask(self, handles)

    monkeypatch.setattr(runner._Worker, "_ask", slow)
    got: dict[str, Any] = {}

    def read(name: str) -> None:
        try:
            got[name] = results[1].diagnostics
        except AttributeError as exc:
            got[name] = exc

    first = threading.Thread(target=read, args=("first",))
    first.start()
    time.sleep(0.3)
    read("second")
    first.join(timeout=30)
    assert got == {"first": serial[1].diagnostics, "second": serial[1].diagnostics}


def test_a_result_whose_file_is_gone_when_linted_again_is_not_silently_clean(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Read after its worker ended (``end_workers``, or the worker was killed, e.g. by the
    OOM killer) a result is linted again from disk; if the file is gone by then, the result
    says why (an error), never ``report None, diagnostics [], error None``: a file with
    findings taken for a clean one."""
    copies = []
    for seed in SEEDS:
        copy_ = tmp_path / Path(seed).name
        copy_.write_text(Path(seed).read_text(encoding="utf-8"), encoding="utf-8")
        copies.append(str(copy_))
    serial = _lint(copies, 1)
    index = next(i for i, result in enumerate(serial) if i and result.diagnostics)
    _worker_lints_all(monkeypatch)
    results = _lint(copies, 2)
    assert runner.is_packed(results[index])
    runner.end_workers()
    os.remove(copies[index])
    result = results[index]
    assert result.diagnostics == serial[index].diagnostics or result.error is not None
