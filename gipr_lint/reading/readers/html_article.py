"""Finding the report on a portal page: the article, and the page furniture inside it.

The *article* is the innermost element holding the first and the last section heading and the
title line just before them; everything outside it (navigation, breadcrumbs, the 信息公开
metadata table, footer, related lists) is left out, and so is what follows the content block
inside it (the element holding every section but not the title: print and close links,
上一篇/下一篇 after it are the page's; a 落款 set apart right after it is the report's).
Inside it, page furniture (share buttons, publication lines, print bars, hidden copies) is
skipped by tag, by a word of its class or id, or because it is hidden, unless it holds the
report itself.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from html import unescape

from gipr_lint.i18n import translator
from gipr_lint.reading.readers.html_scan import Element, Scan, TextRun
from gipr_lint.reading.source import DecodeError
from gipr_lint.regex import compile_re

__all__ = ["BLOCK", "find_article", "is_chrome"]

_ = translator("gipr_lint")

#: Tags that end a paragraph (a line of the report).
BLOCK = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre", "center",
    "hr", "form", "address", "main", "figure", "figcaption", "br", "table", "tr", "td", "th",
    "caption", "tbody", "thead", "tfoot", "body", "html", "fieldset", "legend", "details",
    "summary"})
#: Page furniture skipped inside the article, by tag ...
_CHROME_TAGS = frozenset({"nav", "aside", "form", "button", "footer", "menu", "dialog"})
#: ... or by a word in its class or id (share buttons, related links, breadcrumbs, print bars).
_CHROME_WORDS = (
    "share|bdshare|bdsharebuttonbox|fenxiang|related|xgxx|xglj|breadcrumb|crumb|bread|position|"
    "location|footer|foot|nav|navbar|menu|print|toolbar|tools|pagination|pager|comment|qrcode|"
    "ewm|info|source|laiyuan|fbsj|date|time|attr|property|fontsize|zihao|hits")
_CHROME_NAME = compile_re(rf"(?:^|[\s_-])(?:{_CHROME_WORDS})(?:$|[\s_\d-])", re.IGNORECASE)
_CLASS_ID = compile_re(r"""(?<![\w-])(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""",
                       re.IGNORECASE)
_HIDDEN_ATTR = compile_re(r"(?:^|\s)hidden(?:\s|=|$)", re.IGNORECASE)
_HIDDEN = compile_re(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACE = compile_re(r"[ \t\n\r\f\u00a0\u3000]+")
# the six section headings of both formats ("四、因政府信息公开工作被申请行政复议、提起行政
# 诉讼情况" and "五、政府信息公开工作存在的主要问题及改进情况" in 2019)
_HEADINGS = compile_re(
    r"[一二三四五六][\s\u3000]*[、.．,，]?[\s\u3000]*(?:政府信息公开工作|因政府信息公开工作被申请)?"
    r"(总体情况|主动公开政府信息|收到和处理政府信息公开申请|政府信息公开行政复议|行政复议|"
    r"存在的主要问题|其他需要报告)")
_TITLE = compile_re(
    r"^[^\n]{0,40}(?:政府信息公开|政务公开)[^\n]{0,12}(?:年度报告|年报)[^\n]{0,20}$",
    re.MULTILINE)


def is_chrome(element: Element) -> bool:
    """Whether an element is page furniture: by tag, by a word of its class or id, or hidden
    (cached on the element)."""
    if element.chrome is None:
        raw = element.raw
        if element.tag in _CHROME_TAGS:
            element.chrome = True
        elif not raw:
            element.chrome = False
        else:
            names = " ".join("".join(found) for found in _CLASS_ID.findall(raw))
            low = raw.lower()
            element.chrome = bool(names and _CHROME_NAME.search(names)) or (
                ("none" in low or "hidden" in low)
                and bool(_HIDDEN.search(low) or _HIDDEN_ATTR.search(low)))
    return element.chrome


def find_article(result: Scan, text: str) -> tuple[int, int]:
    """The range of events that holds the report: from the title to past the last heading.

    The article is the innermost element holding the first and the last section heading and
    the title just before them; without any heading or title the page holds no report.
    """
    raw: list[str] = []  # every text run, decoded
    owners: list[int] = []
    for kind, value in result.events:
        if kind == "text":
            assert isinstance(value, TextRun)
            piece = text[value.start:value.end]
            raw.append(_SPACE.sub(" ", unescape(piece) if "&" in piece else piece))
            owners.append(value.owner)
    _protect(result, raw, owners)
    texts: list[str] = []
    chrome: set[int] = set()
    boundary = False
    run = 0
    for index, (kind, value) in enumerate(result.events):
        if kind == "text":
            piece = "" if chrome else raw[run]
            run += 1
            texts.append("\n" + piece if boundary and piece.strip() else piece)
            boundary = boundary and not piece.strip()
            continue
        assert isinstance(value, int)
        element = result.elements[value]
        boundary = boundary or element.tag in BLOCK
        if kind == "start":
            if element.end > index and is_chrome(element):
                chrome.add(value)
        else:
            chrome.discard(value)
    starts = []
    total = 0
    for piece in texts:
        starts.append(total)
        total += len(piece)
    joined = "".join(texts)
    headings = [bisect_right(starts, m.start()) - 1 for m in _HEADINGS.finditer(joined)]
    first_heading = headings[0] if headings else len(texts)
    title = None
    for match in _TITLE.finditer(joined, max(0, (starts[first_heading] if headings else total)
                                             - 3000), starts[first_heading] if headings
                                 else total):
        title = bisect_right(starts, match.start()) - 1
    anchors = [index for index in (title, *(headings[:1]), *(headings[-1:])) if index is not None]
    if len(set(headings)) < 1 and title is None:
        raise DecodeError(_("no annual report found on this page (no title and none of the "
                            "six section headings 一、总体情况 … 六、其他需要报告的事项)"))
    nodes = [owners[index] for index in anchors]
    common = nodes[0]
    for node in nodes[1:]:
        common = _common_ancestor(result, common, node)
    if common < 0 or len(set(headings)) < 2:
        return 0, len(result.events)
    element = result.elements[common]
    end = element.end if element.end >= 0 else len(result.events)
    if title is not None:
        body = _body(result, common, owners[headings[0]], owners[headings[-1]], owners[title])
        if body is not None:
            end = min(end, _signature_end(result, common, result.elements[body].end, end, text))
    return element.start, end


#: A 落款 set apart after the content block: the agency, its date, or both.
_SIGNATURE = compile_re(
    r"(?:[\u4e00-\u9fff（）()]{2,40}?(?:人民政府|办公室|办公厅|办事处|委员会|管委会|局|厅|部|委|署|中心|办"
    r"|街道|镇|乡))?[ ]?(?:(?:19|20)\d{2}|二[〇零○][一二三四五六七八九〇零○]{2})[ ]?年"
    r"[0-9一二三四五六七八九十〇零○ ]{1,4}月[0-9一二三四五六七八九十〇零○ ]{1,4}日"
    r"|[\u4e00-\u9fff（）()]{2,40}?(?:人民政府|办公室|办公厅|办事处|委员会|管委会|局|厅|部|委|署|中心)")


def _signature_end(result: Scan, common: int, body_end: int, end: int, text: str) -> int:
    """Where the report ends after its content block ending at event ``body_end``: past the
    elements right after it that hold only the 落款 (some CMSs set it apart, right-aligned),
    up to the first that holds anything else."""
    index = body_end + 1
    while index < end:
        kind, value = result.events[index]
        if kind == "text":
            assert isinstance(value, TextRun)
            if text[value.start:value.end].strip():
                break  # words between the elements: not the report's
            index += 1
            continue
        assert isinstance(value, int)
        element = result.elements[value]
        if kind != "start" or element.parent != common:
            index += 1
            continue
        if element.end < 0:
            break
        words = "".join(text[run.start:run.end] for kind_, run in result.events[index:element.end]
                        if kind_ == "text" and isinstance(run, TextRun))
        words = _SPACE.sub(" ", unescape(words) if "&" in words else words).strip()
        if words and _SIGNATURE.fullmatch(words) is None:
            break
        if words:
            body_end = element.end
        index = element.end + 1
    return body_end


def _body(result: Scan, common: int, first: int, last: int, title: int) -> int | None:
    """The element under the article that holds every section of the report but not its
    title (a CMS's content block, ``<div id="zoom">``), when there is one: the report ends
    with it, and what the article holds after it (print and close links, 上一篇/下一篇, a QR
    code) is the page's, not the report's."""
    body = first
    while body >= 0 and result.elements[body].parent != common:
        body = result.elements[body].parent
    if body < 0 or result.elements[body].end < 0:
        return None

    def inside(node: int) -> bool:
        while node >= 0 and node != body:
            node = result.elements[node].parent
        return node == body

    return body if inside(last) and not inside(title) else None


def _protect(result: Scan, texts: list[str], owners: list[int]) -> None:
    """Never take an element holding the report for page furniture: whatever its class or id
    says (``info-content``, ``news_date_box`` ...), an element holding three or more of the
    six section headings is kept."""
    starts = []
    total = 0
    for piece in texts:
        starts.append(total)
        total += len(piece)
    numerals: dict[int, set[str]] = {}
    for match in _HEADINGS.finditer("".join(texts)):
        node = owners[bisect_right(starts, match.start()) - 1]
        numeral = match.group()[0]
        while node >= 0:
            found = numerals.setdefault(node, set())
            if numeral in found:
                break  # this heading's ancestors above already counted it
            found.add(numeral)
            node = result.elements[node].parent
    for node, found in numerals.items():
        if len(found) >= 3:
            result.elements[node].chrome = False
        if len(found) >= 2 and result.elements[node].tag == "table":
            result.elements[node].layout = True  # a table of the report never holds sections


def _common_ancestor(result: Scan, a: int, b: int) -> int:
    elements = result.elements
    while a != b:
        if a < 0 or b < 0:
            return -1
        if elements[a].depth >= elements[b].depth:
            a = elements[a].parent
        else:
            b = elements[b].parent
    return a
