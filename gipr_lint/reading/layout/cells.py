"""Reading the numbers that follow a row label, whatever separates them.

A row's cells arrive as ``| 0 | 0 |``, tab-separated, one per line, or run together with no
separator at all ("0000000"). :func:`read_cells` takes the text after a label and returns the
cells it can read, and whether a separator the writer made keeps them apart; a run of digits is
split by :mod:`gipr_lint.reading.layout.splitting`.
"""

from __future__ import annotations

from dataclasses import dataclass

from gipr_lint.model import Cell
from gipr_lint.reading.layout.objects import new_cell
from gipr_lint.regex import compile_re

__all__ = ["BLANK_MARKS", "CellRun", "read_cells", "read_run", "run_end"]

#: Cell contents that mean "nothing here" and are read as 0.
BLANK_MARKS = frozenset({"-", "—", "–", "－", "/", "／", "无", "——", "--"})

#: A page number left by PDF extraction, alone on its line: "- 3 -", "第3页", "第 3 页 共 12 页".
PAGE_NUMBER = (r"[ \t]*(?:[-—–][ \t]*\d{1,4}[ \t]*[-—–]|第[ \t]*\d{1,4}[ \t]*页"
               r"(?:[ \t]*[,，/]?[ \t]*共[ \t]*\d{1,4}[ \t]*页)?)[ \t]*(?=\r?\n|\f|$)")
#: A Markdown table's rule line under its header: "|---|:---:|".
MARKDOWN_RULE = r"[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?:[ \t]*:?-{3,}:?[ \t]*)?(?=\r?\n|$)"
_TOKEN = compile_re(
    r"(?m:^(?P<page>" + PAGE_NUMBER + r"))|"
    r"(?m:^(?P<rule>" + MARKDOWN_RULE + r"))|"
    r"(?P<number>[-−]?\d+(?:[.．]\d+)?(?:万元|元)?(?![.．、][ \t]*[\u4e00-\u9fff]))"  # not "2.其他"
    # a dash or slash before a separator, another mark or the next label ("规章///行政…");
    # 无 only before a separator ("无数据" is text)
    r"|(?P<blank>(?:——|--|[-—–－/／])(?=[|｜\s\-—–－/／\u4e00-\u9fff(（]|$)|无(?=[|｜\s]|$))"
    # blanks up to the last line break of the run first: the next line's own leading blanks
    # are left to it, so that a page number or a rule opening it is still at the line's start
    r"|(?P<space>[|｜\s\"“”'‘’:：]*\n|[|｜\s\"“”'‘’:：]+)"
)
_FIELD_SEPARATOR = compile_re(r"[|｜\t]")
# A separator after content on the same line: only then can an empty field stand for a blank cell.
_SEPARATOR_AFTER_CONTENT = compile_re(r"[^\s|｜][ \u3000]*[|｜\t]")
_RUN = compile_re(_TOKEN.pattern.join(("(?:", ")*")))
#: A field separator or a line break (``\r?\n`` is found where ``\n`` is).
_APART = compile_re(r"[|｜\t\n]")


@dataclass(slots=True)  # not frozen: made for every row, and a frozen init costs twice as much
class CellRun:
    """The cells read after a label, and where reading stopped."""

    cells: tuple[Cell, ...]
    end: int
    #: Whether the cells were apart by a pipe, a tab or a line break: a layout the writer
    #: made. Cells apart by spaces only, or run together, may have been split or joined by a
    #: scraper.
    separated: bool = False


def _number_value(raw: str) -> int | float | None:
    if raw.isdecimal():
        return int(raw)
    text = raw.replace("万元", "").replace("元", "").replace("−", "-").replace("．", ".")
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return None


#: Only ASCII digits and whitespace: the tokens are the digit runs, one cell each (no dash, so
#: no page number, Markdown rule or blank mark can be among them).
_DIGITS_AND_SPACES = compile_re(r"[0-9\s]*")
_DIGITS = compile_re(r"[0-9]+")
#: A pipe or tab row with a number in every field up to the last, and only separators and
#: spaces after it, on its line and the next ("| 0 | 0 | |", "\t0\t0\n"): its cells are its
#: digit runs, with no empty field to align.
_CLEAN_ROW = compile_re(r" *(?:[|｜\t] *[0-9]+ *)+(?:[|｜\t] *)*(?:\r?\n[ |｜\t]*)?")


