"""Output formats. Each module has ``write(results, out, context)``; see
:class:`gipr_lint.hookspecs.Formatter`. Only the chosen module is imported (rich only for
``full``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING

from gipr_lint import __version__

if TYPE_CHECKING:
    from gipr_lint.diagnostics import Diagnostic
    from gipr_lint.linting.engine import FileResult
    from gipr_lint.rules import Rule

__all__ = ["FormatContext", "diagnostics", "place_after", "place_before", "quote_path",
           "severity_counts", "table_counts"]


@dataclass
class FormatContext:
    """What a formatter may know besides the results.

    ``rules`` maps every loaded rule's code to its class, ``rule_plugin`` to its plugin's name;
    ``color`` is whether to use colour (a terminal, and ``NO_COLOR`` unset); ``quiet``
    (``--quiet``) asks for the findings only, without a summary; ``byte_columns``
    (``--columns bytes``) says that diagnostics' columns count UTF-8 bytes, so positions a
    formatter computes itself must too.
    """

    rules: Mapping[str, type[Rule]] = field(default_factory=dict)
    rule_plugin: Mapping[str, str] = field(default_factory=dict)
    color: bool = False
    quiet: bool = False
    byte_columns: bool = False
    version: str = __version__


def diagnostics(results: Sequence[FileResult]) -> Iterator[Diagnostic]:
    """Every diagnostic of every file, in output order."""
    for result in results:
        yield from result.diagnostics


_SEVERITY = attrgetter("severity")
_DIAGNOSTICS = attrgetter("diagnostics")


def severity_counts(results: Sequence[FileResult]) -> Counter[str]:
    """How many diagnostics there are of each severity (``error``, ``warning``, ``info``)."""
    counts: Counter[str] = Counter({"error": 0, "warning": 0, "info": 0})
    # counted by severity first (its ``value`` is an enum property, slow per diagnostic), all
    # in C: thousands of diagnostics after the last file of a run is linted
    severities = map(_SEVERITY, chain.from_iterable(map(_DIAGNOSTICS, results)))
    for severity, count in Counter(severities).items():
        counts[severity.value] += count
    return counts


def table_counts(results: Sequence[FileResult]) -> tuple[int, int]:
    """``(fully checked, found)``: the statistics tables of every report, and how many of them
    were read completely, so that every check of them ran (see ``Report.tables_fully_read``)."""
    checked = found = 0
    for result in results:
        counts = result.tables_read
        if counts is None and result.report is not None:
            counts = result.report.tables_fully_read()
        if counts is not None:
            checked += counts[0]
            found += counts[1]
    return checked, found


def quote_path(path: str) -> str:
    """A path as one-line outputs print it: as is, or in double quotes with escapes (JSON
    style) when it holds white space, control characters (a newline), a quote or starts with
    ``-``, so a tool splitting ``path:line:col:`` lines still finds where the path ends."""
    if path == "-" or (path and not path.startswith("-") and not any(
            ch.isspace() or ch == '"' or ord(ch) < 32 or ord(ch) == 127 for ch in path)):
        return path
    import json

    return json.dumps(path, ensure_ascii=False)


def place_before(where: str, message: str) -> str:
    """A finding's message led by its place in a Word or PDF file, punctuated in the language
    of messages: ``paragraph 1: ...``, ``第1段：...``."""
    from gipr_lint.i18n import translator

    _ = translator("gipr_lint")
    return _("{place}: {message}").format(place=where, message=message)


def place_after(message: str, where: str) -> str:
    """A finding's message followed by its place in a Word or PDF file in brackets, in the
    language of messages: ``... (paragraph 1)``, ``…（第1段）``."""
    from gipr_lint.i18n import translator

    _ = translator("gipr_lint")
    return _("{message} ({place})").format(place=where, message=message)
