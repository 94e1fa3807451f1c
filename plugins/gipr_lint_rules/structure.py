"""Report structure: title, the six sections, headings and their order."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from gipr_lint.diagnostics import Edit, Finding, Fix, Severity
from gipr_lint.hookspecs import hookimpl
from gipr_lint.reading.layout.compact import compact
from gipr_lint.model import SECTION_TITLES, Heading, Marker, Paragraph, Report, Section
from gipr_lint.rules import Rule, RuleContext
from gipr_lint.reading.source import Span
from gipr_lint.templates import TABLE_NUMERALS
from gipr_lint_rules._text import cjk_numeral, line_span, quote, section_label

GIPR_LINT_API = 1

#: The table each section with statistics must hold (model ``Table.kind``).
_SECTION_TABLES = {2: "active", 3: "requests", 4: "review"}


def _official_heading(number: int) -> str:
    """The official heading of a section: ``一、总体情况``."""
    return f"{cjk_numeral(number)}、{SECTION_TITLES[number]}"


def _content_end(report: Report) -> int:
    """The offset just after the last non-blank character of the report."""
    return len(report.text.rstrip())


class MissingSection(Rule):
    """A required section is missing.

    Every report has the same six sections (一、总体情况 … 六、其他需要报告的事项, in both the
    2019 and the 2021 format). A section counts as present when its heading is recognised,
    also under a known variant title or a close misspelling (S003 flags those). The finding
    sits where the section should have been: at a statistics table left without its heading,
    else just before the next section's heading, the 落款, or the end of the text. When no
    heading at all is found, one finding says so instead of six. An empty file is left to the
    parser's own diagnostic.

    Fails::

        一、总体情况
        …
        三、收到和处理政府信息公开申请情况
        …

    Passes::

        一、总体情况
        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况
        四、政府信息公开行政复议、行政诉讼情况
        五、存在的主要问题及改进情况
        六、其他需要报告的事项
    """

    code = "S001"
    name = "missing-section"
    severity = Severity.ERROR
    summary = "One of the six required sections is missing"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        if not report.text.strip():
            return
        if not report.sections:
            start = report.title.span.end if report.title else 0
            yield self.finding(Span(start, start),
                               "no section headings found; expected the six sections "
                               f'"{_official_heading(1)}" to "{_official_heading(6)}"')
            return
        present = {section.number for section in report.sections}
        for number in range(1, 7):
            if number not in present:
                yield self._missing(report, number)

    def _missing(self, report: Report, number: int) -> Finding:
        later = [s for s in report.sections if s.number > number]
        earlier = [s for s in report.sections if s.number < number]
        if later:
            position = min(s.heading.span.start for s in later)
        elif report.signature is not None:
            position = report.signature.span.start
        else:
            position = _content_end(report)
        message = f'missing section "{_official_heading(number)}"'
        table = report.tables.get(_SECTION_TABLES.get(number, ""))
        after = max((s.heading.span.end for s in earlier), default=0)
        if table is not None and after <= table.span.start < position:
            position = table.span.start
            message += "; its table is here without a heading"
        return self.finding(Span(position, position), message)


def _longest_increasing(numbers: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of ``numbers`` (lists are short)."""
    if not numbers:
        return set()
    best = [1] * len(numbers)
    previous = [-1] * len(numbers)
    for i, value in enumerate(numbers):
        for j in range(i):
            if numbers[j] < value and best[j] + 1 > best[i]:
                best[i], previous[i] = best[j] + 1, j
    index = max(range(len(numbers)), key=lambda i: (best[i], -i))
    kept = set()
    while index != -1:
        kept.add(index)
        index = previous[index]
    return kept


def _misplacement(ordered: list[Section], kept: set[int], index: int) -> str:
    """Where a section out of order stands, relative to the sections in order around it."""
    number = ordered[index].number
    after = [s for i, s in enumerate(ordered) if i in kept and i < index and s.number > number]
    if after:
        return f"after {section_label(after[-1].number)}"
    before = [s for i, s in enumerate(ordered) if i in kept and i > index and s.number < number]
    return f"before {section_label(before[0].number)}" if before else "out of order"


