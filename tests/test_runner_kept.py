"""``-j N`` with forked workers that keep the reports and diagnostics of the results whose JSON
part they wrote, and send them only when the main process reads them: the results are those
of one process, also when a worker died before it was asked, and no process is left behind
(after the command, an interruption, a failure)."""

from __future__ import annotations

import dataclasses
import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest

from gipr_lint.linting import runner
from gipr_lint.linting.engine import FileResult
from gipr_lint.linting.plugin_manager import load_plugins
from tests.conftest import FIXTURES

pytestmark = pytest.mark.skipif(sys.platform in ("darwin", "win32"),
                                reason="workers are spawned there")

SEEDS = sorted(str(path) for path in FIXTURES.glob("*.txt"))[:5]


@pytest.fixture(autouse=True)
def _no_child_left() -> Any:
    """Every test ends with no worker alive or unwaited for."""
    yield
    runner.end_workers()
    _assert_no_child()


def _assert_no_child() -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def _worker_lints_all(monkeypatch: pytest.MonkeyPatch) -> None:
    """The main process lints the first file only (before the fork), the worker every chunk:
    so that the results that follow are certainly the worker's."""
    main = os.getpid()
    claim = runner._Claims.next

    def next_(self: runner._Claims) -> int:
        return sys.maxsize if os.getpid() == main else claim(self)

    monkeypatch.setattr(runner._Claims, "next", next_)


def _asks_counted(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """The handles of each round trip to a worker from now on, in a list that grows."""
    asked: list[list[int]] = []
    ask = runner._Worker._ask

    def counted(self: runner._Worker, handles: list[int]) -> Any:
        asked.append(handles)
        return ask(self, handles)

    monkeypatch.setattr(runner._Worker, "_ask", counted)
    return asked


def _lint(paths: list[str], jobs: int, *, render_json: bool = True) -> list[FileResult]:
    plugin_set = load_plugins()
    run = runner.RunConfig(isolated=True, render_json=render_json)
    return runner.lint_files(paths, plugin_set, run.resolver(plugin_set), run, jobs=jobs)


def _serial_and_kept(monkeypatch: pytest.MonkeyPatch
                     ) -> tuple[list[FileResult], list[FileResult]]:
    """The seeds twice linted by one process, and by two where the worker lints all but the
    first file and keeps what it sent (its results packed)."""
    paths = [*SEEDS, *SEEDS]
    serial = _lint(paths, 1)
    _worker_lints_all(monkeypatch)
    return serial, _lint(paths, 2)


def _document(results: list[FileResult]) -> str:
    import io

    from gipr_lint.formatters import FormatContext
    from gipr_lint.formatters.json import write

    plugin_set = load_plugins()
    out = io.StringIO()
    write(results, out, FormatContext(rules=plugin_set.rules, rule_plugin=plugin_set.rule_plugin,
                                      color=False, quiet=False, byte_columns=False))
    return out.getvalue()


def _same(results: list[FileResult], serial: list[FileResult]) -> None:
    assert [(r.path, r.report, r.diagnostics, r.error, r.summary, r.tables_read)
            for r in results] == [(r.path, r.report, r.diagnostics, r.error, r.summary,
                                   r.tables_read) for r in serial]


def test_a_worker_keeps_what_it_linted_and_sends_it_when_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker's results arrive without report and diagnostics (the JSON document and the
    severity counts need neither); read, they are those of one process, asked for in a few
    round trips when read in order, each result once."""
    paths = [*SEEDS, *SEEDS]
    serial = _lint(paths, 1)
    _worker_lints_all(monkeypatch)
    asked = _asks_counted(monkeypatch)
    results = _lint(paths, 2)
    assert [runner.is_packed(result) for result in results] == [False] + [True] * 9
    assert len(runner._LIVE) == 1  # the worker stays, waiting for requests
    assert [runner.severity_counts(r) for r in results] == [
        runner.severity_counts(r) for r in serial]
    fresh = _document(serial)
    assert _document(results) == fresh and not asked  # nothing read
    from gipr_lint.cli.check import _fails

    resolver = runner.RunConfig(isolated=True).resolver(load_plugins())
    assert _fails(results, resolver) is _fails(serial, resolver) is True and not asked
    assert dataclasses.replace(results[1], rendered=None) == serial[1]  # (reads every field)
    assert asked == [[0]]
    _same(results, serial)
    assert asked == [[0], [1, 2], [3, 4, 5, 6], [7, 8]]  # the window doubles as reads go on
    assert all(r.rendered is not None and r.rendered[0] is r.diagnostics for r in results[1:])
    assert _document(results) == fresh
    runner.end_workers()
    assert not runner._LIVE
    _assert_no_child()


def test_reads_out_of_order_ask_for_no_more_than_they_need(
        monkeypatch: pytest.MonkeyPatch) -> None:
    serial, results = _serial_and_kept(monkeypatch)
    worker = runner._LIVE[0]
    for index in (9, 3, 5, 4):
        assert results[index].diagnostics == serial[index].diagnostics
    assert worker._asked == {8, 2, 4, 3}  # (result 4 came with result 3)
    assert [runner.is_packed(result) for result in results].count(True) == 5


def test_a_worker_killed_before_it_is_asked_has_its_files_linted_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Its results are the same, linted here with the same settings; their JSON parts are
    written afresh; the dead worker is waited for."""
    paths = [*SEEDS, *SEEDS]
    serial = _lint(paths, 1)
    _worker_lints_all(monkeypatch)
    results = _lint(paths, 2)
    linted_again = []
    lint_again = runner._Worker.lint_again

    def counted(self: runner._Worker, path: str) -> dict[str, Any]:
        linted_again.append(path)
        return lint_again(self, path)

    monkeypatch.setattr(runner._Worker, "lint_again", counted)
    assert results[1].diagnostics == serial[1].diagnostics  # asked of the worker
    worker = runner._LIVE[0]
    os.kill(worker.pid, signal.SIGKILL)
    _same(results, serial)
    assert linted_again == paths[2:]  # (result 1 came from the worker)
    assert results[1].rendered is not None and results[1].rendered[0] is results[1].diagnostics
    assert all(result.rendered is None for result in results[2:])
    assert _document(results) == _document(serial)


