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
from gipr_lint.linting.runner import is_packed
from gipr_lint.reading.source import DecodeError, Span
from gipr_lint.rules import RuleContext

__all__ = ["can_compare", "expand_history", "read_history", "run_cross_report"]

_ = translator("gipr_lint")
_CODE = attrgetter("code")


def expand_history(patterns: Iterable[str | Path], base: Path,
                   suffixes: Iterable[str]) -> tuple[list[str], list[str]]:
    """Files named by history entries: a file, a directory (its readable reports, recursively)
    or a glob, relative to ``base``. Returns ``(files, problems)``."""
    wanted = {suffix.lower() for suffix in suffixes}
    files: list[str] = []
    problems: list[str] = []
    for entry in patterns:
        path = Path(entry)
        path = path if path.is_absolute() else base / path
        if path.is_file():
            files.append(str(path))
        elif path.is_dir():
            files.extend(str(p) for p in sorted(path.rglob("*"))
                         if p.is_file() and p.suffix.lower() in wanted)
        else:
            anchor = Path(path.anchor) if path.is_absolute() else base
            relative = path.relative_to(anchor) if path.is_absolute() else Path(entry)
            matches = sorted(p for p in anchor.glob(str(relative))
                             if p.is_file() and p.suffix.lower() in wanted)
            if matches:
                files.extend(str(p) for p in matches)
            else:
                problems.append(f"--history: {entry}: no such file or directory")
    return list(dict.fromkeys(files)), problems


def read_history(paths: Sequence[str], plugin_set: PluginSet, resolver: ConfigResolver,
                 advance: Callable[[int], None] | None = None
                 ) -> tuple[list[ReportSummary], list[str]]:
    """Read and parse the history reports into summaries; return them and read errors."""
    from gipr_lint.reading.parser import parse
    from gipr_lint.templates import using

    summaries: list[ReportSummary] = []
    errors: list[str] = []
    for path in paths:
        try:
            source = plugin_set.reader_for(path).read(Path(path))
            if source.path != path:
                source = dataclasses.replace(source, path=path)
            with using(plugin_set.template_set):  # the loaded packs' rows, as when linting
                report = apply_facts(parse(source), resolver.settings_for(Path(path)))
                summaries.append(summarize(report, history=True))
        except (OSError, DecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            errors.append(f"{path}: cannot read history report: {reason}")
        except Exception as exc:  # a reader or parser bug: lose this history file only
            errors.append(f"{path}: cannot read history report: {type(exc).__name__}: {exc}")
        if advance:
            advance(1)
    return summaries, errors


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
    """
    summaries = [result.summary for result in results if result.summary is not None]
    if not summaries or not plugin_set.batch_codes:
        return list(results)
    batch = Batch(summaries, history)
    by_path = {result.path: index for index, result in enumerate(results)}
    per_file = {result.path: resolver.settings_for(result.path) for result in results}
    run_settings = settings or next(iter(per_file.values()))
    added: dict[int, list[Diagnostic]] = {}
    for code in sorted(plugin_set.batch_codes):
        rule_class = plugin_set.rules[code]
        if not any(is_selected(rule_class, s) for s in per_file.values()):
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
            first = results[by_path[summaries[0].path]]
            assert first.report is not None
            added.setdefault(by_path[first.path], []).append(Diagnostic.at(
                first.report.source, code=CRASH_CODE, name=CRASH_NAME, severity=Severity.ERROR,
                message=f"rule {code} ({rule.name}) crashed: {type(exc).__name__}: {exc}",
                span=Span(0, 0)))
            continue
        for finding in findings:
            index = by_path.get(finding.path)
            if index is None:
                continue  # a history report, or a file not in this run
            result = results[index]
            file_settings = per_file[result.path]
            if result.report is None or not is_selected(rule_class, file_settings):
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
    # each report's earlier one, as the rules found them (not looked up again per result: most
    # results of a batch have none); keyed by the summary itself, alive throughout
    previous_of = {id(summary): earlier for summary, earlier in batch.pairs()}
    out = []
    batch_codes = plugin_set.batch_codes
    for index, result in enumerate(results):
        previous = previous_of.get(id(result.summary)) if previous_of else None
        found = added.get(index)  # (most files have none: no call, no empty list per file)
        if found is None and previous is None and (
                is_packed(result)  # as a worker sent it: it has no cross-report diagnostics
                or batch_codes.isdisjoint(map(_CODE, result.diagnostics))):
            out.append(result)  # nothing to add, nothing to drop
            continue
        extra, hits = (_filter(found, result, per_file[result.path]) if found
                       else ([], frozenset()))
        own = [d for d in result.diagnostics if d.code not in batch_codes]
        if extra or hits or previous is not None or len(own) != len(result.diagnostics):
            diagnostics = sorted([*own, *extra], key=Diagnostic.sort_key)
            if diagnostics == result.diagnostics:  # the same objects: compared by identity
                diagnostics = result.diagnostics  # the output written ahead stays valid
            result = dataclasses.replace(result, diagnostics=diagnostics, previous=previous,
                                         ignore_hits=result.ignore_hits | hits)
        out.append(result)
    return out


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


def batch_stage(results: Sequence[FileResult], plugin_set: PluginSet, resolver: ConfigResolver,
                history: Sequence[str] = (), *, cwd: Path | None = None,
                advance: Callable[[int], None] | None = None,
                start: Callable[[str, int], None] | None = None
                ) -> tuple[list[FileResult], list[str]]:
    """The whole stage as the command line runs it: read the history reports (``history``
    from the command line, relative to ``cwd``, plus the configuration's ``history`` key), run
    the cross-report rules. Returns the results and error messages (bad history entries).

    ``start(description, total)`` and ``advance(count)`` drive a progress bar, if given.
    """
    if not plugin_set.batch_codes or not any(r.summary is not None for r in results):
        return list(results), []
    cwd = cwd or Path.cwd()
    run_settings = resolver.settings_for(cwd / "gipr-lint-run")
    suffixes = plugin_set.suffixes()
    files, errors = expand_history(history, cwd, suffixes)
    if run_settings.history:
        more, problems = expand_history(run_settings.history, run_settings.root, suffixes)
        files += more
        errors += [problem.replace("--history", "history (configuration)", 1)
                   for problem in problems]
    if files:  # a history report that is also linted is not read twice
        linted = {str(Path(r.path).absolute()) for r in results}
        files = [f for f in dict.fromkeys(files) if str(Path(f).absolute()) not in linted]
    if start is not None and files:
        start(_("Reading history"), len(files))
    summaries, read_errors = read_history(files, plugin_set, resolver, advance)
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
