"""Linting many files: one after another, or in several processes (``-j N``).

Output order is always command-line order. Where processes can be forked (Linux and other
POSIX systems but macOS, whose system libraries are not fork-safe), ``-j N`` is this process
and ``N - 1`` copies of it made after it linted the first file itself: they inherit the loaded
plugins, the configuration, the built parser and every compiled pattern, so a copy costs
almost nothing to start. All of them take chunks of the file list from a pipe they share
(large chunks first, ever smaller ones at the end, so that they finish together), and the
copies send back slimmed results, pickled cheaply (:func:`_reducers`), through a pipe each;
see :class:`_Shared`. With JSON output a copy keeps the reports and diagnostics of the results
whose part of the document it wrote, and stays until the command is done to send those the
main process reads (few: :class:`_Worker`, :func:`end_workers`). This is done with
``os.fork`` and pipes rather than :mod:`multiprocessing`, whose import alone (with
:mod:`pickle`, :mod:`socket` and :mod:`ctypes`) costs some 17 ms before the first copy can
start. Elsewhere ``N`` spawned workers each load the plugins and the configuration once, in
their initializer, and take the parent's language, while this process waits.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from functools import partial
from pathlib import Path
from typing import Any

from gipr_lint.diagnostics import Diagnostic, Severity
from gipr_lint.linting.config import ConfigResolver
from gipr_lint.linting.engine import FILES_TOGETHER, FileResult, lint_paths
from gipr_lint.linting.plugin_manager import PluginSet, load_plugins
from gipr_lint.model import Report
from gipr_lint.reading.source import Span
from gipr_lint.regex import save as save_regexes

__all__ = ["RunConfig", "end_workers", "fetch", "in_processes", "is_packed", "lint_files",
           "severity_counts"]


@dataclass(frozen=True)
class RunConfig:
    """How to find each file's settings; picklable, so workers can rebuild the resolver."""

    config: Path | None = None
    isolated: bool = False
    overrides: Mapping[str, Any] = field(default_factory=dict)
    cwd: Path = field(default_factory=Path.cwd)
    #: Whether workers write each file's part of the JSON output as they lint it
    #: (:func:`gipr_lint.formatters.json.render_ahead`): the main process then has less to do
    #: after the last worker is done, when the other core is idle.
    render_json: bool = False

    def resolver(self, plugin_set: PluginSet) -> ConfigResolver:
        return ConfigResolver(plugin_set, config=self.config, isolated=self.isolated,
                              overrides=self.overrides, cwd=self.cwd)


_worker: tuple[PluginSet, ConfigResolver, bool] | None = None

#: The youngest generation's threshold while linting: a report's parse allocates tens of
#: thousands of objects, and the default 700 makes the collector walk them many times per file.
_GC_THRESHOLD = 20_000


#: How often :class:`_Kept` collects the newest results before freezing them: every this many
#: results while it finds garbage, and up to every :data:`_CHECK_AT_MOST` while it finds none.
_CHECK_EVERY = 16
_CHECK_AT_MOST = 1024


class _Kept:
    """Frozen out of the collector's sight as the results come in: they live as long as the
    run, and each young-generation collection would otherwise walk every result made since the
    previous one (about 20 ms over 740 reports, most of the collector's time in a run).

    Linting makes next to no reference cycles (the corpus's 1,480 reports leave none), but so
    that a plugin that does cannot have them frozen for good, what was made since the last
    freeze is collected before a freeze every :data:`_CHECK_EVERY` results. Collecting walks
    every object kept since the last freeze (~13 µs a report, 1 % of a run, to find nothing),
    so while the collections find nothing each result is frozen as it comes (a freeze moves a
    list: it costs nothing) and the collection looks at the newest result only, every time
    twice as late, up to every :data:`_CHECK_AT_MOST` results. A collection that finds garbage
    goes back to freezing only after collecting, every :data:`_CHECK_EVERY` results: a plugin
    that leaves cycles behind each report is found at the next look, and from then on its
    cycles are collected as they were before."""

    def __init__(self) -> None:
        self._since = 0
        self._every = _CHECK_EVERY
        self._clean = False  # the last collection found nothing

    def add(self, count: int, *, unpickled: bool = False) -> None:
        """``count`` more results are kept. ``unpickled`` ones (a worker's) are frozen
        without a collection: unpickling leaves no garbage behind."""
        if not unpickled:
            self._since += count
            if self._since >= self._every:
                self._since = 0
                self._clean = not gc.collect()
                self._every = min(2 * self._every, _CHECK_AT_MOST) if self._clean else _CHECK_EVERY
            elif not self._clean:
                return  # collected with the next ones
        gc.freeze()


