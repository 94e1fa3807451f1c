"""``gipr-lint check``: discover, lint, fix, report."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from gipr_lint.cli.collector import CollectorPause
from gipr_lint.cli.common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    UsageError,
    choose_language,
    error,
    load_plugins,
    split_codes,
    stdin_source,
)
from gipr_lint.cli.fixing import apply_fixes, refuse_unfixable
from gipr_lint.i18n import plural_translator, translator

if TYPE_CHECKING:
    from gipr_lint.linting.config import ConfigResolver
    from gipr_lint.linting.engine import FileResult
    from gipr_lint.linting.plugin_manager import PluginSet

__all__ = ["cmd_check"]

_ = translator("gipr_lint")
_n = plural_translator("gipr_lint")

PROGRESS_THRESHOLD = 20


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key in ("select", "extend_select", "ignore", "exclude", "extend_exclude"):
        codes = split_codes(getattr(args, key))
        if codes is not None:
            values[key.replace("_", "-")] = codes
    if args.severity:
        table = {}
        for item in args.severity:
            code, sep, level = item.partition("=")
            if not sep:
                raise UsageError(_("--severity {item}: expected CODE=LEVEL, e.g. T001=warning")
                                 .format(item=repr(item)))
            table[code.strip()] = level.strip().lower()
        values["severity"] = table
    for key in ("fail_on", "agency", "agency_kind", "year", "respect_gitignore", "lang",
                "extensions"):
        value = getattr(args, key)
        if value is not None:
            values[key.replace("_", "-")] = value
    # the command line is forgiving about case and types; the config file is strict (its
    # JSON schema says exactly what is accepted)
    if "fail-on" in values:
        values["fail-on"] = values["fail-on"].lower()
    if "year" in values and values["year"].isdigit():
        values["year"] = int(values["year"])
    return values


def _use_color(args: argparse.Namespace, out: TextIO) -> bool:
    if args.color != "auto":
        return args.color == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(out, "isatty") and out.isatty()


def _read_stdin(name: str, plugin_set: PluginSet, resolver: Any) -> FileResult:
    from gipr_lint.linting.engine import FileResult, lint_source
    from gipr_lint.reading.source import DecodeError

    try:
        source = stdin_source(sys.stdin.buffer.read(), name)
    except (OSError, DecodeError) as exc:
        return FileResult(path=name, report=None,
                          error=_("cannot read: {reason}").format(reason=exc))
    return lint_source(source, resolver.settings_for(Path(name)), plugin_set)


def _lint(files: list[str], args: argparse.Namespace, plugin_set: PluginSet, resolver: Any,
          run: Any, pause: CollectorPause | None = None) -> list[FileResult]:
    from gipr_lint.linting.runner import lint_files

    if pause is not None:
        pause.resume()

    stdin_name = args.stdin_filename or "-"
    paths = [path for path in files if path != "-"]
    progress = None
    advance = None
    if len(paths) > PROGRESS_THRESHOLD and sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress

        progress = Progress(console=Console(file=sys.stderr), transient=True)
        task = progress.add_task(_("Linting"), total=len(paths))
        progress.start()

        def advance(count: int) -> None:
            progress.advance(task, count)

    from gipr_lint.linting.crossreport import can_compare
    from gipr_lint.linting.engine import cross_report_summaries

    try:
        # no cross-report summaries where there is nothing to compare (one file, no history)
        with cross_report_summaries(can_compare(len(files), args.history, resolver)):
            linted = iter(lint_files(paths, plugin_set, resolver, run, jobs=args.jobs,
                                     advance=advance))
            results = [_read_stdin(stdin_name, plugin_set, resolver) if path == "-"
                       else next(linted) for path in files]
        return cross_report(results, args, plugin_set, resolver, progress)
    finally:
        if progress is not None:
            progress.stop()


def cross_report(results: list[FileResult], args: argparse.Namespace, plugin_set: PluginSet,
                 resolver: Any, progress: Any) -> list[FileResult]:
    """The cross-report stage (rules X, ``--history``); see gipr_lint.linting.crossreport.
    A history path that cannot be read sets ``args.history_failed`` (exit 2)."""
    from gipr_lint.linting.crossreport import batch_stage

    state: dict[str, Any] = {}

    def start(description: str, total: int) -> None:
        state["task"] = progress.add_task(description, total=total)

    def advance(count: int) -> None:
        progress.advance(state["task"], count)

    results, errors = batch_stage(results, plugin_set, resolver, args.history,
                                  start=start if progress else None,
                                  advance=advance if progress else None, jobs=args.jobs)
    for message in errors:
        error(message)
    if errors:
        args.history_failed = True
    return results


def _statistics(results: list[FileResult], out: TextIO, fmt: str) -> None:
    from collections import Counter

    counts: Counter[tuple[str, str]] = Counter(
        (d.code, d.name) for result in results for d in result.diagnostics)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if fmt == "json":
        import json

        json.dump([{"code": code, "name": name, "count": count}
                   for (code, name), count in rows], out, indent=2)
        out.write("\n")
        return
    width = max((len(str(count)) for _, count in rows), default=1)
    for (code, name), count in rows:
        out.write(f"{count:>{width}}  {code:<7} {name}\n")


def _unused_ignores(results: list[FileResult]) -> None:
    in_play: dict[str, None] = {}
    used: set[str] = set()
    for result in results:
        if result.ignore_texts:  # (most runs have none: a dictionary per file for nothing)
            in_play.update(dict.fromkeys(result.ignore_texts))
            used |= result.ignore_hits  # (the origins of some of those entries)
    for origin in in_play:
        if origin not in used:
            sys.stderr.write("gipr-lint: " + _("warning: {origin}: unused ignore-texts entry "
                                               "(it suppressed no finding)").format(
                                                   origin=origin) + "\n")


def _fails(results: list[FileResult], resolver: Any) -> bool:
    from gipr_lint.diagnostics import Severity
    from gipr_lint.linting.runner import is_packed, severity_counts

    # per fail-on level, the severities at or above it (``rank`` is a property that makes a
    # dictionary: slow for the thousands of diagnostics of a batch)
    failing: dict[Severity, set[Severity]] = {}
    for result in results:
        fail_on = resolver.settings_for(result.path).fail_on
        if fail_on not in failing:
            failing[fail_on] = {severity for severity in Severity
                                if severity.rank >= fail_on.rank}
        if is_packed(result):  # as a worker sent it: counted, not unpacked
            if any(Severity(value) in failing[fail_on]
                   for value in severity_counts(result)):
                return True
        elif any(d.severity in failing[fail_on] for d in result.diagnostics):
            return True
    return False


def searched_suffixes(plugin_set: PluginSet, resolver: ConfigResolver, cwd: Path) -> set[str]:
    """The extensions a folder is searched for: the ``extensions`` setting (configuration or
    ``--extensions``), else every installed reader's."""
    extensions = resolver.settings_for(cwd / "-").extensions
    return set(extensions) if extensions else plugin_set.suffixes() | {".txt"}


