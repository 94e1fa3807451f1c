"""The commands that describe: ``parse``, ``rules``, ``rule``, ``plugins``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gipr_lint.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    UsageError,
    choose_language,
    error,
    load_plugins,
    stdin_source,
)
from gipr_lint.i18n import translator

if TYPE_CHECKING:
    from gipr_lint.linting.plugin_manager import PluginSet

__all__ = ["cmd_parse", "cmd_plugins", "cmd_rule", "cmd_rules"]

_ = translator("gipr_lint")


def cmd_parse(args: argparse.Namespace) -> int:
    import json

    from gipr_lint.linting.engine import read_error
    from gipr_lint.reading.parser import parse

    plugin_set = load_plugins()
    if args.grammar:
        from gipr_lint.reading.canonical import generate

        sys.stdout.write(generate(plugin_set.template_set))
        return EXIT_OK
    if not args.files:
        raise UsageError(_("parse: give a FILE (or --grammar)"))
    if args.format == "csv":
        return _parse_csv(args.files, plugin_set)
    if len(args.files) > 1:
        raise UsageError(_("parse --format {name} takes one FILE (--format csv takes many)")
                         .format(name=args.format))
    args.file = args.files[0]
    try:
        if args.file == "-":
            source = stdin_source(sys.stdin.buffer.read(), "-")
        else:
            source = plugin_set.reader_for(args.file).read(Path(args.file))
    except Exception as exc:  # OSError, DecodeError, or a reader plugin's bug
        raise UsageError(f"{args.file}: {read_error(exc)}") from None
    if args.format == "text":
        sys.stdout.write(source.text)
        return EXIT_OK
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


def _parse_csv(files: list[str], plugin_set: PluginSet) -> int:
    """``parse --format csv``: one line per report (gipr_lint.formatters.report_csv); a file
    that cannot be read is a line saying so, and exit 2."""
    from gipr_lint.formatters import report_csv
    from gipr_lint.linting.discovery import discover
    from gipr_lint.linting.engine import read_error
    from gipr_lint.reading.parser import parse
    from gipr_lint.templates import using

    found, missing = discover(files, plugin_set.suffixes())
    for message in missing:
        error(message)
    reports: list[Any] = []
    status = EXIT_ERROR if missing else EXIT_OK
    with using(plugin_set.template_set):
        for path in found:
            try:
                source = (stdin_source(sys.stdin.buffer.read(), "-") if path == "-"
                          else plugin_set.reader_for(path).read(Path(path)))
                reports.append(parse(source))
            except Exception as exc:  # OSError, DecodeError, or a reader plugin's bug
                message = read_error(exc)
            else:
                continue
            error(f"{path}: {message}")
            reports.append((path, message))
            status = EXIT_ERROR
    report_csv.write(reports, sys.stdout)
    return status


def _severity(rule: Any) -> str:
    return str(getattr(rule.severity, "value", rule.severity))


def cmd_rules(args: argparse.Namespace) -> int:
    from gipr_lint.i18n import rule_summary

    plugin_set = load_plugins()
    choose_language(args, plugin_set)
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
    from gipr_lint.i18n import current_language, rule_explanation

    plugin_set = load_plugins()
    choose_language(args, plugin_set)
    rule = plugin_set.rule(args.rule)
    if rule is None:
        from gipr_lint.linting.config import did_you_mean

        hint = plugin_set.suggest(args.rule)
        raise UsageError(_("unknown rule {rule}{hint} (see `gipr-lint rules`)").format(
            rule=repr(args.rule), hint=did_you_mean(hint) if hint else ""))
    from gipr_lint.linting.rule_source import rule_source

    sys.stdout.write(_("{code} {name}: {severity}. {source}").format(
        code=rule.code, name=rule.name, severity=_severity(rule),
        source=rule_source(plugin_set, rule.code)) + "\n\n")
    sys.stdout.write(rule_explanation(rule, current_language()))
    return EXIT_OK


def cmd_plugins(args: argparse.Namespace) -> int:
    plugin_set = load_plugins()
    for info in plugin_set.plugins:
        codes = ", ".join(info.codes) or "(no rules)"
        sys.stdout.write(f"{info.name} {info.version or '-'}: {codes}\n")
    return EXIT_ERROR if plugin_set.has_errors else EXIT_OK
