"""Human output (the default): each diagnostic with its source line and carets under the span,
then a summary. Uses rich; colour only when ``context.color``. CJK characters are two cells
wide, which the caret line accounts for."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from gipr_lint.formatters import quote_path, severity_counts, table_counts
from gipr_lint.i18n import plural_translator, translator

_ = translator("gipr_lint")
_n = plural_translator("gipr_lint")

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}


def _count(count: int, level: str) -> str:
    if level == "error":
        return _n("{count} error", "{count} errors", count).format(count=count)
    if level == "warning":
        return _n("{count} warning", "{count} warnings", count).format(count=count)
    return _("{count} info").format(count=count)


def summary(results: Sequence[Any]) -> str:
    """``Found 3 errors, 2 warnings in 5 files; 13 of 15 tables fully checked.`` or
    ``All checks passed; 3 of 3 tables fully checked.`` (translated). The table count keeps
    "nothing found" apart from "nothing wrong": a table the text did not let the linter read was
    not checked."""
    counts = severity_counts(results)
    checked, found = table_counts(results)
    tables = (_n("{checked} of {found} table fully checked",
                 "{checked} of {found} tables fully checked", found)
              .format(checked=checked, found=found) if found else _("no table found"))
    parts = [_count(counts[level], level) for level in ("error", "warning", "info")
             if counts[level]]
    if not parts:
        return _("All checks passed; {tables}.").format(tables=tables)
    files = sum(1 for result in results if result.diagnostics)
    return _n("Found {findings} in {count} file; {tables}.",
              "Found {findings} in {count} files; {tables}.",
              files).format(findings=_(", ").join(parts), count=files, tables=tables)


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
    """The line of the report text holding the finding, with carets under its span (for an
    HTML, Word or PDF file the text the reader read, without line numbers)."""
    if source is None or not source.text:
        return []
    span = diagnostic.span
    line, column = source.position(span.start)
    end_line, end_column = source.position(max(span.end, span.start))
    if line > source.line_count:
        return []
    raw = source.line_text(line)
    end = end_column - 1 if end_line == line else len(raw)
    before = _keep_end(raw[:column - 1].replace("\t", "    "), CONTEXT_CELLS)
    marked = _keep_start(raw[column - 1:end].replace("\t", "    "), _MARK_CELLS)
    after = _keep_start(raw[end:].replace("\t", "    "), CONTEXT_CELLS)
    # the canonical text of a page, Word or PDF file has lines of its own: not numbered, so
    # they are not taken for the file's
    gutter = str(line) if source.kind == "text" else " "
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
            place = (f"{quote_path(d.path)}: {d.where}" if d.where
                     else f"{quote_path(d.path)}:{d.line}:{d.column}")
            console.print(Text.assemble(
                (place, "bold"), ": ",
                (d.severity.value, _STYLE[d.severity.value]), " ",
                (d.code, "bold"), f" [{d.name}] {d.message}"))
            for text in _snippet(d, source):
                console.print(text)
            console.print()
    if getattr(context, "quiet", False):
        return
    compared = [(result.path, result.previous) for result in results
                if getattr(result, "previous", None) is not None]
    for path, previous in compared:
        line = (_("compared with {year}'s report {previous} (history)") if previous.history
                else _("compared with {year}'s report {previous} (linted)"))
        console.print(Text.assemble((quote_path(path), "bold"), ": ",
                                    line.format(year=previous.year, previous=previous.path)))
    if compared:
        console.print()
    console.print(summary(results))
