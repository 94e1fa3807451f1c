"""Linting one report: parse, apply configured facts, run the selected rules, filter, sort.

The per-file work is :func:`lint_source`; everything that can be prepared once per
configuration (which rules run, with which severity and options) is cached in a plan. Rule
authors test their rules with :func:`lint_text`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import Any

from gipr_lint.diagnostics import Diagnostic, Finding, Severity, in_text
from gipr_lint.i18n import N_, current_language, language, translator
from gipr_lint.linting.batch import ReportSummary, summarize
from gipr_lint.linting.config import IgnoreText, Settings, SettingsValidator, build_settings
from gipr_lint.linting.plugin_manager import PluginSet
from gipr_lint.model import AgencyKind, Report, TextPiece
from gipr_lint.reading.source import DecodeError, Source, Span
from gipr_lint.regex import compile_re
from gipr_lint.rules import Rule, RuleContext
from gipr_lint.templates import using

_ = translator("gipr_lint")

__all__ = ["CRASH_CODE", "FILES_TOGETHER", "FileResult", "cross_report_summaries", "is_selected",
           "lint_path", "lint_paths", "lint_source", "lint_text", "read_error", "selected_codes"]

#: The code of the diagnostic a crashing rule (or parser) becomes.
CRASH_CODE = "E999"
CRASH_NAME = "rule-crashed"
_PREFIX = compile_re(r"^[A-Z]+[0-9]{0,2}$")


@dataclass
class FileResult:
    """The outcome of linting one file.

    ``report`` is ``None`` and ``error`` says why when the file could not be read.
    ``ignore_texts`` are the content-anchored ignores that applied to the file and
    ``ignore_hits`` the origins of those that suppressed something. ``tables_read`` is the
    report's ``(fully read, found)`` tables, kept when the runner drops the parsed model.
    ``summary`` is what cross-report rules see of the report (made only when one of them is
    selected) and ``previous`` the earlier report it was compared with, if any (set by the
    cross-report stage, :mod:`gipr_lint.linting.crossreport`). ``rendered`` is the file's part
    of an output written ahead while linting (``(diagnostics, output, text, head)``, ``text``
    encoded, ``head`` the length in bytes of its part before the diagnostics; see
    :mod:`gipr_lint.linting.runner`),
    valid while ``diagnostics`` is that very list.
    """

    path: str
    report: Report | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    ignore_texts: tuple[str, ...] = ()
    ignore_hits: frozenset[str] = frozenset()
    summary: ReportSummary | None = None
    previous: ReportSummary | None = None
    tables_read: tuple[int, int] | None = None
    rendered: tuple[list[Diagnostic], str, bytes, int] | None = None

    @property
    def source(self) -> Source | None:
        return self.report.source if self.report is not None else None

    def __getattr__(self, name: str) -> Any:
        """``report`` and ``diagnostics`` of a result a ``-j N`` worker sent packed, asked of
        the worker when first read (see ``runner.is_packed``). The way to them is dropped only
        once they are here: a second thread reading them meanwhile gets them too, and a read
        interrupted halfway can be made again."""
        unpack = self.__dict__.get("_packed") if name in _PACKED else None
        if unpack is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self.__dict__.update(unpack())
        self.__dict__.pop("_packed", None)
        return self.__dict__[name]

    def __getstate__(self) -> dict[str, Any]:
        """What pickling and copying keep: a packed result's report and diagnostics read
        first (the way to them, the worker's pipes, is this process's alone)."""
        if "_packed" in self.__dict__:
            self.__getattr__("report")
        return self.__dict__


#: The fields of a :class:`FileResult` that may come packed from a worker process.
_PACKED = frozenset(("report", "diagnostics"))


def _specificity(selector: str, code: str, name: str) -> int | None:
    if selector == "ALL":
        return 0
    if selector in (code, name):
        return 100
    if _PREFIX.match(selector) and code.startswith(selector):
        return len(selector)
    return None


def _best(selectors: Iterable[str], code: str, name: str) -> int | None:
    best: int | None = None
    for selector in selectors:
        score = _specificity(selector, code, name)
        if score is not None and (best is None or score > best):
            best = score
    return best


def is_selected(rule: type[Rule], settings: Settings) -> bool:
    """Whether ``rule`` runs under ``settings``.

    The most specific matching selector decides (an exact code or name beats a longer prefix,
    which beats a shorter one, which beats ``ALL``); on a tie ``ignore`` wins. With no
    ``select``, rules enabled by default are selected at the lowest specificity. ``E999`` is
    always selected unless ignored. A configured severity of ``off`` disables the rule.
    """
    code, name = rule.code, rule.name
    if settings.severity.get(code) is Severity.OFF:
        return False
    positive = _best((*(settings.select or ()), *settings.extend_select), code, name)
    if (settings.select is None and rule.enabled_by_default) or code == CRASH_CODE:
        positive = max(positive if positive is not None else -1, -1)
    if positive is None:
        return False
    negative = _best(settings.ignore, code, name)
    return negative is None or positive > negative


def selected_codes(settings: Settings, plugin_set: PluginSet) -> list[str]:
    """The codes of the rules that run under ``settings``, in load order."""
    return [code for code, rule in plugin_set.rules.items() if is_selected(rule, settings)]


@dataclass
class _Plan:
    rules: list[tuple[Rule, RuleContext]]
    codes: set[str]
    #: The plugins' contexts (one per distinct options) and, per rule, the index of its context
    #: among them and its configured severity: what :func:`_run_rules` needs, looked up once.
    contexts: list[RuleContext] = field(default_factory=list)
    runs: list[tuple[Rule, int, Severity | None]] = field(default_factory=list)
    #: Whether a cross-report rule is selected (each report's summary is then made).
    batch: bool = False
    #: Whether one of them may find something in a report alone (it does not only compare).
    batch_alone: bool = False


_plans: dict[tuple[int, int], tuple[Settings, PluginSet, _Plan]] = {}


def _plan(settings: Settings, plugin_set: PluginSet) -> _Plan:
    key = (id(settings), id(plugin_set))
    cached = _plans.get(key)
    if cached is not None and cached[0] is settings and cached[1] is plugin_set:
        return cached[2]
    shared: list[RuleContext] = []  # one per distinct set of plugin options
    context_of: dict[str, int] = {}  # a plugin's index in ``shared``
    rules = []
    runs = []
    codes = set(selected_codes(settings, plugin_set))
    for code in plugin_set.rules:
        if code not in codes or code == CRASH_CODE or code in plugin_set.batch_codes:
            continue
        plugin = plugin_set.rule_plugin[code]
        if plugin not in context_of:
            options: dict[str, Any] = {name: spec.default for name, spec
                                       in plugin_set.options.get(plugin, {}).items()}
            options.update(settings.plugin_options.get(plugin, {}))
            # plugins whose options are equal share a context: each report makes its own
            # copy of every context (a frozen dataclass, slow to make), and most have none
            same = next((index for index, context in enumerate(shared)
                         if context.options == options), None)
            if same is None:
                same = len(shared)
                shared.append(RuleContext(options=options, templates=plugin_set.template_set,
                                          deadlines=MappingProxyType(dict(plugin_set.deadlines))))
            context_of[plugin] = same
        rule = plugin_set.rules[code]()
        rules.append((rule, shared[context_of[plugin]]))
        runs.append((rule, context_of[plugin], settings.severity.get(code)))
    selected_batch = codes & plugin_set.batch_codes
    plan = _Plan(rules=rules, codes=codes, contexts=shared, runs=runs,
                 batch=bool(selected_batch),
                 batch_alone=any(not getattr(plugin_set.rules[code], "compares", False)
                                 for code in selected_batch))
    if len(_plans) > 64:
        _plans.clear()
    _plans[key] = (settings, plugin_set, plan)
    return plan


_summaries_wanted: ContextVar[bool] = ContextVar("gipr_lint_summaries", default=True)


@contextmanager
def cross_report_summaries(wanted: bool) -> Iterator[None]:
    """Whether reports linted inside the block get the summary cross-report rules read
    (:attr:`FileResult.summary`, made when such a rule is selected): ``False`` for a run that
    cannot compare reports (one file and no history, see ``crossreport.can_compare``) and
    for the editor, which runs no cross-report rules. A selected cross-report rule that does
    not only compare (``BatchRule.compares``) still gets them."""
    token = _summaries_wanted.set(wanted)
    try:
        yield
    finally:
        _summaries_wanted.reset(token)


def apply_facts(report: Report, settings: Settings) -> Report:
    """Fill in the agency, agency kind and year the report itself does not state."""
    changes: dict[str, Any] = {}
    if settings.agency and report.agency is None:
        changes["agency"] = TextPiece(settings.agency, Span(0, 0))
        changes["agency_origin"] = "config"
    if settings.agency_kind is not None and report.agency_kind is AgencyKind.UNKNOWN:
        changes["agency_kind"] = settings.agency_kind
    if settings.year is not None and report.year is None:
        changes["year"] = settings.year
    return dataclasses.replace(report, **changes) if changes else report


def _crash(source: Source, what: str, exc: BaseException) -> Diagnostic:
    return Diagnostic.at(source, code=CRASH_CODE, name=CRASH_NAME, severity=Severity.ERROR,
                         message=_("{what} crashed: {error}").format(
                             what=what, error=f"{type(exc).__name__}: {exc}"), span=Span(0, 0))


def _parse(source: Source) -> tuple[Report, Diagnostic | None]:
    """``source`` parsed (inside ``using`` the run's templates), and the E999 of a parser
    crash."""
    from gipr_lint.reading.parser import parse

    try:
        return parse(source), None
    except Exception as exc:  # a parser bug must not lose the file
        return Report(source=source), _crash(source, _("the parser"), exc)


def _run_rule(rule: Rule, report: Report, context: RuleContext, severity: Severity | None,
              out: list[Diagnostic] | None = None) -> list[Diagnostic]:
    """One rule's diagnostics on ``report``, appended to ``out`` when given (and returned); a
    rule that crashes gives one E999 instead of them."""
    if out is None:
        out = []
    first = len(out)
    try:
        for finding in rule.check(report, context) or ():
            out.append(_diagnostic(rule, report.source, finding, severity))
    except Exception as exc:
        del out[first:]
        out.append(_rule_crash(rule, report.source, exc))
    return out


def _rule_crash(rule: Rule, source: Source, exc: Exception) -> Diagnostic:
    return _crash(source, _("rule {code} ({name})").format(code=rule.code, name=rule.name), exc)


def _run_rules(reports: Sequence[Report], plan: _Plan) -> list[list[Diagnostic]]:
    """Every planned rule's diagnostics on each of ``reports`` (a list per report), as
    :func:`_run_rule` gives them one rule at a time.

    Rule by rule: each rule checks every report before the next rule starts, so that its code
    and its regexes are still in the processor's caches from one report to the next (see
    :func:`lint_paths`). In one loop (its body written out here, not called: a report runs
    some fifty rules and most find nothing). Each report has its own memo (RuleContext.memo),
    shared by its rules and dropped when they are done, and its contexts, made once.
    """
    memos: list[dict[Hashable, Any]] = [{} for _report in reports]
    contexts = [[shared.for_report(memo) for shared in plan.contexts] for memo in memos]
    sources = [report.source for report in reports]
    found: list[list[Diagnostic]] = [[] for _report in reports]
    for rule, index, severity in plan.runs:
        for report, source, own, out in zip(reports, sources, contexts, found, strict=True):
            first = len(out)
            try:
                for finding in rule.check(report, own[index]) or ():
                    out.append(_diagnostic(rule, source, finding, severity))
            except Exception as exc:
                del out[first:]
                out.append(_rule_crash(rule, source, exc))
    return found


def _diagnostic(rule: Rule, source: Source, finding: Finding,
                severity: Severity | None) -> Diagnostic:
    """A rule's finding resolved against its file, the span kept inside the text."""
    if not isinstance(finding, Finding):
        raise TypeError(f"check() yielded {type(finding).__name__}, not a Finding")
    span = finding.span
    length = len(source.text)
    if not 0 <= span.start <= span.end <= length:  # (nearly always inside: kept as it is)
        start = max(0, min(span.start, length))
        span = Span(start, max(start, min(span.end, length)))
    final = severity or finding.severity
    if not final:  # (the rule's class attribute may be the plain string)
        final = rule.severity if type(rule.severity) is Severity else Severity(rule.severity)
    if not source.origins:  # a text file (the keywords and checks of ``at`` left out)
        return in_text(source, rule.code, rule.name, final, finding.message, span, finding.fix)
    return Diagnostic.at(source, code=rule.code, name=rule.name, severity=final,
                         message=finding.message, span=span, fix=finding.fix)