def test_a_worker_that_dies_halfway_through_an_answer_leaves_its_files_to_this_process(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """No hang, no traceback: the half answer is dropped, the files are linted here."""
    paths = [*SEEDS, *SEEDS]
    serial = _lint(paths, 1)
    _worker_lints_all(monkeypatch)

    def half(held: list[Any], requests: int, outbox: runner._Outbox) -> None:
        count = int.from_bytes(runner._read(requests, 4), "little")
        request = runner._read(requests, 4 * count)
        answer = runner._message([held[int.from_bytes(request[:4], "little")]])
        os.write(outbox._fd, answer[:len(answer) // 2])
        os._exit(1)

    monkeypatch.setattr(runner, "_serve", half)  # (in the worker, forked after this)
    results = _lint(paths, 2)
    _same(results, serial)
    assert all(result.rendered is None for result in results[1:])
    assert _document(results) == _document(serial)


def test_workers_that_keep_nothing_end_with_the_run() -> None:
    results = _lint([*SEEDS, *SEEDS], 2, render_json=False)
    assert not runner._LIVE and not any(runner.is_packed(result) for result in results)
    _assert_no_child()


def test_an_interrupted_run_leaves_no_worker_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(runner._Shared, "_receive", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _lint([*SEEDS, *SEEDS], 2)
    assert not runner._LIVE
    _assert_no_child()


def _copies(directory: Path) -> None:
    """Reports of one text by three agencies (each but the first a near-duplicate of an
    earlier one: X005), last year's report of one of them, and the other seeds."""
    text = Path(SEEDS[0]).read_text(encoding="utf-8")
    for index, office in enumerate(("", "办公室", "研究室")):
        (directory / f"0-{index}.txt").write_text(text.replace("人民政府", f"人民政府{office}"),
                                                  encoding="utf-8")
    (directory / "0-3-2023.txt").write_text(text.replace("2024年", "2023年"), encoding="utf-8")
    for seed in SEEDS[1:]:
        (directory / Path(seed).name).write_text(Path(seed).read_text(encoding="utf-8"),
                                                 encoding="utf-8")


def test_the_command_prints_the_same_and_leaves_no_process(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """``check -j 2 --format json``: the document of ``-j 1`` byte for byte, the cross-report
    stage adding findings to the worker's results (X005) and comparing them with last year's;
    with a baseline too (every result read); no worker left once the command returned."""
    from gipr_lint.cli import main

    _copies(tmp_path)
    baseline = tmp_path / "baseline.json"
    main(["check", str(tmp_path), "--isolated", "--select", "T", "--write-baseline",
          str(baseline)])
    capsys.readouterr()
    _worker_lints_all(monkeypatch)
    for extra in ([], ["--baseline", str(baseline)]):
        outputs = []
        for jobs in ("1", "2"):
            code = main(["check", str(tmp_path), "--isolated", "--format", "json", "-j", jobs,
                         *extra])
            captured = capsys.readouterr()
            outputs.append((code, captured.out, captured.err))
            assert not runner._LIVE
            _assert_no_child()
        assert outputs[0] == outputs[1]
        assert outputs[1][1].count('"X005"') == 2  # in 0-1 and 0-2: the worker's
        # (a baseline dropped it, with the table counts: filter_new now keeps both)
        assert '"compared_with"' in outputs[1][1]


def test_a_command_interrupted_after_linting_leaves_no_process(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from gipr_lint.cli import check, main

    _copies(tmp_path)
    _worker_lints_all(monkeypatch)
    waiting = []

    def interrupted(*args: Any) -> None:  # (in the cross-report stage)
        waiting.extend(runner._LIVE)  # the worker waits, holding what it linted
        raise KeyboardInterrupt

    monkeypatch.setattr(check, "cross_report", interrupted)
    assert main(["check", str(tmp_path), "--isolated", "--format", "json", "-j", "2"]) == 130
    assert len(waiting) == 1 and not runner._LIVE
    _assert_no_child()


def test_a_second_run_ends_the_first_runs_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process keeps one run's workers: the second run ends the first one's (which its own
    worker, forked while they waited, let go of), and the first run's results, read
    afterwards, are linted again here, the same."""
    serial = _lint(SEEDS, 1)
    _worker_lints_all(monkeypatch)
    first = _lint(SEEDS, 2)
    first_worker = runner._LIVE[0]
    second = _lint(list(reversed(SEEDS)), 2)
    assert len(runner._LIVE) == 1 and runner._LIVE[0] is not first_worker
    _same(list(reversed(second)), serial)
    assert runner._LIVE[0]._asked
    _same(first, serial)
    assert not first_worker._asked  # never asked: ended before it was read


def test_a_process_forked_elsewhere_lets_go_of_the_workers_pipes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Any process forked while a worker waits (by a program using gipr-lint as a library)
    closes its copies of the worker's pipes: else the worker would not see their end, and
    :func:`runner.end_workers` would wait for it as long as that process lives."""
    _worker_lints_all(monkeypatch)
    _lint(SEEDS, 2)
    worker = runner._LIVE[0]
    fds = (worker._requests, worker.fileno())
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        closed = 0
        for fd in fds:
            try:
                os.fstat(fd)
            except OSError:
                closed += 1
        os.write(write, b"%d" % closed)
        os._exit(0)
    os.close(write)
    assert os.waitpid(pid, 0)[1] == 0
    with os.fdopen(read, "rb") as stream:
        assert stream.read() == b"2"
    assert all(os.fstat(fd) for fd in fds)  # (this process's stay open)


def test_workers_left_waiting_are_ended_and_waited_for_at_exit(tmp_path: Path) -> None:
    """A program that lints with ``-j 2`` and never calls :func:`runner.end_workers`: at its
    exit the worker is ended and waited for (what runs at exit after it finds no child)."""
    import subprocess
    import textwrap

    script = tmp_path / "lint.py"
    script.write_text(textwrap.dedent(f"""
        import atexit, os, sys
        from gipr_lint.linting import runner
        from gipr_lint.linting.plugin_manager import load_plugins

        main, claim = os.getpid(), runner._Claims.next  # the worker lints all but one
        runner._Claims.next = lambda self: sys.maxsize if os.getpid() == main else claim(self)

        def check():
            try:
                os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                print("no child left")
        atexit.register(check)  # (runs after the handlers registered later)
        plugin_set = load_plugins()
        run = runner.RunConfig(isolated=True, render_json=True)
        results = runner.lint_files({[*SEEDS, *SEEDS]!r}, plugin_set,
                                    run.resolver(plugin_set), run, jobs=2)
        print(len(results), bool(runner._LIVE))
    """), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.split("\n") == ["10 True", "no child left", ""]


def test_the_workers_are_told_to_end_before_the_output_is_written(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing reads what they kept once the output is being written: they end meanwhile,
    and are waited for when the command is done."""
    from gipr_lint.cli import main
    from gipr_lint.formatters import json

    _copies(tmp_path)
    _worker_lints_all(monkeypatch)
    seen = []
    write = json.write

    def writing(*args: Any) -> None:
        seen.append((len(runner._LIVE), len(runner._ENDING)))
        write(*args)

    monkeypatch.setattr(json, "write", writing)
    main(["check", str(tmp_path), "--isolated", "--format", "json", "-j", "2"])
    assert seen == [(0, 1)] and '"X005"' in capsys.readouterr().out
    assert not runner._ENDING
    _assert_no_child()


def test_a_file_gone_when_its_dead_workers_result_is_read_says_why(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    paths = []
    for index, seed in enumerate(SEEDS[:3]):
        paths.append(str(tmp_path / f"{index}.txt"))
        Path(paths[-1]).write_text(Path(seed).read_text(encoding="utf-8"), encoding="utf-8")
    _worker_lints_all(monkeypatch)
    results = _lint(paths, 2)
    os.kill(runner._LIVE[0].pid, signal.SIGKILL)
    Path(paths[2]).unlink()
    assert results[2].report is None and results[2].diagnostics == []
    assert results[2].error and not runner.is_packed(results[2])
    assert results[1].report is not None and results[1].error is None


def test_the_cross_report_stage_asks_each_worker_once_for_what_it_reads(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The stage fetches the results a rule found something in (and those it compares with
    last year's) in one request (:func:`runner.fetch`), not one round trip per result, and
    adds the same findings as to the results of one process."""
    from gipr_lint.linting.crossreport import run_cross_report

    _copies(tmp_path)
    paths = sorted(str(path) for path in tmp_path.glob("*.txt"))
    plugin_set = load_plugins()
    resolver = runner.RunConfig(isolated=True).resolver(plugin_set)
    serial = run_cross_report(_lint(paths, 1), plugin_set, resolver)
    _worker_lints_all(monkeypatch)
    asked = _asks_counted(monkeypatch)
    results = run_cross_report(_lint(paths, 2), plugin_set, resolver)
    assert asked == [[0, 1]]  # 0-1 and 0-2 (X005), the worker's first two results
    _same(results, serial)
    assert [r.previous for r in results] == [r.previous for r in serial]


def test_fetching_from_a_dead_worker_leaves_its_files_to_this_process(
        monkeypatch: pytest.MonkeyPatch) -> None:
    serial, results = _serial_and_kept(monkeypatch)
    worker = runner._LIVE[0]
    os.kill(worker.pid, signal.SIGKILL)
    runner.fetch(results[3:6])  # no answer: nothing fetched, no hang
    assert not worker._ahead
    _same(results, serial)
