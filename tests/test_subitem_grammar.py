"""Sub-item sequences are decided by the grammar's recovery (S004 reads its problems).

The old hand-written check (``_sequence_breaks``, kept below as the oracle) and the parser's
recovered errors must agree on every sequence of markers the grammar counts.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from gipr_lint_national._text import cjk_numeral

from gipr_lint.model import Marker, Paragraph, Report
from gipr_lint.reading.canonical import SUB_CAP, vocabulary
from gipr_lint.reading.grammar import parse_pieces, tokens
from gipr_lint.reading.layout import recover
from gipr_lint.reading.parser import parse_text
from gipr_lint.reading.source import Source
from gipr_lint.templates import current

_HEAD = "某镇人民政府2024年政府信息公开工作年度报告\n"
_SECTIONS = {1: "一、总体情况", 2: "二、主动公开政府信息情况", 5: "五、存在的主要问题及改进情况",
             6: "六、其他需要报告的事项"}


def _old_marker_text(value: int, style: str, brackets: tuple[str, str]) -> str:
    body = cjk_numeral(value) if style == "paren-cjk" else str(value)
    return f"{brackets[0]}{body}{brackets[1]}"


def _old_sequence_breaks(subheadings: tuple[Paragraph, ...]
                         ) -> Iterator[tuple[Marker, Marker, str]]:
    """The hand-written check S004 used before the grammar decided sub-items (the oracle)."""
    last: dict[str, Marker] = {}
    current_style: str | None = None
    for paragraph in subheadings:
        marker = paragraph.marker
        assert marker is not None
        style = marker.style
        if current_style is not None and marker.value != 1:
            previous = last.get(style)
            if style == current_style and previous is not None:
                if marker.value != previous.value + 1:
                    yield previous, marker, _old_marker_text(
                        previous.value + 1, style, (previous.text[0], previous.text[-1]))
            elif style != current_style and not (previous and marker.value == previous.value + 1):
                outer = last[current_style]
                if marker.value == outer.value + 1:
                    yield outer, marker, _old_marker_text(
                        outer.value + 1, current_style, (outer.text[0], outer.text[-1]))
        last[style] = marker
        current_style = style


def _old(report: Report) -> list[tuple[int, int, str]]:
    return [(previous.span.start, found.span.start, expected)
            for section in report.sections
            for previous, found, expected in _old_sequence_breaks(section.subheadings)]


def _new(report: Report) -> list[tuple[int, int, str]]:
    found = []
    for problem in report.outline:
        if problem.kind == "subheading-sequence":
            previous, marker = problem.markers
            assert problem.expected is not None and problem.span == marker.span
            found.append((previous.span.start, marker.span.start, _old_marker_text(
                problem.expected, previous.style, (previous.text[0], previous.text[-1]))))
    return found


def _marker(style: str, value: int, brackets: tuple[str, str] = ("（", "）")) -> str:
    return _old_marker_text(value, style, brackets)


def _report(sections: dict[int, list[tuple[str, int]]], prose: float = 0.0,
            rng: random.Random | None = None) -> str:
    lines = [_HEAD]
    for number, markers in sections.items():
        lines.append(_SECTIONS[number] + "\n")
        for style, value in markers:
            brackets = ("(", ")") if rng is not None and rng.random() < 0.2 else ("（", "）")
            lines.append(f"{_marker(style, value, brackets)}第{value}项工作\n")
            if rng is not None and rng.random() < prose:
                lines.append("本单位认真落实有关规定，做好相关工作。\n")
    return "".join(lines)


C, A = "paren-cjk", "paren-arabic"


def _breaks(markers: list[tuple[str, int]]) -> list[tuple[str, str, str]]:
    """(previous, found, expected) marker texts of the breaks in one section."""
    text = _report({1: markers})
    report = parse_text(text)
    new = _new(report)
    assert new == _old(report)
    return [(_text(text, p), _text(text, f), e) for p, f, e in new]


def _text(text: str, start: int) -> str:
    return text[start:text.index("）", start) + 1]


@pytest.mark.parametrize(("markers", "expected"), [
    ([(C, 1), (C, 2), (C, 3)], []),                                        # in order
    ([(C, 1), (C, 2), (C, 4), (C, 5)], [("（二）", "（四）", "（三）")]),  # skip
    ([(C, 1), (C, 2), (C, 2), (C, 3)], [("（二）", "（二）", "（三）")]),         # repeat
    ([(C, 1), (C, 2), (A, 3), (A, 4)], [("（二）", "（3）", "（三）")]),          # other style
    ([(C, 1), (A, 1), (A, 2), (C, 2), (A, 1), (C, 3)], []),                 # nested
    ([(C, 1), (A, 1), (A, 2), (C, 2), (A, 3), (C, 3)], []),                 # nested count goes on
    ([(C, 1), (C, 2), (C, 1), (C, 2)], []),                                 # restart at 1
    ([(C, 1), (C, 2), (A, 7)], []),                                         # a jump: silence
    ([(C, 3), (C, 4)], []),                                                 # first opens anywhere
    ([(C, 1), (A, 1), (A, 3)], [("（1）", "（3）", "（2）")]),                  # skip in nested
    ([(C, 1), (A, 1), (A, 2), (C, 3)], [("（2）", "（三）", "（3）")]),  # carries (2)
])
def test_constructed_sequences(markers: list[tuple[str, int]],
                               expected: list[tuple[str, str, str]]) -> None:
    assert _breaks(markers) == expected


def test_the_phantoms_stand_for_no_text() -> None:
    """A repaired run keeps every real sub-heading as a paragraph of its section, in order."""
    text = _report({1: [(C, 1), (C, 2), (C, 5), (A, 4), (C, 6)]})
    report = parse_text(text)
    assert [p.marker.value for p in report.sections[0].subheadings  # type: ignore[union-attr]
            ] == [1, 2, 5, 4, 6]


def test_sub_headings_are_tokens_up_to_the_cap() -> None:
    text = _report({1: [(A, 1), (A, SUB_CAP), (A, SUB_CAP + 1)]})
    stream = tokens(recover(Source.from_text(text)).pieces)
    assert [t.type for t in stream if t.type.startswith(("SUB", "PARAGRAPH"))] == [
        "SUB_ARABIC_1", f"SUB_ARABIC_{SUB_CAP}", "PARAGRAPH"]
    assert vocabulary(current()).subs[f"SUB_CJK_{SUB_CAP}"] == (C, SUB_CAP)


def test_above_the_cap_a_sub_heading_is_a_paragraph() -> None:
    """Deliberately unlike the old check: a marker numbered above the cap is not counted."""
    top = f"（{SUB_CAP}）"
    assert _breaks([(A, 1), (A, SUB_CAP), (A, 2)]) == [("（1）", top, "（2）"),
                                                       (top, "（2）", f"（{SUB_CAP + 1}）")]
    text = _report({1: [(A, SUB_CAP - 1), (A, SUB_CAP), (A, SUB_CAP + 1), (A, SUB_CAP + 3)]})
    assert _new(parse_text(text)) == []
    assert _old(parse_text(text)) != []  # the old check counted on past the cap


def test_no_sub_item_problem_outside_sections() -> None:
    text = _HEAD + "（二）前言\n（五）说明\n一、总体情况\n（三）主动公开\n（五）依申请公开\n"
    report = parse_text(text)
    assert [p.found for p in report.outline if p.kind == "subheading-sequence"] == [5]
    parsed = parse_pieces(recover(Source.from_text(text)).pieces)
    assert not [p for p in parsed.problems if "sub-heading" in p.message]


def _random_markers(rng: random.Random, cap: int) -> list[tuple[str, int]]:
    markers: list[tuple[str, int]] = []
    values = {C: 0, A: 0}
    style = rng.choice((C, A))
    for _ in range(rng.randint(1, 14)):
        roll = rng.random()
        if roll < 0.25:
            style = A if style == C else C
        if roll < 0.55:
            values[style] += 1  # in order
        elif roll < 0.7:
            values[style] = 1  # a restart
        elif roll < 0.85:
            values[style] = max(1, values[style] + rng.choice((-1, 0, 2, 3)))  # repeat, skip
        else:
            values[style] = rng.randint(1, cap)  # a jump
        values[style] = min(values[style], cap)
        markers.append((style, values[style]))
    return markers


def test_the_grammar_agrees_with_the_old_check_on_random_sequences() -> None:
    rng = random.Random(11)
    compared = breaks = 0
    for _ in range(600):
        sections = {number: _random_markers(rng, SUB_CAP if rng.random() < 0.2 else 6)
                    for number in rng.sample(sorted(_SECTIONS), rng.randint(1, 3))}
        sections = dict(sorted(sections.items()))
        report = parse_text(_report(sections, prose=0.3, rng=rng))
        old = _old(report)
        assert _new(report) == old, sections
        compared += 1
        breaks += len(old)
    assert compared == 600 and breaks > 300  # the random sequences do break, often


_SEED = (Path(__file__).parent / "fixtures" / "000_6a437f78ed373b70.txt").read_text(
    encoding="utf-8")


def _with_sub_headings(rng: random.Random) -> tuple[str, str]:
    """The seed with random sub-headings after each section heading and before the next one
    (around the tables of sections 二 to 四), and the same text with plain paragraphs instead."""
    lines = _SEED.split("\n")
    marked: list[str] = []
    plain: list[str] = []

    def add(markers: list[tuple[str, int]], words: str) -> None:
        marked.extend(f"{_marker(s, v)}{words}" for s, v in markers)
        plain.extend(f"{words}{v}" for _, v in markers)

    for at, line in enumerate(lines):
        following = lines[at + 1] if at + 1 < len(lines) else ""
        if following[:2] in ("二、", "三、", "四、", "五、") and rng.random() < 0.7:
            add(_random_markers(rng, 8)[:4], "补充说明")
        marked.append(line)
        plain.append(line)
        if line[:2] in ("一、", "二、", "三、", "四、", "五、", "六、") and rng.random() < 0.7:
            add(_random_markers(rng, 8)[:4], "有关情况")
    return "\n".join(marked), "\n".join(plain)


def _cells(report: Report) -> dict[str, list[int | None]]:
    return {kind: [c.value for row in table.rows for c in row.cells]
            for kind, table in report.tables.items()}


def test_the_grammar_agrees_with_the_old_check_around_tables() -> None:
    """Sub-headings around the tables: the same breaks as the old check, and the tables and the
    outline as read when the same lines are plain paragraphs (a sub-item's body holds its
    section's table)."""
    rng = random.Random(4)
    breaks = 0
    for _ in range(150):
        marked, plain = _with_sub_headings(rng)
        report, unmarked = parse_text(marked), parse_text(plain)
        old = _old(report)
        assert _new(report) == old
        assert _cells(report) == _cells(unmarked)
        assert [(p.kind, p.found) for p in report.outline if p.kind != "subheading-sequence"
                ] == [(p.kind, p.found) for p in unmarked.outline]
        assert [p.message for p in report.problems] == [p.message for p in unmarked.problems]
        breaks += len(old)
    assert breaks > 50