def _relative(path: str, root: Path) -> str:
    absolute = Path(path).absolute()
    try:
        return absolute.relative_to(root.absolute()).as_posix()
    except ValueError:
        return absolute.as_posix()


def _file_ignored(path: str, settings: Settings) -> tuple[str, ...]:
    """The selectors per-file-ignores apply to ``path``."""
    if not settings.per_file_ignores:
        return ()
    relative = _relative(path, settings.root)
    name = PurePath(relative).name
    selectors: list[str] = []
    for pattern, regex, codes in settings.per_file_ignores:
        if regex.match(relative) or ("/" not in pattern and regex.match(name)):
            selectors.extend(codes)
    return tuple(selectors)


def _text_ignored(diagnostic: Diagnostic, source: Source,
                  ignores: Sequence[IgnoreText]) -> IgnoreText | None:
    for ignore in ignores:
        if ignore.code != diagnostic.code:
            continue
        if ignore.text in source.slice(diagnostic.span):
            return ignore
        first = source.position(diagnostic.span.start)[0]
        last = source.position(diagnostic.span.end)[0]
        for line in range(first, last + 1):
            if ignore.text in source.line_text(line):
                return ignore
    return None


def lint_report(report: Report, settings: Settings, plugin_set: PluginSet,
                extra: Sequence[Diagnostic] = ()) -> FileResult:
    """Run the selected rules on a parsed report and filter their diagnostics."""
    # the templates helpers such as cell_issue look rows up in; the language looked up once per
    # report rather than from the environment for every message a rule formats
    with using(plugin_set.template_set), language(current_language()):
        report = apply_facts(report, settings)
        plan = _plan(settings, plugin_set)
        return _result(report, settings, plan, [*extra, *_run_rules([report], plan)[0]])


