"""The framework's own plugin: the plain-text reader, the built-in formatters and ``E999``.

It is registered like any other plugin (under the name ``gipr-lint``), before the entry points,
so every reader, format and code it provides is visible to ``gipr-lint plugins`` and ``rules``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from gipr_lint.diagnostics import Finding, Severity
from gipr_lint.hookspecs import hookimpl
from gipr_lint.model import Report
from gipr_lint.reading.source import Source, read_source
from gipr_lint.rules import Rule, RuleContext

GIPR_LINT_API = 1
#: The plugin name the framework's own contributions are listed under.
BUILTIN_NAME = "gipr-lint"
#: The built-in output formats, each a module in :mod:`gipr_lint.formatters` with ``write()``.
BUILTIN_FORMATS = ("full", "concise", "json", "sarif", "github", "csv", "html")


class TextReader:
    """Plain-text reports (``*.txt``): UTF-8 with or without BOM, UTF-16 with BOM, GB18030."""

    name = "text"
    suffixes: Sequence[str] = (".txt",)

    def read(self, path: Path) -> Source:
        return read_source(path)


class LazyFormatter:
    """A built-in formatter whose module (and its imports, e.g. rich) loads on first use."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, results: Sequence[Any], out: TextIO, context: Any) -> None:
        module = importlib.import_module(f"gipr_lint.formatters.{self.name}")
        module.write(results, out, context)


class RuleCrashed(Rule):
    """A rule raised an exception while checking this file.

    The engine catches the exception, reports it as this diagnostic at 1:1 naming the rule and
    the exception, and goes on with the other rules. It means a bug in the rule (or its plugin),
    not in the report: please report it to the plugin's authors. To silence it, ignore the
    crashing rule, or ``E999`` itself.

    Fails::

        x.txt:1:1: error E999 rule T001 (stray-space) crashed: KeyError: 'x'
    """

    code = "E999"
    name = "rule-crashed"
    severity = Severity.ERROR
    summary = "A rule raised an exception while checking the file"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        return ()


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    return [RuleCrashed]


@hookimpl
def gipr_lint_readers() -> list[TextReader]:
    return [TextReader()]


@hookimpl
def gipr_lint_formatters() -> dict[str, LazyFormatter]:
    return {name: LazyFormatter(name) for name in BUILTIN_FORMATS}
