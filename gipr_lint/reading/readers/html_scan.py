"""A small, safe HTML scanner: decoded page text -> elements and text runs with exact offsets.

Written for reading reports out of portal pages, not for rendering them. It keeps what the HTML
reader needs (the element tree, ``rowspan``/``colspan``, ``class``/``id`` and every text run with
its offset in the page, so that findings can name the line and column of the ``.html`` file) and
is safe on untrusted input by construction:

- nothing is ever fetched or loaded: there is no DTD, no external entity, no ``src``; character
  references are decoded from HTML's fixed table (:func:`html.unescape`), an unknown ``&name;``
  stays as written, so no entity can expand into anything large;
- no recursion anywhere (100,000 nested elements are a list, not a call stack);
- linear time: every search moves forward, no pattern backtracks, and closing a tag that is
  not open costs a dictionary look-up, not a scan of the open elements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gipr_lint.regex import compile_re

__all__ = ["MAX_ELEMENTS", "Element", "Scan", "ScanLimit", "TextRun", "scan"]

#: The most elements a page may have (a portal page has a few thousand; a 100,000-cell table
#: about 200,000; reading costs about 1 KB of memory and 8 µs per element). Set
#: ``GIPR_LINT_MAX_HTML_ELEMENTS`` to change it.
MAX_ELEMENTS = 1_000_000


class ScanLimit(ValueError):
    """The page has more elements than :func:`max_elements` allows."""


def max_elements() -> int:
    import os

    value = os.environ.get("GIPR_LINT_MAX_HTML_ELEMENTS", "").strip()
    return int(value) if value.isdigit() else MAX_ELEMENTS

#: Elements that have no end tag.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr", "keygen", "frame", "basefont", "isindex"})
#: Elements whose content is not markup: skipped up to their end tag, never read as report text.
RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "noscript", "iframe",
                      "noembed", "noframes", "template", "svg", "math", "object", "select"})

_TAG_START = compile_re(r"<(?=[A-Za-z/!?])")
# Both always match once the tag name did (an unterminated quote runs to the end of the page,
# as in browsers), so no search ever backtracks over the rest of the page.
_START = compile_re(
    r"<([A-Za-z][A-Za-z0-9:._-]*)((?:[^>\"']+|\"[^\"]*\"?|'[^']*'?)*)>?")
_END = compile_re(r"</([A-Za-z][A-Za-z0-9:._-]*)[^>]*>?")
_ATTR = compile_re(r"([^\s=/>\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_RAW_END: dict[str, re.Pattern[str]] = {
    name: compile_re(rf"</{name}\b[^>]*>", re.IGNORECASE) for name in RAW_TEXT}
#: Attributes kept on elements (the others are never looked at).
_KEPT = frozenset({"rowspan", "colspan", "class", "id", "style", "hidden"})


@dataclass(slots=True)
class Element:
    """An element: its tag (lower case), the attributes kept, its parent and where its content
    starts and ends in the list of text runs and events."""

    tag: str
    raw: str  # the attributes as written
    parent: int
    depth: int
    start: int  # index of its start event
    end: int = -1  # index of its end event (or of the last event, if never closed)
    at: int = 0  # offset of its start tag in the page
    _attrs: dict[str, str] | None = None
    #: Set by the reader: whether the element is page furniture (cached).
    chrome: bool | None = None
    #: Set by the reader: a table that only lays the page out.
    layout: bool = False

    @property
    def attrs(self) -> dict[str, str]:
        """The attributes kept (``rowspan``, ``colspan``, ``class``, ``id``, ``style``,
        ``hidden``), parsed on first use."""
        if self._attrs is None:
            self._attrs = _attrs(self.raw) if self.raw else {}
        return self._attrs


@dataclass(frozen=True, slots=True)
class TextRun:
    """A run of character data: ``start``/``end`` offsets into the page text, and the
    innermost element open around it (``-1`` for none)."""

    start: int
    end: int
    owner: int = -1


@dataclass
class Scan:
    """The page as a flat list of events: ``("start", element index)``, ``("end", element
    index)`` and ``("text", TextRun)``, in page order, plus the elements."""

    text: str
    elements: list[Element] = field(default_factory=list)
    events: list[tuple[str, int | TextRun]] = field(default_factory=list)


def _attrs(raw: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTR.finditer(raw):
        name = match.group(1).lower()
        if name in _KEPT and name not in found:
            value = match.group(2) or ""
            if value[:1] in ("'", '"'):
                value = value[1:-1]
            found[name] = value
    return found


class _Builder:
    """Keeps the stack of open elements and closes them the forgiving way browsers do."""

    def __init__(self, result: Scan) -> None:
        self.result = result
        self.stack: list[int] = []
        self.open_count: dict[str, int] = {}
        self.limit = max_elements()
        self.tags: dict[str, str] = {}  # one string per tag name, however often it occurs

    def _pop(self) -> None:
        index = self.stack.pop()
        element = self.result.elements[index]
        self.open_count[element.tag] -= 1
        element.end = len(self.result.events)
        self.result.events.append(("end", index))

    def close(self, tag: str) -> None:
        if not self.open_count.get(tag):
            return  # a stray end tag: ignored, as browsers do
        while self.stack:
            top = self.result.elements[self.stack[-1]].tag
            self._pop()
            if top == tag:
                return

    def _close_within_table(self, tags: frozenset[str]) -> None:
        """Close an open cell or row of the current table (implied end tags)."""
        for index in reversed(self.stack):
            tag = self.result.elements[index].tag
            if tag == "table":
                return
            if tag in tags:
                self.close(tag)
                return

    def open(self, tag: str, raw: str, at: int = 0) -> None:
        if tag in ("td", "th"):
            self._close_within_table(frozenset({"td", "th"}))
        elif tag == "tr":
            self._close_within_table(frozenset({"tr"}))
        elif tag == "li" and self.stack and self.result.elements[self.stack[-1]].tag == "li":
            self.close("li")
        parent = self.stack[-1] if self.stack else -1
        depth = self.result.elements[parent].depth + 1 if parent >= 0 else 0
        index = len(self.result.elements)
        if index >= self.limit:
            raise ScanLimit(f"refused: the page has more than {self.limit:,} elements "
                            "(GIPR_LINT_MAX_HTML_ELEMENTS)")
        tag = self.tags.setdefault(tag, tag)
        self.result.elements.append(Element(tag, raw, parent, depth,
                                            start=len(self.result.events), at=at))
        self.result.events.append(("start", index))
        if tag in VOID:
            self.result.elements[index].end = len(self.result.events) - 1
            return
        self.stack.append(index)
        self.open_count[tag] = self.open_count.get(tag, 0) + 1

    def data(self, start: int, end: int) -> None:
        if end > start:
            owner = self.stack[-1] if self.stack else -1
            self.result.events.append(("text", TextRun(start, end, owner)))

    def finish(self) -> None:
        while self.stack:
            self._pop()


def scan(text: str) -> Scan:
    """Scan a decoded page into elements and text runs (never raises on bad markup)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()  # millions of small objects, none cyclic: collection would go quadratic
    try:
        return _scan(text)
    finally:
        if enabled:
            gc.enable()


