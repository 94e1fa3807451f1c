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


#: Context shown on each side of the marked span, in terminal cells; longer lines are cut with …
CONTEXT_CELLS = 40
_MARK_CELLS = 80


def _keep_end(text: str, cells: int) -> str:
    """The end of ``text`` that fits in ``cells`` terminal cells, marked with … when cut."""
    if cell_len(text) <= cells:
        return text
    kept = ""
    for char in reversed(text):
        if cell_len(char + kept) > cells - 1:
            break
        kept = char + kept
    return "…" + kept


def _keep_start(text: str, cells: int) -> str:
    """The start of ``text`` that fits in ``cells`` terminal cells, marked with … when cut."""
    if cell_len(text) <= cells:
        return text
    kept = ""
    for char in text:
        if cell_len(kept + char) > cells - 1:
            break
        kept += char
    return kept + "…"


def _snippet(diagnostic: Any, source: Any) -> list[Text]:
    if source is None or not source.text or diagnostic.line > source.line_count:
        return []
    raw = source.line_text(diagnostic.line)
    end = diagnostic.end_column - 1 if diagnostic.end_line == diagnostic.line else len(raw)
    before = _keep_end(raw[:diagnostic.column - 1].replace("\t", "    "), CONTEXT_CELLS)
    marked = _keep_start(raw[diagnostic.column - 1:end].replace("\t", "    "), _MARK_CELLS)
    after = _keep_start(raw[end:].replace("\t", "    "), CONTEXT_CELLS)
    gutter = str(diagnostic.line)
    pad = " " * len(gutter)
    return [
        Text.assemble((f"{pad} |", "blue")),
        Text.assemble((f"{gutter} | ", "blue"), before + marked + after),
        Text.assemble((f"{pad} | ", "blue"), " " * cell_len(before),
                      ("^" * max(1, cell_len(marked)), _STYLE[diagnostic.severity.value])),
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
    compared = [(result.path, result.previous) for result in results
                if getattr(result, "previous", None) is not None]
    for path, previous in compared:
        origin = "history" if previous.history else "linted"
        console.print(Text.assemble((path, "bold"), f": compared with {previous.year}'s report "
                                                    f"{previous.path} ({origin})"))
    if compared:
        console.print()
    console.print(summary(results))