class SectionOrder(Rule):
    """Sections out of order, or a section that appears twice.

    The six sections must come in the official order 一 to 六, each once. A repeated section is
    reported at its second heading. For the order, the longest run of sections already in order
    is kept and every other section is reported, so one misplaced section gives one finding (not
    one for each section after it). Missing sections are S001's business.

    Fails::

        一、总体情况
        三、收到和处理政府信息公开申请情况
        二、主动公开政府信息情况

    Passes::

        一、总体情况
        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况
    """

    code = "S002"
    name = "section-order"
    severity = Severity.ERROR
    summary = "Sections out of order or duplicated"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        seen: dict[int, Section] = {}
        ordered: list[Section] = []
        for section in report.sections:
            first = seen.get(section.number)
            if first is not None:
                line, _ = report.source.position(first.heading.span.start)
                yield self.finding(section.heading.span,
                                   f"{section_label(section.number)} {quote(section.heading.text)}"
                                   f" appears a second time (first at line {line})")
                continue
            seen[section.number] = section
            ordered.append(section)
        kept = _longest_increasing([s.number for s in ordered])
        for index, section in enumerate(ordered):
            if index in kept:
                continue
            where = _misplacement(ordered, kept, index)
            yield self.finding(section.heading.span,
                               f"{section_label(section.number)} {quote(section.heading.text)} "
                               f"comes {where}; expected the order 一 to 六")


def _deviations(heading: Heading, number: int) -> list[str]:
    """What differs between a heading and the official form, in words."""
    reasons = []
    marker = heading.marker
    numeral = cjk_numeral(number)
    if marker is None:
        reasons.append("no numbering")
    elif marker.style in ("arabic-comma", "arabic-dot"):
        reasons.append("Arabic numbering" if marker.value == number
                       else f"numbered {marker.text} but it is {section_label(number)}")
    elif marker.value != number:
        reasons.append(f"numbered {marker.text} but it is {section_label(number)}")
    elif marker.text != f"{numeral}、":
        reasons.append(f"numbering {quote(marker.text)} instead of {quote(numeral + '、')}")
    if heading.match == "variant":
        reasons.append("a variant of the official title")
    elif heading.match == "fuzzy":
        reasons.append("the title is misspelt")
    elif heading.title != heading.official_title:
        reasons.append("the title differs in spacing or punctuation")
    return reasons


class SectionHeading(Rule):
    """A section heading that deviates from the official numbering or title.

    The official headings are "一、总体情况" … "六、其他需要报告的事项". This flags Arabic or
    missing numbering ("1、 总体情况"), a numeral that is not the section's own, known variant
    titles ("五、存在的主要问题和改进措施") and misspelt titles ("二、主动公开政府政府情况"). A
    space after a correct numbering alone is not flagged. The fix replaces the heading with the
    official form; it is safe when the title was recognised exactly or as a known variant, and
    unsafe for a misspelt title (the match is a guess). Trailing punctuation ("一、总体情况：")
    is left alone.

    Fails::

        1、 总体情况

    Passes::

        一、总体情况
    """

    code = "S003"
    name = "section-heading"
    severity = Severity.WARNING
    summary = "Section heading deviates from the official numbering or title"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        for section in report.sections:
            heading = section.heading
            reasons = _deviations(heading, section.number)
            if not reasons:
                continue
            expected = _official_heading(section.number)
            fix = Fix((Edit(heading.span, expected),), f"Replace with {quote(expected)}",
                      safe=heading.match != "fuzzy")
            yield self.finding(heading.span,
                               f"heading {quote(heading.text, 60)} should be {quote(expected)} "
                               f"({'; '.join(reasons)})", fix=fix)


def _brackets(marker: Marker) -> tuple[str, str]:
    return marker.text[0], marker.text[-1]


