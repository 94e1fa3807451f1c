"""Layout recovery: from a report's text, in whatever layout, to an ordered list of pieces.

The pieces (title, debris, section headings, paragraphs, table items, signature) cover the text
in document order, each with its span. :mod:`gipr_lint.grammar` turns them into tokens for the
Lark grammar. Nothing here relies on line breaks alone: headings, labels and cells are anchored on
the official wording, so a page flattened to one line is recovered as well as a tidy text file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gipr_lint.layout.compact import CompactText
from gipr_lint.layout.debris import find_debris
from gipr_lint.layout.headings import HeadingMatch, find_section_headings
from gipr_lint.layout.markers import read_marker
from gipr_lint.layout.signature import SignatureMatch, find_signature
from gipr_lint.layout.tables import TableRead, read_active, read_requests, read_review
from gipr_lint.model import Debris, Paragraph, Problem
from gipr_lint.source import Source, Span

__all__ = ["Layout", "Piece", "recover"]


@dataclass(frozen=True, slots=True)
class Piece:
    """A recognised piece of the text.

    ``kind`` is ``title``, ``debris``, ``heading``, ``paragraph``, ``table`` or ``signature``;
    ``data`` is the matching object (:class:`~gipr_lint.model.Debris`,
    :class:`~gipr_lint.layout.headings.HeadingMatch`, :class:`~gipr_lint.model.Paragraph`,
    :class:`~gipr_lint.layout.tables.TableRead`, :class:`SignatureMatch`, or the title span).
    """

    kind: str
    span: Span
    data: object = None


@dataclass
class Layout:
    pieces: list[Piece]
    problems: list[Problem] = field(default_factory=list)


_TABLE_READERS = ((2, read_active), (3, read_requests), (4, read_review))
_TITLE_IN_LINE = re.compile(r"[^。，,\n]{2,80}?(?:年度报告|年报|工作报告)")
_LONG_LINE = 200


def _lines(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for line in text.splitlines(keepends=True):
        end = start + len(line.rstrip("\r\n"))
        spans.append((start, end))
        start += len(line)
    return spans


def _section_regions(headings: list[HeadingMatch], length: int) -> dict[int, tuple[int, int]]:
    """Where each section's body is: from its heading to the next heading.

    A missing section gets the body of the nearest earlier section (up to the next later
    section's heading), which is where its table ends up when only the heading is lost.
    """
    bounds: dict[int, tuple[int, int, int]] = {}  # number -> heading start, body start, body end
    ordered = sorted(headings, key=lambda h: h.heading.span.start)
    for index, match in enumerate(ordered):
        end = ordered[index + 1].heading.span.start if index + 1 < len(ordered) else length
        bounds.setdefault(match.number, (match.heading.span.start, match.heading.span.end, end))
    regions = {number: (body, end) for number, (_, body, end) in bounds.items()}
    for number in range(1, 7):
        if number in regions:
            continue
        earlier = [bounds[n] for n in bounds if n < number]
        later = [bounds[n] for n in bounds if n > number]
        start = max(b[1] for b in earlier) if earlier else 0
        end = min(b[0] for b in later) if later else length
        regions[number] = (start, max(start, end))
    return regions


def _subtract(start: int, end: int, taken: list[Span]) -> list[tuple[int, int]]:
    """The parts of ``[start, end)`` not covered by ``taken`` (sorted, non-overlapping)."""
    parts = []
    cursor = start
    for span in taken:
        if span.end <= cursor or span.start >= end:
            continue
        if span.start > cursor:
            parts.append((cursor, span.start))
        cursor = max(cursor, span.end)
    if cursor < end:
        parts.append((cursor, end))
    return parts


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _find_title(text: str, lines: list[tuple[int, int]], before: int,
                taken: list[Span]) -> Span | None:
    """The first line (or leading phrase of a long line) before the first section that names the
    report."""
    for start, end in lines:
        if start >= before:
            break
        for part_start, part_end in _subtract(start, min(end, before), taken):
            part_start, part_end = _strip(text, part_start, part_end)
            if part_start == part_end:
                continue
            line = text[part_start:part_end]
            if len(line) <= 80 and ("报告" in line or "年报" in line):
                return Span(part_start, part_end)
            if len(line) > 80:
                match = _TITLE_IN_LINE.match(text, part_start, part_end)
                if match and "政府信息公开" in match.group():
                    return Span(match.start(), match.end())
            return None
    return None


def recover(source: Source) -> Layout:
    """Recover the pieces of a report from its text."""
    text = source.text
    lines = _lines(text)
    view = CompactText(text)
    headings = find_section_headings(text, view, lines)
    problems: list[Problem] = []
    pieces: list[Piece] = [Piece("heading", h.heading.span, h) for h in headings]
    taken: list[Span] = [h.heading.span for h in headings]

    regions = _section_regions(headings, len(text))
    for number, reader in _TABLE_READERS:
        start, end = regions[number]
        table = reader(text, view, start, end)
        if table is not None:
            pieces.append(Piece("table", table.span, table))
            taken.append(table.span)
            problems.extend(table.problems)
    taken.sort()

    for start, end in lines:
        whole_line = end - start <= _LONG_LINE
        for part_start, part_end in _subtract(start, end, taken):
            for debris in find_debris(text, part_start, part_end, whole_line=whole_line):
                pieces.append(Piece("debris", debris.span, debris))
                taken.append(debris.span)
    taken.sort()

    first_heading = headings[0].heading.span.start if headings else len(text)
    title = _find_title(text, lines, first_heading, taken)
    if title is not None:
        pieces.append(Piece("title", title, title))
        taken.append(title)
        taken.sort()

    last_heading_end = max((h.heading.span.end for h in headings), default=0)
    signature = find_signature(text, lines, last_heading_end, taken)
    if signature is not None:
        pieces.append(Piece("signature", signature.span, signature))
        taken.append(signature.span)
        taken.sort()

    for start, end in lines:
        for part_start, part_end in _subtract(start, end, taken):
            part_start, part_end = _strip(text, part_start, part_end)
            if part_start < part_end:
                paragraph = Paragraph(text[part_start:part_end], Span(part_start, part_end),
                                      read_marker(text, part_start, part_end))
                pieces.append(Piece("paragraph", paragraph.span, paragraph))
    pieces.sort(key=lambda piece: (piece.span.start, piece.span.end))
    return Layout(pieces, problems)


__all__ += ["Debris", "SignatureMatch", "TableRead"]
