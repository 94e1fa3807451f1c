"""The grammar states the six sections in order and which table belongs in which; the parser's
error recovery decides which headings are set aside and notes tables outside their section
(issue 11, point 1). Tested on constructed piece streams and on a real seed with its sections
moved, doubled and removed."""

from __future__ import annotations

import random
from pathlib import Path

from gipr_lint_national.structure.s001_missing_section import MissingSection
from gipr_lint_national.structure.s002_section_order import SectionOrder

from gipr_lint.linting.engine import lint_text
from gipr_lint.model import SECTION_TITLES, Heading, Paragraph, Problem
from gipr_lint.reading.grammar import Node, Parsed, PieceToken, parse_pieces
from gipr_lint.reading.layout import Piece
from gipr_lint.reading.layout.headings import HeadingMatch
from gipr_lint.reading.layout.tables import TableItem, TableRead
from gipr_lint.reading.parser import parse_text
from gipr_lint.reading.source import Span

SEED = (Path(__file__).parent.parent / "fixtures" / "000_6a437f78ed373b70.txt").read_text(
    encoding="utf-8")


def _pieces(spec: list[int | str]) -> list[Piece]:
    """Pieces at consecutive places: a number is that section's heading, ``"p"`` a paragraph,
    ``"t"`` a title (which fits only before the first heading)."""
    pieces = []
    for at, item in enumerate(spec):
        span = Span(10 * at, 10 * at + 5)
        if item == "p":
            pieces.append(Piece("paragraph", span, Paragraph("文字。", span)))
        elif item == "t":
            pieces.append(Piece("title", span, span))
        else:
            assert isinstance(item, int)
            title = SECTION_TITLES[item]
            heading = Heading(title, span, None, title, span, title)
            pieces.append(Piece("heading", span, HeadingMatch(item, heading)))
    return pieces


def _outline(parsed: Parsed) -> list[tuple[str, int | None, int]]:
    """(kind, section number, start) of each outline problem."""
    return [(p.kind, p.expected if p.kind == "section-missing" else p.found, p.span.start)
            for p in parsed.outline]


def _sections(parsed: Parsed) -> list[tuple[str, int]]:
    """(heading terminal, number) of each section of the tree, in order."""
    found = []
    for node in parsed.tree.children:
        if isinstance(node, Node) and node.data == "section":
            token = node.children[0]
            assert isinstance(token, PieceToken) and isinstance(token.payload, HeadingMatch)
            found.append((token.type, token.payload.number))
    return found


def test_headings_in_order_are_all_kept() -> None:
    parsed = parse_pieces(_pieces(["t", 1, "p", 2, "p", 3, 4, 5, "p", 6, "p"]))
    assert parsed.outline == [] and parsed.problems == []
    assert _sections(parsed) == [(f"SECTION_{n}", n) for n in range(1, 7)]


def test_a_first_heading_out_of_place_is_one_error_and_its_section_is_rolled_back() -> None:
    # 六 is accepted (一 to 五 may be missing), 一 does not fit: the recovery looks ahead over
    # all headings, sets 六 aside and feeds again from before it
    parsed = parse_pieces(_pieces(["t", 6, "p", 1, "p", 2, 3, 4, 5, "p"]))
    assert _outline(parsed) == [("section-order", 6, 10)]
    assert _sections(parsed) == [("SECTION_MISPLACED", 6), *((f"SECTION_{n}", n)
                                                             for n in range(1, 6))]
    misplaced = parsed.tree.children[1]
    assert isinstance(misplaced, Node) and len(misplaced.children) == 2  # its paragraph kept


def test_a_section_moved_forward_is_set_aside_where_it_stands() -> None:
    parsed = parse_pieces(_pieces([1, 2, 5, 3, 4, 6]))
    assert _outline(parsed) == [("section-order", 5, 20)]
    assert [n for _, n in _sections(parsed)] == [1, 2, 5, 3, 4, 6]


def test_a_second_heading_is_repeated_and_a_missing_section_comes_from_the_parse() -> None:
    parsed = parse_pieces(_pieces([1, 2, "p", 2, "p", 4, 5, 6]))
    assert _outline(parsed) == [("section-repeated", 2, 30), ("section-missing", 3, 50)]
    assert _sections(parsed)[2] == ("SECTION_REPEATED", 2)


