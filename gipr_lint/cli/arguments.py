"""The argument parser of every command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from gipr_lint import __version__
from gipr_lint.i18n import LANGUAGES, N_, translator

__all__ = ["COMMANDS", "build_parser", "parse_arguments"]

_ = translator("gipr_lint")
#: argparse's own words in a help page, for the catalog (argparse has no Chinese of its own).
_ARGPARSE_WORDS = (N_("usage: "), N_("positional arguments"), N_("options"),
                   N_("show this help message and exit"),
                   N_("show program's version number and exit"))

#: argparse's usage-error messages (its own message ids, ``%``-placeholders and all): argparse
#: formats them in English (it looks them up with ``gettext.gettext``, i.e. in the process-wide
#: default domain and in the language of the environment, not of ``--lang``), and
#: :meth:`_Parser.error` translates the finished message back through these templates.
_ARGPARSE_ERRORS = (N_("argument %(argument_name)s: %(message)s"),
                    N_("unrecognized arguments: %s"),
                    N_("the following arguments are required: %s"),
                    N_("one of the arguments %s is required"),
                    N_("not allowed with argument %s"),
                    N_("ignored explicit argument %r"),
                    N_("expected one argument"),
                    N_("expected at most one argument"),
                    N_("expected at least one argument"),
                    N_("ambiguous option: %(option)s could match %(matches)s"),
                    N_("invalid %(type)s value: %(value)r"),
                    N_("invalid choice: %(value)r (choose from %(choices)s)"))

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
    """argparse's help formatter, as wide as the terminal (measured by :func:`_terminal_width`),
    speaking the language of messages: the help texts are English in the code and translated
    only when a help page or a usage line is written (nothing for a run that prints none)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         _terminal_width() - 2 if width is None else width)

    def _split_lines(self, text: str, width: int) -> list[str]:
        """argparse's wrapping (at spaces, counting characters), or for Chinese text a wrap at
        any character boundary counting display cells (a Chinese character is two)."""
        if not _chinese(text):
            return super()._split_lines(text, width)
        return _wrap_cells(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not _chinese(text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line
                         for line in _wrap_cells(" ".join(text.split()), width - len(indent)))

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return _(action.help) if action.help else action.help

    def add_text(self, text: str | None) -> None:
        super().add_text(_(text) if text else text)

    def start_section(self, heading: str | None) -> None:
        super().start_section(_(heading) if heading else heading)

    def _format_usage(self, usage: str | None, actions: Any, groups: Any,
                      prefix: str | None) -> str:
        """argparse's usage, measured in display cells when the prefix is Chinese (``用法：``
        is three characters but six cells): wrapped that much narrower, its continuation
        lines indented that much more."""
        extra = _cells(prefix) - len(prefix) if prefix else 0
        if not extra:
            return super()._format_usage(usage, actions, groups, prefix)
        self._width -= extra
        try:
            text = super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width += extra
        return "\n".join(line if index == 0 or not line.startswith(" ") else " " * extra + line
                         for index, line in enumerate(text.split("\n")))

    def add_usage(self, usage: str | None, actions: Any, groups: Any,
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An argument parser (and its sub-commands' parsers) with :class:`_Formatter`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        """argparse's usage error, in the language of messages (``error:`` and argparse's own
        words as well as ours)."""
        self.print_usage(sys.stderr)
        self.exit(2, _("%(prog)s: error: %(message)s\n")
                  % {"prog": self.prog, "message": _argparse_message(message)})


def _filled(template: str, values: dict[str, str], placeholder: Any) -> str:
    """``template`` with its placeholders replaced by ``values`` (by name, or ``"0"``, ``"1"``
    ... in order for ``%s``)."""
    counter = iter(range(len(values)))

    def value(match: Any) -> str:
        return values.get(match.group(1) or str(next(counter, -1)), match.group(0))

    return str(placeholder.sub(value, template))


def _argparse_message(message: str) -> str:
    """``message``, one of argparse's :data:`_ARGPARSE_ERRORS` filled in, translated (an
    ``argument X: ...`` with its inner message translated too); any other message as it is."""
    import re

    from gipr_lint.i18n import current_language
    from gipr_lint.regex import compile_re

    if current_language() == "en":
        return message
    placeholder = compile_re(r"%(?:\((\w+)\))?[sr]")  # %(name)s, %(name)r, %s, %r
    for template in _ARGPARSE_ERRORS:
        names: list[str] = []

        def group(match: re.Match[str], names: list[str] = names) -> str:
            names.append(match.group(1) or str(len(names)))
            return "(.+?)"

        pattern, last = "", 0
        for match in placeholder.finditer(template):
            pattern += re.escape(template[last:match.start()]) + group(match)
            last = match.end()
        pattern += re.escape(template[last:])
        found = compile_re(pattern, re.DOTALL).fullmatch(message)
        if found is None:
            continue
        values = dict(zip(names, found.groups(), strict=True))
        if "message" in values:
            values["message"] = _argparse_message(values["message"])
        return _filled(_(template), values, placeholder)
    return message


def _chinese(text: str) -> bool:
    """Whether ``text`` is a help text in Chinese (English ones, even quoting 简体中文, are
    wrapped as argparse wraps them)."""
    from gipr_lint.i18n import current_language

    return not text.isascii() and current_language() == "zh"


def _cells(text: str) -> int:
    """The display width of ``text``: two cells for a wide (Chinese) character, else one."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _wrap_cells(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` display cells: broken at a space, or between two
    characters either of which is wide (Chinese), never inside an ASCII word or before a
    closing punctuation mark."""
    cells = _cells

    lines: list[str] = []
    line, used, cut = "", 0, -1  # cut: where the line may be broken (an index into line)
    for char in text:
        if char == " " and not line:
            continue
        if line and (char == " " or cells(char) == 2 or cells(line[-1]) == 2) \
                and char not in "，。、；：？！）》」』”’,.;:?!)":
            cut = len(line)
        line += char
        used += cells(char)
        if used > width and cut > 0:
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
            used, cut = cells(line), -1
    if line.strip():
        lines.append(line.rstrip())
    return lines


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of ``gipr-lint`` and its sub-commands; with ``command`` (one of
    :data:`COMMANDS`, the one the arguments name), of that sub-command alone: the others'
    parsers would be made for nothing (~1 ms of every start, argparse looking its words up in
    the system's message catalogs for each parser)."""
    parser = _Parser(
        prog="gipr-lint",
        description=N_("Lint 政府信息公开工作年度报告 (government information disclosure "
                       "annual reports). `gipr-lint PATH...` is `gipr-lint check PATH...`."))
    parser.add_argument("--version", action="version", version=f"gipr-lint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (summary, add_options) in _SUB_COMMANDS.items():
        if command is None or name == command:
            add_options(sub.add_parser(name, help=summary))
    return parser


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """``argv`` (its first item a command of :data:`COMMANDS`, or ``-h``/``--help``/
    ``--version``) parsed; exits with 2 on a usage error, as argparse does.

    An option the command does not know is reported by that command's parser, with its usage
    (``gipr-lint check [-h] ...``, not the program's ``COMMAND ...``) and the nearest option it
    has: ``unrecognized arguments: --formt; did you mean --format?``.
    """
    from gipr_lint.i18n import language

    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    with language(_language_of_help(argv)):
        return _parse(parser, argv)


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    args, extras = parser.parse_known_args(argv)
    if extras:
        command = _sub_parser(parser, getattr(args, "command", None)) or parser
        message = _("unrecognized arguments: {arguments}").format(arguments=" ".join(extras))
        options = [option for action in command._actions for option in action.option_strings]
        for extra in extras:
            if extra.startswith("--"):
                import difflib

                near = difflib.get_close_matches(extra.split("=", 1)[0], options, n=1,
                                                  cutoff=0.75)
                if near:
                    message += _("; did you mean {name}?").format(name=near[0])
                    break
        command.error(message)
    return args


def _language_of_help(argv: list[str]) -> str | None:
    """The ``--lang`` of the arguments, if any, for a help page or a usage error: the command
    speaks it (chosen again, with the configuration's ``lang``, once the command runs)."""
    for index, item in enumerate(argv):
        if item == "--":
            break
        value = item.partition("=")[2] if item.startswith("--lang=") else (
            argv[index + 1] if item == "--lang" and index + 1 < len(argv) else None)
        if value in LANGUAGES:
            return value
    return None


def _sub_parser(parser: argparse.ArgumentParser, name: str | None
                ) -> argparse.ArgumentParser | None:
    """The parser of the sub-command ``name`` in ``parser``, if it has one."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and name in action.choices:
            return action.choices[name]
    return None


def _check_options(parser: argparse.ArgumentParser) -> None:
    """``check``'s arguments."""
    parser.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                        help=N_("files or directories to lint; - for standard input (default: .)"))
    parser.add_argument("--format", "--output-format", dest="format", default="full",
                        help=N_("output format: full, concise, json, sarif, github, csv, html, or "
                             "a plugin's (default: full)"))
    parser.add_argument("--columns", choices=("chars", "bytes"), default="chars",
                        help=N_("what columns count: characters (default) or UTF-8 bytes, for "
                             "editors such as Vim whose errorformat %%c is a byte column"))
    parser.add_argument("--select", action="append", metavar="CODES",
                        help=N_("comma-separated rule codes, prefixes or names to run (replaces "
                             "the configured select)"))
    parser.add_argument("--extend-select", action="append", metavar="CODES",
                        help=N_("rules to run in addition to select"))
    parser.add_argument("--ignore", "--extend-ignore", dest="ignore", action="append",
                        metavar="CODES",
                        help=N_("rules not to run (added to the configured ignore)"))
    parser.add_argument("--severity", action="append", metavar="CODE=LEVEL",
                        help=N_("set a rule's severity: error, warning, info or off (repeatable)"))
    parser.add_argument("--fail-on", metavar="LEVEL",
                        help=N_("lowest severity that makes the exit code 1 (default: warning)"))
    parser.add_argument("--agency", help=N_("the reporting agency, where the report lacks it"))
    parser.add_argument("--agency-kind", metavar="KIND",
                        help=N_("township, government, department or unknown"))
    parser.add_argument("--year", help=N_("the report year, where the report lacks it"))
    parser.add_argument("--config", type=Path, metavar="PATH",
                        help=N_("use this configuration file instead of discovering one"))
    parser.add_argument("--isolated", action="store_true", help=N_("use no configuration file"))
    parser.add_argument("--exclude", action="append", metavar="GLOBS",
                        help=N_("comma-separated globs of files and folders a folder search "
                             "skips (replaces the configured exclude)"))
    parser.add_argument("--extend-exclude", action="append", metavar="GLOBS",
                        help=N_("globs skipped in addition to exclude"))
    parser.add_argument("--respect-gitignore", action=argparse.BooleanOptionalAction,
                        default=None, help=N_("skip what .gitignore files ignore (default: on)"))
    parser.add_argument("--stdin-filename", metavar="PATH",
                        help=N_("name of the report read from standard input (for configuration "
                             "and messages)"))
    parser.add_argument("--output-file", "-o", type=Path, metavar="PATH",
                        help=N_("write the output here instead of standard output"))
    parser.add_argument("--statistics", action="store_true",
                        help=N_("print how many findings each rule has instead of the findings"))
    parser.add_argument("--exit-zero", action="store_true",
                        help=N_("exit 0 even when there are findings (2 still reports errors)"))
    parser.add_argument("-q", "--quiet", action="store_true",
                        help=N_("print the findings and nothing else (no summary, no hints)"))
    parser.add_argument("--show-settings", action="store_true",
                        help=N_("print the configuration file and the settings that apply to the "
                             "first file, then exit"))
    parser.add_argument("--show-files", action="store_true",
                        help=N_("print the files that would be linted, then exit"))
    parser.add_argument("--fix", action="store_true", help=N_("apply safe fixes"))
    parser.add_argument("--unsafe-fixes", action="store_true",
                        help=N_("with --fix or --diff, apply unsafe fixes too"))
    parser.add_argument("--diff", action="store_true",
                        help=N_("print the fixes as a unified diff instead of writing them"))
    parser.add_argument("--baseline", type=Path, metavar="FILE",
                        help=N_("show only findings not recorded in this baseline"))
    parser.add_argument("--write-baseline", type=Path, metavar="FILE",
                        help=N_("record the current findings in FILE and exit 0"))
    parser.add_argument("--extensions", metavar="EXTS",
                        help=N_("comma-separated extensions of the files a directory is searched "
                             "for, e.g. .html,.docx (default: every installed reader's)"))
    parser.add_argument("--history", nargs="+", action="extend", default=[], metavar="PATH",
                        help=N_("earlier reports (files, directories, globs) the cross-year rules "
                             "compare with; read, not linted (see docs/batch.md)"))
    parser.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                        help=N_("lint in N processes (default: 1)"))
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help=N_("colour in full output (default: auto; NO_COLOR is honoured)"))
    _lang_option(parser)