def _result(report: Report, settings: Settings, plan: _Plan,
            diagnostics: list[Diagnostic]) -> FileResult:
    """The result of linting ``report``: ``diagnostics`` (the parser's and the rules') without
    those the settings ignore, in order."""
    source = report.source
    ignored = _file_ignored(source.path, settings)
    if ignored:
        diagnostics = [d for d in diagnostics if _best(ignored, d.code, d.name) is None]
    if CRASH_CODE not in plan.codes:
        diagnostics = [d for d in diagnostics if d.code != CRASH_CODE]
    hits: set[str] = set()
    if settings.ignore_texts:
        kept = []
        for diagnostic in diagnostics:
            ignore = _text_ignored(diagnostic, source, settings.ignore_texts)
            if ignore is None:
                kept.append(diagnostic)
            else:
                hits.add(ignore.origin)
        diagnostics = kept
    diagnostics.sort(key=Diagnostic.sort_key)
    return FileResult(path=source.path, report=report, diagnostics=diagnostics,
                      ignore_texts=tuple(i.origin for i in settings.ignore_texts),
                      ignore_hits=frozenset(hits))


def _wants_summary(settings: Settings, plugin_set: PluginSet) -> bool:
    """Whether a cross-report rule is selected that reads the report's summary here."""
    plan = _plan(settings, plugin_set)
    return plan.batch and (plan.batch_alone or _summaries_wanted.get())


