"""The Lark grammar: building it once per template set, feeding it recovered pieces, recovering
from misfits.

The grammar states the canonical report; it is generated from the templates
(:mod:`gipr_lint.reading.canonical`; ``grammars/report.lark`` is the national one). Its terminals
come from :mod:`gipr_lint.reading.layout`, not from a character lexer: :func:`tokens` turns the
recovered pieces into Lark tokens that carry the piece they stand for (``token.payload``). When
the pieces do not fit (a row with six cells, a stray cell), :func:`parse_pieces` records a problem
at that place, repairs the stream (missing cells become unread cells, extra cells are dropped) and
goes on: a linter never gives up on a whole file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import islice

from lark import Lark, Token, Tree
from lark.common import LexerConf
from lark.exceptions import UnexpectedToken
from lark.lexer import Lexer
from lark.parsers.lalr_interactive_parser import InteractiveParser

from gipr_lint.model import Cell, Problem, TableKind
from gipr_lint.reading.canonical import Vocabulary, generate, vocabulary
from gipr_lint.reading.grammar_cache import cached_lark
from gipr_lint.reading.layout import Piece
from gipr_lint.reading.layout.headings import HeadingMatch
from gipr_lint.reading.layout.signature import SignatureMatch
from gipr_lint.reading.layout.tables import TableItem, TableRead
from gipr_lint.reading.source import Span
from gipr_lint.templates import TABLE_NUMERALS, Templates, current

__all__ = ["Parsed", "PieceToken", "grammar_text", "parse_pieces", "report_parser", "tokens"]

_CELL_TYPES = frozenset({"NUMBER", "BLANK", "UNREAD"})
_HEADER_TYPES = {"active": "ACTIVE_HEADER", "requests": "REQUEST_HEADER", "review": "REVIEW_HEADER"}
_PIECE_TYPES = {"title": "TITLE", "debris": "DEBRIS", "paragraph": "PARAGRAPH"}


class PieceToken(Token):
    """A Lark token that remembers the recovered piece, table item or cell it stands for."""

    payload: object


def _token(type_: str, span: Span, text: str, payload: object) -> PieceToken:
    token = PieceToken(type_, text, start_pos=span.start, end_pos=span.end)
    token.payload = payload
    return token


def grammar_text(templates: Templates | None = None) -> str:
    """The grammar's source for ``templates`` (the current set when left out)."""
    return generate(current() if templates is None else templates)


class _PieceLexer(Lexer):
    """Hands Lark the tokens made from recovered pieces."""

    def __init__(self, lexer_conf: LexerConf) -> None:
        pass

    def lex(self, data: list[PieceToken]) -> Iterator[PieceToken]:  # type: ignore[override]
        yield from data


@lru_cache(maxsize=8)
def _parser_for(templates: Templates) -> Lark:
    """The parser of ``templates``' generated grammar. Analysing it takes about 0.1 s, loading a
    saved analysis about 0.01 s: :func:`~gipr_lint.reading.grammar_cache.cached_lark` keeps it
    between runs, keyed on the grammar text (a pack's rows make another grammar) and the Lark
    and Python versions."""
    return cached_lark(grammar_text(templates), parser="lalr", lexer=_PieceLexer, strict=True,
                       propagate_positions=False, maybe_placeholders=False)


def report_parser(templates: Templates | None = None) -> Lark:
    """The LALR parser for ``templates`` (the current set when left out), built once per set."""
    return _parser_for(current() if templates is None else templates)


def _cell_token(cell: Cell) -> PieceToken:
    type_ = "UNREAD" if cell.value is None else "BLANK" if cell.blank else "NUMBER"
    return _token(type_, cell.span, cell.raw, cell)


def _table_tokens(table: TableRead, words: Vocabulary) -> Iterator[PieceToken]:
    opener = words.openers[(table.kind, table.format)]
    yield _token(opener, Span(table.span.start, table.span.start), "", table)
    for item in table.items:
        if item.kind == "header":
            yield _token(_HEADER_TYPES[table.kind], item.span, item.text, item)
        elif item.kind == "block":
            yield _token("ACTIVE_BLOCK", item.span, item.text, item)
        elif item.kind == "group":
            yield _token("REQUEST_GROUP", item.span, item.text, item)
        elif item.kind == "row":
            assert item.template is not None
            type_ = words.rows[(table.kind, table.format, item.template.key)]
            yield _token(type_, item.span, item.text, item)
        yield from (_cell_token(cell) for cell in item.cells)