def _field_cells(text: str, start: int, end: int) -> list[Cell]:
    if _DIGITS_AND_SPACES.fullmatch(text, start, end) is not None:
        return [new_cell(raw, int(raw), match.start(), match.end())
                for match in _DIGITS.finditer(text, start, end) for raw in (match.group(),)]
    cells = []
    for match in _TOKEN.finditer(text, start, end):
        kind = match.lastgroup
        if kind == "number":
            raw = match.group()
            cells.append(new_cell(raw, _number_value(raw), match.start(), match.end()))
        elif kind == "blank":
            cells.append(new_cell(match.group(), 0, match.start(), match.end(), True))
    return cells


def _piece_cells(text: str, piece: str, start: int) -> list[Cell]:
    """:func:`_field_cells` of the field ``piece`` (``text`` from ``start``), with the common
    fields (nothing, or one number) read without the tokenizer."""
    core = piece.strip()
    if not core:
        return []
    if core.isascii() and core.isdigit():
        first = start + len(piece) - len(piece.lstrip())
        return [new_cell(core, int(core), first, first + len(core))]
    return _field_cells(text, start, start + len(piece))


_Field = list[Cell] | int  # the cells of a field, or the offset of an empty field


def _separated_fields(text: str, start: int, end: int, *,
                      empty_after_tab: bool = False) -> list[_Field]:
    """The fields of a pipe- or tab-separated run of lines, in order.

    On the label's own line, the piece before the first separator is the rest of the label's
    cell. A whitespace-only piece before a line's first separator only opens the line
    ("| 0 |", a tab indent) and one after its last separator only closes it ("0 |"); a line
    that is a lone separator ("|") is one empty cell. Lines without any separator and without
    content (blank lines between rows, page numbers) hold no field. With ``empty_after_tab``
    (a label's line of empty fields only: "规章\t\t\t", a copied Word row whose cells are
    empty, a tab before each) nothing after a line's last tab is one more empty cell; a row of
    numbers keeps a tab at its end as a closing mark ("0\t0\t0\t", as copies often end lines).
    """
    fields: list[_Field] = []
    line_start = start
    while True:
        newline = text.find("\n", line_start, end)
        if newline < 0:
            line_end = end
        else:  # "\r\n" ends a line at its "\r"
            line_end = newline - 1 if newline > line_start and text[newline - 1] == "\r" \
                else newline
        pieces = _FIELD_SEPARATOR.split(text[line_start:line_end])
        count = len(pieces)
        if count > 1:
            first, last = 0, count
            if count == 2 and not (pieces[0] + pieces[1]).strip():
                last = 1  # a lone "|": one empty cell
            else:
                if not pieces[0].strip():
                    first = 1
                tab_cell = (empty_after_tab and not pieces[last - 1]
                            and text[line_end - 1] == "\t")
                if first < last and not pieces[last - 1].strip() and not tab_cell:
                    last -= 1
            offset = line_start
            for index, piece in enumerate(pieces):
                if index >= last:
                    break
                if index >= first:
                    core = piece.strip()
                    if not core:
                        fields.append(offset)
                    elif core.isascii() and core.isdigit():  # one number: no tokenizer needed
                        begin = offset + piece.find(core)
                        fields.append([new_cell(core, int(core), begin, begin + len(core))])
                    else:
                        found = _field_cells(text, offset, offset + len(piece))
                        fields.append(found if found else offset)
                offset += len(piece) + 1
        else:
            found = _piece_cells(text, pieces[0], line_start)
            if found:  # else a blank line between rows, or a page number
                fields.append(found)
        if newline < 0:
            return fields
        line_start = newline + 1


def _width(fields: list[_Field]) -> int:
    return sum(len(field) if isinstance(field, list) else 1 for field in fields)


def _field_start(field: _Field) -> int:
    return field[0].span.start if isinstance(field, list) else field


