"""The argument parser of every command."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from gipr_lint import __version__
from gipr_lint.i18n import LANGUAGES

__all__ = ["COMMANDS", "build_parser"]

COMMANDS = ("check", "parse", "rules", "rule", "plugins", "server", "new-plugin")


def _terminal_width() -> int:
    """``shutil.get_terminal_size().columns`` (``COLUMNS``, else the terminal's, else 80),
    without importing :mod:`shutil` and the compression modules it loads (2 ms of a cold
    start, paid because argparse makes a help formatter for every option it adds)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        stdout = sys.__stdout__
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, as wide as the terminal (measured by :func:`_terminal_width`)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         _terminal_width() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    """An argument parser (and its sub-commands' parsers) with :class:`_Formatter`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``gipr-lint`` and its sub-commands."""
    parser = _Parser(
        prog="gipr-lint",
        description="Lint 政府信息公开工作年度报告 (government information disclosure annual "
                    "reports). `gipr-lint PATH...` is `gipr-lint check PATH...`.")
    parser.add_argument("--version", action="version", version=f"gipr-lint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="lint reports (the default command)")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                       help="files or directories to lint; - for standard input (default: .)")
    check.add_argument("--format", "--output-format", dest="format", default="full",
                       help="output format: full, concise, json, sarif, github, csv, html, or "
                            "a plugin's (default: full)")
    check.add_argument("--columns", choices=("chars", "bytes"), default="chars",
                       help="what columns count: characters (default) or UTF-8 bytes, for "
                            "editors such as Vim whose errorformat %%c is a byte column")
    check.add_argument("--select", action="append", metavar="CODES",
                       help="comma-separated rule codes, prefixes or names to run (replaces "
                            "the configured select)")
    check.add_argument("--extend-select", action="append", metavar="CODES",
                       help="rules to run in addition to select")
    check.add_argument("--ignore", "--extend-ignore", dest="ignore", action="append",
                       metavar="CODES",
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
    check.add_argument("--exclude", action="append", metavar="GLOBS",
                       help="comma-separated globs of files and folders a folder search "
                            "skips (replaces the configured exclude)")
    check.add_argument("--extend-exclude", action="append", metavar="GLOBS",
                       help="globs skipped in addition to exclude")
    check.add_argument("--respect-gitignore", action=argparse.BooleanOptionalAction,
                       default=None, help="skip what .gitignore files ignore (default: on)")
    check.add_argument("--stdin-filename", metavar="PATH",
                       help="name of the report read from standard input (for configuration "
                            "and messages)")
    check.add_argument("--output-file", "-o", type=Path, metavar="PATH",
                       help="write the output here instead of standard output")
    check.add_argument("--statistics", action="store_true",
                       help="print how many findings each rule has instead of the findings")
    check.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even when there are findings (2 still reports errors)")
    check.add_argument("-q", "--quiet", action="store_true",
                       help="print the findings and nothing else (no summary, no hints)")
    check.add_argument("--show-settings", action="store_true",
                       help="print the configuration file and the settings that apply to the "
                            "first file, then exit")
    check.add_argument("--show-files", action="store_true",
                       help="print the files that would be linted, then exit")
    check.add_argument("--fix", action="store_true", help="apply safe fixes")
    check.add_argument("--unsafe-fixes", action="store_true",
                       help="with --fix or --diff, apply unsafe fixes too")
    check.add_argument("--diff", action="store_true",
                       help="print the fixes as a unified diff instead of writing them")
    check.add_argument("--baseline", type=Path, metavar="FILE",
                       help="show only findings not recorded in this baseline")
    check.add_argument("--write-baseline", type=Path, metavar="FILE",
                       help="record the current findings in FILE and exit 0")
    check.add_argument("--extensions", metavar="EXTS",
                       help="comma-separated extensions of the files a directory is searched "
                            "for, e.g. .html,.docx (default: every installed reader's)")
    check.add_argument("--history", nargs="+", action="extend", default=[], metavar="PATH",
                       help="earlier reports (files, directories, globs) the cross-year rules "
                            "compare with; read, not linted (see docs/batch.md)")
    check.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                       help="lint in N processes (default: 1)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour in full output (default: auto; NO_COLOR is honoured)")
    _lang_option(check)

    parse = sub.add_parser("parse", help="print the parsed report model of a file")
    parse.add_argument("files", nargs="*", metavar="FILE",
                       help="the report; - for standard input; with --format csv, any number "
                            "of reports and directories")
    parse.add_argument("--format", choices=("json", "tree", "text", "csv"), default="json",
                       help="json: the report model; tree: the same as a tree; text: the text "
                            "the reader read (for HTML, Word and PDF files, the canonical text "
                            "whose lines `check` names for Word and PDF findings); csv: one line "
                            "per report with every table cell as a column (see docs/batch.md)")
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
    server = sub.add_parser("server", help="run the language server on stdio (needs the "
                                           "lsp extra: pygls)")
    server.add_argument("--debounce", type=int, default=None, metavar="MS",
                        help="milliseconds to wait after a change before linting (default: "
                             "300; the client's initializationOptions.debounce wins)")
    _lang_option(server)
    return parser


def _lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="language of messages: zh (简体中文) or en (default: the "
                             "configuration's lang, else zh on a Chinese system, else en)")