def tokens(pieces: list[Piece], words: Vocabulary | None = None) -> list[PieceToken]:
    """The token stream for a list of recovered pieces, in the terminals of ``words`` (those of
    the current template set when left out)."""
    words = vocabulary(current()) if words is None else words
    stream: list[PieceToken] = []
    for piece in pieces:
        if piece.kind == "table":
            assert isinstance(piece.data, TableRead)
            stream.extend(_table_tokens(piece.data, words))
        elif piece.kind == "signature":
            signature = piece.data
            assert isinstance(signature, SignatureMatch)
            if signature.agency is not None:
                agency = signature.agency
                stream.append(_token("SIGNATURE_AGENCY", agency.span, agency.text, agency))
            date = signature.date_text
            assert date is not None  # a 落款 is found by its date
            stream.append(_token("SIGNATURE_DATE", date.span, date.text, signature))
        elif piece.kind == "heading":
            assert isinstance(piece.data, HeadingMatch)
            stream.append(_token(f"SECTION_{piece.data.number}", piece.span, "", piece.data))
        else:
            stream.append(_token(_PIECE_TYPES[piece.kind], piece.span, "", piece.data))
    return stream


def _longest_increasing(numbers: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of ``numbers`` (lists are short:
    one number per section)."""
    if not numbers:
        return set()
    best = [1] * len(numbers)
    previous = [-1] * len(numbers)
    for i, value in enumerate(numbers):
        for j in range(i):
            if numbers[j] < value and best[j] + 1 > best[i]:
                best[i], previous[i] = best[j] + 1, j
    index = max(range(len(numbers)), key=lambda i: (best[i], -i))
    kept = set()
    while index != -1:
        kept.add(index)
        index = previous[index]
    return kept


def _section_headings(stream: list[PieceToken]) -> list[Problem]:
    """Fit the section headings to the grammar's order with the fewest set aside, and say what
    does not fit: each section's second heading becomes ``SECTION_REPEATED``; of the first
    headings, all but one longest run in the order 一 to 六 become ``SECTION_MISPLACED`` (one
    misplaced section is one error, not one for each section after it); a section with no
    heading at all is missing. These are the outline's problems (``Report.outline``)."""
    problems: list[Problem] = []
    first: dict[int, PieceToken] = {}
    for token in stream:
        if not token.type.startswith("SECTION_"):
            continue
        number = _payload_as_heading(token).number
        if number in first:
            token.type = "SECTION_REPEATED"
            problems.append(Problem(f"section {number} appears a second time", _span(token),
                                    "section-repeated", expected=number, found=number))
        else:
            first[number] = token
    ordered = list(first.values())
    kept = _longest_increasing([_payload_as_heading(t).number for t in ordered])
    for index, token in enumerate(ordered):
        if index not in kept:
            token.type = "SECTION_MISPLACED"
            number = _payload_as_heading(token).number
            problems.append(Problem(f"section {number} is out of order", _span(token),
                                    "section-order", found=number))
    end = stream[-1].end_pos or 0 if stream else 0
    for number in range(1, 7):
        if number in first:
            continue
        later = [t.start_pos or 0 for i, t in enumerate(ordered)
                 if i in kept and _payload_as_heading(t).number > number]
        at = min(later, default=end)
        problems.append(Problem(f"section {number} is missing", Span(at, at), "section-missing",
                                expected=number, found=0))
    return sorted(problems, key=lambda p: p.span)


def _payload_as_heading(token: PieceToken) -> HeadingMatch:
    payload = token.payload
    assert isinstance(payload, HeadingMatch)
    return payload


def _span(token: PieceToken) -> Span:
    return Span(token.start_pos or 0, token.end_pos or 0)


class _Recovery:
    """Repairs the token stream where it does not fit the grammar, noting each repair."""

    def __init__(self, stream: list[PieceToken], words: Vocabulary) -> None:
        self.stream = stream
        self.words = words
        self.problems: list[Problem] = []
        self._reported_rows: set[int] = set()
        self._cell_counts: dict[int, int] = {}

    @cached_property
    def _last_non_cell(self) -> list[int]:
        """For each index of the stream (and its end), the index of the last token before it
        that is not a cell, -1 if none: found once, so that noting each of many extra cells
        does not walk back over the cells before it."""
        last, found = -1, []
        for at, token in enumerate(self.stream):
            found.append(last)
            if token.type not in _CELL_TYPES:
                last = at
        found.append(last)
        return found

    def _cells_after(self, label: int) -> int:
        """How many cell tokens follow the token at ``label`` (counted once per label)."""
        if label not in self._cell_counts:
            cells = 0
            for following in islice(self.stream, label + 1, None):
                if following.type not in _CELL_TYPES:
                    break
                cells += 1
            self._cell_counts[label] = cells
        return self._cell_counts[label]

    def _row_label(self, index: int) -> tuple[PieceToken, int] | None:
        """The row label the token at ``index`` belongs to, and how many cells follow it."""
        back = self._last_non_cell[min(index, len(self.stream))]
        if back < 0 or self.stream[back].type not in self.words.labels:
            return None
        return self.stream[back], self._cells_after(back)

    def _note_row(self, index: int, extra: str = "") -> None:
        found = self._row_label(index)
        if found is None:
            return
        label, cells = found
        if id(label) in self._reported_rows:
            return
        self._reported_rows.add(id(label))
        payload = label.payload
        # the width the grammar gives the label: a row's template columns, or table 四's
        # fifteen cells after its header (whose reader item carries no count of its own)
        expected = self.words.labels[label.type][0]
        key = payload.template.key if isinstance(payload, TableItem) and payload.template else None
        kind = self._table_kind(back_from=index)
        name = self._label_name(label, kind)
        self.problems.append(Problem(f"{name}: {cells} cells, expected {expected}{extra}",
                                     Span(label.start_pos or 0, label.end_pos or 0), "row-shape",
                                     table=kind, row=key, expected=expected, found=cells))

    @staticmethod
    def _label_name(label: PieceToken, kind: TableKind | None) -> str:
        """How a problem names the label whose cells are miscounted: a row by its own words;
        a table header (table 四's cells follow its header, not a row label) by its table,
        not by the header's text, which runs over every column heading."""
        payload = label.payload
        if isinstance(payload, TableItem) and payload.kind == "header" and kind is not None:
            return f"table {TABLE_NUMERALS[kind]}"
        return label.strip() or "表格"

    def _table_kind(self, back_from: int) -> TableKind | None:
        for token in reversed(self.stream[:back_from]):
            if isinstance(token.payload, TableRead):
                return token.payload.kind
        return None

    def repair(self, parser: InteractiveParser, index: int, token: PieceToken | None) -> None:
        """``token`` (``None`` for the end of input) does not fit: make it fit or drop it.

        A row that ended early is padded with unread cells up to the width the grammar gives its
        label (:class:`~gipr_lint.reading.canonical.Vocabulary`); an extra cell is dropped; any
        other piece that does not fit where it stands is dropped and reported.
        """
        type_ = token.type if token is not None else "$END"
        found = self._row_label(index)
        if found is not None and type_ not in _CELL_TYPES:
            label, cells = found
            width, optional = self.words.labels[label.type]
            if cells < width and (cells or not optional):
                # a row ended early: pad it with unread cells
                self._note_row(index)
                anchor = self.stream[index - 1].end_pos or 0 if index > 0 else 0
                for _ in range(width - cells):
                    parser.feed_token(_token("UNREAD", Span(anchor, anchor), "",
                                             Cell("", None, Span(anchor, anchor))))
                if token is None:
                    return
                try:
                    parser.feed_token(token)
                    return
                except UnexpectedToken:
                    pass  # it does not fit after the row either
        if type_ in _CELL_TYPES:
            self._note_row(index, "; the extra cells are ignored")
            return
        if token is not None:
            span = Span(token.start_pos or 0, token.end_pos or 0)
            piece = self.words.shown.get(type_, type_.lower().replace("_", " "))
            self.problems.append(Problem(f"unexpected {piece} here", span, "structure",
                                         text=piece))


@dataclass
class Parsed:
    """A parse: the tree, the problems met in the pieces (rows that do not fit, stray pieces),
    and the outline's problems (sections missing, repeated, out of order)."""

    tree: Tree[PieceToken]
    problems: list[Problem]
    outline: list[Problem]


def parse_pieces(pieces: list[Piece], templates: Templates | None = None) -> Parsed:
    """Parse recovered pieces into a tree, repairing where they do not fit."""
    templates = current() if templates is None else templates
    words = vocabulary(templates)
    stream = tokens(pieces, words)
    outline = _section_headings(stream)
    recovery = _Recovery(stream, words)
    parser = report_parser(templates).parse_interactive()
    for index, token in enumerate(stream):
        try:
            parser.feed_token(token)
        except UnexpectedToken:
            recovery.repair(parser, index, token)
    try:
        tree = parser.feed_eof()
    except UnexpectedToken:
        recovery.repair(parser, len(stream), None)
        tree = parser.feed_eof()
    return Parsed(tree, recovery.problems, outline)
