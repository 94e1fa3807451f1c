"""The ``gipr-lint`` command line (also ``python -m gipr_lint``).

Exit codes: 0 no finding at or above ``fail-on``; 1 findings at or above it; 2 a usage,
configuration, plugin or I/O error. Imports are kept lazy so that a one-file run starts fast:
rich only for the outputs that use it, the parser only when a file is linted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from gipr_lint import __version__
from gipr_lint.i18n import LANGUAGES, translator

_ = translator("gipr_lint")

if TYPE_CHECKING:
    from gipr_lint.linting.config import Settings
    from gipr_lint.linting.engine import FileResult
    from gipr_lint.linting.plugin_manager import PluginSet
    from gipr_lint.reading.source import Source

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
COMMANDS = ("check", "parse", "rules", "rule", "plugins", "server", "new-plugin")
PROGRESS_THRESHOLD = 20


class UsageError(Exception):
    """Bad arguments, configuration or files: reported as ``gipr-lint: ...``, exit 2."""


def _error(message: str) -> None:
    sys.stderr.write(f"gipr-lint: {message}\n")


def _codes(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gipr-lint",
        description="Lint 政府信息公开工作年度报告 (government information disclosure annual "
                    "reports). `gipr-lint PATH...` is `gipr-lint check PATH...`.")
    parser.add_argument("--version", action="version", version=f"gipr-lint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="lint reports (the default command)")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                       help="files or directories to lint; - for standard input (default: .)")
    check.add_argument("--format", default="full",
                       help="output format: full, concise, json, sarif, github, or a plugin's "
                            "(default: full)")
    check.add_argument("--select", action="append", metavar="CODES",
                       help="comma-separated rule codes, prefixes or names to run (replaces "
                            "the configured select)")
    check.add_argument("--extend-select", action="append", metavar="CODES",
                       help="rules to run in addition to select")
    check.add_argument("--ignore", action="append", metavar="CODES",
                       help="rules not to run (added to the configured ignore)")
    check.add_argument("--severity", action="append", metavar="CODE=LEVEL",
                       help="set a rule's severity: error, warning, info or off (repeatable)")
    check.add_argument("--fail-on", metavar="LEVEL",
                       help="lowest severity that makes the exit code 1 (default: warning)")
    check.add_argument("--agency", help="the reporting agency, where the report lacks it")
    check.add_argument("--agency-kind", metavar="KIND",
                       help="township, government, department or unknown")
    check.add_argument("--year", help="the report year, where the report lacks it")
    check.add_argument("--config", type=Path, metavar="PATH",
                       help="use this configuration file instead of discovering one")
    check.add_argument("--isolated", action="store_true", help="use no configuration file")
    check.add_argument("--stdin-filename", metavar="PATH",
                       help="name of the report read from standard input (for configuration "
                            "and messages)")
    check.add_argument("--output-file", "-o", type=Path, metavar="PATH",
                       help="write the output here instead of standard output")
    check.add_argument("--statistics", action="store_true",
                       help="print how many findings each rule has instead of the findings")
    check.add_argument("--fix", action="store_true", help="apply safe fixes")
    check.add_argument("--unsafe-fixes", action="store_true",
                       help="with --fix or --diff, apply unsafe fixes too")
    check.add_argument("--diff", action="store_true",
                       help="print the fixes as a unified diff instead of writing them")
    check.add_argument("--baseline", type=Path, metavar="FILE",
                       help="show only findings not recorded in this baseline")
    check.add_argument("--write-baseline", type=Path, metavar="FILE",
                       help="record the current findings in FILE and exit 0")
    check.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                       help="lint in N processes (default: 1)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour in full output (default: auto; NO_COLOR is honoured)")
    _lang_option(check)

    parse = sub.add_parser("parse", help="print the parsed report model of a file")
    parse.add_argument("file", metavar="FILE", nargs="?")
    parse.add_argument("--format", choices=("json", "tree"), default="json")
    parse.add_argument("--grammar", action="store_true",
                       help="print the report grammar in effect (generated from the templates "
                            "and the loaded packs' rows) instead of parsing a file")

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("table", "json"), default="table")
    _lang_option(rules)

    rule = sub.add_parser("rule", help="explain one rule")
    rule.add_argument("rule", metavar="CODE|NAME")
    _lang_option(rule)

    sub.add_parser("plugins", help="list the loaded plugins and their rules")
    new_plugin = sub.add_parser("new-plugin", help="write the skeleton of a rule pack "
                                                   "(see docs/plugins.md)")
    new_plugin.add_argument("name", metavar="NAME", help="plugin name, e.g. henan")
    new_plugin.add_argument("--prefix", help="rule code prefix, two or more capital letters "
                                             "(default: the name's first three letters)")
    new_plugin.add_argument("--directory", type=Path, metavar="DIR",
                            help="where to write it (default: ./gipr-lint-NAME)")
    server = sub.add_parser("server", help="run the language server on stdio (needs "
                                           "gipr-lint[lsp])")
    server.add_argument("--debounce", type=int, default=None, metavar="MS",
                        help="milliseconds to wait after a change before linting (default: "
                             "300; the client's initializationOptions.debounce wins)")
    _lang_option(server)
    return parser


def _lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="language of messages: zh (简体中文) or en (default: the "
                             "configuration's lang, else zh on a Chinese system, else en)")


def _choose_language(args: argparse.Namespace, plugin_set: PluginSet | None = None,
                     resolver: Any = None, path: str = "x.txt") -> None:
    """Speak ``--lang``, else the ``lang`` of the configuration that applies to ``path`` (the
    first file linted; for other commands, a file in the current directory), else the
    environment's language (``GIPR_LINT_LANG``, the locale)."""
    from gipr_lint.i18n import set_language

    if getattr(args, "lang", None):
        set_language(args.lang)
        return
    if resolver is None and plugin_set is not None:
        from gipr_lint.linting.config import ConfigError, ConfigResolver

        try:
            resolver = ConfigResolver(plugin_set, cwd=Path.cwd())
        except ConfigError:
            return
    if resolver is None:
        return
    from gipr_lint.linting.config import ConfigError

    try:
        lang = resolver.settings_for(Path(path)).lang
    except ConfigError:
        return
    if lang:
        set_language(lang)


