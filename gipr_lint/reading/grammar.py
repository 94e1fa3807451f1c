"""The Lark grammar: loading it once, feeding it recovered pieces, recovering from misfits.

The grammar (``grammars/report.lark``) states the canonical report. Its terminals come from
:mod:`gipr_lint.reading.layout`, not from a character lexer: :func:`tokens` turns the recovered
pieces into Lark tokens that carry the piece they stand for (``token.payload``). When the pieces
do not fit (a row with six cells, a stray cell), :func:`parse_pieces` records a problem at that
place, repairs the stream (missing cells become unread cells, extra cells are dropped) and goes
on: a linter never gives up on a whole file.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, cached_property
from importlib import resources
from itertools import islice
from pathlib import Path

from lark import Lark, Token, Tree
from lark.common import LexerConf
from lark.exceptions import UnexpectedToken
from lark.lexer import Lexer
from lark.parsers.lalr_interactive_parser import InteractiveParser

from gipr_lint.model import Cell, Problem, TableKind
from gipr_lint.reading.grammar_cache import cached_lark
from gipr_lint.reading.layout import Piece
from gipr_lint.reading.layout.signature import SignatureMatch
from gipr_lint.reading.layout.tables import TableItem, TableRead
from gipr_lint.reading.source import Span

__all__ = ["PieceToken", "grammar_text", "parse_pieces", "report_parser", "tokens"]

_CELL_TYPES = frozenset({"NUMBER", "BLANK", "UNREAD"})
_LABEL_TYPES = frozenset({"REQUEST_LABEL", "ACTIVE_LABEL_1", "ACTIVE_LABEL_2", "ACTIVE_LABEL_3",
                          "REVIEW_HEADER"})
_TABLE_OPENERS = {"active": "ACTIVE_TABLE", "requests": "REQUESTS_TABLE", "review": "REVIEW_TABLE"}
_HEADER_TYPES = {"active": "ACTIVE_HEADER", "requests": "REQUEST_HEADER", "review": "REVIEW_HEADER"}
_PIECE_TYPES = {"title": "TITLE", "debris": "DEBRIS", "heading": "SECTION_HEADING",
                "paragraph": "PARAGRAPH"}


class PieceToken(Token):
    """A Lark token that remembers the recovered piece, table item or cell it stands for."""

    payload: object


def _token(type_: str, span: Span, text: str, payload: object) -> PieceToken:
    token = PieceToken(type_, text, start_pos=span.start, end_pos=span.end)
    token.payload = payload
    return token


def grammar_text() -> str:
    """The grammar's source: shipped inside the package, or beside it in a source checkout."""
    packaged = resources.files("gipr_lint").joinpath("grammars/report.lark")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parents[2] / "grammars" / "report.lark"
    return checkout.read_text(encoding="utf-8")


class _PieceLexer(Lexer):
    """Hands Lark the tokens made from recovered pieces."""

    def __init__(self, lexer_conf: LexerConf) -> None:
        pass

    def lex(self, data: list[PieceToken]) -> Iterator[PieceToken]:  # type: ignore[override]
        yield from data


@cache
def report_parser() -> Lark:
    """The LALR parser, built once per process."""
    return cached_lark(grammar_text(), parser="lalr", lexer=_PieceLexer, strict=True,
                       propagate_positions=False, maybe_placeholders=False)


def _cell_token(cell: Cell) -> PieceToken:
    type_ = "UNREAD" if cell.value is None else "BLANK" if cell.blank else "NUMBER"
    return _token(type_, cell.span, cell.raw, cell)


def _table_tokens(table: TableRead) -> Iterator[PieceToken]:
    yield _token(_TABLE_OPENERS[table.kind], Span(table.span.start, table.span.start), "", table)
    for item in table.items:
        if item.kind == "header":
            yield _token(_HEADER_TYPES[table.kind], item.span, item.text, item)
        elif item.kind == "block":
            yield _token("ACTIVE_BLOCK", item.span, item.text, item)
        elif item.kind == "group":
            yield _token("REQUEST_GROUP", item.span, item.text, item)
        elif item.kind == "row":
            type_ = ("REQUEST_LABEL" if table.kind == "requests"
                     else f"ACTIVE_LABEL_{min(max(item.expected, 1), 3)}")
            yield _token(type_, item.span, item.text, item)
        yield from (_cell_token(cell) for cell in item.cells)


def tokens(pieces: list[Piece]) -> list[PieceToken]:
    """The token stream for a list of recovered pieces."""
    stream: list[PieceToken] = []
    for piece in pieces:
        if piece.kind == "table":
            assert isinstance(piece.data, TableRead)
            stream.extend(_table_tokens(piece.data))
        elif piece.kind == "signature":
            signature = piece.data
            assert isinstance(signature, SignatureMatch)
            if signature.agency is not None:
                agency = signature.agency
                stream.append(_token("SIGNATURE_AGENCY", agency.span, agency.text, agency))
            date = signature.date_text
            assert date is not None  # a 落款 is found by its date
            stream.append(_token("SIGNATURE_DATE", date.span, date.text, signature))
        else:
            stream.append(_token(_PIECE_TYPES[piece.kind], piece.span, "", piece.data))
    return stream


class _Recovery:
    """Repairs the token stream where it does not fit the grammar, noting each repair."""

    def __init__(self, stream: list[PieceToken]) -> None:
        self.stream = stream
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
        if back < 0 or self.stream[back].type not in _LABEL_TYPES:
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
        expected = payload.expected if isinstance(payload, TableItem) else cells
        key = payload.template.key if isinstance(payload, TableItem) and payload.template else None
        name = label.strip() or "表格"
        self.problems.append(Problem(f"{name}: {cells} cells, expected {expected}{extra}",
                                     Span(label.start_pos or 0, label.end_pos or 0), "row-shape",
                                     table=self._table_kind(back_from=index), row=key,
                                     expected=expected, found=cells))

    def _table_kind(self, back_from: int) -> TableKind | None:
        for token in reversed(self.stream[:back_from]):
            if isinstance(token.payload, TableRead):
                return token.payload.kind
        return None

    def repair(self, parser: InteractiveParser, index: int, token: PieceToken | None) -> None:
        """``token`` (``None`` for the end of input) does not fit: make it fit or drop it."""
        type_ = token.type if token is not None else "$END"
        accepts = parser.accepts()
        if "UNREAD" in accepts and type_ not in accepts:
            # a row ended early: pad it with unread cells
            self._note_row(index)
            anchor = self.stream[index - 1].end_pos or 0 if index > 0 else 0
            while type_ not in accepts and "UNREAD" in accepts:
                parser.feed_token(_token("UNREAD", Span(anchor, anchor), "",
                                         Cell("", None, Span(anchor, anchor))))
                accepts = parser.accepts()
            if token is not None and type_ in accepts:
                parser.feed_token(token)
            return
        if type_ in _CELL_TYPES:
            self._note_row(index, "; the extra cells are ignored")
            return
        if token is not None:
            span = Span(token.start_pos or 0, token.end_pos or 0)
            piece = type_.lower().replace("_", " ")
            self.problems.append(Problem(f"unexpected {piece} here", span, "structure",
                                         text=piece))


def parse_pieces(pieces: list[Piece]) -> tuple[Tree[PieceToken], list[Problem]]:
    """Parse recovered pieces into a tree, repairing where they do not fit."""
    stream = tokens(pieces)
    recovery = _Recovery(stream)
    parser = report_parser().parse_interactive()
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
    return tree, recovery.problems
