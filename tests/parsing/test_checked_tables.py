"""A table whose items fit the grammar as they stand is shifted as one token (issue 15): the
parse and the report are exactly those of reading the table token by token, and a table that
does not fit is read token by token, for the recovery to say what is wrong with it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from gipr_lint.reading import grammar
from gipr_lint.reading.canonical import vocabulary
from gipr_lint.reading.grammar import CheckedTable, _fits, _parser_for, tokens
from gipr_lint.reading.layout import recover
from gipr_lint.reading.layout.tables import TableRead
from gipr_lint.reading.parser import parse
from gipr_lint.reading.source import Source
from gipr_lint.templates import current

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted([*(ROOT / "tests" / "fixtures").glob("*.txt"),
                *(ROOT / "benchmarks" / "corpus").glob("*.txt")])


def _tables(path: Path) -> list[TableRead]:
    pieces = recover(Source.from_text(path.read_text(encoding="utf-8"))).pieces
    return [piece.data for piece in pieces if isinstance(piece.data, TableRead)]


def test_the_report_is_the_one_read_token_by_token(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [Source.from_text(path.read_text(encoding="utf-8"), str(path)) for path in TEXTS]
    checked = [parse(source) for source in sources]
    monkeypatch.setattr(grammar, "_fits", lambda table, words: False)
    assert [parse(source) for source in sources] == checked


def test_most_tables_are_checked_and_some_are_not() -> None:
    words = vocabulary(current())
    verdicts = [bool(_fits(table, words)) for path in TEXTS for table in _tables(path)]
    assert verdicts.count(True) > 3 * verdicts.count(False) > 0


def test_a_row_out_of_order_or_miscounted_is_not_checked() -> None:
    words = vocabulary(current())
    table = next(table for path in TEXTS for table in _tables(path)
                 if table.kind == "requests" and _fits(table, words))
    rows = [at for at, item in enumerate(table.items) if item.kind == "row"]
    items = list(table.items)
    items[rows[0]], items[rows[1]] = items[rows[1]], items[rows[0]]
    assert not _fits(replace(table, items=tuple(items)), words)
    first = table.items[rows[0]]
    short = replace(first, cells=first.cells[:-1])
    assert not _fits(replace(table, items=(*table.items[:rows[0]], short,
                                           *table.items[rows[0] + 1:])), words)


def _fields(token: grammar.PieceToken) -> tuple[object, ...]:
    return token.type, token.value, token.start_pos, token.end_pos, token.payload


def test_the_checked_token_covers_the_table_s_own_tokens() -> None:
    for path in TEXTS:
        stream = tokens(recover(Source.from_text(path.read_text(encoding="utf-8"))).pieces)
        for at, token in enumerate(stream):
            if isinstance(token, CheckedTable):
                inside = stream[at + 1:at + 1 + token.inside]
                assert inside[0].payload is token.payload and inside[-1].type == "TABLE_END"
                assert isinstance(token.payload, TableRead)
                own = grammar._own_tokens(token.payload, vocabulary(current()))
                assert [_fields(t) for t in inside] == [_fields(t) for t in own]


def test_every_state_acts_on_a_checked_table_as_on_its_openers() -> None:
    """Where the checked token does not fit, the parser reads the table's opener in the same
    state: the two must call for the same reductions (and be rejected alike) everywhere."""
    table, words = _parser_for(current()), vocabulary(current())
    kinds = {kind for kind, _ in words.openers}
    for state in range(len(table.rows)):
        row = table.row(state)
        for kind in kinds:
            checked = row.get(words.checked[kind])
            for (opener_kind, _), opener in words.openers.items():
                if opener_kind != kind:
                    continue
                action = row.get(opener)
                assert (checked is None) == (action is None), (state, opener)
                if checked is not None and action is not None and (checked < 0 or action < 0):
                    assert checked == action, (state, opener)


def test_tables_that_fit_nowhere_are_dropped_as_token_by_token(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables after the 落款 fit neither whole nor elsewhere: their own tokens are read and each
    is reported, after the recovery has already looked at the stream (a repeated heading)."""
    seed = recover(Source.from_text((ROOT / "tests" / "fixtures" / "000_6a437f78ed373b70.txt")
                                    .read_text(encoding="utf-8"))).pieces
    signed = recover(Source.from_text((ROOT / "tests" / "fixtures" / "002_1e1d37345e448265.txt")
                                      .read_text(encoding="utf-8"))).pieces
    signature = next(piece for piece in signed if piece.kind == "signature")
    tables = [piece for piece in seed if piece.kind == "table"]
    pieces = [seed[0], seed[1], *seed[1:], signature, *tables]
    checked = grammar.parse_pieces(pieces)
    assert sum(1 for p in checked.problems if p.message.endswith("extra cells are ignored")) > 30
    monkeypatch.setattr(grammar, "_fits", lambda table, words: False)
    unchecked = grammar.parse_pieces(pieces)
    assert (checked.problems, checked.outline) == (unchecked.problems, unchecked.outline)