@contextmanager
def _few_collections() -> Iterator[_Kept]:
    """Fewer garbage collections over the run: what exists now (plugins, rules, the grammar)
    lives as long as the run, so it is frozen out of the collector's sight, as are the
    results as they come (:class:`_Kept`), and the youngest generation is collected less
    often. All is undone afterwards."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], _GC_THRESHOLD), *threshold[1:])
    try:
        yield _Kept()
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _init_worker(run: RunConfig, lang: str) -> None:
    global _worker
    from gipr_lint.i18n import set_language

    set_language(lang)
    _register_reducers()
    if _worker is None:  # spawned, not forked: load what a forked worker inherits
        plugin_set = load_plugins()
        _worker = (plugin_set, run.resolver(plugin_set), run.render_json)
    gc.freeze()  # the worker's plugins live as long as it does: keep them out of collections
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], _GC_THRESHOLD), *threshold[1:])


def _slim(result: FileResult) -> FileResult:
    """The result without the parsed model, which formatters do not need (the summary line's
    table counts are kept in ``tables_read``): pickling a whole report back to the parent costs
    more than linting it, and keeping every report of a long serial run alive costs memory and
    garbage-collection time."""
    report = result.report
    if report is None:
        return result
    # the result was made for this run alone: changed in place rather than copied
    result.tables_read = report.tables_fully_read()
    result.report = _without_model(report)
    return result


#: What :func:`_slim` empties in a report: its parsed model.
_DROPPED: dict[str, Any] = {"preamble": (), "sections": (), "tables": {}, "debris": (),
                             "problems": (), "signature": None}


def _without_model(report: Report) -> Report:
    """``dataclasses.replace(report, **_DROPPED)``, made by copying the fields (``replace``
    calls the frozen class's ``__init__``, a call of ``object.__setattr__`` per field: a fifth
    of what keeping a result costs). Only fields are copied, so that no cached property made
    from the dropped model is kept."""
    fields = report.__dict__
    slim: Report = object.__new__(Report)
    slim.__dict__.update({name: fields[name] for name in _REPORT_FIELDS}, **_DROPPED)
    return slim


_REPORT_FIELDS = tuple(item.name for item in dataclass_fields(Report))


_registered = False


def _register_reducers() -> None:
    """Use :func:`_reducers` for the pickles :mod:`multiprocessing` makes (``ForkingPickler``):
    those that carry results back from spawned workers."""
    global _registered
    if _registered:
        return
    from multiprocessing.reduction import ForkingPickler

    for kind, reduce in _reducers().items():
        ForkingPickler.register(kind, reduce)
    _registered = True


_REDUCERS: dict[type, Callable[[Any], Any]] = {}


def _reducers() -> dict[type, Callable[[Any], Any]]:
    """How the results' frozen, slotted dataclasses (diagnostics, spans, fixes, origins, table
    facts ...) are pickled: as their class and field values, rebuilt by calling the class.
    The standard way for such classes (``dataclasses``' ``__getstate__`` and ``__setstate__``,
    which look up the fields of every object) costs more than linting a report's worth of
    them. Only for the pickles that carry results between processes."""
    if _REDUCERS:
        return _REDUCERS
    import dataclasses
    import operator

    from gipr_lint import diagnostics, model
    from gipr_lint.linting import batch
    from gipr_lint.reading import document, source

    for module in (diagnostics, model, batch, document, source):
        for kind in vars(module).values():
            if (isinstance(kind, type) and kind.__module__ == module.__name__
                    and dataclasses.is_dataclass(kind) and "__slots__" in kind.__dict__
                    and kind.__dataclass_params__.init  # type: ignore[attr-defined]
                    and not hasattr(kind, "__post_init__")
                    and all(f.init and not f.kw_only for f in dataclasses.fields(kind))):
                names = [f.name for f in dataclasses.fields(kind)]
                if len(names) > 1:
                    _REDUCERS[kind] = _by_fields(kind, operator.attrgetter(*names))
    # a named tuple's own reduction calls its Python-level ``__new__`` for each of the
    # thousands of table cells of a run's summaries: rebuilt by ``tuple.__new__`` instead
    _REDUCERS[batch.CellFact] = _as_tuple
    # a slimmed report and its source (no slots: pickled by default as a dictionary of
    # their fields, the names written again in every result's pickle): by their fields
    for kind in (model.Report, source.Source):
        names = [f.name for f in dataclasses.fields(kind)]
        _REDUCERS[kind] = _by_fields(kind, operator.attrgetter(*names))
    _REDUCERS[batch.ReportSummary] = batch.to_wire
    _REDUCERS[diagnostics.Diagnostic] = _flat_diagnostic
    return _REDUCERS


def _flat_diagnostic(d: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
    """A diagnostic as its fields, its span as two numbers and its severity as its value: the
    most numerous objects of the results, without a reduction of their own for the span and
    the severity (an enum's is a Python method)."""
    span = d.span
    return _diagnostic, (d.path, d.code, d.name, d.severity._value_, d.message, d.line,
                         d.column, d.end_line, d.end_column, span.start, span.end, d.fix,
                         d.origin, d.where, d.related)


def _diagnostic(path: str, code: str, name: str, severity: str, message: str, line: int,
                column: int, end_line: int, end_column: int, start: int, end: int,
                *rest: Any) -> Diagnostic:
    return Diagnostic(path, code, name, _SEVERITIES[severity], message, line, column,
                      end_line, end_column, Span(start, end), *rest)


#: Each severity by its value: looked up in a dictionary, where calling the enum class is a
#: Python-level lookup (as were the two imports :func:`_diagnostic` made for each diagnostic).
_SEVERITIES = {severity.value: severity for severity in Severity}


def _message(value: Any) -> memoryview:
    """``value`` pickled with :func:`_reducers`, after its length (8 bytes): a message of a
    forked worker's pipe (see :class:`_Reader`)."""
    import io

    buffer = io.BytesIO()
    buffer.write(bytes(8))
    _pickler(buffer).dump(value)
    message = buffer.getbuffer()
    message[:8] = (len(message) - 8).to_bytes(8, "little")
    return message


_DISPATCH: dict[type, Callable[[Any], Any]] = {}


def _pickler(buffer: Any) -> Any:
    import pickle

    if not _DISPATCH:
        import copyreg

        _DISPATCH.update({**copyreg.dispatch_table, **_reducers()})
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    return pickler


def _as_tuple(cell: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
    return tuple.__new__, (type(cell), tuple(cell))


def _by_fields(kind: type, values: Callable[[Any], tuple[Any, ...]]
               ) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    def reduce(instance: Any) -> tuple[type, tuple[Any, ...]]:
        return kind, values(instance)
    return reduce


def _lint_chunk(paths: Sequence[str]) -> list[FileResult]:
    assert _worker is not None
    plugin_set, resolver, render_json = _worker
    results = _chunk_results(paths, plugin_set, resolver, render_json)
    save_regexes()  # workers skip exit handlers: keep what this one compiled (mostly nothing)
    return results


def _chunk_results(paths: Sequence[str], plugin_set: PluginSet, resolver: ConfigResolver,
                   render_json: bool, between: Callable[[], None] | None = None
                   ) -> list[FileResult]:
    """A chunk's results as a worker sends them: slimmed (:func:`_slim`), their JSON written
    ahead when the output is JSON; ``between`` is called after each file."""
    results = []
    for result in lint_paths(paths, resolver.settings_for, plugin_set):
        results.append(_slim(result))
        if between:
            between()
    if render_json:
        from gipr_lint.formatters.json import render_ahead

        for result in results:
            render_ahead(result)
    return results


def _fork_context() -> bool:
    """Whether workers can be forked: where ``os.fork`` exists and is safe (not on macOS)."""
    return sys.platform != "darwin" and hasattr(os, "fork")


#: The most files a worker lints before it sends their results back.
_LARGEST_CHUNK = 64


def _chunks(paths: Sequence[str], jobs: int) -> list[Sequence[str]]:
    """The tasks, in order: large chunks first, then ever smaller ones (a quarter of what is
    left per worker, at most :data:`_LARGEST_CHUNK`), so that the workers finish together
    while each task's cost in the parent (about half a millisecond: queues, threads, waking
    up) is paid a few dozen times, not once per handful of files. A chunk of
    :data:`~gipr_lint.linting.engine.FILES_TOGETHER` files or more holds a whole number of
    them: :func:`lint_paths` lints that many together, and a chunk's few files left over
    would be linted without the others' processor-cache warmth."""
    chunks = []
    start = 0
    while start < len(paths):
        size = max(1, min(_LARGEST_CHUNK, (len(paths) - start) // (jobs * 2)))
        if size > FILES_TOGETHER:
            size -= size % FILES_TOGETHER
        chunks.append(paths[start:start + size])
        start += size
    return chunks


def lint_files(paths: Sequence[str], plugin_set: PluginSet, resolver: ConfigResolver,
               run: RunConfig, *, jobs: int = 1,
               advance: Callable[[int], None] | None = None) -> list[FileResult]:
    """Lint ``paths`` (settings must already resolve without error for each). The workers
    an earlier run left waiting are ended first: a process keeps one run's (the results of
    earlier runs stay whole, their files linted again here if read)."""
    end_workers()
    if jobs <= 1 or len(paths) < 2:
        results = []
        with _few_collections() as kept:
            for result in lint_paths(paths, resolver.settings_for, plugin_set):
                results.append(_slim(result))
                kept.add(1)
                if advance:
                    advance(1)
        return results
    return _in_workers(paths, plugin_set, resolver, run, jobs, advance)


def _in_workers(paths: Sequence[str], plugin_set: PluginSet, resolver: ConfigResolver,
                run: RunConfig, jobs: int,
                advance: Callable[[int], None] | None) -> list[FileResult]:
    with _few_collections() as kept:
        if not _fork_context():
            return _in_spawned_workers(paths, run, jobs, advance, kept)
        # Forked workers copy this process: lint the first file here, so that they start
        # with the parser built and every lazily made pattern and table compiled, and
        # write the new regex programs now, so that no worker writes them again.
        shared = _Shared([paths[:1], *_chunks(paths[1:], jobs)], plugin_set, resolver,
                         run.render_json)
        shared.done[0] = shared.lint(0)
        if advance:
            advance(1)
        save_regexes()
        gc.freeze()  # what the workers inherit stays out of their collections' sight
        return shared.run(jobs - 1, advance, kept)


class _Claims:
    """The indices of the chunks not yet claimed, in a pipe that every process reads from:
    four bytes per chunk, and a read of four bytes from a pipe is never split between two
    readers, so each chunk goes to exactly one process, without a lock (a process that dies
    holds nothing that the others wait for). Once the pipe is empty and its writing end
    closed, every read says there is nothing left."""

    def __init__(self, first: int, count: int) -> None:
        self._read, self._write = os.pipe()
        self._pending = b"".join(index.to_bytes(4, "little") for index in range(first, count))
        os.set_blocking(self._write, False)
        # what the pipe holds now (64 KiB on Linux: every chunk of a million files)
        with suppress(BlockingIOError):
            self._pending = self._pending[os.write(self._write, self._pending):]
        os.set_blocking(self._write, True)

    def next(self) -> int:
        """The next chunk's index; ``sys.maxsize`` when none is left."""
        record = os.read(self._read, 4)
        return int.from_bytes(record, "little") if len(record) == 4 else sys.maxsize

    def in_worker(self) -> None:
        """In a forked worker: let go of the writing end (only the main process writes)."""
        os.close(self._write)

    def started(self) -> None:
        """In the main process once every worker started: write what the pipe did not hold
        (from a thread: the pipe empties as the processes read), then close the writing end."""
        if not self._pending:
            os.close(self._write)
            return
        import threading

        threading.Thread(target=self._feed, daemon=True).start()

    def _feed(self) -> None:
        try:
            view = memoryview(self._pending)
            while view:
                view = view[os.write(self._write, view):]
        except OSError:  # every reader is gone
            pass
        finally:
            os.close(self._write)

    def close(self) -> None:
        os.close(self._read)


class _Shared:
    """``-j N`` with forked workers: this process and ``N - 1`` copies of it take the chunks
    one after another from a pipe they share (:class:`_Claims`), so they finish together
    whatever each chunk costs, and this process, rather than waiting for N workers on N
    cores, lints too: its caches are warm, its results need no pickling, and it reads the
    workers' results (a pipe per worker, written and read without blocking, so that neither
    process waits for the other: :class:`_Outbox`, :class:`_Reader`) between two of its own
    chunks. A chunk a worker did not send back (it died) is linted here at the end. A worker
    that kept reports and diagnostics of its results (:func:`_packed`) outlives the run:
    :class:`_Worker`."""

    def __init__(self, chunks: list[Sequence[str]], plugin_set: PluginSet,
                 resolver: ConfigResolver, render_json: bool) -> None:
        self.chunks = chunks
        self.plugin_set = plugin_set
        self.resolver = resolver
        self.render_json = render_json
        self.done: dict[int, list[FileResult]] = {}

    def lint(self, index: int, between: Callable[[], None] | None = None
             ) -> list[FileResult]:
        """Chunk ``index``'s results; ``between`` is called after each file."""
        return _chunk_results(self.chunks[index], self.plugin_set, self.resolver,
                              self.render_json, between)

    def run(self, workers: int, advance: Callable[[int], None] | None,
            kept: _Kept) -> list[FileResult]:
        claims = _Claims(len(self.done), len(self.chunks))  # the chunks before are done
        started: list[_Worker] = []
        try:
            _flush_std_streams()  # a worker's copy of what is buffered is never written
            for _ in range(workers):
                worker = self._fork(claims)
                if worker is None:  # no more processes: fewer workers (or none) lint the rest
                    break
                started.append(worker)
            claims.started()
            busy = list(started)
            while (index := claims.next()) < len(self.chunks):
                self.done[index] = self.lint(index)
                kept.add(len(self.done[index]))
                if advance:
                    advance(len(self.done[index]))
                self._receive(busy, advance, kept, block=False)
            self._receive(busy, advance, kept, block=True)
        except BaseException:  # interrupted, or failed: no worker outlives this
            for worker in started:
                worker.close(stop=True)
            _wait_for(started)
            raise
        finally:
            claims.close()
        leaving = [worker for worker in started if not worker.stays]
        for worker in leaving:
            worker.close()
        _wait_for(leaving)
        _keep_alive([worker for worker in started if worker.stays])
        for index in range(len(self.chunks)):  # a worker's that never came back
            if index not in self.done:
                self.done[index] = self.lint(index)
        return [result for index in range(len(self.chunks)) for result in self.done[index]]

    def _fork(self, claims: _Claims) -> _Worker | None:
        """A new worker, or ``None`` if the system makes no more processes. Two pipes each,
        whose other ends only the worker keeps: its results (and later the reports and
        diagnostics asked for) come in one, a worker that dies (even halfway through a
        message) being seen as its end; requests for those go out in the other, whose end
        the worker sees when it is to end."""
        read, write = os.pipe()
        _widen(write)
        asked, ask = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (read, write, asked, ask):
                os.close(fd)
            return None
        if pid == 0:  # the worker: never returns (the other workers' pipes: _forget_all)
            os.close(read)
            os.close(ask)
            _worker_main(self, claims, write, asked)
        os.close(write)
        os.close(asked)
        return _Worker(pid, _Reader(read), ask, self.plugin_set, self.resolver)

    def _receive(self, busy: list[_Worker], advance: Callable[[int], None] | None,
                 kept: _Kept, *, block: bool) -> None:
        """Take the results the workers sent; with ``block``, until every worker said it
        has no chunk left (:data:`_DONE`) or ended."""
        import pickle
        import select

        while busy:
            ready, _, _ = select.select(busy, [], [], None if block else 0)
            if not ready:
                return
            for worker in ready:
                open_ = worker.reader.fill()
                for message in worker.reader.messages():
                    index, sent = pickle.loads(message)
                    if index == _DONE:
                        worker.stays = sent
                        busy.remove(worker)
                        continue
                    self.done[index] = results = [_received(item, worker) for item in sent]
                    kept.add(len(results), unpickled=True)
                    if advance:
                        advance(len(results))
                if not open_ and worker in busy:  # the worker died (maybe mid-message)
                    busy.remove(worker)
                    worker.close()

    def _work(self, claims: _Claims, connection: int, requests: int) -> None:
        """A worker's life: lint the chunks it claims and send each one's results back
        (:class:`_Outbox`: what the pipe cannot take yet is written between two files),
        keeping the reports and diagnostics of those sent packed; then, if it kept any,
        answer the main process's requests for them (:func:`_serve`) until it is told to
        end."""
        outbox = _Outbox(connection)
        held: list[tuple[Report, list[Diagnostic]]] = []
        try:
            while (index := claims.next()) < len(self.chunks):
                results = self.lint(index, outbox.push)
                outbox.put((index, [_packed(result, held) for result in results]))
                # what is held stays out of the collections' sight (frozen without one: a
                # collection of what each chunk holds cost more than the whole run's
                # collections without; the cycles a plugin leaves, collected young as the
                # reports are made, are freed at the worker's end)
                gc.freeze()
            save_regexes()  # workers skip exit handlers: keep what this one compiled
            claims.close()
            outbox.put((_DONE, bool(held)))
            outbox.flush()
            if held:
                _serve(held, requests, outbox)
            outbox.close()
        except KeyboardInterrupt:  # the main process says it was interrupted
            pass
        except BrokenPipeError:  # the main process is gone or closed its end
            pass


#: The chunk index of a worker's last message, sent when no chunk is left for it: with it,
#: whether the worker stays to answer requests (:class:`_Worker`).
_DONE = -1


def _serve(held: list[tuple[Report, list[Diagnostic]]], requests: int,
           outbox: _Outbox) -> None:
    """In a worker that linted every chunk it could: send the reports and diagnostics the
    main process asks for (a request is a count and that many indices in ``held``, four bytes
    each; the answer one message, their list), until the main process closes its end of the
    requests' pipe. Waits in a blocking read: a worker waiting costs no processor time."""
    while count := int.from_bytes(_read(requests, 4), "little"):
        request = _read(requests, 4 * count)
        outbox.put([held[int.from_bytes(request[start:start + 4], "little")]
                    for start in range(0, len(request), 4)])
        outbox.flush()


def _read(fd: int, size: int) -> bytes:
    """The next ``size`` bytes of ``fd``; nothing at its end."""
    data = b""
    while len(data) < size:
        more = os.read(fd, size - len(data))
        if not more:
            return b""
        data += more
    return data


def _request(handles: Sequence[int]) -> bytes:
    """What :func:`_serve` reads as a request for ``handles``."""
    return b"".join(number.to_bytes(4, "little") for number in (len(handles), *handles))


class _Worker:
    """The main process's side of a forked worker: its pid, the pipe its results come in
    (:class:`_Reader`) and, once it linted every chunk it could, whether it ``stays`` to send
    the reports and diagnostics it kept (:func:`_packed`), which the main process reads only
    for the few results the cross-report stage adds findings to, and not at all to write the
    JSON document: they are asked for when first read (:meth:`take`), and those of the
    results that follow in the worker's order with them, the more the longer the reads go in
    order (a reader of every result, a baseline, makes a dozen round trips, one that picks
    a few here and there reads nothing it does not need).

    A staying worker lives until the command is done (:func:`end_workers`): then its request
    pipe is closed, which it sees as its end, and it is waited for (no zombie is left, and its
    processor time counts as this process's children's). What a worker that died (or was
    ended) can no longer send is made here instead: :meth:`lint_again` lints the file again,
    with the settings and plugins the worker had, never waiting for an answer that cannot
    come."""

    def __init__(self, pid: int, reader: _Reader, requests: int, plugin_set: PluginSet,
                 resolver: ConfigResolver) -> None:
        self.pid = pid
        self.reader = reader
        self.stays = False
        self._requests: int | None = requests
        self._plugin_set = plugin_set
        self._resolver = resolver  # (what the worker linted with: for :meth:`lint_again`)
        self._count = 0  # handles given out: the reports and diagnostics the worker holds
        self._asked: set[int] = set()
        self._ahead: dict[int, tuple[Report, list[Diagnostic]]] = {}
        self._next = -1  # the handle after the last one asked for
        self._window = 1
        import threading

        #: One round trip at a time: two threads asking at once would each read the other's
        #: answer.
        self._lock = threading.Lock()
        _OPEN.append(self)

    def fileno(self) -> int:
        return self.reader.fileno()

    def handle(self) -> int:
        """The handle of the next result the worker sent packed (the worker numbers them
        the same way, from 0, as it sends them)."""
        self._count += 1
        return self._count - 1

    def take(self, handle: int) -> tuple[Report, list[Diagnostic]] | None:
        """The report and diagnostics kept as ``handle``; ``None`` if the worker cannot give
        them (it died)."""
        with self._lock:
            return self._take(handle)

    def _take(self, handle: int) -> tuple[Report, list[Diagnostic]] | None:
        if handle not in self._ahead:
            self._window = min(2 * self._window, _MOST_AHEAD) if handle == self._next else 1
            handles = [number for number in range(handle, min(handle + self._window,
                                                               self._count))
                       if number == handle or number not in self._asked]
            if not self._ask_ahead(handles):
                return None
            self._next = handles[-1] + 1
        return self._ahead.pop(handle)

    def fetch(self, handles: Iterable[int]) -> None:
        """Ask, in one round trip, for those of ``handles`` not asked for yet; :meth:`take`
        then finds them here (for a stage that knows which results it will read: one round
        trip rather than one per result). A worker that cannot answer is left to
        :meth:`take`, which lints the file again."""
        with self._lock:
            self._fetch(handles)

    def _fetch(self, handles: Iterable[int]) -> None:
        wanted = sorted({number for number in handles if number not in self._asked})
        for start in range(0, len(wanted), _MOST_AHEAD):  # (a request is at most that many)
            if not self._ask_ahead(wanted[start:start + _MOST_AHEAD]):
                return

    def _ask_ahead(self, handles: list[int]) -> bool:
        """Ask for ``handles`` and keep their pairs until taken; whether the worker
        answered."""
        pairs = self._ask(handles)
        if pairs is None:
            return False
        self._asked.update(handles)
        self._ahead.update(zip(handles, pairs, strict=True))
        return True

    def _ask(self, handles: list[int]) -> list[tuple[Report, list[Diagnostic]]] | None:
        """One round trip: the pairs kept as ``handles``, or ``None`` if the worker has
        ended or ends before it answered."""
        import pickle
        import select

        if self._requests is None:
            return None
        answers: list[Any] = []
        try:
            # (516 bytes at most, below PIPE_BUF: written at once, whatever the worker does)
            os.write(self._requests, _request(handles))
            while not answers:
                select.select([self.reader], [], [])
                open_ = self.reader.fill()
                answers = [pickle.loads(message) for message in self.reader.messages()]
                if not open_ and not answers:
                    break
        except OSError:  # the worker is gone (its end of the request pipe is closed)
            pass
        except BaseException:  # interrupted halfway through an answer: never asked again
            self.close(stop=True)
            raise
        if not answers:
            self.close(stop=True)
            return None
        pairs: list[tuple[Report, list[Diagnostic]]] = answers[0]
        return pairs

    def lint_again(self, path: str) -> dict[str, Any]:
        """What :func:`_unpacked` gives when the worker cannot send it: the file linted here,
        with the settings and plugins the worker had; its part of the JSON output is then
        written afresh (``rendered`` goes). A file that can no longer be read (removed
        meanwhile) becomes a result that says why, as any unreadable file does."""
        result = _chunk_results([path], self._plugin_set, self._resolver, False)[0]
        return {"report": result.report, "diagnostics": result.diagnostics,
                "error": result.error, "rendered": None}

    def close(self, *, stop: bool = False) -> None:
        """Tell the worker to end (``stop``: at once, by a signal) and close its pipes; it is
        then waited for (:func:`_wait_for`)."""
        if stop:
            import signal

            with suppress(ProcessLookupError):  # ended, and waited for already
                os.kill(self.pid, signal.SIGTERM)
        if self._requests is not None:
            self._let_go()
            _OPEN.remove(self)

    def _let_go(self) -> None:
        """Close this process's ends of the worker's pipes."""
        assert self._requests is not None
        os.close(self._requests)
        self._requests = None
        self.reader.close()


#: The workers whose pipes this process holds open (:func:`_forget_all`).
_OPEN: list[_Worker] = []


def _forget_all() -> None:
    """In a process just forked (a new worker, or any other): close the pipes it inherited of
    the workers, which are the main process's alone: a worker sees the end of its request
    pipe (:func:`end_workers`) only when every copy of its writing end is closed."""
    for worker in _OPEN:  # (all open: a closed one leaves the list)
        worker._let_go()
    _OPEN.clear()
    _LIVE.clear()
    _ENDING.clear()  # (another process's children)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_all)


#: The most results a request asks for at once (:meth:`_Worker.take`).
_MOST_AHEAD = 128

#: The forked workers that stay to send what they kept, until :func:`end_workers`.
_LIVE: list[_Worker] = []


def _keep_alive(workers: list[_Worker]) -> None:
    """Keep ``workers`` until :func:`end_workers`, which runs at exit at the latest."""
    if workers and not _LIVE and not _ENDING:
        import atexit

        atexit.unregister(end_workers)
        atexit.register(end_workers)
    _LIVE.extend(workers)


def end_workers(*, wait: bool = True) -> None:
    """End the forked workers of ``-j N`` runs that stayed to send the reports and
    diagnostics they kept (:class:`_Worker`), and wait for them; a result of theirs read
    afterwards is linted again. Called when a command is done, and at exit. Without
    ``wait``, only tell them to end, to be waited for by the next call: a worker's end (the
    system taking back a copy of this process) takes some 10 ms, which the command spends
    writing its output rather than waiting."""
    workers = list(_LIVE)
    _LIVE.clear()
    for worker in workers:  # all told first: they end together
        worker.close()
    _ENDING.extend(workers)
    if wait:
        _wait_for(_ENDING)
        _ENDING.clear()


#: The workers told to end and not waited for yet (:func:`end_workers`).
_ENDING: list[_Worker] = []


def _wait_for(workers: Sequence[_Worker]) -> None:
    """Wait for ``workers`` to end, told to by :meth:`_Worker.close` (also so that their
    processor time counts as this process's children's)."""
    for worker in workers:
        with suppress(ChildProcessError):  # waited for already
            os.waitpid(worker.pid, 0)


class _Outbox:
    """A forked worker's end of its pipe, written without blocking: a message (a chunk's
    results, about a megabyte) goes in as far as the pipe takes it, and the rest after each
    file the worker lints next (:meth:`push`), so the worker never waits while the main
    process lints its own chunk and does not read. Done in the worker's only thread: a
    sender thread's wake-ups (its turns at the interpreter, every few milliseconds while it
    had something to write) made three threads want two cores, and the main process waited
    for its core."""

    def __init__(self, fd: int) -> None:
        os.set_blocking(fd, False)
        self._fd = fd
        self._pending: list[memoryview] = []

    def put(self, value: Any) -> None:
        """Send ``value``, pickled as :func:`_reducers` says."""
        self._pending.append(_message(value))
        self.push()

    def push(self) -> None:
        """Write what the pipe takes now of what is waiting."""
        pending = self._pending
        while pending:
            try:
                written = os.write(self._fd, pending[0])
            except BlockingIOError:
                return
            pending[0] = pending[0][written:]
            if not pending[0]:
                del pending[0]

    def flush(self) -> None:
        """Write the rest, waiting for the main process to read it (no file is linted any
        more: from now on the worker waits)."""
        os.set_blocking(self._fd, True)
        self.push()

    def close(self) -> None:
        self.flush()
        os.close(self._fd)


def _packed(result: FileResult, held: list[tuple[Report, list[Diagnostic]]]
            ) -> FileResult | tuple[Any, ...]:
    """What a worker sends of a result whose part of the JSON output it wrote
    (:attr:`FileResult.rendered`): everything but its report and diagnostics, which it keeps
    (in ``held``, sending their index there: :func:`_received`). Writing the document needs
    neither (only the severities, sent counted), nor does the cross-report stage but for
    the few files it adds findings to or compares with last year's: pickling them all cost
    the worker as much as a fortieth of its linting, for some 3 % of them read. Other results
    as they are."""
    rendered = result.rendered
    if rendered is None or result.report is None or rendered[0] is not result.diagnostics:
        return result
    held.append((result.report, result.diagnostics))
    return (result.path, result.error, result.ignore_texts, result.ignore_hits, result.summary,
            result.tables_read, rendered[1:], _counted(result.diagnostics))


def _received(item: FileResult | tuple[Any, ...], worker: _Worker) -> FileResult:
    """The result :func:`_packed` sent, its report and diagnostics still in ``worker`` (see
    :func:`is_packed`)."""
    if isinstance(item, FileResult):
        return item
    path, error, ignore_texts, ignore_hits, summary, tables_read, rendered, severities = item
    result: FileResult = object.__new__(FileResult)
    result.__dict__.update(
        path=path, error=error, ignore_texts=ignore_texts, ignore_hits=ignore_hits,
        summary=summary, previous=None, tables_read=tables_read, rendered=(None, *rendered),
        _severities=severities,
        _packed=partial(_unpacked, worker, worker.handle(), path, rendered))
    return result


def _unpacked(worker: _Worker, handle: int, path: str, rendered: tuple[Any, ...]
              ) -> dict[str, Any]:
    """The fields of a packed result (``FileResult.__getattr__``): from the worker, or linted
    again if it cannot send them."""
    pair = worker.take(handle)
    if pair is None:
        return worker.lint_again(path)
    report, diagnostics = pair
    return {"report": report, "diagnostics": diagnostics, "rendered": (diagnostics, *rendered)}


def fetch(results: Iterable[FileResult]) -> None:
    """Get the reports and diagnostics of those of ``results`` that are packed
    (:func:`is_packed`) from their workers, one round trip per worker, ahead of reading them:
    for a stage that knows which results it is about to read (the cross-report stage, once a
    rule's findings are in). Reading them is then as for any packed result."""
    wanted: dict[_Worker, list[int]] = {}
    for result in results:
        unpack = result.__dict__.get("_packed")
        if unpack is not None:
            worker, handle = unpack.args[:2]
            wanted.setdefault(worker, []).append(handle)
    for worker, handles in wanted.items():
        worker.fetch(handles)


def is_packed(result: FileResult) -> bool:
    """Whether ``result`` is as a worker sent it, its report and diagnostics not read yet
    (asked of the worker when first read: ``FileResult.__getattr__``). Such a result has a
    report, no cross-report diagnostics, and its part of the JSON output written ahead is
    valid."""
    return "_packed" in result.__dict__


def severity_counts(result: FileResult) -> Mapping[str, int]:
    """How many diagnostics ``result`` has of each severity (by value), without unpacking a
    packed result (:func:`is_packed`)."""
    if is_packed(result):
        counts: Mapping[str, int] = result.__dict__["_severities"]
        return counts
    return _counted(result.diagnostics)


def _counted(diagnostics: Iterable[Diagnostic]) -> dict[str, int]:
    """How many of ``diagnostics`` there are of each severity (by value)."""
    found: dict[str, int] = {}
    for diagnostic in diagnostics:
        severity = diagnostic.severity._value_  # (``value`` is a Python-level property)
        found[severity] = found.get(severity, 0) + 1
    return found


def _worker_main(shared: _Shared, claims: _Claims, write: int, requests: int) -> None:
    """A forked worker, from the fork to its end (``os._exit``: the main process's exit
    handlers and buffered output are not the worker's)."""
    code = 1
    try:
        claims.in_worker()
        shared._work(claims, write, requests)
        code = 0
    finally:
        _flush_std_streams()  # what the worker itself wrote (a plugin's warning)
        os._exit(code)


#: How much a worker's pipe is asked to hold: a chunk's message (about a megabyte for 64
#: reports), so that the worker writes most of it at once and the main process takes it
#: whole between two of its own chunks. The default 64 KiB took sixteen writes, and the main
#: process as many reads, a chunk's time apart. Linux's limit for a user.
_PIPE_SIZE = 1 << 20


def _widen(pipe: int) -> None:
    """Let ``pipe`` hold :data:`_PIPE_SIZE` bytes where the system can (Linux)."""
    import fcntl

    with suppress(AttributeError, OSError):  # no such setting, or above the system's limit
        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)  # type: ignore[attr-defined]


def _flush_std_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        with suppress(Exception):  # closed, or gone
            stream.flush()


class _Reader:
    """The main process's end of a worker's pipe: messages are a length (8 bytes) and that
    many bytes of pickle. Read without blocking, whatever the pipe holds, so that the main
    process never waits for the rest of a message (a chunk's is about a megabyte, written in
    pieces between the worker's files, :class:`_Outbox`) while it could lint its own chunk."""

    def __init__(self, fd: int) -> None:
        import io

        os.set_blocking(fd, False)
        self._file = io.FileIO(fd, "rb", closefd=True)
        #: What was read and not yet taken as messages, kept from one read to the next: a
        #: new megabyte for each message costs as much again in page faults as reading it.
        #: Grown by copying, never resized in place (a message's view may still be alive).
        self._buffer = bytearray(1 << 16)
        self._filled = 0

    def fileno(self) -> int:
        return self._file.fileno()

    def fill(self) -> bool:
        """Read what the pipe holds now; whether it is still open (a message cut short by
        the end of the pipe is never taken: the worker died)."""
        while True:
            if self._filled == len(self._buffer):
                grown = bytearray(2 * len(self._buffer))
                grown[:self._filled] = self._buffer
                self._buffer = grown
            count = self._file.readinto(memoryview(self._buffer)[self._filled:])
            if count is None:  # nothing more for now
                return True
            if not count:
                return False
            self._filled += count

    def messages(self) -> Iterator[memoryview]:
        """The whole messages read so far, each valid until the next is asked for."""
        buffer = self._buffer
        start = 0
        while self._filled - start >= 8:
            size = int.from_bytes(buffer[start:start + 8], "little")
            if self._filled - start - 8 < size:
                break
            yield memoryview(buffer)[start + 8:start + 8 + size]
            start += 8 + size
        rest = self._filled - start
        if start and rest:  # the beginning of the next message, to the front
            buffer[:rest] = buffer[start:self._filled]
        self._filled = rest

    def close(self) -> None:
        self._file.close()


def in_processes(function: Callable[[Sequence[Any]], list[Any]], items: Sequence[Any],
                 jobs: int) -> list[Any] | None:
    """``function`` over ``items`` in ``jobs`` forked processes, a few items at a time (it
    takes a slice of them and gives an output per item): the outputs in order; ``None`` where
    processes cannot be forked or one of them died, for the caller to do the work itself.
    Only the items and the outputs are pickled (:func:`_reducers`): the processes inherit
    ``function`` and whatever it reads (plugins, settings, the built parser). For work other
    than linting (the history reports of the cross-report stage) that would otherwise keep
    every core but one waiting."""
    if not _fork_context():
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _register_reducers()
    _INHERITED[:] = [function]
    size = max(1, len(items) // (jobs * 4))  # (a few slices per process: they end together)
    try:
        with ProcessPoolExecutor(max_workers=jobs,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            return [output for outputs in pool.map(
                _call_inherited, [items[start:start + size]
                                  for start in range(0, len(items), size)])
                    for output in outputs]
    except BrokenProcessPool:  # a process died (killed, out of memory)
        return None
    finally:
        _INHERITED.clear()


#: The function :func:`in_processes` runs, as its forked processes inherit it.
_INHERITED: list[Callable[[Sequence[Any]], list[Any]]] = []


def _call_inherited(items: Sequence[Any]) -> list[Any]:
    return _INHERITED[0](items)


def _in_spawned_workers(paths: Sequence[str], run: RunConfig, jobs: int,
                        advance: Callable[[int], None] | None, kept: _Kept
                        ) -> list[FileResult]:
    """``-j N`` where processes cannot be forked: a pool of workers that each load the
    plugins and the configuration once (:func:`_init_worker`)."""
    from concurrent.futures import ProcessPoolExecutor

    from gipr_lint.i18n import current_language

    results: list[FileResult] = []
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(run, current_language())) as pool:
        for chunk in pool.map(_lint_chunk, _chunks(paths, jobs)):
            results.extend(chunk)
            kept.add(len(chunk), unpickled=True)
            if advance:
                advance(len(chunk))
    return results
