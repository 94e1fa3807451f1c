"""Linting many files: one after another, or in several processes (``-j N``).

Output order is always command-line order. Where processes can be forked (Linux and other
POSIX systems but macOS, whose system libraries are not fork-safe), ``-j N`` is this process
and ``N - 1`` copies of it made after it linted the first file itself: they inherit the loaded
plugins, the configuration, the built parser and every compiled pattern, so a copy costs
almost nothing to start. All of them take chunks of the file list from a shared counter
(large chunks first, ever smaller ones at the end, so that they finish together), and the
copies send back slimmed results, pickled cheaply (:func:`_register_reducers`); see
:class:`_Shared`. Elsewhere ``N`` spawned workers each load the plugins and the configuration
once, in their initializer, and take the parent's language, while this process waits.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from gipr_lint.linting.config import ConfigResolver
from gipr_lint.linting.engine import FileResult, lint_path
from gipr_lint.linting.plugin_manager import PluginSet, load_plugins
from gipr_lint.regex import save as save_regexes

__all__ = ["RunConfig", "lint_files"]


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


#: How many results are kept between two freezes (see :class:`_Kept`).
_FREEZE_EVERY = 16


class _Kept:
    """Frozen out of the collector's sight as the results come in: they live as long as the
    run, and each young-generation collection would otherwise walk every result made since the
    previous one (about 20 ms over 740 reports, most of the collector's time in a run).
    Linting makes next to no reference cycles, but so that a plugin that does cannot have them
    frozen for good, what was made since the last freeze is collected first: everything older
    is frozen already, so this walks only the newest results, never the whole heap (unfreezing
    and collecting everything cost about 30 ms every thousand files). Every
    :data:`_FREEZE_EVERY` results, as a collection's fixed cost (some 10 µs) would otherwise
    be paid per file."""

    def __init__(self) -> None:
        self._since = 0

    def add(self, count: int, *, unpickled: bool = False) -> None:
        """``count`` more results are kept. ``unpickled`` ones (a worker's) are frozen
        without a collection: unpickling leaves no garbage behind."""
        if unpickled:
            gc.freeze()
            return
        self._since += count
        if self._since >= _FREEZE_EVERY:
            self._since = 0
            gc.collect()
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
    if result.summary is not None:
        # the agency key the cross-report stage matches reports by, made now (cached in
        # the summary, pickled with it): in ``-j N`` while the other processes still lint,
        # not in the stage itself, after the last of them is done
        result.summary.key  # noqa: B018
    # the result was made for this run alone: changed in place rather than copied
    result.tables_read = report.tables_fully_read()
    result.report = replace(report, preamble=(), sections=(), tables={}, debris=(), problems=(),
                            signature=None)
    return result


_registered = False


def _register_reducers() -> None:
    """Pickle the results' frozen, slotted dataclasses (diagnostics, spans, fixes, origins,
    table facts ...) as their class and field values, rebuilt by calling the class: the
    standard way for such classes (``dataclasses``' ``__getstate__`` and ``__setstate__``,
    which look up the fields of every object) costs more than linting a report's worth of
    them. Only for the pickles that carry results between processes (``ForkingPickler``)."""
    global _registered
    if _registered:
        return
    import dataclasses
    import operator
    from multiprocessing.reduction import ForkingPickler

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
                    ForkingPickler.register(kind, _by_fields(kind, operator.attrgetter(*names)))
    # a named tuple's own reduction calls its Python-level ``__new__`` for each of the
    # thousands of table cells of a run's summaries: rebuilt by ``tuple.__new__`` instead
    ForkingPickler.register(batch.CellFact, _as_tuple)
    _registered = True


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
    results = [_slim(lint_path(path, resolver.settings_for(path), plugin_set))
               for path in paths]
    if render_json:
        from gipr_lint.formatters.json import render_ahead

        for result in results:
            render_ahead(result)
    save_regexes()  # workers skip exit handlers: keep what this one compiled (mostly nothing)
    return results


def _fork_context() -> Any:
    """The ``fork`` start method where it is safe, else ``None`` (the platform's default)."""
    import multiprocessing
    import sys

    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


#: The most files a worker lints before it sends their results back.
_LARGEST_CHUNK = 64


def _chunks(paths: Sequence[str], jobs: int) -> list[Sequence[str]]:
    """The tasks, in order: large chunks first, then ever smaller ones (a quarter of what is
    left per worker, at most :data:`_LARGEST_CHUNK`), so that the workers finish together
    while each task's cost in the parent (about half a millisecond: queues, threads, waking
    up) is paid a few dozen times, not once per handful of files."""
    chunks = []
    start = 0
    while start < len(paths):
        size = max(1, min(_LARGEST_CHUNK, (len(paths) - start) // (jobs * 2)))
        chunks.append(paths[start:start + size])
        start += size
    return chunks


def lint_files(paths: Sequence[str], plugin_set: PluginSet, resolver: ConfigResolver,
               run: RunConfig, *, jobs: int = 1,
               advance: Callable[[int], None] | None = None) -> list[FileResult]:
    """Lint ``paths`` (settings must already resolve without error for each)."""
    if jobs <= 1 or len(paths) < 2:
        results = []
        with _few_collections() as kept:
            for path in paths:
                results.append(_slim(lint_path(path, resolver.settings_for(path),
                                               plugin_set)))
                kept.add(1)
                if advance:
                    advance(1)
        return results
    return _in_workers(paths, plugin_set, resolver, run, jobs, advance)


def _in_workers(paths: Sequence[str], plugin_set: PluginSet, resolver: ConfigResolver,
                run: RunConfig, jobs: int,
                advance: Callable[[int], None] | None) -> list[FileResult]:
    context = _fork_context()
    _register_reducers()  # before forking: the workers inherit it
    with _few_collections() as kept:
        if context is None:
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
        return shared.run(context, jobs - 1, advance, kept)


class _Shared:
    """``-j N`` with forked workers: this process and ``N - 1`` copies of it take the chunks
    one after another from a shared counter, so they finish together whatever each chunk
    costs, and this process, rather than waiting for N workers on N cores, lints too: its
    caches are warm, its results need no pickling, and it reads the workers' results (a
    pipe per worker, fed by a thread in it, so a worker never waits for this process) between
    two of its own chunks. A chunk a worker did not send back (it died) is linted here at
    the end."""

    def __init__(self, chunks: list[Sequence[str]], plugin_set: PluginSet,
                 resolver: ConfigResolver, render_json: bool) -> None:
        self.chunks = chunks
        self.plugin_set = plugin_set
        self.resolver = resolver
        self.render_json = render_json
        self.done: dict[int, list[FileResult]] = {}

    def lint(self, index: int) -> list[FileResult]:
        results = [_slim(lint_path(path, self.resolver.settings_for(path), self.plugin_set))
                   for path in self.chunks[index]]
        if self.render_json:
            from gipr_lint.formatters.json import render_ahead

            for result in results:
                render_ahead(result)
        return results

    def run(self, context: Any, workers: int, advance: Callable[[int], None] | None,
            kept: _Kept) -> list[FileResult]:
        counter = context.Value("l", len(self.done))  # the chunks before it are done
        processes, readers = [], []
        try:
            for _ in range(workers):
                # a pipe per worker, whose writing end only the worker keeps: a worker that
                # dies (even halfway through a message) is seen as the end of its pipe
                reader, writer = context.Pipe(duplex=False)
                processes.append(context.Process(target=self._work, args=(counter, writer),
                                                 daemon=True))
                processes[-1].start()
                writer.close()
                readers.append(reader)
            while (index := _claim(counter)) < len(self.chunks):
                self.done[index] = self.lint(index)
                kept.add(len(self.done[index]))
                if advance:
                    advance(len(self.done[index]))
                self._receive(readers, advance, kept, block=False)
            self._receive(readers, advance, kept, block=True)
        finally:
            for process in processes:
                if process.is_alive():
                    process.terminate()
                process.join()
            for reader in readers:
                reader.close()
        for index in range(len(self.chunks)):  # a worker's that never came back
            if index not in self.done:
                self.done[index] = self.lint(index)
        return [result for index in range(len(self.chunks)) for result in self.done[index]]

    def _receive(self, readers: list[Any], advance: Callable[[int], None] | None,
                 kept: _Kept, *, block: bool) -> None:
        """Take the results the workers sent; with ``block``, until every chunk is done or
        every worker has ended."""
        from multiprocessing.connection import wait

        while readers and len(self.done) < len(self.chunks):
            ready: list[Any] = wait(readers, None if block else 0)
            if not ready:
                return
            for reader in ready:
                try:
                    index, results = reader.recv()
                except (EOFError, OSError):  # the worker ended, or died mid-message
                    readers.remove(reader)
                    reader.close()
                    continue
                self.done[index] = results
                kept.add(len(results), unpickled=True)
                if advance:
                    advance(len(results))

    def _work(self, counter: Any, connection: Any) -> None:
        """A worker's life: lint the chunks it claims, send each one's results back (from a
        thread, so that linting goes on while the main process is busy with its own chunk
        and does not read)."""
        import threading
        from queue import SimpleQueue

        outbox: SimpleQueue[tuple[int, list[FileResult]] | None] = SimpleQueue()
        sender = threading.Thread(target=_send_all, args=(outbox, connection))
        sender.start()
        try:
            while (index := _claim(counter)) < len(self.chunks):
                outbox.put((index, self.lint(index)))
            save_regexes()  # workers skip exit handlers: keep what this one compiled
        except KeyboardInterrupt:  # the main process says it was interrupted
            pass
        finally:
            outbox.put(None)
            sender.join()


def _send_all(outbox: Any, connection: Any) -> None:
    """Send what is put in ``outbox`` (pickled as :func:`_register_reducers` says) until
    ``None``."""
    try:
        while (item := outbox.get()) is not None:
            connection.send(item)
    except OSError:  # the main process is gone or closed its end
        pass
    finally:
        connection.close()


def _claim(counter: Any) -> int:
    """The next chunk's index, from the counter the processes share."""
    with counter.get_lock():
        index: int = counter.value
        counter.value = index + 1
    return index


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