def _load_plugins() -> PluginSet:
    from gipr_lint.linting.plugin_manager import load_plugins

    plugin_set = load_plugins()
    for problem in plugin_set.problems:
        sys.stderr.write(f"{problem}\n")
    return plugin_set


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key in ("select", "extend_select", "ignore"):
        codes = _codes(getattr(args, key))
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
    for key in ("fail_on", "agency", "agency_kind", "year", "lang"):
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
        task = progress.add_task(_("Linting"), total=len(paths))
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


def _apply_fixes(results: list[FileResult], args: argparse.Namespace, plugin_set: PluginSet,
                 resolver: Any, out: TextIO, stdin: set[int]) -> tuple[list[FileResult], int]:
    """Apply (or with --diff, print) fixes; return the re-linted results and the fix count.

    Each file is fixed until no fix applies any more (see
    :func:`gipr_lint.editor.fixes.fix_until_stable`), so a second ``--fix`` changes nothing. Only
    files read by the plain-text reader are written back; ``stdin`` holds the indexes of the
    results read from standard input, whose fixed text goes to standard output.
    """
    from gipr_lint.editor.fixes import encode, fix_until_stable, unified_diff, write_atomic
    from gipr_lint.linting.builtin import TextReader
    from gipr_lint.linting.engine import lint_source

    total = 0
    fixed_results = []
    for index, result in enumerate(results):
        source = result.source
        from_stdin = index in stdin
        if source is None or not any(d.fix for d in result.diagnostics):
            fixed_results.append(result)
            continue
        if not from_stdin and not isinstance(plugin_set.reader_for(result.path), TextReader):
            _error(f"{result.path}: not fixed: fixes are written back to plain-text files only")
            fixed_results.append(result)
            continue
        settings = resolver.settings_for(Path(result.path))

        def relint(fixed: Source, settings: Settings = settings) -> FileResult:
            return lint_source(fixed, settings, plugin_set)

        outcome = fix_until_stable(source, relint, unsafe=args.unsafe_fixes, first=result)
        if outcome.applied == 0 or outcome.text == source.text:
            fixed_results.append(result)
            continue
        if not outcome.converged:
            _error(f"{result.path}: fixes did not settle after {outcome.passes} passes; "
                   "some findings are left unfixed")
        total += outcome.applied
        if args.diff:
            out.write(unified_diff(source, outcome.text))
            fixed_results.append(result)
            continue
        if from_stdin:
            sys.stdout.write(outcome.text)
        else:
            with open(result.path, "rb") as handle:
                head = handle.read(4)
            write_atomic(result.path, encode(source, outcome.text, head))
        fixed_results.append(outcome.result)
    return fixed_results, total


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

    plugin_set = _load_plugins()
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
    first = files[0] if files else "x.txt"
    _choose_language(args, resolver=resolver,
                     path=(args.stdin_filename or "-") if first == "-" else first)
    for message in missing:
        _error(message)
        status = EXIT_ERROR
    results = _lint(files, args, plugin_set, resolver, run)
    for result in results:
        if result.error:
            _error(f"{result.path}: {result.error}")
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
            results, fixed = _apply_fixes(results, args, plugin_set, resolver, out,
                                          stdin or set())
        except OSError as exc:
            raise UsageError(f"cannot write fixes: {exc}") from None
        if args.diff:
            return max(status, EXIT_FINDINGS if fixed else EXIT_OK)
        if fixed:
            _error(f"fixed {fixed} finding{'s' if fixed != 1 else ''}")
    if args.write_baseline is not None:
        from gipr_lint.linting.baseline import write_baseline

        try:
            count = write_baseline(args.write_baseline, results)
        except OSError as exc:
            raise UsageError(f"--write-baseline: {exc}") from None
        _error(f"recorded {count} finding{'s' if count != 1 else ''} in {args.write_baseline}")
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


