"""Recovering tables 二, 三 and 四 by anchoring on their official labels.

Every label is matched in the compact view (:mod:`gipr_lint.reading.layout.compact`), so separators,
spaces and line breaks inside a label do not matter; the numbers between one label and the next
are read from the original text (:mod:`gipr_lint.reading.layout.cells`). The result is a flat
list of :class:`TableItem` in document order, which the grammar then parses row by row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import pairwise
from operator import itemgetter

from gipr_lint.model import Cell, Problem, ProblemKind, TableFormat, TableKind, plain_cells
from gipr_lint.reading.layout.cells import CellRun, read_cells, read_run, run_end
from gipr_lint.reading.layout.columns import Unwrapped
from gipr_lint.reading.layout.compact import CompactText, compact
from gipr_lint.reading.layout.objects import (
    CellPlace,
    maker,
    new_cell,
    new_cells,
    new_span,
    twin,
)
from gipr_lint.reading.layout.splitting import split_digits
from gipr_lint.reading.numerals import cjk_number, cjk_numeral
from gipr_lint.reading.source import Span
from gipr_lint.regex import compile_re
from gipr_lint.templates import (
    ACTIVE_2019_MARKERS,
    REQUEST_COLUMNS,
    REQUEST_GROUPS,
    REQUEST_ROWS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    RowTemplate,
    Templates,
    current,
)

__all__ = ["TableItem", "TableRead", "completes_label", "defects", "read_active", "read_requests",
           "read_review", "remap"]


@dataclass(frozen=True, slots=True)
class TableItem:
    """One recognised piece of a table.

    ``kind`` is ``header``, ``block`` (a 第二十条 item), ``group`` (a table-三 group label),
    ``row`` (a row label: ``template`` is set and ``cells`` holds its cells) or ``values`` (the
    cells of table 四, which has no row label).
    """

    kind: str
    span: Span
    text: str
    template: RowTemplate | None = None
    reworded: bool = False
    cells: tuple[Cell, ...] = ()
    #: For ``row`` items: how many cells the template expects.
    expected: int = 0
    #: Whether the cells were kept apart by a separator the writer made (pipe, tab, line
    #: break), so that a wrong count is the report's own (T005), not the input's (P001).
    separated: bool = False
    #: For ``row`` items: whether every cell is ordinary (:func:`~gipr_lint.model.plain_cells`),
    #: told as the cells are made; the builder gives it to the row (:attr:`Row.plain`).
    plain: bool = field(default=False, compare=False, repr=False)
    #: For ``row`` items: the template's official label (``RowTemplate.official``, which joins
    #: its parts on every call), told by the reader's plan, which has it once per template
    #: set; the builder gives it to the row (:attr:`Row.official_label`).
    official: str = field(default="", compare=False, repr=False)


_ItemTwin, _SpanTwin = twin(TableItem), twin(Span)


def _new_item(kind: str, start: int, end: int, text: str, template: RowTemplate | None,
              reworded: bool, cells: tuple[Cell, ...], expected: int,
              separated: bool, plain: bool = False, official: str = "") -> TableItem:
    """``TableItem(kind, Span(start, end), ...)`` with every field given, made as its twin (see
    :mod:`~gipr_lint.reading.layout.objects`): a reader builds one per label. The span is made
    here as :func:`~gipr_lint.reading.layout.objects.new_span` makes it, a call less per item."""
    span = _SpanTwin()
    span.start = start
    span.end = end
    span.__class__ = Span
    item = _ItemTwin()
    item.kind = kind
    item.span = span
    item.text = text
    item.template = template
    item.reworded = reworded
    item.cells = cells
    item.expected = expected
    item.separated = separated
    item.plain = plain
    item.official = official
    item.__class__ = TableItem
    return item  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class TableRead:
    """What a table reader found: the table's kind and format, its items, and problems.

    ``missing_rows`` are the template rows this reading did not find, which :func:`defects`
    weighs to choose between readings; the model's ``Table.missing_rows`` are the rows the
    grammar did not see (:mod:`gipr_lint.reading.builder`).
    """

    kind: TableKind
    format: TableFormat
    items: tuple[TableItem, ...]
    span: Span
    missing_rows: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    #: How many rows are short of cells or over, as :func:`defects` counts them, when the
    #: reader counted them while it made the items (-1: not counted).
    short_rows: int = field(default=-1, compare=False, repr=False)


#: ``TableRead(kind, format, items, span, missing_rows, problems, short_rows)``, made as
#: :func:`_new_item` makes an item (the frozen dataclass's ``__init__`` sets each of the seven
#: fields through ``object.__setattr__``; a report reads three tables).
_new_read = maker(TableRead)


# --------------------------------------------------------------------------- label patterns

def _numbering_forms(numbering: str) -> tuple[tuple[str, ...], frozenset[str] | None]:
    r"""The official numbering's value in any style — (一) (1) 一、 一 1. 1 — as patterns, in the
    order a label's pattern tries them (none when the template has no numbering); and the
    characters such a numbering begins with (``None``: any).

    In the order of ``(?:\((?:一|1)\)|(?:一|1)[、.,]?)``: bracketed first, then the Chinese
    numeral before the Arabic one, each with a stop after it before without."""
    value = compact(numbering).strip("()、.,")
    if not value:
        return (), frozenset()
    number = cjk_number(value)
    arabic = value if number is None else str(number)
    cjk = value if number is None else cjk_numeral(number)
    spellings = [re.escape(spelling) for spelling in dict.fromkeys((cjk, arabic))]
    forms = [rf"\({spelling}\)" for spelling in spellings]
    forms += [form for spelling in spellings for form in (spelling + "[、.,]", spelling)]
    starts = frozenset({"(", cjk[0], arabic[0]}) if cjk and arabic else None
    return tuple(forms), starts


#: A parenthetical note after a label ("（区分处理的，只计这一情形）"), not a numbering.
_NOTE_SOURCE = r"\((?![一二三四五六七八九十\d]{1,2}\))[^()]{2,40}\)"
_NOTE = f"(?:{_NOTE_SOURCE})?"


_NOTE_PATTERN = compile_re(_NOTE_SOURCE)
_match_note = _NOTE_PATTERN.match


class _LabelMatch:
    """A match of a label's words and the note after them, as one match of both would be."""

    __slots__ = ("_end", "_words")

    def __init__(self, words: re.Match[str], end: int) -> None:
        self._words = words
        self._end = end

    def start(self) -> int:
        return self._words.start()

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._words.start(), self._end

    @property
    def lastgroup(self) -> str | None:
        return self._words.lastgroup

    @property
    def lastindex(self) -> int | None:
        return self._words.lastindex


