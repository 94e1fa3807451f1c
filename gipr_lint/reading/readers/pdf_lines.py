"""Lines of a PDF page rebuilt from its characters, and lines joined into paragraphs.

A PDF has no paragraphs, only glyphs at positions. Glyphs whose vertical middles agree form a
line, read left to right. A space is kept where the file draws one; between two characters of
Latin script a wide gap counts as a space too, but never between Chinese characters (justified
Chinese text spreads its characters, and a space invented there would be reported as a stray
space inside Chinese text).

Lines join into a paragraph where the layout says one continues: the line before runs to the
right margin and the next one starts at the left margin with nothing in between, also across a
page break. A title set larger and centred over two lines is joined as well. Running headers,
footers and page numbers (lines at the top or bottom of a page that repeat on other pages or
read "- 3 -", "第3页 共9页") are not part of the report and are removed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from gipr_lint.regex import compile_re

__all__ = ["Line", "furniture", "join_text", "lines_of", "paragraphs"]


@dataclass(frozen=True, slots=True)
class Line:
    """A line of text on a page; coordinates in PDF points from the page's top left."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int


def _is_cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def join_text(before: str, after: str) -> str:
    """Join the text of two wrapped lines: with a space only between two Latin words."""
    if not before or not after:
        return before + after
    if before[-1].isspace() or after[0].isspace():
        return before + after
    if before[-1].isascii() and before[-1].isalpha() and after[0].isascii() and after[0].isalpha():
        return f"{before} {after}"
    return before + after


def _line_text(chars: Sequence[Mapping[str, Any]]) -> str:
    out: list[str] = []
    previous: Mapping[str, Any] | None = None
    for char in chars:
        text = str(char["text"]).replace("\u00a0", " ")
        if text.isspace():
            if out and not out[-1].isspace():
                out.append(" ")
            previous = char
            continue
        if previous is not None and out and not out[-1].isspace():
            gap = float(char["x0"]) - float(previous["x1"])
            last = str(previous["text"])[-1:]
            if gap > 0.25 * float(char["size"]) and _is_latin(last) and _is_latin(text[:1]):
                out.append(" ")
        out.append(text)
        previous = char
    return "".join(out).strip()