def _marker_text(value: int, style: str, brackets: tuple[str, str]) -> str:
    body = cjk_numeral(value) if style == "paren-cjk" else str(value)
    return f"{brackets[0]}{body}{brackets[1]}"


def _sequence_breaks(subheadings: tuple[Paragraph, ...]) -> Iterator[tuple[Marker, Marker, str]]:
    """``(previous, found, expected text)`` where a run of sub-headings breaks its sequence.

    A run may nest: （一）（1）（2）（二） is fine; so is a restart at 1. A break is a marker
    continuing the outer run's count in another style (（二）→（3）), or skipping or repeating a
    value in the same style (（二）→（四）, （二）→（二）). After a break the found marker is the
    new baseline, so （3）（4）（5） after （二） is one break.
    """
    last: dict[str, Marker] = {}
    current: str | None = None
    for paragraph in subheadings:
        marker = paragraph.marker
        assert marker is not None
        style = marker.style
        if current is not None and marker.value != 1:
            previous = last.get(style)
            if style == current and previous is not None:
                if marker.value != previous.value + 1:
                    yield previous, marker, _marker_text(previous.value + 1, style,
                                                         _brackets(previous))
            elif style != current and not (previous and marker.value == previous.value + 1):
                outer = last[current]
                if marker.value == outer.value + 1:
                    yield outer, marker, _marker_text(outer.value + 1, current, _brackets(outer))
        last[style] = marker
        current = style


class SubheadingSequence(Rule):
    """Sub-headings within a section that break their sequence.

    Sub-headings are paragraphs opening with a parenthesised marker, （一） or （1）. Within a
    section they count on: （一）（二）（三）. Flagged: a marker that carries on the count in
    another style (（一）（二）（3）) and a value that skips or repeats in the same style. Nested
    runs (（一）（1）（2）（二）) and restarts at 1 are accepted, and a jump that fits neither
    reading is left alone (prefers silence to a false alarm). Only the first break of a run is
    reported; the sub-headings after it are read as continuing from it.

    Fails::

        （一）主动公开
        （二）依申请公开
        （3）完善工作机制

    Passes::

        （一）主动公开
        （二）依申请公开
        （三）政府信息管理
    """

    code = "S004"
    name = "subheading-sequence"
    severity = Severity.WARNING
    summary = "Sub-headings within a section break their sequence"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        for section in report.sections:
            for previous, found, expected in _sequence_breaks(section.subheadings):
                yield self.finding(found.span,
                                   f"sub-heading {quote(found.text)} breaks the sequence after "
                                   f"{quote(previous.text)}; expected {quote(expected)}")


_TITLE_NAME = "政府信息公开工作年度报告"


class ReportTitle(Rule):
    """The title is missing, or does not name the agency or the year.

    A report's title names the agency and the year: "高庄镇人民政府2024年政府信息公开工作年度
    报告". The agency is what stands before the year or "政府信息公开" in the title; the year is a
    four-digit year followed by 年. When the agency or year is known from elsewhere (the 落款,
    the opening sentence), the message suggests a complete title. Whether the agency named is
    the right one is not checked here.

    Fails::

        2024年政府信息公开工作年度报告
        1、 总体情况
        大渡口区跳磴镇人民政府根据《政府信息公开条例》…

    Passes::

        高庄镇人民政府2024年政府信息公开工作年度报告
    """

    code = "S005"
    name = "report-title"
    severity = Severity.WARNING
    summary = "Title missing, or lacking the agency or the year"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        if not report.text.strip():
            return
        suggestion = self._suggestion(report)
        if report.title is None:
            start = len(report.text) - len(report.text.lstrip())
            yield self.finding(Span(start, start),
                               "the report has no title; expected one naming the agency and "
                               f"the year{suggestion}")
            return
        has_agency = report.agency_origin == "title"
        has_year = report.title_year is not None
        missing = [what for what, ok in (("the agency", has_agency), ("the year", has_year))
                   if not ok]
        if missing:
            yield self.finding(report.title.span,
                               f"title {quote(report.title.text, 60)} does not name "
                               f"{' or '.join(missing)}{suggestion}")

    @staticmethod
    def _suggestion(report: Report) -> str:
        if report.agency is None or not report.agency.text or report.year is None:
            return ""
        return f'; expected e.g. "{report.agency.text}{report.year}年{_TITLE_NAME}"'


