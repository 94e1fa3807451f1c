"""``-j N``: forked workers inherit what the parent loaded instead of loading it again, and the
results are those of ``-j 1``, in command-line order."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gipr_lint.linting import engine, runner
from gipr_lint.linting.plugin_manager import PluginSet, load_plugins
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
        # (lint_paths lints that many files together: no chunk leaves a few of them alone)
        together = engine.FILES_TOGETHER
        assert all(size % together == 0 for size in sizes if size > together)
    assert len(runner._chunks([str(index) for index in range(739)], 2)) < 30


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="workers are spawned there")
def test_every_chunk_is_claimed_once_also_more_than_the_pipe_holds_at_once() -> None:
    """The chunk indices come from a pipe the processes share: each once, in order, then the
    end; indices that did not fit in the pipe at first are written as it empties."""
    import os

    for first, count in ((1, 2), (1, 40), (0, 100_000)):
        claims = runner._Claims(first, count)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # a worker that claims a few chunks and says which, then ends
            os.close(read)
            claims.in_worker()
            taken = [claims.next() for _ in range(5)]
            os.write(write, b" ".join(b"%d" % index for index in taken if index < count))
            os._exit(0)
        os.close(write)
        claims.started()
        mine = []
        while (index := claims.next()) < count:
            mine.append(index)
        assert os.waitpid(pid, 0)[1] == 0
        with os.fdopen(read, "rb") as stream:
            theirs = [int(index) for index in stream.read().split()]
        claims.close()
        assert mine == sorted(mine) and theirs == sorted(theirs)
        assert sorted(mine + theirs) == list(range(first, count))


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
    from gipr_lint.diagnostics import Diagnostic
    from gipr_lint.model import Report
    from gipr_lint.reading.source import Source, Span

    assert {Diagnostic, Span, Report, Source} <= set(runner._reducers())  # they are used
    message = runner._message((7, results))
    assert int.from_bytes(message[:8], "little") == len(message) - 8
    assert pickle.loads(message[8:]) == (7, results)
    # (the fields equality leaves out, and a report's type, come across too)
    sources = [result.source for result in pickle.loads(message[8:])[1]
               if result.source is not None]
    assert [(type(s), s.line_starts, s.origins) for s in sources] == [
        (Source, result.source.line_starts, result.source.origins)
        for result in results if result.source is not None]
    assert any(source.origins for source in sources)
    runner._register_reducers()  # the same, for spawned workers
    assert pickle.loads(bytes(ForkingPickler.dumps(results))) == results


def test_a_summary_travels_packed_and_is_unpacked_when_a_rule_reads_its_cells() -> None:
    """A summary's tables, cells and figures cross from a worker as one string of bytes and
    are unpacked at the first read: equal to those of a summary made field by field."""
    import dataclasses
    import pickle

    from gipr_lint.linting.batch import ReportSummary
    from gipr_lint.linting.engine import cross_report_summaries, lint_path

    plugin_set = load_plugins()
    resolver = runner.RunConfig(isolated=True).resolver(plugin_set)
    with cross_report_summaries(True):
        made = lint_path(SEEDS[0], resolver.settings_for(SEEDS[0]), plugin_set).summary
    assert made is not None and "_packed" in vars(made)
    fields = {field.name: getattr(made, field.name) for field in dataclasses.fields(made)}
    assert fields["cells"] and fields["figures"] and fields["tables"]
    plain = ReportSummary(**fields)
    for summary in (made, plain):
        received = pickle.loads(runner._message(summary)[8:])
        packed = vars(received)["_packed"]
        assert isinstance(packed, bytes) and "cells" not in vars(received)
        assert received.cell("requests", "carried_over", 0) == plain.cells[
            ("requests", "carried_over", 0)]
        assert "_packed" not in vars(received)
        assert received == plain and received.key == plain.key
        assert received.tables == plain.tables and received.figures == plain.figures
    with pytest.raises(AttributeError):
        plain.no_such_field  # noqa: B018


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="workers are spawned there")
def test_json_parts_written_ahead_by_workers_make_the_same_document(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With ``-j 2 --format json`` the workers write each file's part of the document; the
    output is ``-j 1``'s byte for byte, also for a file the cross-report stage changed after
    its worker wrote it (compared with last year's report: written again), and for a
    document with byte columns (not written ahead)."""
    from gipr_lint.cli import main

    seed = Path(SEEDS[0]).read_text(encoding="utf-8")
    (tmp_path / "a-2023.txt").write_text(seed.replace("2024年", "2023年"), encoding="utf-8")
    for copy in range(3):
        (tmp_path / f"b-{copy}.txt").write_text(seed, encoding="utf-8")
    outputs = {}
    for jobs, columns in (("1", "chars"), ("2", "chars"), ("1", "bytes"), ("2", "bytes")):
        out = tmp_path / f"out-{jobs}-{columns}.json"
        main(["check", str(tmp_path), "--isolated", "--format", "json", "-j", jobs,
              "--columns", columns, "-o", str(out)])
        outputs[jobs, columns] = out.read_text(encoding="utf-8")
    capsys.readouterr()
    assert outputs["1", "chars"] == outputs["2", "chars"]
    assert outputs["1", "bytes"] == outputs["2", "bytes"]
    assert outputs["2", "chars"].count('"compared_with"') == 3