def _unique(chars: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Drop a character drawn again over itself (a "bold" made by overprinting)."""
    out: list[Mapping[str, Any]] = []
    for char in chars:
        if out and char["text"] == out[-1]["text"] and abs(
                float(char["x0"]) - float(out[-1]["x0"])) < 0.15 * float(char["size"] or 1):
            continue
        out.append(char)
    return out


def lines_of(chars: Iterable[Mapping[str, Any]], page: int) -> list[Line]:
    """The lines ``chars`` (pdfplumber character dicts) form, top to bottom."""
    upright = [c for c in chars if c.get("upright", True) and str(c.get("text", ""))]
    upright.sort(key=lambda c: (float(c["top"]) + float(c["bottom"])) / 2)
    groups: list[list[Mapping[str, Any]]] = []
    middle = 0.0
    for char in upright:
        mid = (float(char["top"]) + float(char["bottom"])) / 2
        size = float(char["size"]) or 1.0
        if groups and abs(mid - middle) <= 0.4 * size:
            groups[-1].append(char)
            continue
        groups.append([char])
        middle = mid
    lines = []
    for group in groups:
        group.sort(key=lambda c: float(c["x0"]))
        group = _unique(group)
        text = _line_text(group)
        if not text:
            continue
        inked = [c for c in group if not str(c["text"]).isspace()] or group
        sizes = sorted(float(c["size"]) for c in inked)
        # the edges of what is printed: an indent typed as U+3000 spaces is still an indent
        lines.append(Line(text=text, x0=min(float(c["x0"]) for c in inked),
                          x1=max(float(c["x1"]) for c in inked),
                          top=min(float(c["top"]) for c in group),
                          bottom=max(float(c["bottom"]) for c in group),
                          size=sizes[len(sizes) // 2] if sizes else 0.0, page=page))
    return lines


_PAGE_NUMBER = compile_re(
    r"^(?:[-—–－_\s]*\d+[-—–－_\s]*"
    r"|第\s*\d+\s*页\s*(?:[,，/、]?\s*共\s*\d+\s*页)?"
    r"|\d+\s*/\s*\d+"
    r"|(?:page|Page|PAGE)\s*\d+(?:\s*(?:of|/)\s*\d+)?)$")


def _shape(line: Line) -> str:
    """A line's text with digits and spaces folded, and its size: a running header repeats it
    (a title set large that reads like the header is not one)."""
    return f"{round(line.size)}:" + re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))


def furniture(pages: Sequence[Sequence[Line]], heights: Sequence[float]) -> set[Line]:
    """Running headers, footers and page numbers: lines to leave out of the report.

    Only the first and last two lines of a page are candidates, and only within the top or
    bottom eighth of the page: a page number there, or a line of the same shape (digits
    aside, same size) in the same band on another page.
    """
    candidates: list[tuple[Line, str]] = []
    for lines, height in zip(pages, heights, strict=True):
        ordered = sorted(lines, key=lambda line: line.top)
        for line in [*ordered[:2], *ordered[-2:]]:
            if line.bottom <= height / 8:
                candidates.append((line, "top"))
            elif line.top >= height * 7 / 8:
                candidates.append((line, "bottom"))
    seen: Counter[tuple[str, str]] = Counter()
    for line, band in set(candidates):
        seen[(band, _shape(line))] += 1
    out = set()
    for line, band in candidates:
        if _PAGE_NUMBER.match(line.text.strip()) or seen[(band, _shape(line))] >= 2:
            out.add(line)
    return out


@dataclass(frozen=True, slots=True)
class Layout:
    """The body text's size, margins and usual gap between lines, read from the lines."""

    size: float
    left: float
    right: float
    #: the most common gap between a body line and the next (paragraph spacing shows as more)
    gap: float = 0.0

    @classmethod
    def of(cls, lines: Sequence[Line]) -> Layout:
        if not lines:
            return cls(0.0, 0.0, 0.0)
        sizes: Counter[float] = Counter()
        for line in lines:
            sizes[round(line.size, 1)] += len(line.text)
        size = sizes.most_common(1)[0][0]
        body = [line for line in lines if abs(line.size - size) < 0.6] or list(lines)
        lefts = Counter(round(line.x0) for line in body)
        rights = Counter(round(line.x1) for line in body)
        left = float(min(x for x, _ in lefts.most_common(3)))
        repeated = [x for x, n in rights.items() if n >= 2] or list(rights)
        gaps: Counter[float] = Counter(
            round(after.top - before.bottom, 0) for before, after in pairwise(body)
            if after.page == before.page and 0 <= after.top - before.bottom < 2 * size)
        gap = gaps.most_common(1)[0][0] if sum(gaps.values()) >= 3 else 0.5 * size
        return cls(size, left, float(max(repeated)), float(gap))


_HEADING_START = compile_re(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")


def _continues(before: Line, after: Line, layout: Layout, adjacent: bool) -> bool:
    """Whether ``after`` continues the paragraph whose last line is ``before``."""
    if abs(before.size - after.size) > 0.6:
        return False
    size = before.size or 1.0
    same_page = before.page == after.page
    if same_page and after.top - before.bottom > min(1.2 * size, layout.gap + 0.35 * size + 1):
        return False  # more space than between the lines of a paragraph
    if not same_page and not adjacent:
        return False
    if before.size > layout.size * 1.2 and same_page:  # a title over two centred lines
        return abs((before.x0 + before.x1) - (after.x0 + after.x1)) / 2 < size
    full = before.x1 >= layout.right - 1.5 * size and before.x0 <= layout.left + 2.5 * size
    flush = after.x0 <= layout.left + 0.5 * size
    if not (full and flush):
        return False
    return not _HEADING_START.match(after.text)  # a heading starts its own paragraph


def paragraphs(items: Sequence[Line | None], layout: Layout) -> list[list[Line]]:
    """Group body lines into paragraphs; ``None`` in ``items`` stands for a table (a break).

    ``items`` are in reading order; a line continues the paragraph before it on the next page
    only when nothing but running headers and footers stands between them (``adjacent``).
    """
    out: list[list[Line]] = []
    previous: Line | None = None
    for item in items:
        if item is None:
            previous = None
            continue
        adjacent = previous is not None and item.page == previous.page + 1
        if previous is not None and out and _continues(previous, item, layout, adjacent):
            out[-1].append(item)
        else:
            out.append([item])
        previous = item
    return out
