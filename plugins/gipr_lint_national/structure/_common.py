"""What several structure rules share."""

from __future__ import annotations

from gipr_lint.api import (
    N_,
    SECTION_TITLES,
    Heading,
    Marker,
    Report,
    Section,
    compact,
    compile_re,
    translator,
)
from gipr_lint_national._text import cjk_numeral, quote, section_label

_ = translator("gipr_lint_national")

#: The table each section with statistics must hold (model ``Table.kind``).
_SECTION_TABLES = {2: "active", 3: "requests", 4: "review"}


def _official_heading(number: int) -> str:
    """The official heading of a section: ``一、总体情况``."""
    return f"{cjk_numeral(number)}、{SECTION_TITLES[number]}"


def _content_end(report: Report) -> int:
    """The offset just after the last non-blank character of the report."""
    return len(report.text.rstrip())


def _misplacement(ordered: list[Section], kept: set[int], index: int) -> str:
    """Where a section out of order stands, relative to the sections in order around it."""
    number = ordered[index].number
    after = [s for i, s in enumerate(ordered) if i in kept and i < index and s.number > number]
    if after:
        return _("after {section}").format(section=section_label(after[-1].number))
    before = [s for i, s in enumerate(ordered) if i in kept and i > index and s.number < number]
    return (_("before {section}").format(section=section_label(before[0].number)) if before
            else _("out of order"))


def _deviations(heading: Heading, number: int) -> list[str]:
    """What differs between a heading and the official form, in words."""
    reasons = []
    marker = heading.marker
    numeral = cjk_numeral(number)
    if marker is None:
        reasons.append(_("no numbering"))
    elif marker.style in ("arabic-comma", "arabic-dot"):
        reasons.append(_("Arabic numbering") if marker.value == number
                       else _("numbered {marker} but it is {section}").format(
                           marker=marker.text, section=section_label(number)))
    elif marker.value != number:
        reasons.append(_("numbered {marker} but it is {section}").format(
            marker=marker.text, section=section_label(number)))
    elif marker.text != f"{numeral}、":
        reasons.append(_("numbering {found} instead of {expected}").format(
            found=quote(marker.text), expected=quote(numeral + "、")))
    if heading.match == "variant":
        reasons.append(_("a variant of the official title"))
    elif heading.match == "fuzzy":
        reasons.append(_("the title is misspelt"))
    elif heading.title != heading.official_title:
        reasons.append(_("the title differs in spacing or punctuation"))
    return reasons


def _brackets(marker: Marker) -> tuple[str, str]:
    return marker.text[0], marker.text[-1]


def _marker_text(value: int, style: str, brackets: tuple[str, str]) -> str:
    body = cjk_numeral(value) if style == "paren-cjk" else str(value)
    return f"{brackets[0]}{body}{brackets[1]}"


_TITLE_NAME = "政府信息公开工作年度报告"


_DEBRIS_NAMES = {
    "breadcrumb": N_("breadcrumb"), "meta": N_("page metadata"), "share": N_("share link"),
    "qr-code": N_("QR-code prompt"), "read-aloud": N_("read-aloud button"),
    "download": N_("download link"),
    "related": N_("related-links list"), "print": N_("print/close links"),
    "page-number": N_("PDF page number"),
}


#: Debris that comes from converting a PDF, not from a web page.
_CONVERSION_DEBRIS = frozenset({"page-number"})


#: Top-level parts of the pre-2019 annual report (2008 条例), compacted.
_OLD_TITLES = (
    "概述",
    "主动公开政府信息的情况",
    "依申请公开政府信息和不予公开政府信息的情况",
    "依申请公开政府信息的情况",
    "依申请公开政府信息情况",
    "不予公开政府信息的情况",
    "政府信息公开的收费及减免情况",
    "政府信息公开收费及减免情况",
    "因政府信息公开申请行政复议、提起行政诉讼的情况",
)


#: Old titles that are also accepted as a variant of a current section (S003 flags them).
_SHARED_OLD_TITLES = frozenset({"因政府信息公开申请行政复议、提起行政诉讼的情况"})


_COMPACT_OLD_TITLES = frozenset(compact(title) for title in _OLD_TITLES)


_COMPACT_SHARED = frozenset(compact(title) for title in _SHARED_OLD_TITLES)


# A line opening with a top-level numbering 一、 … 十、 (searched in "\n" + text: a literal
# newline anchor is much faster than ^ with re.MULTILINE); the title is checked in compact form.
_NUMBERED_LINE = compile_re(
    r"\n[ \t\u3000]*(?P<marker>[一二三四五六七八九十]{1,2}[、.．])(?P<title>[^\n]{2,40})(?=\n|\Z)")


_TITLE_TAIL = ":：。.;；\r"