def _nothing_to_lint(args: argparse.Namespace, missing: list[str],
                     plugin_set: PluginSet, resolver: ConfigResolver) -> None:
    """Say why no report was linted (never "All checks passed." for an empty run)."""
    searched = [path for path in args.paths if path != "-" and Path(path).is_dir()]
    if "help" in args.paths and any(message.startswith("help:") for message in missing):
        error(_("for help, run: gipr-lint --help"))
    if searched:
        suffixes = ", ".join(sorted(searched_suffixes(plugin_set, resolver, Path.cwd())))
        error(_("nothing was linted: no file ending in {suffixes} in {folders} (hidden, "
                "excluded and git-ignored files are passed over; --show-files lists what would "
                "be linted)").format(suffixes=suffixes, folders=", ".join(searched)))
    else:
        error(_("nothing was linted"))


def _discover(args: argparse.Namespace, plugin_set: PluginSet, resolver: ConfigResolver,
              cwd: Path) -> tuple[list[str], list[str]]:
    """The files to lint and messages about missing paths; configuration errors raise."""
    from gipr_lint.linting.discovery import discover
    from gipr_lint.linting.exclusion import Excluder

    files, missing = discover(args.paths, searched_suffixes(plugin_set, resolver, cwd),
                              Excluder(resolver.settings_for, cwd))
    for path in files:  # report configuration errors before any work
        resolver.settings_for(args.stdin_filename or "-" if path == "-" else path)
    return files, missing