def _scan(text: str) -> Scan:
    result = Scan(text)
    builder = _Builder(result)
    length = len(text)
    pos = 0
    while pos < length:
        match = _TAG_START.search(text, pos)
        if match is None:
            builder.data(pos, length)
            break
        at = match.start()
        builder.data(pos, at)
        if text.startswith("<!--", at):
            close = text.find("-->", at + 4)
            pos = length if close < 0 else close + 3
            continue
        if text[at + 1] in "!?":  # <!DOCTYPE ...>, <![CDATA[...]]>, <?xml ...?>: skipped
            close = text.find(">", at)
            pos = length if close < 0 else close + 1
            continue
        if text[at + 1] == "/":
            end = _END.match(text, at)
            if end is None:  # "</" not followed by a name: a bogus comment up to ">"
                close = text.find(">", at)
                pos = length if close < 0 else close + 1
                continue
            builder.close(end.group(1).lower())
            pos = end.end()
            continue
        start = _START.match(text, at)
        assert start is not None  # the lookahead guarantees a letter after "<"
        tag, raw, pos = start.group(1).lower(), start.group(2), start.end()
        if tag in RAW_TEXT:
            skip = _RAW_END[tag].search(text, pos)
            pos = length if skip is None else skip.end()
            continue
        builder.open(tag, raw, at)
    builder.finish()
    return result