_DEBRIS_NAMES = {
    "breadcrumb": "breadcrumb", "meta": "page metadata", "share": "share link",
    "qr-code": "QR-code prompt", "download": "download link", "related": "related-links list",
    "print": "print/close links", "page-number": "PDF page number",
}
#: Debris that comes from converting a PDF, not from a web page.
_CONVERSION_DEBRIS = frozenset({"page-number"})


class WebDebris(Rule):
    """Web-page debris left in the report.

    Text copied from a web page often brings the page's furniture along: breadcrumbs
    ("您当前所在位置: 首页 > …"), page metadata ("来源:…时间:…浏览量:"), share and QR-code
    prompts, download and related-links lists, print buttons; and from a PDF, page numbers
    ("- 3 -", "第3页") left between paragraphs or table rows. Each piece the parser recognised
    is reported at its span, with a safe fix deleting it (the whole line with its line break
    when the piece is the whole line). Debris phrases the parser does not know are not found.

    Fails::

        您当前所在位置: 首页 > 政府信息公开 > 政府信息公开年报
        桐柏县产业集聚区管理委员会2023年政府信息公开工作年度报告
        扫一扫在手机打开当前页

    Passes::

        桐柏县产业集聚区管理委员会2023年政府信息公开工作年度报告
    """

    code = "S006"
    name = "web-debris"
    severity = Severity.WARNING
    summary = "Web-page debris left in the report"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        text = report.text
        for debris in report.debris:
            line = line_span(text, debris.span)
            whole_line = (not text[line.start:debris.span.start].strip()
                          and not text[debris.span.end:line.end].strip())
            span = line if whole_line else debris.span
            kind = _DEBRIS_NAMES.get(debris.kind, debris.kind)
            origin = "conversion" if debris.kind in _CONVERSION_DEBRIS else "web-page"
            fix = Fix((Edit(span, ""),), "Delete the " + ("line" if whole_line else "debris"))
            yield self.finding(debris.span,
                               f"{origin} debris ({kind}) {quote(debris.text)} left in the "
                               "report", fix=fix)


class MissingTable(Rule):
    """Section 二, 三 or 四 has no readable statistics table.

    Sections 二 (主动公开), 三 (申请) and 四 (复议诉讼) each hold a statistics table. Reported:
    such a section whose table was not found at all, and any table whose labels are there but
    whose numbers are not (it was most likely an image, or got lost in conversion). A table that
    is found but has odd rows is the T rules' business.

    Fails::

        三、收到和处理政府信息公开申请情况
        本年度我镇未收到政府信息公开申请。
        四、政府信息公开行政复议、行政诉讼情况

    Passes::

        三、收到和处理政府信息公开申请情况
        （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）…
        一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0
        …
    """

    code = "S007"
    name = "missing-table"
    severity = Severity.ERROR
    summary = "Section 二, 三 or 四 has no readable table"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        for number, kind in _SECTION_TABLES.items():
            section = report.section(number)
            if section is not None and kind not in report.tables:
                yield self.finding(section.heading.span,
                                   f"{section_label(number)} {quote(section.heading.text)} has no "
                                   f"statistics table; expected table {TABLE_NUMERALS[kind]} "
                                   "(was it an image, or lost in conversion?)")
        for problem in report.problems:
            if problem.kind != "no-numbers":
                continue
            table = next((t for t in report.tables.values() if t.span == problem.span), None)
            which = f"table {TABLE_NUMERALS[table.kind]}" if table is not None else "a table"
            yield self.finding(problem.span,
                               f"{which} has its labels but no numbers; expected the figures "
                               "(was it an image?)")


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
_NUMBERED_LINE = re.compile(
    r"\n[ \t\u3000]*(?P<marker>[一二三四五六七八九十]{1,2}[、.．])(?P<title>[^\n]{2,40})(?=\n|\Z)")