def test_the_builder_s_own_constructors_set_every_field() -> None:
    """Rows and header pieces of checked tables are made slot by slot: a field added to the
    model would be left unset."""
    from dataclasses import fields

    from gipr_lint.model import Heading, Row, Section, Table, TextPiece
    from gipr_lint.reading import builder
    from gipr_lint.reading.source import Span

    span = Span(1, 2)
    made = builder._new_row("k", "l", span, "o", (), True, True)
    assert made == Row("k", "l", span, "o", (), True, True) and made.plain
    assert builder._new_text_piece("t", span) == TextPiece("t", span)
    for made_by, cls in ((builder._new_row, Row), (builder._new_text_piece, TextPiece),
                         (builder._new_section, Section), (builder._new_table, Table)):
        assert made_by.__code__.co_varnames[:len(fields(cls))] == tuple(
            f.name for f in fields(cls))
    heading = Heading("一、总体情况", span, None, "总体情况", span, "总体情况")
    section = builder._new_section(1, heading, (), span)
    assert section == Section(1, heading, (), span) and repr(section) == repr(
        Section(1, heading, (), span))
    row = Row("k", "l", span, "o", ())
    table = builder._new_table("requests", "2021", (row,), span, ("x",), (TextPiece("t", span),))
    whole = Table("requests", "2021", (row,), span, ("x",), (TextPiece("t", span),))
    assert table == whole and hash(table) == hash(whole) and repr(table) == repr(whole)
    assert type(section) is Section and type(table) is Table


def test_a_report_ending_with_a_checked_table_places_its_missing_sections_at_the_end(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seed = recover(Source.from_text((ROOT / "tests" / "fixtures" / "000_6a437f78ed373b70.txt")
                                    .read_text(encoding="utf-8"))).pieces
    last = max(at for at, piece in enumerate(seed) if piece.kind == "table")
    checked = grammar.parse_pieces(seed[:last + 1])
    assert isinstance(tokens(seed[:last + 1])[-1], grammar.PieceToken)
    missing = [p for p in checked.outline if p.kind == "section-missing"]
    assert [p.expected for p in missing] == [5, 6]
    assert missing[0].span.start == seed[last].span.end > 0
    monkeypatch.setattr(grammar, "_fits", lambda table, words: False)
    assert grammar.parse_pieces(seed[:last + 1]).outline == checked.outline


def test_the_recovery_looks_back_over_checked_tables_as_over_their_tokens() -> None:
    """``_last_non_cell`` passes over a checked table's places at once: the same indexes as a
    token by token walk."""
    words = vocabulary(current())
    for path in TEXTS:
        pieces = recover(Source.from_text(path.read_text(encoding="utf-8"))).pieces
        stream = grammar._tokens(pieces, words)[0]
        last, walked = -1, []
        for at, token in enumerate(stream):
            walked.append(last)
            if token.type != "CELL":
                last = at
        walked.append(last)
        assert grammar._Recovery(stream, words)._last_non_cell == walked, path.name