def _aligned(fields: list[_Field], expected: int | None, one_line: bool = False) -> list[Cell]:
    """The row's cells from its fields, right-aligned to ``expected`` cells.

    Leading empty fields are label columns (a two-level label, a misaligned row) unless the row
    needs them: "| | | | | | | 0 |" is six blank cells and a total. Trailing empty fields are
    ragged ends or merged-cell debris ("| 0 | 0 | ||"). On a row all on its label's line
    (``one_line``, its "| ||" end taken off first) they are cells where the row needs them:
    "| | | 2 | 1 | 0 | 0 | 0 | 0 | |" is a row whose total was left blank, not one shifted right
    by a label column. A row of a cell a line ends with the separators its layout leaves ("0 |"
    then "||"), which are not cells.
    """
    if not one_line or expected is None:
        while fields and not isinstance(fields[-1], list):
            fields.pop()
    while fields and not isinstance(fields[0], list) and (
            expected is None or _width(fields) > expected):
        fields.pop(0)
    while fields and not isinstance(fields[-1], list) and (
            expected is not None and _width(fields) > expected):
        fields.pop()
    cells: list[Cell] = []
    for field in fields:
        if isinstance(field, list):
            cells.extend(field)
        else:
            cells.append(new_cell("", 0, field, field, True))
    return cells


#: What a stretch of ASCII digits and separators is made of: each character is a number token's
#: digit or a ``space`` token's character, and no page number, Markdown rule or blank mark can
#: start inside it without a character of :data:`_MAY_EXTEND` after it.
_PLAIN = compile_re(r"[0-9|｜\s\"“”'‘’:：]*")
#: Characters that, right after such a stretch, may extend its last token or make it end
#: elsewhere: a dash or slash (a blank mark, a page number, a rule, a sign), 无, 第 (a page
#: number), a decimal point or 、 (the number's look-ahead), a currency unit; and any digit
#: other than ASCII (``\d`` matches it).
_MAY_EXTEND = frozenset("-−—–－/／无第.．、万元")
_ASCII_DIGITS = frozenset("0123456789")
#: What must follow a 第 for a page number to start there ("第 3 页"): a 第 without it (the
#: next row's "第二十条…" in a table run together) ends the run as a word does.
_PAGE_DIGITS = compile_re(r"[ \t]*\d")
#: After a point or 、, what makes the digits before it a numbering ("2.其他"), not a number
#: (the number token's look-ahead).
_WORDS_AFTER_POINT = compile_re(r"[ \t]*[\u4e00-\u9fff]")


def run_end(text: str, start: int, end: int) -> int:
    """Where the run of tokens from ``start`` ends: ``_RUN.match(text, start, end).end()``,
    without the tokenizer where the run is plain digits and separators (the common row)."""
    found = _PLAIN.match(text, start, end)
    if found is None:  # start after end
        return start
    plain = found.end()
    if plain >= end:
        return plain
    after = text[plain]
    if (after not in _MAY_EXTEND and not after.isdecimal()) or (
            after == "第" and _PAGE_DIGITS.match(text, plain + 1, end) is None):
        return plain
    if after in ".．、" and _WORDS_AFTER_POINT.match(text, plain + 1, end) is not None:
        # the next row's numbering ("…0 0\n2.其他"): its digits are no number, and the run
        # ends before them (before the last digit of a run: the number gives it up)
        return plain - 1 if plain > start and text[plain - 1] in _ASCII_DIGITS else plain
    run = _RUN.match(text, start, end)
    return run.end() if run else start


#: The rest of a label's line when it holds only separators and spaces, one separator at least.
_EMPTY_FIELDS = compile_re(r"[ \t\u3000\u00a0]*[|｜\t][ \t\u3000\u00a0|｜]*(?=\r?\n|$)")


def _empty_fields_end(text: str, start: int, position: int) -> int:
    """Where the label's line ends when it goes on with empty fields only ("规章 | | | |", a
    Word or web table's empty cells, "规章\t\t\t"), else -1. A label's line with one
    separator ("规章 |": the label's cell closed) or none shows no cell after the label."""
    line = _EMPTY_FIELDS.match(text, start, position)
    if line is None or len(_FIELD_SEPARATOR.findall(line.group())) < 2:
        return -1
    return line.end()


def _blank_fields(text: str, start: int, line_end: int, expected: int) -> tuple[Cell, ...]:
    """The cells of a row whose label's line, up to ``line_end``, goes on with empty fields only
    (:func:`_empty_fields_end`): each blank, when the fields are as many as the row needs,
    else none. The separators show the cells are there and were left empty; a label with
    nothing after it (its cells' boundaries lost) has no cells."""
    cells = _aligned(_separated_fields(text, start, line_end, empty_after_tab=True),
                     expected, True)
    return tuple(cells) if len(cells) == expected else ()