def _json_document(items: list, plugin_set: PluginSet) -> str:
    """The JSON document the formatter writes for ``items``, without colour or byte columns."""
    import io

    from gipr_lint.formatters import FormatContext
    from gipr_lint.formatters.json import write

    out = io.StringIO()
    write(items, out, FormatContext(rules=plugin_set.rules, rule_plugin=plugin_set.rule_plugin,
                                    color=False, quiet=False, byte_columns=False))
    return out.getvalue()


def test_the_json_document_is_the_same_text_in_every_stream() -> None:
    """The document goes to a UTF-8 stream's bytes directly, in parts; any other stream gets
    the same text through its own encoding; text UTF-8 cannot encode (a lone surrogate)
    goes through the stream's own error handling, as it did before."""
    import dataclasses
    import io

    from gipr_lint.formatters import FormatContext
    from gipr_lint.formatters.json import render_ahead, write

    plugin_set = load_plugins()
    run = runner.RunConfig(isolated=True)
    results = runner.lint_files(SEEDS[:2], plugin_set, run.resolver(plugin_set), run)
    for result in results:
        render_ahead(result)
    context = FormatContext(rules=plugin_set.rules, rule_plugin=plugin_set.rule_plugin,
                            color=False, quiet=False, byte_columns=False)
    expected = _json_document(results, plugin_set)
    assert expected.endswith("}\n") and "高" in expected
    for encoding in ("utf-8", "UTF8", "gb18030"):
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding=encoding)
        stream.write("before\n")
        write(results, stream, context)
        stream.flush()
        assert raw.getvalue().decode(encoding) == "before\n" + expected, encoding
    odd = [dataclasses.replace(results[0], path="bad\udc80.txt", rendered=None), results[1]]
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape")
    write(odd, stream, context)
    stream.flush()
    assert b'"bad\x80.txt"' in raw.getvalue()