def _summary(report: Report) -> ReportSummary | None:
    try:
        return summarize(report)
    except Exception:  # a summary bug must not lose the file's own diagnostics
        return None


def lint_source(source: Source, settings: Settings, plugin_set: PluginSet) -> FileResult:
    """Parse ``source`` and lint it: the whole per-file pipeline.

    Messages are in the settings' ``lang`` when the configuration sets one, else in the current
    language (:mod:`gipr_lint.i18n`).
    """
    return _lint_sources([source], settings, plugin_set)[0]


def _lint_sources(sources: Sequence[Source], settings: Settings, plugin_set: PluginSet
                  ) -> list[FileResult]:
    """:func:`lint_source` of each of ``sources``, step by step for all of them together: all
    parsed, then every rule on each report in turn (:func:`_run_rules`), then each result
    and summary."""
    plan = _plan(settings, plugin_set)
    # parsing and the rules in one block of each kind (entered once, not per step): the
    # settings' language or else the current one, fixed for the files
    with using(plugin_set.template_set), language(settings.lang or current_language()):
        parsed = [_parse(source) for source in sources]
        reports = [apply_facts(report, settings) for report, _crashed in parsed]
        found = _run_rules(reports, plan)
        results = [_result(report, settings, plan, [crashed, *diagnostics] if crashed
                           else diagnostics)
                   for report, (_parsed, crashed), diagnostics
                   in zip(reports, parsed, found, strict=True)]
    if _wants_summary(settings, plugin_set):
        # made once the rules and their memo are done with: on a huge report the memo is
        # as large as the input, and the summary's own work about half of it
        for result in results:
            if result.report is not None:
                result.summary = _summary(result.report)
    return results


