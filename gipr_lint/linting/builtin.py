"""The framework's own plugin: the plain-text reader, the refusal of legacy ``.doc``/``.wps``
files, the built-in formatters and ``E999``.

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
from gipr_lint.i18n import translator
from gipr_lint.model import Report
from gipr_lint.reading.source import DecodeError, Source, read_source
from gipr_lint.rules import Rule, RuleContext

GIPR_LINT_API = 1

_ = translator("gipr_lint")

#: The plugin name the framework's own contributions are listed under.
BUILTIN_NAME = "gipr-lint"
#: The built-in output formats, each a module in :mod:`gipr_lint.formatters` with ``write()``.
BUILTIN_FORMATS = ("full", "concise", "json", "sarif", "github", "csv", "html")


class TextReader:
    """Plain-text reports (``*.txt``): UTF-8 with or without BOM, UTF-16 with BOM, GB18030."""

    name = "text"
    suffixes: Sequence[str] = (".txt",)

    def read(self, path: Path) -> Source:
        return not_empty(read_source(path))

    def read_bytes(self, data: bytes, path: str) -> Source:
        """:meth:`read` of a file whose bytes are ``data`` (the built-ins' fast path: see
        :meth:`~gipr_lint.linting.plugin_manager.PluginSet.read`)."""
        return not_empty(Source.from_bytes(data, path))


def not_empty(source: Source) -> Source:
    """``source``, unless it is empty or white space only: then, as for an empty web page,
    Word or PDF file, :class:`DecodeError` ``empty file`` (the run says ``cannot read`` and
    exits with 2 whatever ``--fail-on`` or ``--select`` say: an empty file is a save or a
    download that went wrong, not a report with defects)."""
    text = source.text
    if not text or text.isspace():
        raise DecodeError(_("empty file"))
    return source


#: The first bytes of an OLE2 compound file: Word 97-2003 (.doc), WPS (.wps), old Excel.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class LegacyOfficeReader:
    """Refuses legacy Word and WPS files (``.doc``, ``.wps``) with a message saying what to do.

    Their binary format is not read; Word and WPS both save a ``.docx`` in one step. Chosen
    for those extensions and for any file that starts like one (an OLE2 compound file).
    """

    name = "legacy-office"
    suffixes: Sequence[str] = (".doc", ".wps", ".dot", ".wpt")

    def accepts(self, head: bytes) -> bool:
        return head.startswith(OLE_MAGIC)

    def read(self, path: Path) -> Source:
        with open(path, "rb") as handle:
            head = handle.read(1 << 20)
        if not head:
            raise DecodeError(_("empty file"))
        if head.startswith(b"{\\rtf"):
            raise DecodeError(_("an RTF document (with a .doc or .wps name) cannot be read: "
                                "open it in Word or WPS and save it as .docx"))
        if not head.startswith(OLE_MAGIC):
            raise DecodeError(_("not a Word or WPS file (the name ends in .doc or .wps but the "
                                "content is something else)"))
        if "EncryptedPackage".encode("utf-16-le") in head:
            raise DecodeError(_("the Word file is password-protected (encrypted): remove the "
                                "password in Word or WPS and save it again as .docx"))
        raise DecodeError(_("a legacy Word/WPS file (.doc/.wps) cannot be read: open it in "
                            "Word or WPS and save it as .docx (文件 → 另存为 → Word 文档 .docx)"))


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
def gipr_lint_readers() -> list[TextReader | LegacyOfficeReader]:
    return [TextReader(), LegacyOfficeReader()]


@hookimpl
def gipr_lint_formatters() -> dict[str, LazyFormatter]:
    return {name: LazyFormatter(name) for name in BUILTIN_FORMATS}
