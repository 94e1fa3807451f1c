"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` per diagnostic.

Paths and titles are escaped as workflow-command properties (``%``, ``:``, ``,``, line
breaks), so any file name survives. A finding in a Word or PDF file is annotated on the file
(no line) with its place (``table 3, row 5, column 2``) at the start of the message."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from gipr_lint.formatters import diagnostics, place_before, severity_counts
from gipr_lint.i18n import translator

_ = translator("gipr_lint")

#: GitHub shows at most this many annotations of each level per step.
GITHUB_LIMIT = 10
_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def write(results: Sequence[Any], out: TextIO, context: Any) -> None:
    for d in diagnostics(results):
        title = _property(f"{d.code} {d.name}")
        if d.where:  # a Word or PDF file: no line to annotate, the place goes in the message
            out.write(f"::{_LEVEL[d.severity.value]} file={_property(d.path)},title={title}::"
                      f"{_data(place_before(d.where, d.message))}\n")
            continue
        out.write(f"::{_LEVEL[d.severity.value]} file={_property(d.path)},line={d.line},"
                  f"col={d.column},endLine={d.end_line},endColumn={d.end_column},"
                  f"title={title}::{_data(d.message)}\n")
    counts = severity_counts(results)
    if counts["error"] > GITHUB_LIMIT or counts["warning"] > GITHUB_LIMIT:
        out.write("::notice::" + _data(_(
            "gipr-lint found {errors} errors and {warnings} warnings; GitHub shows only the first "
            "{limit} of each per step. Use --format sarif with "
            "github/codeql-action/upload-sarif to see them all.").format(
                errors=counts["error"], warnings=counts["warning"], limit=GITHUB_LIMIT)) + "\n")
