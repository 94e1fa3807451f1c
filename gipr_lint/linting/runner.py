"""Linting many files: one after another, or in worker processes (``-j N``).

Output order is always command-line order. Each worker loads the plugins and the configuration
once (in its initializer), takes the parent's language, and lints chunks of the file list.
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

__all__ = ["RunConfig", "lint_files"]


@dataclass(frozen=True)
class RunConfig:
    """How to find each file's settings; picklable, so workers can rebuild the resolver."""

    config: Path | None = None
    isolated: bool = False
    overrides: Mapping[str, Any] = field(default_factory=dict)
    cwd: Path = field(default_factory=Path.cwd)

    def resolver(self, plugin_set: PluginSet) -> ConfigResolver:
        return ConfigResolver(plugin_set, config=self.config, isolated=self.isolated,
                              overrides=self.overrides, cwd=self.cwd)


_worker: tuple[PluginSet, ConfigResolver] | None = None

#: The youngest generation's threshold while linting: a report's parse allocates tens of
#: thousands of objects, and the default 700 makes the collector walk them many times per file.
_GC_THRESHOLD = 20_000


@contextmanager
def _few_collections() -> Iterator[None]:
    """Fewer garbage collections over the run: what exists now (plugins, rules, the grammar)
    lives as long as the run, so it is frozen out of the collector's sight, and the youngest
    generation is collected less often. Both are undone afterwards."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], _GC_THRESHOLD), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _init_worker(run: RunConfig, lang: str) -> None:
    global _worker
    from gipr_lint.i18n import set_language

    set_language(lang)
    plugin_set = load_plugins()
    _worker = (plugin_set, run.resolver(plugin_set))
    gc.freeze()  # the worker's plugins live as long as it does: keep them out of collections
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], _GC_THRESHOLD), *threshold[1:])


def _slim(result: FileResult) -> FileResult:
    """The result without the parsed model, which formatters do not need (the summary line's
    table counts are kept in ``tables_read``): pickling a whole report back to the parent costs
    more than linting it, and keeping every report of a long serial run alive costs memory and
    garbage-collection time."""
    if result.report is None:
        return result
    report = replace(result.report, preamble=(), sections=(), tables={}, debris=(), problems=(),
                     signature=None)
    return replace(result, report=report, tables_read=result.report.tables_fully_read())


def _lint_chunk(paths: Sequence[str]) -> list[FileResult]:
    assert _worker is not None
    plugin_set, resolver = _worker
    return [_slim(lint_path(path, resolver.settings_for(Path(path)), plugin_set))
            for path in paths]


def lint_files(paths: Sequence[str], plugin_set: PluginSet, resolver: ConfigResolver,
               run: RunConfig, *, jobs: int = 1,
               advance: Callable[[int], None] | None = None) -> list[FileResult]:
    """Lint ``paths`` (settings must already resolve without error for each)."""
    if jobs <= 1 or len(paths) < 2:
        results = []
        with _few_collections():
            for path in paths:
                results.append(_slim(lint_path(path, resolver.settings_for(Path(path)),
                                               plugin_set)))
                if advance:
                    advance(1)
        return results
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, min(64, -(-len(paths) // (jobs * 4))))
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    results = []
    from gipr_lint.i18n import current_language

    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(run, current_language())) as pool:
        for chunk in pool.map(_lint_chunk, chunks):
            results.extend(chunk)
            if advance:
                advance(len(chunk))
    return results