def _read(path: str | Path, plugin_set: PluginSet) -> Source | FileResult:
    """The file at ``path`` read with the reader for its suffix, or the result saying why it
    could not be (a read error is never raised)."""
    try:
        source = plugin_set.read(path)
    except Exception as exc:  # OSError, DecodeError, or a reader plugin's bug
        return FileResult(path=str(path), report=None, error=read_error(exc))
    if source.path != str(path):
        source = dataclasses.replace(source, path=str(path))
    return source


def lint_path(path: str | Path, settings: Settings, plugin_set: PluginSet) -> FileResult:
    """Read a file with the reader for its suffix and lint it; a read error goes into
    :attr:`FileResult.error` (never raised)."""
    read = _read(path, plugin_set)
    return read if isinstance(read, FileResult) else lint_source(read, settings, plugin_set)


#: The most files :func:`lint_paths` lints together, and the most characters of text they
#: hold together (a larger file is linted alone: the memory a lint takes stays that of one).
FILES_TOGETHER = 8
_TOGETHER_CHARS = 1_000_000


def lint_paths(paths: Iterable[str | Path], settings_for: Callable[[str | Path], Settings],
               plugin_set: PluginSet) -> Iterator[FileResult]:
    """:func:`lint_path` of each of ``paths`` in turn (``settings_for(path)``: its settings),
    the results in the same order.

    Consecutive files under the same settings are linted a few at a time, each step for all of
    them before the next (:func:`_lint_sources`): a step's code and data (a rule's regexes,
    the parser's tables) stay in the processor's caches from one file to the next, where
    linting the files one by one runs through all of it for each file. About a tenth less CPU
    per file over a batch of reports; the results are the same."""
    waiting: list[Source | FileResult] = []  # read, not yet linted (with the read errors)
    settings: Settings | None = None
    size = 0
    for path in paths:
        these = settings_for(path)
        read = _read(path, plugin_set)
        length = len(read.text) if isinstance(read, Source) else 0
        if waiting and (these is not settings or len(waiting) >= FILES_TOGETHER
                        or size + length > _TOGETHER_CHARS):
            assert settings is not None
            yield from _lint_waiting(waiting, settings, plugin_set)
            waiting, size = [], 0
        waiting.append(read)
        settings, size = these, size + length
    if waiting:
        assert settings is not None
        yield from _lint_waiting(waiting, settings, plugin_set)