def _render_json(args: argparse.Namespace, formatter: Any) -> bool:
    """Whether the workers of ``-j N`` write each file's part of the JSON output ahead: when
    the output is the built-in JSON document of the results as linted (no fixing, statistics
    or byte columns; a result changed afterwards, e.g. by the cross-report stage, is written
    again anyway)."""
    from gipr_lint.linting.builtin import LazyFormatter

    return (args.jobs > 1 and args.format == "json" and isinstance(formatter, LazyFormatter)
            and formatter.name == "json" and not (args.fix or args.diff or args.statistics)
            and args.columns != "bytes")


#: The last run's results and this list itself: see :func:`_keep_until_exit`.
_LAST_RUN: list[Any] = []


def _keep_until_exit(results: list[FileResult]) -> None:
    """Keep ``results`` alive until the next run, or until the process ends, and then never
    free them one by one: freeing a large run's results object by object, when the command
    returns, costs ~10 ms per thousand files after the output is written, for memory the
    system takes back at once. (They are held by a list that holds itself, frozen out of the
    collector's sight at exit, so that neither the clearing of the modules nor the last
    collection of the interpreter frees them.)"""
    if not _LAST_RUN:
        import atexit

        _LAST_RUN.extend((None, _LAST_RUN))
        atexit.register(gc.freeze)
    _LAST_RUN[0] = results


def cmd_check(args: argparse.Namespace, pause: CollectorPause | None = None) -> int:
    """Run ``check``. The collector is held off until the first report (``pause``: the one
    the program began with, else one from now), and is as it was when this returns."""
    pause = CollectorPause() if pause is None else pause
    try:
        return _check(args, pause)
    finally:
        pause.end()
        from gipr_lint.linting.runner import end_workers  # (imported by _check already)
        end_workers()  # the workers of -j N that kept reports for the results they sent