def test_missing_sections_at_the_end_are_placed_at_the_end() -> None:
    parsed = parse_pieces(_pieces([1, 2, 3, 4, "p"]))
    assert _outline(parsed) == [("section-missing", 5, 45), ("section-missing", 6, 45)]


def test_a_misplaced_section_is_not_also_missing() -> None:
    # either of 二 一 could be set aside; the earlier one is kept (as before the recovery)
    parsed = parse_pieces(_pieces([2, 1, 3, 4, 5, 6]))
    assert _outline(parsed) == [("section-order", 1, 10)]


def test_what_was_noted_in_a_rolled_back_section_is_noted_once() -> None:
    # a title inside section 六 does not fit there; 六 is then rolled back and fed again
    parsed = parse_pieces(_pieces([6, "t", 1, 2, 3, 4, 5]))
    assert [p.kind for p in parsed.problems] == ["structure"]
    assert _outline(parsed) == [("section-order", 6, 0)]


def _fewest_removals(numbers: list[int]) -> int:
    """How many first headings must be set aside so that the rest run 一 to 六: by brute force."""
    firsts = list(dict.fromkeys(numbers))
    for keep in range(len(firsts), -1, -1):
        for mask in range(1 << len(firsts)):
            kept = [n for i, n in enumerate(firsts) if mask >> i & 1]
            if len(kept) == keep and kept == sorted(kept):
                return len(firsts) - keep
    return len(firsts)


def test_random_outlines_set_aside_the_fewest() -> None:
    chance = random.Random(11)
    for _ in range(300):
        numbers = [chance.randint(1, 6) for _ in range(chance.randint(0, 9))]
        parsed = parse_pieces(_pieces(["t", *numbers]))
        kinds = [p.kind for p in parsed.outline]
        assert kinds.count("section-order") == _fewest_removals(numbers), numbers
        assert kinds.count("section-repeated") == len(numbers) - len(set(numbers)), numbers
        assert sorted(p.expected for p in parsed.outline if p.kind == "section-missing") == \
            sorted(set(range(1, 7)) - set(numbers)), numbers
        kept = [n for t, n in _sections(parsed) if t.startswith("SECTION_") and t[-1].isdigit()]
        assert kept == sorted(set(kept)), numbers
        assert parsed.problems == [], numbers


# -- the seed with its sections moved, doubled and removed

def _chunks() -> tuple[str, dict[int, str], str]:
    """The seed as the text before section 一, each section's text, and the text after 六."""
    report = parse_text(SEED)
    starts = [section.span.start for section in report.sections]
    end = report.signature.span.start if report.signature is not None else len(SEED)
    bounds = [*starts, end]
    chunks = {section.number: SEED[bounds[i]:bounds[i + 1]]
              for i, section in enumerate(report.sections)}
    return SEED[:starts[0]], chunks, SEED[end:]


def _seed_with(order: list[int]) -> str:
    head, chunks, tail = _chunks()
    return head + "".join(chunks[n] for n in order) + tail


def _outline_of(text: str) -> list[tuple[str, int | None, str]]:
    """(kind, section number, the text at the problem's place) for the outline's problems."""
    report = parse_text(text)

    def at(problem: Problem) -> str:
        return text[problem.span.start:problem.span.start + 6]

    return [(p.kind, p.expected if p.kind == "section-missing" else p.found, at(p))
            for p in report.outline]


def test_the_seed_parses_with_no_outline_problem() -> None:
    assert _chunks()[1].keys() == {1, 2, 3, 4, 5, 6}
    assert parse_text(_seed_with([1, 2, 3, 4, 5, 6])).outline == ()


def test_the_seed_with_six_first_has_one_misplaced_section() -> None:
    text = _seed_with([6, 1, 2, 3, 4, 5])
    assert _outline_of(text) == [("section-order", 6, "六、其他需要")]
    report = parse_text(text)
    assert [s.number for s in report.sections] == [6, 1, 2, 3, 4, 5]
    assert set(report.tables) == {"active", "requests", "review"}
    assert [d.code for d in lint_text(text, [SectionOrder, MissingSection])] == ["S002"]


