"""The Lark grammar: loading it once, feeding it recovered pieces, recovering from misfits.

The grammar (``grammars/report.lark``) states the canonical report. Its terminals come from
:mod:`gipr_lint.layout`, not from a character lexer: :func:`tokens` turns the recovered pieces into
Lark tokens that carry the piece they stand for (``token.payload``). When the pieces do not fit
(a row with six cells, a stray cell), :func:`parse_pieces` records a problem at that place, repairs
the stream (missing cells become unread cells, extra cells are dropped) and goes on: a linter never
gives up on a whole file.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.common import LexerConf
from lark.lexer import Lexer

from gipr_lint.layout import Piece
from gipr_lint.layout.tables import TableItem, TableRead
from gipr_lint.model import Cell, Problem
from gipr_lint.source import Span

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
    checkout = Path(__file__).resolve().parent.parent / "grammars" / "report.lark"
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
    return Lark(grammar_text(), parser="lalr", lexer=_PieceLexer, strict=True,
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
            if signature.agency is not None:  # type: ignore[attr-defined]
                agency = signature.agency  # type: ignore[attr-defined]
                stream.append(_token("SIGNATURE_AGENCY", agency.span, agency.text, agency))
            date = signature.date_text  # type: ignore[attr-defined]
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

    def _row_label(self, position: int) -> PieceToken | None:
        label = None
        for token in self.stream:
            if token.start_pos is not None and token.start_pos >= position:
                break
            if token.type in _LABEL_TYPES:
                label = token
        return label

    def _cells_after(self, label: PieceToken) -> int:
        index = self.stream.index(label)
        count = 0
        for token in self.stream[index + 1:]:
            if token.type not in _CELL_TYPES:
                break
            count += 1
        return count

    def __call__(self, error: UnexpectedInput) -> bool:
        if not isinstance(error, UnexpectedToken):
            return False
        token = error.token
        parser = error.interactive_parser
        position = token.start_pos if token.type != "$END" else 1 << 62
        accepts = parser.accepts()
        if "UNREAD" in accepts and token.type not in accepts:
            label = self._row_label(position)
            anchor = label.end_pos if label is not None else token.start_pos or 0
            fed = 0
            while token.type not in accepts and "UNREAD" in accepts and fed < 32:
                parser.feed_token(_token("UNREAD", Span(anchor, anchor), "",
                                         Cell("", None, Span(anchor, anchor))))
                fed += 1
                accepts = parser.accepts()
            if label is not None:
                found = self._cells_after(label)
                payload = label.payload
                expected = payload.expected if isinstance(payload, TableItem) else found + fed
                self._note(label, f"{label.strip() or '表格'}: {found} cells, "
                                  f"expected {expected}", "row-shape")
            if token.type != "$END":
                parser.feed_token(token)
            return True
        if token.type in _CELL_TYPES:
            label = self._row_label(position)
            if label is not None and id(label) not in self._reported_rows:
                found = self._cells_after(label)
                payload = label.payload
                expected = payload.expected if isinstance(payload, TableItem) else found
                self._note(label, f"{label.strip() or '表格'}: {found} cells, expected "
                                  f"{expected}; the extra cells are ignored", "row-shape")
            return True
        span = Span(token.start_pos or 0, token.end_pos or 0)
        self.problems.append(Problem(f"unexpected {token.type.lower()} here", span, "structure"))
        return True

    def _note(self, label: PieceToken, message: str, kind: str) -> None:
        if id(label) in self._reported_rows:
            return
        self._reported_rows.add(id(label))
        self.problems.append(Problem(message, Span(label.start_pos or 0, label.end_pos or 0),
                                     kind))


def parse_pieces(pieces: list[Piece]) -> tuple[Tree[PieceToken], list[Problem]]:
    """Parse recovered pieces into a tree, repairing where they do not fit."""
    stream = tokens(pieces)
    recovery = _Recovery(stream)
    tree = report_parser().parse(stream, on_error=recovery)  # type: ignore[arg-type]
    return tree, recovery.problems
