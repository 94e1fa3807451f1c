"""Human output (the default): each diagnostic with its source line and carets under the span,
then a summary. CJK characters are two cells wide (rich's measure), which the caret line
accounts for. With colour (``context.color``) rich prints it; without, the same characters are
written directly, as rich would print them (control codes dropped, tabs to 8-cell stops): the
usual case of output to a file or a pipe then does not import rich's console (about 10 ms of a
one-file run)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from rich.cells import cell_len

if TYPE_CHECKING:
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


#: A printed line: its parts, each with its rich style (``None``: a blank line).
Line = list[tuple[str, str]] | None


def _snippet(diagnostic: Any, source: Any) -> list[Line]:
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
        [(f"{pad} |", "blue")],
        [(f"{gutter} | ", "blue"), (before + marked + after, "")],
        [(f"{pad} | ", "blue"), (" " * cell_len(before), ""),
         ("^" * max(1, cell_len(marked)), _STYLE[diagnostic.severity.value])],
    ]


def _lines(results: Sequence[Any], context: Any) -> Iterator[Line]:
    for result in results:
        source = result.source
        for d in result.diagnostics:
            place = (f"{quote_path(d.path)}: {d.where}" if d.where
                     else f"{quote_path(d.path)}:{d.line}:{d.column}")
            yield [(place, "bold"), (": ", ""), (d.severity.value, _STYLE[d.severity.value]),
                   (" ", ""), (d.code, "bold"), (f" [{d.name}] {d.message}", "")]
            yield from _snippet(d, source)
            yield None
    if getattr(context, "quiet", False):
        return
    compared = [(result.path, result.previous) for result in results
                if getattr(result, "previous", None) is not None]
    for path, previous in compared:
        line = (_("compared with {year}'s report {previous} (history)") if previous.history
                else _("compared with {year}'s report {previous} (linted)"))
        yield [(quote_path(path), "bold"), (": ", ""),
               (line.format(year=previous.year, previous=previous.path), "")]
    if compared:
        yield None
    yield [(summary(results), "")]


#: The control codes rich drops from printed text (bell, backspace, VT, FF, CR).
_DROPPED = dict.fromkeys((7, 8, 11, 12, 13))
_TAB_CELLS = 8


def _plain(text: str) -> str:
    """``text`` as rich prints it without colour and with soft wrapping: the control codes it
    drops removed, each tab a space and then spaces to the next multiple of 8 cells."""
    text = text.translate(_DROPPED)
    if "\t" not in text:
        return text
    lines = []
    for line in text.split("\n"):
        position = 0
        parts = line.split("\t")
        for index, part in enumerate(parts[:-1]):
            position += cell_len(part) + 1
            padding = -position % _TAB_CELLS
            position += padding
            parts[index] = part + " " * (1 + padding)
        lines.append("".join(parts))
    return "\n".join(lines)


def write(results: Sequence[Any], out: TextIO, context: Any) -> None:
    if not context.color:
        for parts in _lines(results, context):
            out.write("\n" if parts is None else _plain("".join(text for text, _ in parts))
                      + "\n")
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, force_terminal=True, no_color=False, color_system="standard",
                      highlight=False, soft_wrap=True, emoji=False, markup=False)
    for parts in _lines(results, context):
        console.print(*(() if parts is None else (_styled(Text, parts),)))


def _styled(text_class: type[Text], parts: list[tuple[str, str]]) -> Text:
    return text_class.assemble(*((text, style) if style else text for text, style in parts))