def _parse_options(parser: argparse.ArgumentParser) -> None:
    """``parse``'s arguments."""
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help=N_("the report; - for standard input; with --format csv, any number "
                             "of reports and directories"))
    parser.add_argument("--format", choices=("json", "tree", "text", "csv"), default="json",
                        help=N_("json: the report model; tree: the same as a tree; text: the text "
                             "the reader read (for HTML, Word and PDF files, the canonical text "
                             "whose lines `check` names for Word and PDF findings); csv: one line "
                             "per report with every table cell as a column (see docs/batch.md)"))
    parser.add_argument("--grammar", action="store_true",
                        help=N_("print the report grammar in effect (generated from the templates "
                             "and the loaded packs' rows) instead of parsing a file"))


def _rules_options(parser: argparse.ArgumentParser) -> None:
    """``rules``' arguments."""
    parser.add_argument("--format", choices=("table", "json"), default="table")
    _lang_option(parser)


def _rule_options(parser: argparse.ArgumentParser) -> None:
    """``rule``'s arguments."""
    parser.add_argument("rule", metavar="CODE|NAME")
    _lang_option(parser)


def _new_plugin_options(parser: argparse.ArgumentParser) -> None:
    """``new-plugin``'s arguments."""
    parser.add_argument("name", metavar="NAME", help=N_("plugin name, e.g. henan"))
    parser.add_argument("--prefix", help=N_("rule code prefix, two or more capital letters "
                                         "(default: the name's first three letters)"))
    parser.add_argument("--directory", type=Path, metavar="DIR",
                        help=N_("where to write it (default: ./gipr-lint-NAME)"))


def _server_options(parser: argparse.ArgumentParser) -> None:
    """``server``'s arguments."""
    parser.add_argument("--debounce", type=int, default=None, metavar="MS",
                        help=N_("milliseconds to wait after a change before linting (default: "
                             "300; the client's initializationOptions.debounce wins)"))
    _lang_option(parser)


#: Each sub-command's summary and what adds its options, in the order ``--help`` lists them.
_SUB_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "check": (N_("lint reports (the default command)"), _check_options),
    "parse": (N_("print the parsed report model of a file"), _parse_options),
    "rules": (N_("list every rule"), _rules_options),
    "rule": (N_("explain one rule"), _rule_options),
    "plugins": (N_("list the loaded plugins and their rules"), lambda parser: None),
    "new-plugin": (N_("write the skeleton of a rule pack (see docs/plugins.md)"),
                   _new_plugin_options),
    "server": (N_("run the language server on stdio (needs the lsp extra: pygls)"),
               _server_options),
}


def _lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help=N_("language of messages: zh (简体中文) or en (default: the "
                             "configuration's lang, else zh on a Chinese system, else en)"))