def _separators(text: str, start: int, end: int) -> int:
    return (text.count("|", start, end) + text.count("\t", start, end)
            + text.count("｜", start, end))


def read_cells(text: str, start: int, end: int, expected: int | None = None) -> CellRun:
    """Read the cells in ``text[start:end]`` up to the first character that is not a number, a
    blank mark or a separator.

    Pipe- and tab-separated cells keep their empty fields as blank cells, aligned to the
    ``expected`` number of cells (see :func:`_aligned`). Cells one per line, with blank lines
    between rows, or run together read as they come.
    """
    return read_run(text, start, run_end(text, start, end), expected)[0]


def read_run(text: str, start: int, position: int, expected: int | None = None
             ) -> tuple[CellRun, bool]:
    """:func:`read_cells` once the run of tokens is known to end at ``position``
    (:func:`run_end`), and whether ``expected`` shaped the cells (aligned fields): the cells
    depend on ``start``, ``position`` and, only then, ``expected``; a reader that asks again
    for the same run may use the answer it had."""
    if _SEPARATOR_AFTER_CONTENT.search(text, start, position) is None:
        return _run_without_separators(text, start, position, expected)
    if _CLEAN_ROW.fullmatch(text, start, position) is not None:
        clean = _clean_run(text, start, position, expected)
        if clean is not None:
            return clean
    return _separated_run(text, start, position, expected)


def _run_without_separators(text: str, start: int, position: int, expected: int | None
                            ) -> tuple[CellRun, bool]:
    """A run with no separator after its first content: a label's line of empty fields only
    (blank cells, as many as ``expected``), else one cell per line or cells run together."""
    line_end = _empty_fields_end(text, start, position)
    shaped = line_end >= 0  # blank cells if as many as ``expected``
    if shaped and expected:
        blank = _blank_fields(text, start, line_end, expected)
        if blank:
            return CellRun(blank, blank[-1].span.end, True), True
    cells = _field_cells(text, start, position)  # one cell per line, or run together
    # apart by line breaks: one before each cell, after the last one's end
    separated = bool(cells)
    before = start
    for cell in cells:
        span = cell.span
        if text.find("\n", before, span.start) < 0:
            separated = False
            break
        before = span.end
    return CellRun(tuple(cells), cells[-1].span.end if cells else start, separated), shaped


def _clean_run(text: str, start: int, position: int, expected: int | None
               ) -> tuple[CellRun, bool] | None:
    """A clean row (every field a number up to the last, nothing but separators after): the
    fields are the digit runs, each after a separator; ``None`` when the row needs the empty
    fields after them ("规章 | 0 | | |" is a number and two blank cells)."""
    cells = [new_cell(raw, int(raw), match.start(), match.end())
             for match in _DIGITS.finditer(text, start, position) for raw in (match.group(),)]
    if expected and len(cells) < expected:
        return None
    # (shaped where empty fields follow that a longer row would take as cells)
    return CellRun(tuple(cells), cells[-1].span.end, True), _separators(
        text, start, position) > len(cells) + 1


def _separated_run(text: str, start: int, position: int, expected: int | None
                   ) -> tuple[CellRun, bool]:
    """A run of pipe- or tab-separated fields, aligned to ``expected`` cells."""
    fields = _separated_fields(text, start, position)
    line_end = text.find("\n", start, position)
    one_line = line_end < 0 or not any(isinstance(field, list) and _field_start(field) > line_end
                                       for field in fields)
    if one_line and line_end >= 0:  # the empty fields after it open or close the next line
        fields = [field for field in fields if _field_start(field) < line_end]
    if one_line and fields and isinstance(fields[-1], int) and text.startswith(
            ("|", "｜"), fields[-1]):
        # "… | 0 | ||": a conversion's ragged row end (the "| |" before "||" too), no cells
        fields.pop()
        if fields and isinstance(fields[-1], int):
            fields.pop()
    cells = _aligned(fields, expected, one_line)
    # separators before or between the cells; only after them ("3 002 005| ||") they are a
    # table's closing debris, and the cells are apart by spaces only
    apart = not cells or any(cell.blank for cell in cells) or any(
        _APART.search(text, before, cell.span.start)
        for before, cell in zip([start, *(c.span.end for c in cells[:-1])], cells, strict=True))
    return CellRun(tuple(cells), max((c.span.end for c in cells), default=start), apart), True