def _check(args: argparse.Namespace, pause: CollectorPause) -> int:
    from gipr_lint.formatters import FormatContext
    from gipr_lint.formatters.columns import REFUSED_FORMATS
    from gipr_lint.linting.config import ConfigError, suggest
    from gipr_lint.linting.runner import RunConfig

    plugin_set = load_plugins()
    choose_language(args)  # --lang, before the messages of usage, configuration and discovery
    status = EXIT_ERROR if plugin_set.has_errors else EXIT_OK
    formatter = plugin_set.formatters.get(args.format)
    if formatter is None:
        raise UsageError(_("--format: unknown format {name}{hint} (accepted: {accepted})").format(
            name=repr(args.format), hint=suggest(args.format, list(plugin_set.formatters)),
            accepted=", ".join(plugin_set.formatters)))
    if args.columns == "bytes" and args.format in REFUSED_FORMATS:
        raise UsageError(_("--columns bytes: not with --format {name} (use concise, json or "
                           "github)").format(name=args.format))
    if args.jobs < 1:
        raise UsageError(_("--jobs: expected a number of processes, 1 or more"))
    if args.config is not None and not args.config.is_file():
        raise UsageError(_("--config: {path}: no such file").format(path=args.config))
    try:
        run = RunConfig(config=args.config, isolated=args.isolated, overrides=_overrides(args),
                        cwd=Path.cwd(), render_json=_render_json(args, formatter))
        resolver = run.resolver(plugin_set)
        files, missing = _discover(args, plugin_set, resolver, run.cwd)
        first = files[0] if files else "x.txt"
        choose_language(args, resolver=resolver,
                        path=(args.stdin_filename or "-") if first == "-" else first)
        if args.show_settings:
            from gipr_lint.cli.show import settings_target, show_settings

            show_settings(settings_target(files, args.paths, args.stdin_filename), resolver,
                          plugin_set, sys.stdout)
            return status
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    for message in missing:
        error(message)
        status = EXIT_ERROR
    if args.show_files:
        from gipr_lint.cli.show import show_files

        show_files(files, sys.stdout)
        if not files:
            _nothing_to_lint(args, missing, plugin_set, resolver)
            return EXIT_ERROR
        return status
    for option, output in (("--output-file", args.output_file),
                           ("--write-baseline", args.write_baseline)):
        if output is not None:
            _refuse_output_over_input(option, output, files, args, plugin_set, resolver)
    results = _lint(files, args, plugin_set, resolver, run, pause) if files else []
    _keep_until_exit(results)
    if getattr(args, "history_failed", False):
        status = EXIT_ERROR
    for result in results:
        if result.error:
            error(f"{result.path}: {result.error}")
            status = EXIT_ERROR
    if not any(result.report is not None for result in results):
        _nothing_to_lint(args, missing, plugin_set, resolver)
        return EXIT_ERROR
    stdin = {index for index, path in enumerate(files) if path == "-"}
    # `--fix -` writes the text to standard output, so the findings go to standard error
    out: TextIO = sys.stderr if stdin and args.fix and not args.diff else sys.stdout
    handle = None
    if args.output_file is not None:
        try:
            handle = out = open(args.output_file, "w", encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise UsageError(f"--output-file: {args.output_file}: "
                             + _write_reason(exc)) from None
    try:
        return _report(results, args, plugin_set, resolver, out, formatter, status,
                       FormatContext(rules=plugin_set.rules, rule_plugin=plugin_set.rule_plugin,
                                     color=_use_color(args, out), quiet=args.quiet,
                                     byte_columns=args.columns == "bytes"),
                       stdin=stdin)
    finally:
        if handle is not None:
            handle.close()


def _write_reason(exc: OSError) -> str:
    """Why a file cannot be written, in the language of messages."""
    import errno

    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("no permission to write")
    if exc.errno == errno.ENOENT:
        return _("No such file or directory")
    if exc.errno == errno.EISDIR:
        return _("Is a directory")
    return exc.strerror or str(exc)


def _refuse_output_over_input(option: str, output: Path, files: list[str],
                              args: argparse.Namespace, plugin_set: PluginSet,
                              resolver: Any) -> None:
    """Refuse ``-o`` (or ``--write-baseline``, the ``option``) naming one of the reports to
    lint or one of the history reports (``--history``, or the configuration's ``history``): it
    would be overwritten by the findings (``gipr-lint 年报.txt -o 年报.txt``, or ``-o out.txt``
    inside the folder linted, on a second run). Checked before linting, so nothing is
    written."""
    if not output.is_file():
        return
    if _same_file(output, files):
        raise UsageError(_("{option}: {path} is one of the reports to lint: the "
                           "findings would overwrite it; write them to another file")
                         .format(option=option, path=output))
    from gipr_lint.linting.config import ConfigError
    from gipr_lint.linting.crossreport import history_files

    try:
        history = history_files(args.history, plugin_set, resolver)[0]
    except ConfigError:
        return  # reported when the history is read
    if _same_file(output, history):
        raise UsageError(_("{option}: {path} is one of the history reports: the findings "
                           "would overwrite it; write them to another file")
                         .format(option=option, path=output))


def _same_file(output: Path, paths: list[str]) -> bool:
    """Whether ``output`` (an existing file) is one of ``paths``."""
    for path in paths:
        if path != "-" and Path(path).name == output.name:
            try:
                if os.path.samefile(path, output):
                    return True
            except OSError:
                continue
    return False


def _fixable_hint(results: list[FileResult], args: argparse.Namespace, out: TextIO,
                  plugin_set: PluginSet, stdin: set[int]) -> None:
    """``[*] 3 fixable with --fix.`` after human output, as ruff prints it. Only fixes that
    ``--fix`` would write count: those in plain-text files and standard input, not in files of
    other readers (a PDF, a Word file)."""
    from gipr_lint.linting.builtin import TextReader

    writable = [result for index, result in enumerate(results)
                if index in stdin or (result.source is not None and result.source.kind == "text"
                                      and isinstance(plugin_set.reader_for(result.path),
                                                     TextReader))]
    fixes = [d.fix for result in writable for d in result.diagnostics if d.fix is not None]
    safe = sum(1 for fix in fixes if fix.safe)
    unsafe = len(fixes) - safe
    if args.unsafe_fixes:
        safe, unsafe = safe + unsafe, 0
    if safe:
        command = "--fix --unsafe-fixes" if args.unsafe_fixes else "--fix"
        out.write(_("[*] {count} fixable with {command}.").format(count=safe, command=command)
                  + "\n")
    if unsafe:
        out.write(_("({count} more fixable with --fix --unsafe-fixes.)").format(count=unsafe)
                  + "\n")


def _report(results: list[FileResult], args: argparse.Namespace, plugin_set: PluginSet,
            resolver: Any, out: TextIO, formatter: Any, status: int, context: Any,
            stdin: set[int] | None = None) -> int:
    if args.fix or args.diff:
        if refuse_unfixable(results, args, stdin or set()):
            status = EXIT_ERROR
        try:
            results, fixed = apply_fixes(results, args, plugin_set, resolver, out,
                                         stdin or set())
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise UsageError(_("cannot write fixes: {reason}").format(
                reason=where + _write_reason(exc))) from None
        if args.diff:
            return max(status, EXIT_FINDINGS if fixed and not args.exit_zero else EXIT_OK)
        if fixed and not args.quiet:
            error(_n("fixed {count} finding", "fixed {count} findings", fixed)
                  .format(count=fixed))
        if fixed:  # the re-linted files' cross-report findings
            results = cross_report(results, args, plugin_set, resolver, None)
    if args.write_baseline is not None:
        from gipr_lint.linting.baseline import write_baseline

        try:
            count = write_baseline(args.write_baseline, results)
        except OSError as exc:
            raise UsageError(f"--write-baseline: {args.write_baseline}: "
                             + _write_reason(exc)) from None
        error(_n("recorded {count} finding in {path}", "recorded {count} findings in {path}",
                 count).format(count=count, path=args.write_baseline))
        return status
    if args.baseline is not None:
        from gipr_lint.linting.baseline import BaselineError, filter_new, load_baseline

        try:
            baseline = load_baseline(args.baseline)
        except BaselineError as exc:
            raise UsageError(f"--baseline: {exc}") from None
        results = filter_new(results, baseline, args.baseline.parent)
    if args.columns == "bytes":
        from gipr_lint.formatters.columns import to_byte_columns

        results = to_byte_columns(results)
    incomplete = status == EXIT_ERROR and not any(result.diagnostics for result in results)
    if incomplete:  # never "All checks passed." when a path, a file or a plugin failed
        context.quiet = True
    from gipr_lint.linting.runner import end_workers  # (no report is read from here on:)
    end_workers(wait=False)  # the -j N workers that kept them end while the output is written
    if args.statistics:
        _statistics(results, out, args.format)
    else:
        try:
            formatter(results, out, context)
        except BrokenPipeError:
            raise
        except Exception as exc:
            raise UsageError(f"formatter {args.format!r} crashed: {type(exc).__name__}: "
                             f"{exc}") from None
        if args.format == "full" and not args.quiet and not args.fix:
            _fixable_hint(results, args, out, plugin_set, stdin or set())
    out.flush()
    if incomplete and not args.quiet:
        error(_("no findings in what was linted, but not everything could be linted (see "
                "above)"))
    _unused_ignores(results)
    if status == EXIT_OK and not args.exit_zero and _fails(results, resolver):
        return EXIT_FINDINGS
    return status
