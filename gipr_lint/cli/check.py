"""``gipr-lint check``: discover, lint, fix, report."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from gipr_lint.cli.common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    UsageError,
    error,
    load_plugins,
    split_codes,
)
from gipr_lint.cli.fixing import apply_fixes

if TYPE_CHECKING:
    from gipr_lint.linting.engine import FileResult
    from gipr_lint.linting.plugin_manager import PluginSet

__all__ = ["cmd_check"]

PROGRESS_THRESHOLD = 20


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key in ("select", "extend_select", "ignore"):
        codes = split_codes(getattr(args, key))
        if codes is not None:
            values[key.replace("_", "-")] = codes
    if args.severity:
        table = {}
        for item in args.severity:
            code, sep, level = item.partition("=")
            if not sep:
                raise UsageError(f"--severity {item!r}: expected CODE=LEVEL, e.g. T001=warning")
            table[code.strip()] = level.strip()
        values["severity"] = table
    for key in ("fail_on", "agency", "agency_kind", "year"):
        value = getattr(args, key)
        if value is not None:
            values[key.replace("_", "-")] = value
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
    from gipr_lint.reading.source import DecodeError, Source

    try:
        source = Source.from_bytes(sys.stdin.buffer.read(), name)
    except (OSError, DecodeError) as exc:
        return FileResult(path=name, report=None, error=f"cannot read: {exc}")
    return lint_source(source, resolver.settings_for(Path(name)), plugin_set)


def _lint(files: list[str], args: argparse.Namespace, plugin_set: PluginSet, resolver: Any,
          run: Any) -> list[FileResult]:
    from gipr_lint.linting.runner import lint_files

    stdin_name = args.stdin_filename or "-"
    paths = [path for path in files if path != "-"]
    progress = None
    advance = None
    if len(paths) > PROGRESS_THRESHOLD and sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress

        progress = Progress(console=Console(file=sys.stderr), transient=True)
        task = progress.add_task("Linting", total=len(paths))
        progress.start()

        def advance(count: int) -> None:
            progress.advance(task, count)

    try:
        linted = iter(lint_files(paths, plugin_set, resolver, run, jobs=args.jobs,
                                 advance=advance))
    finally:
        if progress is not None:
            progress.stop()
    return [_read_stdin(stdin_name, plugin_set, resolver) if path == "-" else next(linted)
            for path in files]


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
        in_play.update(dict.fromkeys(result.ignore_texts))
        used |= result.ignore_hits
    for origin in in_play:
        if origin not in used:
            sys.stderr.write(f"gipr-lint: warning: {origin}: unused ignore-texts entry "
                             "(it suppressed no finding)\n")


def _fails(results: list[FileResult], resolver: Any) -> bool:
    for result in results:
        threshold = resolver.settings_for(Path(result.path)).fail_on.rank
        if any(d.severity.rank >= threshold for d in result.diagnostics):
            return True
    return False


def cmd_check(args: argparse.Namespace) -> int:
    from gipr_lint.formatters import FormatContext
    from gipr_lint.linting.config import ConfigError
    from gipr_lint.linting.discovery import discover
    from gipr_lint.linting.runner import RunConfig

    plugin_set = load_plugins()
    status = EXIT_ERROR if plugin_set.has_errors else EXIT_OK
    formatter = plugin_set.formatters.get(args.format)
    if formatter is None:
        raise UsageError(f"--format: unknown format {args.format!r} (accepted: "
                         f"{', '.join(plugin_set.formatters)})")
    if args.jobs < 1:
        raise UsageError("--jobs: expected a number of processes, 1 or more")
    if args.config is not None and not args.config.is_file():
        raise UsageError(f"--config: {args.config}: no such file")
    run = RunConfig(config=args.config, isolated=args.isolated, overrides=_overrides(args),
                    cwd=Path.cwd())
    try:
        resolver = run.resolver(plugin_set)
        files, missing = discover(args.paths, plugin_set.suffixes())
        for path in files:  # report configuration errors before any work
            resolver.settings_for(Path(args.stdin_filename or "-" if path == "-" else path))
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    for message in missing:
        error(message)
        status = EXIT_ERROR
    results = _lint(files, args, plugin_set, resolver, run)
    for result in results:
        if result.error:
            error(f"{result.path}: {result.error}")
            status = EXIT_ERROR
    out = sys.stdout
    handle = None
    if args.output_file is not None:
        try:
            handle = out = open(args.output_file, "w", encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise UsageError(f"--output-file: {args.output_file}: {exc.strerror}") from None
    try:
        return _report(results, args, plugin_set, resolver, out, formatter, status,
                       FormatContext(rules=plugin_set.rules, rule_plugin=plugin_set.rule_plugin,
                                     color=_use_color(args, out)),
                       stdin={index for index, path in enumerate(files) if path == "-"})
    finally:
        if handle is not None:
            handle.close()


def _report(results: list[FileResult], args: argparse.Namespace, plugin_set: PluginSet,
            resolver: Any, out: TextIO, formatter: Any, status: int, context: Any,
            stdin: set[int] | None = None) -> int:
    if args.fix or args.diff:
        try:
            results, fixed = apply_fixes(results, args, plugin_set, resolver, out,
                                          stdin or set())
        except OSError as exc:
            raise UsageError(f"cannot write fixes: {exc}") from None
        if args.diff:
            return max(status, EXIT_FINDINGS if fixed else EXIT_OK)
        if fixed:
            error(f"fixed {fixed} finding{'s' if fixed != 1 else ''}")
    if args.write_baseline is not None:
        from gipr_lint.linting.baseline import write_baseline

        try:
            count = write_baseline(args.write_baseline, results)
        except OSError as exc:
            raise UsageError(f"--write-baseline: {exc}") from None
        error(f"recorded {count} finding{'s' if count != 1 else ''} in {args.write_baseline}")
        return status
    if args.baseline is not None:
        from gipr_lint.linting.baseline import BaselineError, filter_new, load_baseline

        try:
            baseline = load_baseline(args.baseline)
        except BaselineError as exc:
            raise UsageError(f"--baseline: {exc}") from None
        results = filter_new(results, baseline, args.baseline.parent)
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
    out.flush()
    _unused_ignores(results)
    if status == EXIT_OK and _fails(results, resolver):
        return EXIT_FINDINGS
    return status