class _WithNote:
    """A label pattern whose optional note is matched by one shared compiled pattern.

    ``words`` + :data:`_NOTE` as one pattern costs the note's compilation once per label (a
    tenth of a millisecond, for every label and header); matched separately it is compiled
    once. The answers are the same: the note comes last and is optional, so it never changes
    where a match starts or which words it takes, only how far it reaches (within ``endpos``).
    The words must not match the empty string (:func:`_compiled` checks).
    """

    __slots__ = ("words",)

    def __init__(self, words: str) -> None:
        self.words = compile_re(words)

    def _with_note(self, match: re.Match[str] | None, endpos: int) -> _LabelMatch | None:
        if match is None:
            return None
        note = _NOTE_PATTERN.match(match.string, match.end(), endpos)
        return _LabelMatch(match, note.end() if note else match.end())

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> _LabelMatch | None:
        endpos = len(text) if endpos is None else endpos
        return self._with_note(self.words.search(text, pos, endpos), endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> _LabelMatch | None:
        endpos = len(text) if endpos is None else endpos
        return self._with_note(self.words.match(text, pos, endpos), endpos)

    def finditer(self, text: str, pos: int = 0,
                 endpos: int | None = None) -> Iterator[_LabelMatch]:
        while (found := self.search(text, pos, endpos)) is not None:
            yield found
            pos = found.end()

    def find(self, text: str, pos: int, endpos: int) -> _Found | None:
        """:meth:`search` as a tuple, with no match object made: the readers' hot path. The
        note is tried only where one opens (its pattern begins with a literal "(")."""
        match = self.words.search(text, pos, endpos)
        if match is None:
            return None
        end = match.end()
        if end < endpos and text[end] == "(":
            note = _NOTE_PATTERN.match(text, end, endpos)
            if note is not None:
                end = note.end()
        return match.start(), end, match


_Pattern = re.Pattern[str] | _WithNote
_Match = re.Match[str] | _LabelMatch
#: A label found: its start and end (its note included) in the compact view, and the match of
#: its words (whose groups say which wording).
_Found = tuple[int, int, re.Match[str]]
#: A label found (:data:`_Found`) that stands alone, its start and end in the original text, and
#: where the search that found it started: a search from anywhere between there and the
#: label's start finds it first (no match starts in between).
_Placed = tuple[int, int, re.Match[str], int, int, int]
_Finder = Callable[[str, int, int], "_Found | None"]


def _finder(pattern: _Pattern) -> _Finder:
    """``pattern``'s search as :meth:`_WithNote.find` gives it, for either kind of pattern."""
    if isinstance(pattern, _WithNote):
        return pattern.find
    search = pattern.search

    def find(text: str, pos: int, endpos: int) -> _Found | None:
        match = search(text, pos, endpos)
        return None if match is None else (match.start(), match.end(), match)

    return find


def _compiled(words: str, nonempty: bool) -> _Pattern:
    """``words`` followed by an optional note, compiled; the note shared where the words never
    match the empty string."""
    return _WithNote(words) if nonempty else compile_re(words + _NOTE)


@dataclass(frozen=True, slots=True)
class _Label:
    """A compact-view label pattern and the characters a match of it can begin with (``None``:
    any), so that a position is tried only against the labels that can start there."""

    pattern: _Pattern
    starts: frozenset[str] | None


def _label_source(template: RowTemplate, numbering_required: bool
                  ) -> tuple[str, frozenset[str] | None, bool]:
    """The pattern of a row label's numbering and wording (official or a variant; an optional
    note follows), the characters a match of it begins with (``None``: any), and whether every
    wording is non-empty.

    The pattern reads as ``numbering? (official | variant …)`` (the numbering required where
    ``numbering_required``; a match that takes a variant wording is *reworded*), written out as
    one alternative per numbering form and wording, in the order that pattern tries them, so
    that it matches what that one matches, where that one does. Written out, every alternative
    opens with a plain character, and the regex engine then skips to the next position where
    one of those characters stands instead of trying the whole pattern at every position (a
    search, one per row of a table, takes half the time). A variant's alternative ends in an
    empty group, the pattern's only groups: a match is reworded when a group took part
    (:func:`_reworded`). The tests keep the pattern as it reads to check this one against."""
    forms, numbering_starts = _numbering_forms(template.numbering)
    heads = [*forms, *([""] if not forms or not numbering_required else [])]
    words = (compact(template.label), *(compact(v) for v in template.variants))
    alternatives = [head + re.escape(word) + ("()" if index and word else "")
                    for head in heads for index, word in enumerate(words)]
    starts = numbering_starts
    if starts is not None and (not forms or not numbering_required):
        starts = starts | {word[0] for word in words} if all(words) else None
    return "(?:" + "|".join(alternatives) + ")", starts, all(words)


def _reworded(match: re.Match[str] | _LabelMatch) -> bool:
    """Whether a match of a row label's pattern (:func:`_label_source`) took a variant
    wording."""
    return match.lastindex is not None


def _starting_with(starts: frozenset[str] | None, source: str) -> str:
    """``source`` behind a look-ahead on the characters its matches begin with (``None``: any):
    the same matches, but a match tried where no label can start fails at once, where the
    engine would otherwise try every label's alternatives (:func:`_any_of`). The look-ahead's
    character class costs a millisecond or so to compile, once per machine:
    :func:`~gipr_lint.regex.compile_re` keeps the program."""
    if starts is None:
        return source
    return "(?=[" + re.escape("".join(sorted(starts))) + "])" + source


@cache
def _label(template: RowTemplate, numbering_required: bool) -> _Label:
    # (no look-ahead on the first characters: the engine knows them from the alternatives)
    source, starts, nonempty = _label_source(template, numbering_required)
    return _Label(_compiled(source, nonempty), starts)


def label_pattern(template: RowTemplate, *, numbering_required: bool = False) -> _Pattern:
    """The compact-view pattern of a row label: numbering, official wording or a variant, and an
    optional parenthetical note."""
    return _label(template, numbering_required).pattern


@cache
def _word_label(word: str) -> _Label:
    folded = compact(word)
    return _Label(_compiled(re.escape(folded), bool(folded)), frozenset(folded[:1]) or None)


def _needs_numbering(template: RowTemplate) -> bool:
    return len(template.label) <= 2 and template.key != "total"


@dataclass(frozen=True, slots=True)
class _RowShape:
    """What a row's cells must look like: the table, the row, the template's cell groups and
    whether each group's last cell is the sum of the others (the row's own identity)."""

    table: TableKind
    row: str | None
    sizes: tuple[int, ...]
    sums: bool
    #: The cell groups and whether they sum, as a string: the part of the remembered rows'
    #: key that comes from the shape (a string keeps its hash; a tuple computes it anew).
    memo: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "memo", f"{self.sizes}{'+' if self.sums else ''}")