def _lint_waiting(waiting: list[Source | FileResult], settings: Settings,
                  plugin_set: PluginSet) -> Iterator[FileResult]:
    """The results of the files read (:class:`Source`) and of those that could not be
    (:class:`FileResult`, as they are), in their order."""
    linted = iter(_lint_sources([read for read in waiting if isinstance(read, Source)],
                                settings, plugin_set))
    for read in waiting:
        yield read if isinstance(read, FileResult) else next(linted)


#: The operating system's most common reasons, translated when shown (``strerror`` is English).
_OS_REASONS = (N_("No such file or directory"), N_("Permission denied"), N_("Is a directory"))


def read_error(exc: BaseException) -> str:
    """``cannot read: <reason>`` in the current language for what a reader raised: an
    ``OSError`` (its ``strerror``), a :class:`DecodeError` (its message, which the reader
    translated) or any other exception (a reader plugin's bug)."""
    if isinstance(exc, OSError) and exc.strerror:
        reason = _(exc.strerror)
    elif isinstance(exc, (OSError, DecodeError)):
        reason = str(exc)
    else:
        reason = _("reader crashed: {error}").format(error=f"{type(exc).__name__}: {exc}")
    return _("cannot read: {reason}").format(reason=reason)


@lru_cache(maxsize=32)
def _test_plugin_set(rules: tuple[type[Rule], ...], plugins: tuple[object, ...] = ()
                     ) -> PluginSet:
    return PluginSet.from_rules(rules, plugins=plugins)


def lint_text(text: str, rules: Sequence[type[Rule]], path: str = "x.txt", *,
              options: Mapping[str, Any] | None = None,
              plugins: Sequence[object | tuple[str, object]] = (),
              **settings: Any) -> list[Diagnostic]:
    """Lint ``text`` with only ``rules``; return the diagnostics. For rule tests.

    ``settings`` are configuration keys with ``_`` for ``-`` (``select``, ``ignore``,
    ``extend_select``, ``severity={"T001": "warning"}``, ``agency``, ``agency_kind``, ``year``,
    ``ignore_texts=[{"code": ..., "text": ...}]``, ``per_file_ignores``), validated as a config
    file would be; ``options`` is handed to the rules as ``RuleContext.options``. ``plugins``
    are whole plugins (modules, or ``(name, module)`` pairs) registered before ``rules``: their
    rules, templates and deadlines; their options are set like a config file's, as a setting
    named after the plugin (``henan={"overview-max-chars": 800}``). Raises
    :class:`~gipr_lint.linting.config.ConfigError` for bad settings and ``ValueError`` for
    invalid rules.
    """
    plugin_set = _test_plugin_set(tuple(rules), tuple(plugins))
    raw = {key.replace("_", "-"): value for key, value in settings.items()}
    values = SettingsValidator("lint_text", "", plugin_set).validate(raw)
    built = build_settings(values, root=Path.cwd())
    if options:
        built = dataclasses.replace(built, plugin_options={**built.plugin_options,
                                                           "test": dict(options)})
    source = Source.from_text(text, path)
    return lint_source(source, built, plugin_set).diagnostics