def test_the_seed_with_two_sections_swapped() -> None:
    assert _outline_of(_seed_with([1, 3, 2, 4, 5, 6])) == [("section-order", 2, "二、主动公开")]


def test_the_seed_with_a_section_doubled() -> None:
    text = _seed_with([1, 2, 3, 4, 5, 5, 6])
    assert _outline_of(text) == [("section-repeated", 5, "五、存在的主")]
    second = text.index("五、存在的主要问题", text.index("五、存在的主要问题") + 1)
    assert parse_text(text).outline[0].span.start == second


def test_the_seed_with_a_section_removed() -> None:
    assert _outline_of(_seed_with([1, 2, 4, 5, 6])) == [("section-missing", 3, "四、政府信息")]
    codes = [d.code for d in lint_text(_seed_with([1, 2, 4, 5, 6]), [MissingSection])]
    assert codes == ["S001"]


def test_the_seed_moved_doubled_and_cut() -> None:
    # of the first headings 二 一 四 六 五, one longest run in order is kept: 二 四 六 (ties keep
    # the earlier heading), so 一 and 五 are set aside
    assert _outline_of(_seed_with([2, 1, 1, 4, 6, 5])) == [
        ("section-order", 1, "一、总体情况"), ("section-repeated", 1, "一、总体情况"),
        ("section-missing", 3, "四、政府信息"), ("section-order", 5, "五、存在的主")]


# -- which table belongs in which section

def _with_review(spec: list[int | str]) -> list[Piece]:
    """:func:`_pieces`, with ``"T"`` standing for a table 四 (header only)."""
    pieces = _pieces([item if item != "T" else "p" for item in spec])
    for at, item in enumerate(spec):
        if item == "T":
            span = Span(10 * at, 10 * at + 5)
            header = TableItem("header", span, "行政复议 行政诉讼")
            pieces[at] = Piece("table", span, TableRead("review", "2021", (header,), span))
    return pieces


def _placement(parsed: Parsed) -> list[tuple[int | None, int | None, int]]:
    return [(p.expected, p.found, p.span.start) for p in parsed.outline
            if p.kind == "table-section"]


def test_a_table_in_its_section_in_the_preamble_or_in_a_section_set_aside_fits() -> None:
    for spec in ([1, 2, 3, 4, "T", 5, 6], ["T", 1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 4, "T", 6]):
        parsed = parse_pieces(_with_review(spec))
        assert _placement(parsed) == [] and parsed.problems == [], spec


def test_a_table_outside_its_section_is_kept_and_noted() -> None:
    parsed = parse_pieces(_with_review([1, 2, 3, 4, 5, "T", 6]))
    assert _placement(parsed) == [(4, 5, 50)]
    assert parsed.problems == []
    section = parsed.tree.children[5]
    assert isinstance(section, Node)
    assert [getattr(c, "data", None) for c in section.children] == [None, "review_table"]


def test_a_table_noted_in_a_section_then_set_aside_is_noted_no_more() -> None:
    # the table is outside its section under 六 … until 六 is set aside (rolled back)
    parsed = parse_pieces(_with_review([6, "T", 1, 2, 3, 4, 5]))
    assert _placement(parsed) == []
    assert _outline(parsed) == [("section-order", 6, 0)]
    assert parsed.tree.children[1].children[1].data == "review_table"  # type: ignore[union-attr]


def _without_heading(number: int) -> str:
    heading = parse_text(SEED).sections[number - 1].heading
    return SEED[:heading.span.start] + SEED[heading.span.end:]


def test_a_lost_heading_leaves_its_table_in_the_section_before() -> None:
    for number in (2, 3):
        report = parse_text(_without_heading(number))
        placed = [(p.table, p.expected, p.found) for p in report.outline
                  if p.kind == "table-section"]
        kind = {2: "active", 3: "requests"}[number]
        assert placed == [(kind, number, number - 1)]
        assert set(report.tables) == {"active", "requests", "review"}
        # reported as the missing heading (S001, at the table), not a second time
        found = lint_text(_without_heading(number), [MissingSection, SectionOrder])
        assert [(d.code, d.span.start) for d in found] == \
            [("S001", report.tables[kind].span.start)]