@dataclass(frozen=True, slots=True)
class _Expected:
    """An item a table reader looks for, in order. ``starts``: the characters a match of
    ``pattern`` can begin with (``None``: any)."""

    kind: str
    pattern: _Pattern
    template: RowTemplate | None = None
    expected: int = 0
    optional: bool = False
    starts: frozenset[str] | None = None
    #: For ``row`` items: what the row's cells must look like.
    shape: _RowShape | None = None
    #: ``pattern``'s search as a tuple (:func:`_finder`).
    find: _Finder = field(init=False, repr=False, compare=False)
    #: The search of ``pattern``'s words, and whether its note is matched apart from them (a
    #: :class:`_WithNote`): :meth:`_Searches.first` does what :meth:`_WithNote.find` does in
    #: its own loop, a call less per search.
    search_words: Callable[[str, int, int], re.Match[str] | None] = field(
        init=False, repr=False, compare=False)
    noted: bool = field(init=False, repr=False, compare=False)
    #: ``template.official`` ("" without a template), for the items made of this one.
    official: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "find", _finder(self.pattern))
        words = self.pattern.words if isinstance(self.pattern, _WithNote) else self.pattern
        object.__setattr__(self, "search_words", words.search)
        object.__setattr__(self, "noted", isinstance(self.pattern, _WithNote))
        object.__setattr__(self, "official",
                           "" if self.template is None else self.template.official)


def _row(template: RowTemplate, expected: int, table: TableKind) -> _Expected:
    label = _label(template, _needs_numbering(template))
    # the cells of table 三's rows add up to their 总计; table 二's rows have no identity
    shape = _RowShape(table, template.key, (expected,), table == "requests")
    return _Expected("row", label.pattern, template, expected, starts=label.starts, shape=shape)


def _group(template: RowTemplate) -> _Expected:
    label = _label(template, False)
    return _Expected("group", label.pattern, optional=True, starts=label.starts)


def _header(word: str) -> _Expected:
    label = _word_label(word)
    return _Expected("header", label.pattern, optional=True, starts=label.starts)


class _Plan:
    """What a table reader looks for (``items``, in order), and one pattern of all their labels
    to tell whether any label starts at a position (:meth:`label_at`)."""

    __slots__ = ("_any_label", "following", "headers_found", "items", "rows", "steps")

    def __init__(self, items: Sequence[_Expected]) -> None:
        self.items = tuple(items)
        #: For each item, the first item after it that is not optional.
        self.following: list[_Expected | None] = []
        for index in range(len(self.items)):
            self.following.append(
                next((e for e in self.items[index + 1:] if not e.optional), None))
        #: How many items are not optional (the rows).
        self.rows = sum(not item.optional for item in self.items)
        #: The anchoring's steps, in order (:func:`_anchor_all`): ``(headers, item,
        #: following)``, a run of optional items and the item after them (``None`` at the end),
        #: or no headers, an item that is not optional and the first such item after it.
        self.steps: list[tuple[tuple[_Expected, ...], _Expected | None, _Expected | None]] = []
        index = 0
        while index < len(self.items):
            if self.items[index].optional:
                headers_end = index
                while headers_end < len(self.items) and self.items[headers_end].optional:
                    headers_end += 1
                after = self.items[headers_end] if headers_end < len(self.items) else None
                self.steps.append((self.items[index:headers_end], after, None))
                index = headers_end
            else:
                self.steps.append(((), self.items[index], self.following[index]))
                index += 1
        self._any_label: re.Pattern[str] | None = None
        #: The headers found by each run of them (:func:`_placed_headers`), by the run's step
        #: and the original text they were looked for in.
        self.headers_found: dict[tuple[int, str], _PlacedHeaders] = {}

    def label_at(self, text: str, index: int) -> bool:
        """Whether any of the labels matches ``text`` at ``index``."""
        if self._any_label is None:
            self._any_label = _any_of(self.items)
        return self._any_label.match(text, index) is not None


def _any_of(items: Sequence[_Expected]) -> re.Pattern[str]:
    """One pattern matching where any item's label matches (its words: the optional note never
    decides whether a label is there), as alternatives tried by the regex engine rather than one
    call per label, behind a look-ahead on the characters a label begins with when they are all
    known (no label pattern names a group, so none is named twice)."""
    sources: dict[str, None] = {}
    starts: set[str] | None = set()
    for item in items:
        pattern = item.pattern
        source = pattern.words.pattern if isinstance(pattern, _WithNote) else pattern.pattern
        sources[source] = None
        if item.starts is None or starts is None:
            starts = None
        else:
            starts |= item.starts
    if not sources:
        return compile_re("(?!)")  # no label: matches nowhere
    return compile_re(_starting_with(None if starts is None else frozenset(starts),
                                     "(?:" + "|".join(f"(?:{s})" for s in sources) + ")"))


# --------------------------------------------------------------------------- anchoring

#: A label found: its original start and end, the item it is, whether a variant wording. A
#: plain tuple, not an object: a report has some fifty, each made and read once, and sorted by
#: its first two fields (:data:`_ANCHOR_ORDER`).
_Anchor = tuple[int, int, "_Expected", bool]
_ANCHOR_ORDER = itemgetter(0, 1)


_LINE_END = frozenset("\r\n|｜\t\f")
#: ASCII digits and spaces up to a line end or separator (:data:`_LINE_END`) or the region's
#: end: a row's cells kept apart by spaces on the label's line ("规章 0 0 0"). A label followed
#: by them stands alone, as :func:`_stands_alone` would find on reading the cells: they are the
#: line's digit runs, and the last of them has no word after it (a line end or separator
#: comes first), whether it is the last cell read (the label's row ends there) or a cell before
#: the last (the cells go on past a line end or separator). Tested where the searcher's own test
#: fails: five labels in eight that reach :func:`_stands_alone`, which reads the cells.
_DIGITS_TO_LINE_END = compile_re("[0-9][0-9 \u3000]*(?:[" + re.escape("".join(sorted(_LINE_END)))
                                 + r"]|\Z)")


