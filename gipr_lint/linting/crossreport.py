"""The cross-report stage: after every file was linted, run the cross-report rules once.

Fed with the :class:`~gipr_lint.linting.batch.ReportSummary` each worker made (never whole reports),
plus the summaries of the ``--history`` reports (read and parsed here, not linted). Each finding
becomes a diagnostic of the linted file it names, under that file's own settings (selection,
severity, ``per-file-ignores``, ``ignore-texts``), and each file records the earlier report it
was compared with (:attr:`FileResult.previous`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from operator import attrgetter
from pathlib import Path
from types import MappingProxyType
from typing import Any

from gipr_lint.diagnostics import Diagnostic, Severity
from gipr_lint.i18n import translator
from gipr_lint.linting.batch import Batch, BatchFinding, BatchRule, ReportSummary, summarize
from gipr_lint.linting.config import ConfigResolver, Settings
from gipr_lint.linting.engine import (
    CRASH_CODE,
    CRASH_NAME,
    FileResult,
    _best,
    _file_ignored,
    _text_ignored,
    apply_facts,
    is_selected,
)
from gipr_lint.linting.plugin_manager import PluginSet
from gipr_lint.linting.runner import fetch, in_processes, is_packed
from gipr_lint.reading.source import DecodeError, Span
from gipr_lint.rules import Rule, RuleContext

__all__ = ["can_compare", "expand_history", "history_files", "read_history",
           "run_cross_report"]

_ = translator("gipr_lint")
_CODE = attrgetter("code")


def _history_name(named_from: Path | None, found: Path) -> str:
    """A history report's name: relative to ``named_from`` when given, else as found."""
    return str(found.relative_to(named_from)) if named_from is not None else str(found)


def expand_history(patterns: Iterable[str | Path], base: Path,
                   suffixes: Iterable[str], *, as_given: bool = False
                   ) -> tuple[list[str], list[str]]:
    """Files named by history entries: a file, a directory (its readable reports, recursively)
    or a glob, relative to ``base``. Returns ``(files, problems)``. With ``as_given`` (the
    command line's entries, ``base`` the current directory) a relative entry's files are named
    relative to ``base`` too, as the linted files are (``--history 2023/`` compares with
    ``2023/某镇.txt``, not with its absolute path)."""
    wanted = {suffix.lower() for suffix in suffixes}
    files: list[str] = []
    problems: list[str] = []
    for entry in patterns:
        path = Path(entry)
        named_from = base if as_given and not path.is_absolute() else None  # (see above)
        path = path if path.is_absolute() else base / path
        name = partial(_history_name, named_from)
        if path.is_file():
            files.append(name(path))
        elif path.is_dir():
            files.extend(name(p) for p in sorted(path.rglob("*"))
                         if p.is_file() and p.suffix.lower() in wanted)
        else:
            anchor = Path(path.anchor) if path.is_absolute() else base
            relative = path.relative_to(anchor) if path.is_absolute() else Path(entry)
            matches = sorted(p for p in anchor.glob(str(relative))
                             if p.is_file() and p.suffix.lower() in wanted)
            if matches:
                files.extend(name(p) for p in matches)
            else:
                problems.append(f"--history: {entry}: " + _("no such file or directory"))
    return list(dict.fromkeys(files)), problems


def read_history(paths: Sequence[str], plugin_set: PluginSet, resolver: ConfigResolver,
                 advance: Callable[[int], None] | None = None, *, jobs: int = 1
                 ) -> tuple[list[ReportSummary], list[str]]:
    """Read and parse the history reports into summaries; return them and read errors. With
    ``jobs`` above 1, in that many processes (from :data:`FEWEST_IN_PROCESSES` reports:
    starting them costs about as much as parsing a dozen): a reviewer's run over this year's
    reports and last year's would otherwise parse last year's on one core."""
    read: list[ReportSummary | str] | None = None
    if jobs > 1 and len(paths) >= FEWEST_IN_PROCESSES:
        read = in_processes(partial(_read_some, plugin_set=plugin_set, resolver=resolver),
                            paths, jobs)
        if read is not None and advance:
            advance(len(paths))
    if read is None:
        read = []
        for path in paths:
            read.append(_read_one(path, plugin_set, resolver))
            if advance:
                advance(1)
    return ([item for item in read if not isinstance(item, str)],
            [item for item in read if isinstance(item, str)])