def test_a_json_part_written_ahead_is_not_used_once_the_diagnostics_changed() -> None:
    import dataclasses

    from gipr_lint.formatters.json import render_ahead

    plugin_set = load_plugins()
    run = runner.RunConfig(isolated=True)
    results = runner.lint_files(SEEDS[:2], plugin_set, run.resolver(plugin_set), run)

    def document(items: list) -> str:
        return _json_document(items, plugin_set)

    fresh = document(results)
    for result in results:
        render_ahead(result)
    assert all(result.rendered for result in results)
    assert document(results) == fresh
    fewer = [dataclasses.replace(results[0], diagnostics=results[0].diagnostics[1:]),
             results[1]]
    assert document(fewer) == document([dataclasses.replace(fewer[0], rendered=None),
                                        results[1]]) != fresh
    # as the cross-report stage changes them: some kept, others added (one with a related
    # report, written the general way), maybe compared with last year's: the items written
    # ahead of those kept are used again, in the new order
    from gipr_lint.linting.batch import ReportSummary

    first = results[0].diagnostics
    assert len(first) >= 3 and any(d.fix for d in first)
    earlier = ReportSummary(path="earlier.txt", agency="某县人民政府", year=2023)
    added = [dataclasses.replace(first[0], code="X005", message="同\n\"文\"",
                                 related=("b/其他.txt", "c.txt")),
             dataclasses.replace(first[-1], code="X001")]
    for diagnostics, previous in (([added[0], *first[1:], added[1]], None),
                                  ([*first[::2], *added], earlier), ([], earlier),
                                  (list(reversed(first)), None)):
        changed = dataclasses.replace(results[0], diagnostics=diagnostics, previous=previous)
        assert changed.rendered is results[0].rendered
        assert document([changed, results[1]]) == document(
            [dataclasses.replace(changed, rendered=None), results[1]])


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="workers are spawned there")
@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="workers are spawned there")
def test_messages_larger_than_the_pipe_arrive_whole_and_a_cut_one_is_dropped() -> None:
    """A worker writes without waiting (the rest of a message between two files) and the
    main process reads without waiting: messages of several megabytes arrive whole, in
    order, however the reads cut them; one cut short by the worker's end is never taken."""
    import os
    import pickle
    import select

    sent = [(index, b"x%d" % index * (index * 700_000)) for index in range(5)]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: its messages, then half of one more, and it ends
        os.close(read)
        outbox = runner._Outbox(write)
        for value in sent:
            outbox.put(value)
            outbox.push()  # (as between two files)
        os.set_blocking(write, True)
        outbox.push()
        cut = runner._message((9, b"y" * 100_000))
        os.write(write, cut[:len(cut) // 2])
        os._exit(0)
    os.close(write)
    reader = runner._Reader(read)
    received = []
    open_ = True
    while open_:
        select.select([reader], [], [])
        open_ = reader.fill()
        received.extend(pickle.loads(message) for message in reader.messages())
    reader.close()
    assert os.waitpid(pid, 0)[1] == 0
    assert received == sent


def test_a_worker_that_dies_leaves_its_chunks_to_the_main_process(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    paths = [*SEEDS, *SEEDS, *SEEDS]
    serial = _lint(paths, 1)

    def die(self: object, claims: Any, *pipes: object) -> None:
        claims.next()  # takes a chunk, then ends as if killed: sends nothing
        os._exit(3)

    monkeypatch.setattr(runner._Shared, "_work", die)
    assert _lint(paths, 3) == serial


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="workers are spawned there")
def test_without_processes_to_fork_this_process_lints_everything(
        monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [*SEEDS, *SEEDS]
    serial = _lint(paths, 1)

    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(runner.os, "fork", refuse)
    assert _lint(paths, 3) == serial


def test_spawned_workers_give_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where processes are not forked (macOS, Windows), a pool of workers lints the chunks."""
    paths = [*SEEDS, *SEEDS]
    serial = _lint(paths, 1)
    monkeypatch.setattr(runner, "_fork_context", lambda: None)
    assert _lint(paths, 2) == serial
    assert runner._worker is None


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="workers are spawned there")
def test_every_format_is_the_same_with_two_processes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``-j 2`` prints ``-j 1``'s output byte for byte in every built-in format, cross-report
    findings (two agencies with the same text, last year's report) and a file that cannot be
    read included, with chunks linted by this process and by the worker."""
    from gipr_lint.cli import main

    for index, seed in enumerate(SEEDS):
        text = Path(seed).read_text(encoding="utf-8")
        (tmp_path / f"{index}-a.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"{index}-b-2023.txt").write_text(text.replace("2024年", "2023年"),
                                                      encoding="utf-8")
        (tmp_path / f"{index}-c.txt").write_text(text.replace("人民政府", "人民政府办公室"),
                                                 encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfe\x00bad")
    assert len(runner._chunks(sorted(tmp_path.iterdir()), 2)) >= 4
    for fmt in sorted(load_plugins().formatters):
        outputs = []
        for jobs in ("1", "2"):
            code = main(["check", str(tmp_path), "--isolated", "--format", fmt, "-j", jobs,
                         "--color", "never"])
            captured = capsys.readouterr()
            outputs.append((code, captured.out, captured.err))
        assert outputs[0] == outputs[1], fmt
        assert outputs[0][1], fmt


def test_a_json_part_written_ahead_keeps_its_diagnostics_once_compared_with_last_year(
) -> None:
    """The cross-report stage found last year's report and nothing else: the head is written
    again (with ``compared_with``), the diagnostics written ahead are kept."""
    import dataclasses

    from gipr_lint.formatters.json import render_ahead
    from gipr_lint.linting.batch import ReportSummary

    plugin_set = load_plugins()
    run = runner.RunConfig(isolated=True)
    results = runner.lint_files(SEEDS[:2], plugin_set, run.resolver(plugin_set), run)
    earlier = ReportSummary(path="earlier.txt", agency="某县人民政府", year=2023)

    def document(items: list) -> str:
        return _json_document(items, plugin_set)

    fresh = document([dataclasses.replace(results[0], previous=earlier), results[1]])
    for result in results:
        render_ahead(result)
    assert results[0].diagnostics and results[0].rendered
    compared = dataclasses.replace(results[0], previous=earlier)
    assert compared.rendered is results[0].rendered  # still valid: the same diagnostics
    assert document([compared, results[1]]) == fresh
    assert fresh.count('"compared_with"') == 1


def test_a_slim_result_keeps_the_report_without_its_model() -> None:
    """A slim result's report is ``dataclasses.replace`` of the report with its model
    emptied, equal field by field, without the paragraphs cached from the model."""
    from dataclasses import fields, replace

    from gipr_lint.reading.parser import parse_text

    path = sorted(FIXTURES.glob("*.txt"))[0]
    report = parse_text(path.read_text(encoding="utf-8"), str(path))
    assert list(report.paragraphs())  # caches the paragraphs in the report
    slim = runner._without_model(report)
    expected = replace(report, preamble=(), sections=(), tables={}, debris=(), problems=(),
                       signature=None)
    assert slim == expected and type(slim) is type(report)
    assert all(getattr(slim, f.name) is getattr(expected, f.name) for f in fields(report)
               if f.name not in ("tables",))
    assert list(slim.paragraphs()) == [] and report.sections


class _Cycle:
    """An object in a reference cycle, as a careless plugin might leave behind a report."""

    def __init__(self) -> None:
        self.me = self


def _collections_while(step: Callable[[runner._Kept], None], results: int) -> int:
    """How many collections :class:`runner._Kept` makes while ``results`` are kept, each after
    ``step``."""
    import gc

    made = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            made.append(info["generation"])

    gc.callbacks.append(count)
    try:
        with runner._few_collections() as kept:
            for _ in range(results):
                step(kept)
                kept.add(1)
    finally:
        gc.callbacks.remove(count)
    return len(made)


def test_results_leaving_no_garbage_are_looked_at_ever_more_rarely() -> None:
    # 16 + 32 + ... + 1024: the looks come twice as late each time, up to every 1,024
    looks = _collections_while(lambda kept: None, 4000)
    assert looks <= 10


def test_a_plugin_leaving_cycles_behind_has_them_collected() -> None:
    import weakref

    left: list[weakref.ref[_Cycle]] = []
    _collections_while(lambda kept: left.append(weakref.ref(_Cycle())), 160)
    assert len(left) == 160 and not any(ref() is not None for ref in left)