class _Reads:
    """:func:`~gipr_lint.reading.layout.cells.read_cells` over one text, remembered: the
    stand-alone test reads the cells after a label up to the region's end, the row reads them up
    to the next label, and where both runs end at the same place (the row's cells end before
    the next label) the second read is the first one's answer. The cells depend only on where
    they start, where their run ends and, for aligned fields, the cell count asked for
    (:func:`~gipr_lint.reading.layout.cells.read_run`)."""

    __slots__ = ("_known", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._known: dict[tuple[int, int], tuple[CellRun, bool, int | None]] = {}

    def read(self, start: int, end: int, expected: int | None = None) -> CellRun:
        """``read_cells(text, start, end, expected)``."""
        position = run_end(self._text, start, end)
        known = self._known.get((start, position))
        if known is not None and (not known[1] or known[2] == expected):
            return known[0]
        run, shaped = read_run(self._text, start, position, expected)
        self._known[(start, position)] = (run, shaped, expected)
        return run


def _stands_alone(text: str, view: CompactText, plan: _Plan, label_end: int, end: int,
                  reads: _Reads | None = None) -> bool:
    """Whether a label match ending at original offset ``label_end`` is a table label rather
    than words in a sentence.

    In a table, right after the label or after one of its cells comes a line end, a separator
    or the next label ("规章000行政规范性文件000", "（三）不予公开 1.属于国家秘密"); in prose
    more words follow ("主动公开规章13件", "未收到行政许可申请").

    The tests are asked cheapest first (they have no side effects, so the order does not change
    the answer): the cells, remembered, then what follows the last one (mostly a line end), and
    only then whether a label follows the label itself, a search of every label (the
    searcher's own test, a line end or separator right after the label, has failed already).
    """
    cells = _cells_seen(text, label_end, end, reads)
    if cells is None:
        return _ends_here(text, view, plan, label_end, end)
    inner_apart, last_end, last_raw = cells
    last_end += label_end
    if inner_apart or _ends_here(text, view, plan, last_end, end) or _ends_here(
            text, view, plan, label_end, end):
        return True
    # digits run into the next label's ordinal: "…属于国家秘密00000002.其他法律…"
    return last_raw.isdigit() and any(
        _ends_here(text, view, plan, last_end - back, end)
        for back in range(1, min(3, len(last_raw))))


#: The longest stretch between a label and the next one whose cells are remembered.
_MAX_REMEMBERED_ROW = 120
#: How many rows' cells are remembered (all forgotten at once beyond that).
_MAX_REMEMBERED_ROWS = 4096
#: What :func:`_stands_alone` needs of the cells after a label: whether a line end or a
#: separator follows one of them before the last, and the last one's end (from the label's
#: end) and text.
_CellsSeen = tuple[bool, int, str]
#: Runs of cells read after a label, by whether the run starts a line and its text (see
#: :func:`_row_cells`), as many as rows.
_RUNS_SEEN: dict[tuple[bool, str], _CellsSeen | None] = {}


def _cells_seen(text: str, label_end: int, end: int, reads: _Reads | None) -> _CellsSeen | None:
    """The cells after a label as :func:`_stands_alone` looks at them (``None``: no cell),
    remembered by the run's text: in a page flattened to one line or a table run together, every
    label is followed by its numbers, and the same rows come again and again. All but the last
    cell are followed by another cell within the run, so what follows them is the run's own
    text; what follows the last is looked at afresh."""
    position = run_end(text, label_end, end)
    if position - label_end > _MAX_REMEMBERED_ROW:
        return _cells_looked_at(text, label_end, end, reads)
    key = (label_end == 0 or text[label_end - 1] == "\n", text[label_end:position])
    if key in _RUNS_SEEN:
        return _RUNS_SEEN[key]
    if len(_RUNS_SEEN) >= _MAX_REMEMBERED_ROWS:
        _RUNS_SEEN.clear()
    seen = _RUNS_SEEN[key] = _cells_looked_at(text, label_end, end, reads)
    return seen


def _cells_looked_at(text: str, label_end: int, end: int,
                     reads: _Reads | None) -> _CellsSeen | None:
    cells = (read_cells(text, label_end, end) if reads is None
             else reads.read(label_end, end)).cells
    if not cells:
        return None
    last = cells[-1]
    return (any(_next_word(text, cell.span.end, end) is None for cell in cells[:-1]),
            last.span.end - label_end, last.raw)


def _next_word(text: str, after: int, end: int) -> int | None:
    """Where the next word after ``after`` is, or ``None`` when a line end or separator comes
    first."""
    while after < end and text[after] in " \u3000\u00a0":
        after += 1
    return None if after >= end or text[after] in _LINE_END else after


#: A note under a table opening right after its last row's cells, where a page flattened to
#: one line ran them together ("行政事业性收费0注：本表数据统计口径为本机关本级。").
_NOTE_OPENINGS = ("注：", "注:", "备注：", "备注:")


def _ends_here(text: str, view: CompactText, plan: _Plan, after: int, end: int) -> bool:
    """Whether a line end, a separator, a label or a note under the table comes next after
    ``after``."""
    word = _next_word(text, after, end)
    return word is None or text.startswith(_NOTE_OPENINGS, word) or plan.label_at(
        view.text, view.from_original(word))


class _Searches:
    """The first match of each expected item at or after a position that stands alone as a
    table label, remembered: a reader asks for the label after the current one before it asks
    for that label itself, and both asks must cost one search.

    For each item the matches tried by its last search are kept. A later search from a position
    at or after that search's start gives the same answer, unless one of the tried matches
    straddles the new position (a search from there could find a match inside it): the label
    patterns have no look-behind or anchor, so a match at a given start does not depend on where
    the search began.
    """

    def __init__(self, text: str, view: CompactText, plan: _Plan, stop: int, end: int,
                 reads: _Reads | None = None) -> None:
        self._reads = reads
        self._text = text
        self._view = view
        self._plan = plan
        self._stop = stop
        self._end = end
        self._alone: dict[int, bool] = {}
        self._tried: dict[int, tuple[int, list[tuple[int, int]], _Placed | None]] = {}

    def first(self, item: _Expected, position: int) -> _Placed | None:
        known = self._tried.get(id(item))
        if known is not None and known[0] <= position:
            _, tried, placed = known
            reusable = True
            for start, end in tried:
                if start >= position:
                    return placed
                if end > position:
                    reusable = False
                    break
            if reusable and placed is None:
                return None
        tried = []  # the spans of the matches tried
        search_words, noted = item.search_words, item.noted
        view = self._view
        view_text, stop = view.text, self._stop
        text, region_end = self._text, self._end
        alone = self._alone
        cursor = position
        placed = None
        while True:
            # item.find(view_text, cursor, stop), written out (see _WithNote.find)
            match = search_words(view_text, cursor, stop)
            if match is None:
                break
            start, end = match.span()
            if noted and end < stop and view_text[end] == "(":
                note = _match_note(view_text, end, stop)
                if note is not None:
                    end = note.end()
            tried.append((start, end))
            # mapped here, once, for the stand-alone test and for the anchor made of it
            original_start, original_end = view.to_original_span(start, end)
            answer = alone.get(end)  # (remembered by the compact end: one original end)
            if answer is None:
                label_end = original_end if start < end else view.to_original_end(end)
                # the common case written out (a search per row): spaces, then a line end or
                # a separator (_next_word finds no word), and the label stands alone; or, next,
                # the row's cells on the label's line apart by spaces, then one of those
                after = label_end
                while after < region_end and text[after] in " \u3000":
                    after += 1
                answer = alone[end] = (
                    after >= region_end or text[after] in _LINE_END
                    or _DIGITS_TO_LINE_END.match(text, after, region_end) is not None
                    or _stands_alone(text, view, self._plan, label_end, region_end, self._reads))
            if answer:
                placed = start, end, match, original_start, original_end, cursor
                break
            cursor = end
        self._tried[id(item)] = (position, tried, placed)
        return placed


#: The longest stretch of text whose headers are remembered (a table's header row, a block's
#: heads, with the cells before them, are a hundred characters or so; wider in a page layout's
#: columns). The stretch is the memo's key: its length bounds the memo's size.
_MAX_REMEMBERED_HEADERS = 800


def _find_headers(headers: Sequence[_Expected], text: str, start: int,
                  end: int) -> tuple[tuple[int, int, int], ...]:
    """The optional items ``headers`` found in ``text[start:end]`` (the compact view from where
    they may start to the item after them), in any order (layouts differ in how header cells
    stack): each looked for from the furthest end of those found before it, then from the
    start. Each found as the number of its item and its start and end, from ``start``.

    That stretch of text is all they depend on (no label pattern looks behind or at an anchor),
    and it is a template's headers and a few cells: :func:`_anchor_all` remembers the answer by
    the original text it is the compact view of (:func:`_placed_headers`).
    """
    found: list[tuple[int, int, int]] = []
    header_cursor = start
    for number, header in enumerate(headers):
        match = header.find(text, header_cursor, end)
        if match is None and header_cursor != start:  # (else the same search)
            match = header.find(text, start, end)
        if match is not None:
            found.append((number, match[0] - start, match[1] - start))
            if match[1] > header_cursor:
                header_cursor = match[1]
    return tuple(found)


#: Headers found (:func:`_placed_headers`): each one's start and end in the original text, from
#: the start of the stretch they were looked for in, and its item.
_PlacedHeaders = tuple[tuple[int, int, _Expected], ...]


def _placed_headers(headers: Sequence[_Expected], view: CompactText, cursor: int, limit: int,
                    origin: int) -> _PlacedHeaders:
    """The optional items ``headers`` found in the compact view from ``cursor`` to ``limit``
    (:func:`_find_headers`), each mapped to the original text, from ``origin`` (the original
    offset the stretch starts at).

    The compact stretch is the original stretch compacted, and where its characters stand in
    the original is told by the original stretch alone: :func:`_anchor_all` remembers the
    answer by the original stretch, so that a repeated stretch costs no mapping."""
    to_original_span = view.to_original_span
    placed = []
    for number, header_start, header_end in _find_headers(headers, view.text, cursor, limit):
        original_start, original_end = to_original_span(cursor + header_start,
                                                        cursor + header_end)
        placed.append((original_start - origin, original_end - origin, headers[number]))
    return tuple(placed)


def _anchor_all(text: str, view: CompactText, plan: _Plan, start: int, end: int,
                compact_start: int, compact_end: int,
                reads: _Reads | None = None) -> tuple[list[_Anchor], list[_Expected]]:
    """Find the expected items in order between original offsets ``start`` and ``end``
    (``compact_start`` and ``compact_end`` in the compact view: the reader has them).

    Labels are taken in template order, and only where they stand alone as table labels (see
    :func:`_stands_alone`). One is taken as missing when the label after it is found earlier (so
    a label quoted far below cannot swallow the rows in between). Optional headers are looked for
    only up to the next label, in any order (layouts differ in how header cells stack).
    """
    cursor, stop = compact_start, compact_end
    origin = start  # where the compact text from ``cursor`` on starts in the original
    anchors: list[_Anchor] = []
    append = anchors.append
    missing: list[_Expected] = []
    search = _Searches(text, view, plan, stop, end, reads).first
    headers_found = plan.headers_found
    # the label last looked for ahead (the one after a row, or after headers), and what was
    # found: the next step takes it without asking the searches again, when found between
    # where that search started and the cursor (see _Placed)
    ahead_item: _Expected | None = None
    ahead: _Placed | None = None
    for step, (headers, item, following) in enumerate(plan.steps):
        # ``item`` first found at or after the cursor: the one looked for ahead, or searched
        if item is ahead_item and ahead is not None and ahead[5] <= cursor <= ahead[0]:
            placed: _Placed | None = ahead
        else:
            placed = search(item, cursor) if item is not None else None
        if headers:  # optional items, then ``item`` (if any), which bounds them
            limit_match = ahead = placed
            ahead_item = item
            limit, original_limit = (limit_match[0], limit_match[3]) if limit_match else (stop,
                                                                                        end)
            if original_limit - origin > _MAX_REMEMBERED_HEADERS:  # (the next row far off)
                found = _placed_headers(headers, view, cursor, limit, origin)
            else:
                stretch = text[origin:original_limit]
                known = headers_found.get((step, stretch))
                if known is None:
                    if len(headers_found) >= _MAX_REMEMBERED_ROWS:
                        headers_found.clear()
                    known = headers_found[step, stretch] = _placed_headers(headers, view, cursor,
                                                                           limit, origin)
                found = known
            for header_start, header_end, header in found:
                # (only a row's wording is told: the items made of the others drop it)
                append((origin + header_start, origin + header_end, header, False))
            continue
        assert item is not None
        if placed is not None and following is not None:
            later = ahead = search(following, cursor)
            ahead_item = following
            if later is not None and later[0] < placed[0]:
                placed = None
        if placed is None:
            missing.append(item)
            continue
        _, cursor, match, original_start, origin, _ = placed
        append((original_start, origin, item, _reworded(match)))
    anchors.sort(key=_ANCHOR_ORDER)
    return anchors, missing


def _digit_positions(text: str, cells: Sequence[Cell]) -> list[int]:
    return [offset for cell in cells for offset in range(cell.span.start, cell.span.end)
            if text[offset].isdigit()]


_WIDE_GAP = compile_re(r"\t|[ \u3000]{2,}")


def _wide_apart(text: str, cells: Sequence[Cell]) -> bool:
    """Whether every gap between the cells is a column gap (a tab, two spaces or more), as
    ``pdftotext -layout`` writes them, rather than a scraper's stray single space."""
    return all(_WIDE_GAP.search(text, a.span.end, b.span.start)
               for a, b in pairwise(cells))


def _holds_identity(values: Sequence[str], sizes: Sequence[int]) -> bool:
    position = 0
    for size in sizes:
        group = [int(v) for v in values[position:position + size]]
        if sum(group[:-1]) != group[-1]:
            return False
        position += size
    return True


_ONLY_SEPARATORS = compile_re(r"[\s|｜\"“”'‘’:：]*")


def _alone(text: str, after: int, limit: int) -> bool:
    """Whether the row ends at ``after``: nothing but separators stands between it and the next
    label, or a line ends first (a note under the table's last row)."""
    stop = _ONLY_SEPARATORS.match(text, after, limit)
    return stop is not None and (stop.end() >= limit or "\n" in stop.group())


def _cells_after(text: str, anchor_end: int, limit: int, shape: _RowShape,
                 problems: list[Problem], label: str,
                 reads: _Reads | None = None) -> tuple[tuple[Cell, ...], bool]:
    """Read the cells after a label, and whether a separator the writer made kept them apart.

    Cells apart by spaces only, or run together, are read as written when that gives the row its
    cell count (and, where the row has one, its own identity holds or no other reading of its
    digits does); otherwise the row's digits are read as one run and split by the row's own
    identity and cell count (:func:`~gipr_lint.reading.layout.splitting.split_digits`). When
    that does not decide, the row's cells are unread and a problem says so.
    """
    expected = sum(shape.sizes)
    run = (read_cells(text, anchor_end, limit, expected) if reads is None
           else reads.read(anchor_end, limit, expected))
    cells = run.cells
    one_run = len(cells) == 1 and len(cells[0].raw) > 1  # "0000000", even on its own line
    if (run.separated and not one_run) or not cells or expected < 2:
        return cells, run.separated
    if not all(c.raw.isdigit() for c in cells):
        if len(cells) == expected or not _alone(text, cells[-1].span.end, limit):
            return cells, False  # a decimal, a dash, or text in a cell: T005 says which
        span = Span(cells[0].span.start, cells[-1].span.end)
        shown = text[span.start:span.end]
        problems.append(Problem(
            f"{label}: cannot tell the cells: {shown!r} does not divide into {expected} cells",
            span, "unsplit-cells", table=shape.table, row=shape.row, expected=expected,
            found=len(cells), text=shown))
        return tuple(Cell(shown, None, span) for _ in range(expected)), False
    as_written = len(cells) == expected
    if as_written and (not shape.sums or _wide_apart(text, cells)
                       or _holds_identity([c.raw for c in cells], shape.sizes)):
        return cells, False  # wide gaps are a layout's columns: a wrong total is T001's
    digits = "".join(cell.raw for cell in cells)
    split = split_digits(digits, shape.sizes, sums=shape.sums)
    span = Span(cells[0].span.start, cells[-1].span.end)
    if as_written and (split.outcome == "none" or (
            split.outcome == "one" and list(split.cells) == [c.raw for c in cells])):
        return cells, False  # as written, the row breaks its own identity: a T001/T004 matter
    if split.outcome == "one" and not as_written:
        positions = _digit_positions(text, cells)
        split_cells = []
        index = 0
        for part in split.cells:
            start, end = positions[index], positions[index + len(part) - 1] + 1
            split_cells.append(new_cell(text[start:end], int(part), start, end))
            index += len(part)
        return tuple(split_cells), False
    shown = text[span.start:span.end]
    if split.outcome == "none":
        kind: ProblemKind = "unsplit-cells"
        why = f"no division of the digits {shown!r} into {expected} cells fits the row"
    elif split.outcome == "too-long":
        kind = "ambiguous-cells"
        why = f"the digits {shown!r} are too many to divide into {expected} cells"
    elif as_written:
        kind = "ambiguous-cells"
        why = (f"read as spaced, {shown!r} breaks the row's own total; read as one run, it "
               "gives other cells")
    else:
        kind = "ambiguous-cells"
        why = f"the digits {shown!r} divide into {expected} cells in more than one way"
    problems.append(Problem(f"{label}: cannot tell the cells: {why}", span, kind,
                            table=shape.table, row=shape.row, expected=expected,
                            found=len(cells), text=shown))
    return tuple(Cell(shown, None, span) for _ in range(expected)), False


#: Rows read before, by the row's cell groups and whether its cells sum (``_RowShape.memo``),
#: whether its stretch starts a line, and the stretch: the cells (offsets from the stretch's
#: start), whether a separator kept them apart, the furthest end of a cell (an offset; -1:
#: no cell) and whether every cell is ordinary (``plain_cells``, told once per entry).
_ROWS_READ: dict[tuple[str, bool, str],
                 tuple[tuple[CellPlace, ...], bool, int, bool]] = {}


def _row_cells(text: str, anchor_end: int, limit: int, shape: _RowShape,
               problems: list[Problem], label: str,
               reads: _Reads | None) -> tuple[tuple[Cell, ...], bool, int, bool]:
    """:func:`_cells_after`, remembered by the row's stretch of text, the furthest end of a
    cell (-1: no cell), which the table's span reaches to, and whether every cell is ordinary
    (:func:`~gipr_lint.model.plain_cells`: a remembered row tells it at no cost).

    A row's cells depend only on the text between its label and the next label (and whether
    that text starts a line: the page-number token is anchored at a line's start), its cell
    groups and whether its cells sum; rows repeat within a report ("| 0 | 0 | 0 |" row after
    row) and from report to report, and a remembered row costs only its cell objects. A row
    with a problem is not remembered (the problem names the label and its place).
    """
    if limit - anchor_end > _MAX_REMEMBERED_ROW:
        cells, separated = _cells_after(text, anchor_end, limit, shape, problems, label, reads)
        return cells, separated, _furthest_end(cells), plain_cells(cells)
    key = (shape.memo, anchor_end == 0 or text[anchor_end - 1] == "\n", text[anchor_end:limit])
    known = _ROWS_READ.get(key)
    if known is not None:
        places, separated, furthest, plain = known
        return (new_cells(places, anchor_end), separated,
                furthest if furthest < 0 else anchor_end + furthest, plain)
    found: list[Problem] = []
    cells, separated = _cells_after(text, anchor_end, limit, shape, found, label, reads)
    furthest = _furthest_end(cells)
    plain = plain_cells(cells)
    if found:
        problems.extend(found)
        return cells, separated, furthest, plain
    if len(_ROWS_READ) >= _MAX_REMEMBERED_ROWS:
        _ROWS_READ.clear()
    _ROWS_READ[key] = tuple([(cell.raw, cell.value, cell.span.start - anchor_end,
                              cell.span.end - anchor_end, cell.blank) for cell in cells]), \
        separated, furthest if furthest < 0 else furthest - anchor_end, plain
    return cells, separated, furthest, plain


def _furthest_end(cells: tuple[Cell, ...]) -> int:
    """The furthest end of a cell; -1 when there is none."""
    return max([cell.span.end for cell in cells], default=-1)


def _items_from_anchors(text: str, anchors: list[_Anchor], end: int, problems: list[Problem],
                        reads: _Reads | None = None
                        ) -> tuple[tuple[TableItem, ...], Span, int]:
    """The items at ``anchors`` (sorted, at least one), each row with its cells; the table's
    span (from the first item's start to the furthest end of an item or a cell), found as the
    items are made: the first anchor's start is the smallest, and each row tells the furthest
    end of its cells; and how many rows are short of cells (:func:`defects`)."""
    items: list[TableItem] = []
    append = items.append
    furthest = anchors[0][0]
    short = 0
    last = len(anchors) - 1
    for index, (anchor_start, anchor_end, item, reworded) in enumerate(anchors):
        label = text[anchor_start:anchor_end]
        if anchor_end > furthest:
            furthest = anchor_end
        shape = item.shape
        if shape is None:
            append(_new_item(item.kind, anchor_start, anchor_end, label, None, False, (), 0,
                             False))
            continue
        limit = anchors[index + 1][0] if index < last else end
        cells, separated, cells_end, plain = _row_cells(text, anchor_end, limit, shape,
                                                        problems, label, reads)
        if cells_end > furthest:
            furthest = cells_end
        if len(cells) != item.expected:
            short += 1
        append(_new_item("row", anchor_start, anchor_end, label, item.template, reworded, cells,
                         item.expected, separated, plain, item.official))
    return tuple(items), new_span(anchors[0][0], furthest), short


# --------------------------------------------------------------------------- table 二

def _active_expected(format_: str, templates: Templates) -> list[_Expected]:
    expected: list[_Expected] = []
    for block in templates.active_blocks[format_]:
        item = compact(block.item)
        numeral = item[item.index("(") + 1:item.index(")")]
        block_pattern = compile_re(rf"第二十条第\(?{numeral}\)?项")
        expected.append(_Expected("block", block_pattern, optional=True,
                                  starts=frozenset("第")))
        expected.append(_header("信息内容"))
        expected.extend(_header(header) for _, header in block.columns)
        expected.extend(_row(row, len(block.columns), "active") for row in block.rows)
    return expected


_ACTIVE_2019 = compile_re("|".join(re.escape(compact(m)) for m in ACTIVE_2019_MARKERS))


def read_active(text: str, view: CompactText, start: int, end: int) -> TableRead | None:
    """Table 二 between original offsets ``start`` and ``end``, or ``None`` if it is not there."""
    cstart, cend = view.from_original(start), view.from_original(end)
    format_: TableFormat = "2019" if _ACTIVE_2019.search(view.text, cstart, cend) else "2021"
    reads = _Reads(text)
    plan = _expected(current(), "active", format_)
    anchors, missing = _anchor_all(text, view, plan, start, end, cstart, cend, reads)
    if len(missing) == plan.rows:  # no row found: every item not optional is a row
        return None
    problems: list[Problem] = []
    items, span, short = _items_from_anchors(text, anchors, end, problems, reads)
    return _new_read("active", format_, items, span,
                     tuple([m.template.key for m in missing if m.template]), tuple(problems),
                     short)


# --------------------------------------------------------------------------- table 三

_REQUEST_HEADERS = ("申请人情况", "自然人", "法人或其他组织", *REQUEST_COLUMNS[1:])
_IDENTITY_NOTE = compile_re(r"\(?本列数据的勾稽关系为[^)]{0,60}\)?")
_GROUP_BEFORE = {
    "granted": "group.results",
    "denied.state_secret": "group.denied",
    "unable.not_held": "group.unable",
    "not_processed.petition": "group.not_processed",
    "other.no_correction": "group.other",
}
_GROUPS = {group.key: group for group in REQUEST_GROUPS}
_NO_CORRECTION = label_pattern(REQUEST_ROWS["2021"][-5])
#: The wordings of :data:`_NO_CORRECTION`: its numbering is optional, so it matches where one of
#: them stands, which a plain substring search finds (a tenth of the pattern's scan).
_NO_CORRECTION_WORDS = tuple(compact(word) for word in (REQUEST_ROWS["2021"][-5].label,
                                                         *REQUEST_ROWS["2021"][-5].variants))
_OTHER_2019 = label_pattern(REQUEST_ROWS["2019"][-3], numbering_required=True)


def _requests_format(text: str, start: int, end: int) -> TableFormat:
    """The format of the table 三 in the compact ``text[start:end]``: 2019 where it has the 2019
    template's 其他处理 row and not the 2021 template's rows (the 2021 row is looked for first:
    most tables have it, and then the 2019 row need not be)."""
    if any(text.find(word, start, end) >= 0 for word in _NO_CORRECTION_WORDS):
        return "2021"
    return "2019" if _OTHER_2019.search(text, start, end) else "2021"


def _requests_expected(format_: str, templates: Templates) -> list[_Expected]:
    expected = [_Expected("header", _IDENTITY_NOTE, optional=True, starts=frozenset("(本"))]
    expected.extend(_header(word) for word in _REQUEST_HEADERS)
    for row in templates.request_rows[format_]:
        group = _GROUP_BEFORE.get(row.key)
        if group:
            expected.append(_group(_GROUPS[group]))
        expected.append(_row(row, len(REQUEST_COLUMNS), "requests"))
    return expected


@lru_cache(maxsize=16)
def _expected(templates: Templates, kind: str, format_: str) -> _Plan:
    """What the reader of table ``kind`` looks for under ``templates`` (the loaded packs' rows
    included), built once per template set."""
    return _Plan((_active_expected if kind == "active" else _requests_expected)(format_,
                                                                                 templates))


def read_requests(text: str, view: CompactText, start: int, end: int) -> TableRead | None:
    """Table 三 between original offsets ``start`` and ``end``, or ``None`` if it is not there."""
    cstart, cend = view.from_original(start), view.from_original(end)
    format_ = _requests_format(view.text, cstart, cend)
    reads = _Reads(text)
    plan = _expected(current(), "requests", format_)
    anchors, missing = _anchor_all(text, view, plan, start, end, cstart, cend, reads)
    if plan.rows - len(missing) < 2:  # rows found: every item not optional is a row
        return None
    problems: list[Problem] = []
    items, span, short = _items_from_anchors(text, anchors, end, problems, reads)
    return _new_read("requests", format_, items, span,
                     tuple([m.template.key for m in missing if m.template]), tuple(problems),
                     short)


# --------------------------------------------------------------------------- table 四

_REVIEW_WORDS = sorted(
    {"行政复议", "行政诉讼", *(label for _, label in REVIEW_GROUPS), *REVIEW_COLUMNS,
     "结果", "维持", "纠正", "其他", "尚未", "审结", "总计", "|"},
    key=len, reverse=True)
# Any character of the header words: headers wrapped over lines, or one character a line
# (pdftotext of a vertical header), interleave their words; and a Markdown rule "|---|".
_REVIEW_HEADER_RUN = compile_re(
    "[" + re.escape("".join(sorted(set("".join(_REVIEW_WORDS))))) + ":-]+")
_REVIEW_START = compile_re("行政复议")
_REVIEW_SIZES = tuple(len(REVIEW_COLUMNS) for _ in REVIEW_GROUPS)  # 3 groups of 5 cells
_REVIEW_SHAPE = _RowShape("review", None, _REVIEW_SIZES, True)
_REVIEW_CELLS = sum(_REVIEW_SIZES)


def read_review(text: str, view: CompactText, start: int, end: int) -> TableRead | None:
    """Table 四: a run of header words from 行政复议 on, then its cells (fifteen: the template's
    three groups of five, ``REVIEW_GROUPS`` × ``REVIEW_COLUMNS``)."""
    cursor, stop = view.from_original(start), view.from_original(end)
    while True:
        found = _REVIEW_START.search(view.text, cursor, stop)
        if found is None:
            return None
        run = _REVIEW_HEADER_RUN.match(view.text, found.start(), stop)
        assert run is not None  # 行政复议 itself is a header word
        if run.end() - run.start() >= 8:  # more than the single word: a header, not prose
            break
        cursor = found.end()
    header_start = view.to_original(run.start())
    header_end = view.to_original_end(run.end())
    items = [_new_item("header", header_start, header_end, text[header_start:header_end],
                       None, False, (), 0, False)]
    problems: list[Problem] = []
    cells, separated, cells_end, _ = _row_cells(text, header_end, end, _REVIEW_SHAPE, problems,
                                                "行政复议、行政诉讼", None)
    if cells:
        first, last = cells[0].span.start, cells[-1].span.end
        items.append(_new_item("values", first, last, text[first:last], None, False, cells,
                               _REVIEW_CELLS, separated))
    # the cells start after the header, the values item ends at a cell's end
    span = new_span(header_start, max(header_end, cells_end))
    short = 1 if cells and len(cells) != _REVIEW_CELLS else 0
    return _new_read("review", "2021", tuple(items), span, (), tuple(problems), short)


# --------------------------------------------------------------------------- wrapped labels

@lru_cache(maxsize=16)
def _row_patterns(templates: Templates) -> tuple[_Pattern, ...]:
    """Every row label pattern of tables 二 and 三 under ``templates`` (the packs' rows
    included), each once."""
    items = [item for kind, rows in (("requests", templates.request_rows),
                                     ("active", templates.active_blocks))
             for format_ in rows for item in _expected(templates, kind, format_).items
             if item.kind == "row"]
    return tuple({id(item.pattern): item.pattern for item in items}.values())


def completes_label(first: str, rest: str) -> bool:
    """Whether ``rest`` (the lines below) ends a row label that ``first`` begins."""
    head = compact(first)
    whole = head + compact(rest)
    for pattern in _row_patterns(current()):
        for match in pattern.finditer(whole):
            if match.start() < len(head) < match.end() == len(whole):
                return True
    return False


@lru_cache(maxsize=16)
def _any_row(templates: Templates) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Every row label of :func:`_row_patterns` as one pattern: its words, then an optional
    note (matched whole: :func:`whole_label`), and its words alone (searched:
    :func:`names_row`). Compiled on first use: only a table whose labels are split around
    their numbers asks."""
    sources = [(pattern.words if isinstance(pattern, _WithNote) else pattern).pattern
               for pattern in _row_patterns(templates)]
    words = "|".join(f"(?:{source})" for source in sources)
    return compile_re(f"(?:{words}){_NOTE}"), compile_re(words)


def whole_label(words: str) -> bool:
    """Whether ``words`` are one whole row label of tables 二 or 三 (its note included)."""
    return _any_row(current())[0].fullmatch(compact(words)) is not None


def names_row(words: str) -> bool:
    """Whether ``words`` hold a row label of tables 二 or 三."""
    return _any_row(current())[1].search(compact(words)) is not None


def _remap_span(span: Span, unwrapped: Unwrapped) -> Span:
    start = unwrapped.original(span.start)
    end = unwrapped.original_end(span.end) if span.end > span.start else start
    return Span(start, max(start, end))


def _remap_cell(cell: Cell, unwrapped: Unwrapped) -> Cell:
    return Cell(cell.raw, cell.value, _remap_span(cell.span, unwrapped), cell.blank)


def remap(read: TableRead, unwrapped: Unwrapped) -> TableRead:
    """A table read from unwrapped text, its spans pointing into the original text."""
    items = tuple(replace(item, span=_remap_span(item.span, unwrapped),
                          cells=tuple(_remap_cell(c, unwrapped) for c in item.cells))
                  for item in read.items)
    problems = tuple(replace(p, span=_remap_span(p.span, unwrapped)) for p in read.problems)
    return replace(read, items=items, span=_remap_span(read.span, unwrapped), problems=problems)


def defects(read: TableRead) -> int:
    """How far a table read is from complete: problems, rows short of cells, and missing rows
    twice over (a row found, even unreadable, is nearer than a row not found)."""
    short = read.short_rows if read.short_rows >= 0 else _short_rows(read.items)
    return len(read.problems) + 2 * len(read.missing_rows) + short


def _short_rows(items: Sequence[TableItem]) -> int:
    """How many rows (or table 四's values) have other than the cells expected."""
    return sum(1 for item in items
               if item.kind in ("row", "values") and len(item.cells) != item.expected)