_TITLE_TAIL = ":：。.;；\r"


class PreStructure2019(Rule):
    """A 2019-or-later report laid out in the pre-2019 structure.

    Before the 2019 条例 the 年报 had parts such as "一、概述", "二、主动公开政府信息的情况",
    "三、依申请公开政府信息和不予公开政府信息的情况", "四、政府信息公开的收费及减免情况" and
    "五、因政府信息公开申请行政复议、提起行政诉讼的情况". In a report for 2019 or later such a
    part as a top-level heading (a line of its own numbered 一、 二、 …) means an old report was
    reused. Each such heading is reported. The same words as a sub-item ("三是政府信息公开的收费
    及减免情况。…", "（四）…") or inside a sentence are not headings and are ignored; so is a lone
    "因政府信息公开申请行政复议、提起行政诉讼的情况" (a known variant of section 四, S003). Needs
    the report year; silent when it is unknown.

    Fails::

        某镇人民政府2023年政府信息公开工作年度报告
        一、概述
        …
        四、政府信息公开的收费及减免情况

    Passes::

        某镇人民政府2023年政府信息公开工作年度报告
        一、总体情况
        …
          三是政府信息公开的收费及减免情况。从未进行收费。
    """

    code = "S008"
    name = "pre-2019-structure"
    severity = Severity.ERROR
    summary = "Pre-2019 report structure in a 2019+ report"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        if report.year is None or report.year < 2019:
            return
        found: list[tuple[Span, str, str]] = []
        text = report.text
        for match in _NUMBERED_LINE.finditer("\n" + text):
            title = compact(match.group("title")).rstrip(_TITLE_TAIL)
            if title in _COMPACT_OLD_TITLES:
                start, end = match.start("marker") - 1, match.end("title") - 1
                while text[end - 1] in _TITLE_TAIL or text[end - 1].isspace():
                    end -= 1
                found.append((Span(start, end), text[start:end], title))
        if all(title in _COMPACT_SHARED for _, _, title in found):
            return
        for span, heading, _ in found:
            yield self.finding(span,
                               f"heading {quote(heading, 60)} belongs to the pre-2019 report "
                               f"structure; a {report.year} report has the six sections "
                               f'"{_official_heading(1)}" to "{_official_heading(6)}"')



class UnparsedText(Rule):
    """Text that does not fit the report structure.

    The parser reads the report against the canonical structure (title, six sections with their
    paragraphs and tables, 落款). Where a piece of text cannot be placed (a paragraph after the
    落款, a title or table fragment in an impossible spot) it is kept and reported here, so
    nothing is passed over in silence. An empty file (nothing but white space) is reported here
    too. Table rows of the wrong shape and unreadable cells are reported by the table rules;
    tables without numbers by S007.

    Fails::

        六、其他需要报告的事项
        本年度没有产生信息公开处理费。
        乌苏市甘河子镇人民政府
        2025年1月20日
        附件：统计表

    Passes::

        六、其他需要报告的事项
        本年度没有产生信息公开处理费。
        乌苏市甘河子镇人民政府
        2025年1月20日
    """

    code = "S009"
    name = "unparsed-text"
    severity = Severity.WARNING
    summary = "Text that does not fit the report structure"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        for problem in report.problems:
            if problem.kind == "empty":
                yield self.finding(problem.span, "the file is empty; expected a report")
                continue
            if problem.kind != "structure":
                continue
            piece = report.source.slice(problem.span).strip()
            shown = f" at {quote(piece)}" if piece else ""
            yield self.finding(problem.span,
                               f"text does not fit the report structure: {problem.message}{shown}")


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    """The rules of this pack."""
    return [MissingSection, SectionOrder, SectionHeading, SubheadingSequence, ReportTitle,
            WebDebris, MissingTable, PreStructure2019, UnparsedText]