def cmd_parse(args: argparse.Namespace) -> int:
    import json

    from gipr_lint.reading.parser import parse
    from gipr_lint.reading.source import DecodeError

    plugin_set = _load_plugins()
    if args.grammar:
        from gipr_lint.reading.canonical import generate

        sys.stdout.write(generate(plugin_set.template_set))
        return EXIT_OK
    if args.file is None:
        raise UsageError("parse: give a FILE (or --grammar)")
    try:
        source = plugin_set.reader_for(args.file).read(Path(args.file))
    except (OSError, DecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UsageError(f"{args.file}: cannot read: {reason}") from None
    from gipr_lint.formatters import report_json
    from gipr_lint.templates import using

    with using(plugin_set.template_set):  # the loaded packs' rows are read and shown too
        report = parse(source)
        if args.format == "json":
            json.dump(report_json.report_to_dict(report), sys.stdout, ensure_ascii=False,
                      indent=2)
            sys.stdout.write("\n")
        else:
            from rich.console import Console

            Console(highlight=False).print(report_json.report_tree(report))
    return EXIT_OK


def _severity(rule: Any) -> str:
    return str(getattr(rule.severity, "value", rule.severity))


def cmd_rules(args: argparse.Namespace) -> int:
    from gipr_lint.i18n import rule_summary

    plugin_set = _load_plugins()
    _choose_language(args, plugin_set)
    rows = [(code, rule.name, _severity(rule), rule_summary(rule), plugin_set.rule_plugin[code])
            for code, rule in sorted(plugin_set.rules.items())]
    if args.format == "json":
        import json

        json.dump([{"code": c, "name": n, "severity": s, "summary": m, "plugin": p,
                    "enabled_by_default": plugin_set.rules[c].enabled_by_default}
                   for c, n, s, m, p in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(_("Code"), _("Name"), _("Severity"), _("Summary"), _("Plugin"))
        for row in rows:
            table.add_row(*row)
        Console(highlight=False).print(table)
    else:
        for row in rows:
            sys.stdout.write("\t".join(row) + "\n")
    return EXIT_ERROR if plugin_set.has_errors else EXIT_OK


def cmd_rule(args: argparse.Namespace) -> int:
    from gipr_lint.i18n import current_language

    plugin_set = _load_plugins()
    _choose_language(args, plugin_set)
    rule = plugin_set.rule(args.rule)
    if rule is None:
        hint = plugin_set.suggest(args.rule)
        raise UsageError(f"unknown rule {args.rule!r}"
                         + (f"; did you mean {hint!r}?" if hint else "")
                         + " (see `gipr-lint rules`)")
    from gipr_lint.i18n import rule_explanation

    plugin = plugin_set.rule_plugin[rule.code]
    sys.stdout.write(_("{code} {name} ({severity}, plugin {plugin})").format(
        code=rule.code, name=rule.name, severity=_severity(rule), plugin=plugin) + "\n\n")
    sys.stdout.write(rule_explanation(rule, current_language()))
    return EXIT_OK


def cmd_plugins(args: argparse.Namespace) -> int:
    plugin_set = _load_plugins()
    for info in plugin_set.plugins:
        codes = ", ".join(info.codes) or "(no rules)"
        sys.stdout.write(f"{info.name} {info.version or '-'}: {codes}\n")
    return EXIT_ERROR if plugin_set.has_errors else EXIT_OK


def cmd_new_plugin(args: argparse.Namespace) -> int:
    """Write a rule-pack skeleton (:mod:`gipr_lint.scaffold`); exit 2 if the folder exists."""
    from gipr_lint.scaffold import ScaffoldError, create

    try:
        target = create(args.name, args.directory, prefix=args.prefix)
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"cannot write the skeleton: {exc}") from None
    sys.stdout.write(f"Created {target}/ (plugin {args.name!r}). Next: cd {target} && "
                     "pip install -e '.[test]' && pytest\n")
    return EXIT_OK


SERVER_NEEDS = "the language server needs: pip install 'gipr-lint[lsp]'"


def cmd_server(args: argparse.Namespace) -> int:
    """Run the language server; pygls is imported only here, never at start-up."""
    if args.debounce is not None and args.debounce < 0:
        raise UsageError("--debounce: expected milliseconds, 0 or more")
    try:
        import lsprotocol.types  # noqa: F401
        import pygls.lsp.server  # noqa: F401
    except ImportError:
        _error(SERVER_NEEDS)
        return EXIT_ERROR
    from gipr_lint.editor.server import serve

    if args.lang:
        from gipr_lint.i18n import set_language

        set_language(args.lang)
    return serve(None if args.debounce is None else args.debounce / 1000)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "check")
    args = _parser().parse_args(argv)
    handlers = {"check": cmd_check, "parse": cmd_parse, "rules": cmd_rules, "rule": cmd_rule,
                "plugins": cmd_plugins, "server": cmd_server, "new-plugin": cmd_new_plugin}
    from gipr_lint.i18n import restored

    try:
        with restored():
            return handlers[args.command](args)
    except UsageError as exc:
        _error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): silence the flush at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
