"""What several years rules share."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from typing import Any

from gipr_lint.api import (
    N_,
    AgencyKind,
    Paragraph,
    Report,
    RuleContext,
    Span,
    compile_re,
    translator,
)
from gipr_lint_national._prose_numbers import opens_sentence, sentence_bounds

_ = translator("gipr_lint_national")

_OPENER = compile_re(r"(?P<year>(?:19|20)\d{2})\s*年度?(?P<comma>\s*[，,])?")


_SUBJECT = ("我", "本", "全", "共", "累计", "该")


#: After the opener: a plan ("…将继续…", "计划…"), not a statement about the year.
_FUTURE = compile_re(
    r"[^，,。；;]{0,15}?将(?:继续|进一步|持续|不断|加大|着力|严格|全面|深入|坚持|认真|积极|切实|"
    r"紧紧|按照|加强|强化|推进|完善|努力|重点|围绕|大力|力争|不折不扣|以)"
    r"|[^。；;]{0,20}?(?:计划|拟|力争|打算|下一步)")


#: A sentence comparing years or looking back: not presenting the year as the current one.
_COMPARISON = compile_re(r"比|较|同比|相比|环比|上年|去年|以来|增长|下降|减少|增加|至今|截至|截止")


_GOVERNMENT_SUFFIX = compile_re(r"(?:人民政府|政府|办事处|管理委员会|管委会|委员会)$")


_LAST_UNIT = compile_re(r"[省市县区州旗盟](?=[\u4e00-\u9fff]{2,}$)")


class Opener:
    """A year opening a sentence: "2023年，我镇…", "2024年甘河子镇未收到…".

    Whether the sentence is a plan or a comparison is read when first asked (each needs a
    search of the sentence): the rules ask only about the openers that may concern them, and
    most reports open their sentences with the report's own year, on which they stop early.
    (A class with slots: several are made for every report.)"""

    __slots__ = ("_comparison", "_current", "_end", "_plan", "_start", "_text", "base",
                 "section", "year")

    def __init__(self, year: int, section: int, text: str, start: int, end: int, base: int,
                 current: int | None) -> None:
        self.year = year
        self.section = section  # 0 for the preamble
        self.base = base        # the paragraph's offset in the report
        self._text, self._start, self._end, self._current = text, start, end, current
        self._plan: bool | None = None
        self._comparison: bool | None = None

    @property
    def span(self) -> Span:
        """The year and 年, e.g. "2023年"."""
        return Span(self.base + self._start, self.base + self._text.index("年", self._start) + 1)

    @property
    def snippet(self) -> str:
        """The sentence's opening, for messages."""
        return self._text[self._start:min(len(self._text), self._end + 8)]

    @property
    def plan(self) -> bool:
        """Whether the sentence is a plan ("…将继续…")."""
        if self._plan is None:
            self._plan = _FUTURE.match(self._text, self._end) is not None
        return self._plan

    @property
    def comparison(self) -> bool:
        """Whether the sentence compares years or looks back (or names the report's year
        besides this one)."""
        if self._comparison is None:
            text, current = self._text, self._current
            start, end = sentence_bounds(text, self._start)
            # (searched in place: the sentence is not copied out)
            self._comparison = _COMPARISON.search(text, start, end) is not None or (
                current is not None and self.year != current
                and text.find(f"{current}年", start, end) != -1)
        return self._comparison


def agency_names(report: Report) -> tuple[str, ...]:
    """Ways the text may name the agency: "乌苏市甘河子镇", "甘河子镇" (prefixes dropped)."""
    if report.agency is None:
        return ()
    core = _GOVERNMENT_SUFFIX.sub("", report.agency.text.strip())
    names = [core] if len(core) >= 2 else []
    cut = None
    for match in _LAST_UNIT.finditer(core):
        cut = match.end()
    if cut is not None and len(core) - cut >= 2:
        names.append(core[cut:])
    return tuple(names)


def _numbered_paragraphs(report: Report) -> Iterator[tuple[int, Paragraph]]:
    for paragraph in report.preamble:
        yield 0, paragraph
    for section in report.sections:
        for paragraph in section.paragraphs:
            yield section.number, paragraph