#: The fewest history reports :func:`read_history` reads in several processes.
FEWEST_IN_PROCESSES = 16


def _read_some(paths: Sequence[str], plugin_set: PluginSet, resolver: ConfigResolver
               ) -> list[ReportSummary | str]:
    return [_read_one(path, plugin_set, resolver) for path in paths]


def _read_one(path: str, plugin_set: PluginSet, resolver: ConfigResolver
              ) -> ReportSummary | str:
    """A history report's summary, or why it cannot be read."""
    from gipr_lint.reading.parser import parse
    from gipr_lint.templates import using

    try:
        source = plugin_set.reader_for(path).read(Path(path))
        if source.path != path:
            source = dataclasses.replace(source, path=path)
        with using(plugin_set.template_set):  # the loaded packs' rows, as when linting
            report = apply_facts(parse(source), resolver.settings_for(Path(path)))
            return summarize(report, history=True)
    except (OSError, DecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return f"{path}: cannot read history report: {reason}"
    except Exception as exc:  # a reader or parser bug: lose this history file only
        return f"{path}: cannot read history report: {type(exc).__name__}: {exc}"


def _context(plugin: str, plugin_set: PluginSet, settings: Settings) -> RuleContext:
    options: dict[str, Any] = {name: spec.default for name, spec
                               in plugin_set.options.get(plugin, {}).items()}
    options.update(settings.plugin_options.get(plugin, {}))
    return RuleContext(options=options, templates=plugin_set.template_set,
                       deadlines=MappingProxyType(dict(plugin_set.deadlines)))


def run_cross_report(results: Sequence[FileResult], plugin_set: PluginSet,
                     resolver: ConfigResolver, history: Sequence[ReportSummary] = (),
                     settings: Settings | None = None) -> list[FileResult]:
    """Run the selected cross-report rules over ``results``; return the results with their
    findings added (sorted in) and :attr:`FileResult.previous` set.

    A rule runs when some file selects it; its findings are kept only for the files whose
    settings select it. Rule options come from ``settings`` (the run's own configuration, the
    one found from the current directory). Idempotent: earlier cross-report diagnostics of
    the results are replaced (the stage runs again after ``--fix`` re-linted files).

    Shaped to do little per result, as it runs after the last file was linted, when the
    other processes of ``-j N`` are done: the results are gone through once
    (:func:`_gather`), and afterwards only those the stage changes are looked at again.
    """
    batch_codes = plugin_set.batch_codes
    if not batch_codes:
        return list(results)
    gathered = _gather(results, resolver, batch_codes)
    summaries = gathered.summaries
    if not summaries:
        return list(results)
    batch = Batch(summaries, history)
    per_file = gathered.settings
    distinct = list({id(s): s for s in per_file}.values())
    run_settings = settings or per_file[0]
    by_path: dict[str, int] | None = None  # made when a rule finds something
    added: dict[int, list[Diagnostic]] = {}
    # the rules that found something, with their findings
    finders: list[tuple[str, type[Rule], BatchRule, list[BatchFinding]]] = []
    for code in sorted(batch_codes):
        rule_class = plugin_set.rules[code]
        if not any(is_selected(rule_class, s) for s in distinct):
            continue
        rule = rule_class()
        assert isinstance(rule, BatchRule)
        context = _context(plugin_set.rule_plugin[code], plugin_set, run_settings)
        try:
            findings = list(rule.check_batch(batch, context))
            for finding in findings:
                if not isinstance(finding, BatchFinding):
                    raise TypeError(f"check_batch() yielded {type(finding).__name__}, "
                                    "not a BatchFinding")
        except Exception as exc:
            by_path = by_path or _indices(results)
            first = by_path[summaries[0].path]
            report = results[first].report
            assert report is not None
            added.setdefault(first, []).append(Diagnostic.at(
                report.source, code=CRASH_CODE, name=CRASH_NAME, severity=Severity.ERROR,
                message=f"rule {code} ({rule.name}) crashed: {type(exc).__name__}: {exc}",
                span=Span(0, 0)))
            continue
        if findings:
            finders.append((code, rule_class, rule, findings))
    if finders:
        by_path = by_path or _indices(results)
        # the results found something in, those a -j N worker kept: one round trip each
        fetch(results[index] for *_, findings in finders for finding in findings
              if (index := by_path.get(finding.path)) is not None)
    for code, rule_class, rule, findings in finders:
        assert by_path is not None
        selected: dict[int, bool] = {}  # by the settings' id: asked once per settings
        for finding in findings:
            index = by_path.get(finding.path)
            if index is None:
                continue  # a history report, or a file not in this run
            result = results[index]
            file_settings = per_file[index]
            chosen = selected.get(id(file_settings))
            if chosen is None:
                chosen = selected[id(file_settings)] = is_selected(rule_class, file_settings)
            if not chosen or result.report is None:
                continue
            source = result.report.source
            length = len(source.text)
            start = max(0, min(finding.span.start, length))
            span = Span(start, max(start, min(finding.span.end, length)))
            severity = (file_settings.severity.get(code) or finding.severity
                        or Severity(rule.severity))
            added.setdefault(index, []).append(Diagnostic.at(
                source, code=code, name=rule.name, severity=severity, message=finding.message,
                span=span, related=finding.related))
    # each report's earlier one, as the rules found them, by the result's index (most
    # batches have no pairs: nothing is looked up per result then)
    pairs = list(batch.pairs())
    previous_of: dict[int, ReportSummary] = {}
    if pairs:
        earlier = {id(summary): before for summary, before in pairs}
        for summary, index in zip(summaries, gathered.positions, strict=True):
            before = earlier.get(id(summary))
            if before is not None:
                previous_of[index] = before
    out = list(results)
    changed = sorted({*added, *previous_of, *gathered.stale})
    fetch(results[index] for index in changed)
    for index in changed:
        result = results[index]
        previous = previous_of.get(index)
        found = added.get(index)
        extra, hits = (_filter(found, result, per_file[index]) if found
                       else ([], frozenset()))
        own = [d for d in result.diagnostics if d.code not in batch_codes]
        if extra or hits or previous is not None or len(own) != len(result.diagnostics):
            diagnostics = sorted([*own, *extra], key=Diagnostic.sort_key)
            if diagnostics == result.diagnostics:  # the same objects: compared by identity
                diagnostics = result.diagnostics  # the output written ahead stays valid
            out[index] = dataclasses.replace(result, diagnostics=diagnostics,
                                             previous=previous,
                                             ignore_hits=result.ignore_hits | hits)
    return out


def _indices(results: Sequence[FileResult]) -> dict[str, int]:
    """Each result's index by its path (made only when a rule found something)."""
    return {result.path: index for index, result in enumerate(results)}


@dataclasses.dataclass
class _Gathered:
    """What the stage needs of every result, gathered in one pass (:func:`_gather`)."""

    #: The summaries, in the results' order, and the index of each one's result.
    summaries: list[ReportSummary]
    positions: list[int]
    #: Each result's settings, by index.
    settings: list[Settings]
    #: The indices of the results that carry cross-report diagnostics (from an earlier run
    #: of the stage: they are replaced).
    stale: list[int]


def _gather(results: Sequence[FileResult], resolver: ConfigResolver,
            batch_codes: Iterable[str]) -> _Gathered:
    """Go through the results once (after the last file was linted, each one read from
    memory is a cache miss or several: one pass rather than one per thing wanted). A result
    as a worker sent it (packed) carries no cross-report diagnostics and is not unpacked."""
    codes = frozenset(batch_codes)
    settings_for = resolver.settings_for
    summaries: list[ReportSummary] = []
    positions: list[int] = []
    settings: list[Settings] = []
    stale: list[int] = []
    for index, result in enumerate(results):
        summary = result.summary
        if summary is not None:
            summaries.append(summary)
            positions.append(index)
        settings.append(settings_for(result.path))
        if not (is_packed(result) or codes.isdisjoint(map(_CODE, result.diagnostics))):
            stale.append(index)
    return _Gathered(summaries, positions, settings, stale)


def _filter(diagnostics: list[Diagnostic], result: FileResult,
            settings: Settings) -> tuple[list[Diagnostic], frozenset[str]]:
    """The diagnostics ``per-file-ignores`` and ``ignore-texts`` leave, and the origins of the
    ``ignore-texts`` entries that suppressed one."""
    if not diagnostics or result.report is None:
        return diagnostics, frozenset()
    ignored = _file_ignored(result.path, settings)
    if ignored:
        diagnostics = [d for d in diagnostics if _best(ignored, d.code, d.name) is None]
    hits: set[str] = set()
    if settings.ignore_texts:
        source = result.report.source
        kept = []
        for diagnostic in diagnostics:
            ignore = _text_ignored(diagnostic, source, settings.ignore_texts)
            if ignore is None:
                kept.append(diagnostic)
            else:
                hits.add(ignore.origin)
        diagnostics = kept
    return diagnostics, frozenset(hits)


def can_compare(count: int, history: Sequence[str], resolver: ConfigResolver,
                cwd: Path | None = None) -> bool:
    """Whether a run of ``count`` files with ``history`` (``--history``) can compare reports:
    two files or more, or history from the command line or from the configuration (found from
    ``cwd``, as :func:`batch_stage` finds it)."""
    if count > 1 or history:
        return True
    try:
        return bool(resolver.settings_for((cwd or Path.cwd()) / "gipr-lint-run").history)
    except Exception:  # the stage will say what is wrong: keep the summaries
        return True


def history_files(history: Sequence[str], plugin_set: PluginSet, resolver: ConfigResolver,
                  cwd: Path | None = None) -> tuple[list[str], list[str]]:
    """The history reports of a run: those ``history`` (``--history``, relative to ``cwd``)
    and the configuration's ``history`` key name. Returns ``(files, problems)``."""
    cwd = cwd or Path.cwd()
    run_settings = resolver.settings_for(cwd / "gipr-lint-run")
    suffixes = plugin_set.suffixes()
    files, errors = expand_history(history, cwd, suffixes, as_given=cwd == Path.cwd())
    if run_settings.history:
        more, problems = expand_history(run_settings.history, run_settings.root, suffixes)
        files += more
        errors += [problem.replace("--history", _("history (configuration)"), 1)
                   for problem in problems]
    return files, errors


def batch_stage(results: Sequence[FileResult], plugin_set: PluginSet, resolver: ConfigResolver,
                history: Sequence[str] = (), *, cwd: Path | None = None,
                advance: Callable[[int], None] | None = None,
                start: Callable[[str, int], None] | None = None, jobs: int = 1
                ) -> tuple[list[FileResult], list[str]]:
    """The whole stage as the command line runs it: read the history reports (``history``
    from the command line, relative to ``cwd``, plus the configuration's ``history`` key), run
    the cross-report rules. Returns the results and error messages (bad history entries).

    ``start(description, total)`` and ``advance(count)`` drive a progress bar, if given;
    ``jobs`` processes read the history reports (:func:`read_history`).
    """
    if not plugin_set.batch_codes or not any(r.summary is not None for r in results):
        return list(results), []
    run_settings = resolver.settings_for((cwd or Path.cwd()) / "gipr-lint-run")
    files, errors = history_files(history, plugin_set, resolver, cwd)
    if files:  # a history report that is also linted, or named twice, is not read twice
        seen = {str(Path(r.path).absolute()) for r in results}
        kept = []
        for file in files:
            key = str(Path(file).absolute())
            if key not in seen:
                seen.add(key)
                kept.append(file)
        files = kept
    if start is not None and files:
        start(_("Reading history"), len(files))
    summaries, read_errors = read_history(files, plugin_set, resolver, advance, jobs=jobs)
    if start is not None:
        start(_("Cross-report checks"), 1)
    out = run_cross_report(results, plugin_set, resolver, summaries, run_settings)
    if advance is not None:
        advance(1)
    return out, errors + read_errors


class _FixedSettings:
    """A resolver giving every file the same settings (for :func:`lint_texts`)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def settings_for(self, file_path: Path | str) -> Settings:
        return self.settings


def lint_texts(texts: Mapping[str, str], plugin_set: PluginSet, settings: Settings,
               history: Mapping[str, str] | None = None) -> list[FileResult]:
    """Lint several reports given as ``{path: text}`` together, cross-report stage included;
    ``history`` reports are read, not linted. For tests of cross-report rules."""
    from gipr_lint.linting.engine import lint_source
    from gipr_lint.reading.parser import parse
    from gipr_lint.reading.source import Source

    resolver: Any = _FixedSettings(settings)
    results = [lint_source(Source.from_text(text, path), settings, plugin_set)
               for path, text in texts.items()]
    earlier = [summarize(apply_facts(parse(Source.from_text(text, path)), settings),
                         history=True)
               for path, text in (history or {}).items()]
    return run_cross_report(results, plugin_set, resolver, earlier, settings)
