"""Human output (the default): each diagnostic with its source line and carets under the span,
then a summary. Uses rich; colour only when ``context.color``. CJK characters are two cells
wide, which the caret line accounts for."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from gipr_lint.formatters import severity_counts

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}


def _plural(count: int, word: str) -> str:
    if word == "info":
        return f"{count} info"
    return f"{count} {word}" + ("" if count == 1 else "s")


def summary(results: Sequence[Any]) -> str:
    """``Found 3 errors, 2 warnings in 5 files.`` or ``All checks passed.``"""
    counts = severity_counts(results)
    parts = [_plural(counts[level], level) for level in ("error", "warning", "info")
             if counts[level]]
    if not parts:
        return "All checks passed."
    files = sum(1 for result in results if result.diagnostics)
    return f"Found {', '.join(parts)} in {_plural(files, 'file')}."


def _snippet(diagnostic: Any, source: Any) -> list[Text]:
    if source is None or not source.text or diagnostic.line > source.line_count:
        return []
    line = source.line_text(diagnostic.line).replace("\t", "    ")
    raw = source.line_text(diagnostic.line)
    before = raw[:diagnostic.column - 1].replace("\t", "    ")
    if diagnostic.end_line == diagnostic.line:
        marked = raw[diagnostic.column - 1:diagnostic.end_column - 1]
    else:
        marked = raw[diagnostic.column - 1:]
    width = max(1, cell_len(marked.replace("\t", "    ")))
    gutter = str(diagnostic.line)
    pad = " " * len(gutter)
    return [
        Text.assemble((f"{pad} |", "blue")),
        Text.assemble((f"{gutter} | ", "blue"), line),
        Text.assemble((f"{pad} | ", "blue"), " " * cell_len(before),
                      ("^" * width, _STYLE[diagnostic.severity.value])),
    ]


def write(results: Sequence[Any], out: TextIO, context: Any) -> None:
    console = Console(file=out, force_terminal=context.color, no_color=not context.color,
                      color_system="standard" if context.color else None, highlight=False,
                      soft_wrap=True, emoji=False, markup=False)
    for result in results:
        source = result.source
        for d in result.diagnostics:
            console.print(Text.assemble(
                (f"{d.path}:{d.line}:{d.column}", "bold"), ": ",
                (d.severity.value, _STYLE[d.severity.value]), " ",
                (d.code, "bold"), f" [{d.name}] {d.message}"))
            for text in _snippet(d, source):
                console.print(text)
            console.print()
    console.print(summary(results))