def _opens_as_current(text: str, match: re.Match[str], subjects: tuple[str, ...]) -> bool:
    """Whether the year ``match`` (opening a sentence) opens it as the current year: followed
    by a comma or by one of ``subjects``, the words after which a year without a comma opens
    the sentence (:data:`_SUBJECT` and the agency's names); not "2023年底", "2023年以来",
    "2023年度报告", "2020年至2024年"."""
    return bool(match.group("comma")) or text.startswith(subjects, match.end())


def year_openers(report: Report, context: RuleContext) -> list[Opener]:
    """Sentences of the prose that open with a year, in document order (read once per report:
    Y003 and Y005 both ask)."""
    return context.memo((__name__, "year_openers"), lambda: _year_openers(report))


def _year_openers(report: Report) -> list[Opener]:
    subjects = (*_SUBJECT, *agency_names(report))
    openers = []
    for number, paragraph in _numbered_paragraphs(report):
        text = paragraph.text
        if "年" not in text:
            continue  # (a quick test: many paragraphs name no year)
        base = paragraph.span.start
        first = paragraph.marker.span.end - base if paragraph.marker else 0
        # every year with 年, then whether it opens a sentence: years are rarer than sentence
        # starts. (No sentence start lies inside a match, which is digits, 年, 度, spaces and a
        # comma, so a match found this way is the one matching at that sentence start.)
        for match in _OPENER.finditer(text, first):
            if not opens_sentence(text, match.start(), first):
                continue
            if _opens_as_current(text, match, subjects):
                openers.append(Opener(int(match.group("year")), number, text, match.start(),
                                      match.end(), base, report.year))
    return openers


def stale_body_years(report: Report, year: int, context: RuleContext
                     ) -> dict[int, list[Opener]]:
    """Years other than ``year`` that the body (preamble, sections 一–四) opens with at least
    twice as if current, while it never opens with ``year`` itself: the text of another year."""
    candidates: dict[int, list[Opener]] = {}
    for opener in year_openers(report, context):
        if opener.section > 4 or opener.plan or opener.comparison:
            continue
        if opener.year == year:
            return {}
        candidates.setdefault(opener.year, []).append(opener)
    return {y: found for y, found in candidates.items() if len(found) >= 2}


_SELF_NAMING = compile_re(
    r"现(?:将|就|把)[^。；;]{0,30}?(?P<year>(?:19|20)\d{2})\s*年度?[^。；;]{0,30}?"
    r"(?:报告|总结|公布|说明)如下")


def _day(value: str, year: int, what: str) -> datetime.date:
    """``"MM-DD"`` in ``year`` ("02-29" falls back to 28 February); raises ``ValueError``."""
    match = re.fullmatch(r"\s*(\d{1,2})-(\d{1,2})\s*", str(value))
    try:
        if match is None:
            raise ValueError
        month, day = int(match.group(1)), int(match.group(2))
        if (month, day) == (2, 29) and not (year % 4 == 0 and (year % 100 or year % 400 == 0)):
            day = 28
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"{what} must be \"MM-DD\", got {value!r}") from None


def _township_deadline(options: Mapping[str, Any], year: int) -> datetime.date | None:
    value = options.get("township-deadline") or ""
    if not value:
        return None
    return _day(value, year, "option township-deadline")


#: The national deadlines of 条例 第四十九条, by agency kind.
NATIONAL_DEADLINES: Mapping[AgencyKind, str] = {AgencyKind.DEPARTMENT: "01-31",
                                                AgencyKind.GOVERNMENT: "03-31"}


_KIND_NAMES = {AgencyKind.DEPARTMENT: N_("a department's"),
               AgencyKind.GOVERNMENT: N_("a government's"), AgencyKind.TOWNSHIP: N_("a township's")}


_NEXT_STEP = compile_re(r"下一步|明年|今后|来年")


#: A year in a 下一步 sentence used as the plan's time ("2024年，我局将…", "在2024年继续…"),
#: not as a back reference ("对照2024年存在的问题").
_PLAN_YEAR = compile_re(r"(?P<year>(?:19|20)\d{2})\s*年度?"
                        r"(?=\s*[，,]|\s*(?:我|本|将|要|继续|全年|重点|力争|计划|进一步))")


_TARGET = compile_re(r"(?:到|至|截至|截止|于|自|从)\s*$")

