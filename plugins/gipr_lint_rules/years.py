"""Years and dates: statistics period, report year, 落款 date, outdated plans.

Options (``[tool.gipr-lint.years]``):

``township-deadline``
    ``"MM-DD"``: the publication deadline of township (乡/镇/街道) reports in the year after the
    reported one, e.g. ``"02-20"`` where a province sets 20 February. The 条例 sets no national
    date for townships, so Y004 stays silent about their lateness unless this is set or an
    installed provincial pack sets one (hook ``gipr_lint_deadlines``); this option, being the
    user's own configuration, wins over a pack's township deadline.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from gipr_lint.diagnostics import Finding, Severity
from gipr_lint.hookspecs import hookimpl
from gipr_lint.model import AgencyKind, Paragraph, Report
from gipr_lint.rules import Rule, RuleContext
from gipr_lint.reading.source import Span
from gipr_lint_rules._prose_numbers import Citations, sentence_bounds, sentence_starts
from gipr_lint_rules._text import quote

GIPR_LINT_API = 1

# --- the statistics period: Report.periods (gipr_lint.reading.period reads it) ------------------------


# --- years opening a sentence ("2023年，我镇…") ----------------------------------------

_OPENER = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?(?P<comma>\s*[，,])?")
_SUBJECT = ("我", "本", "全", "共", "累计", "该")
#: After the opener: a plan ("…将继续…", "计划…"), not a statement about the year.
_FUTURE = re.compile(
    r"[^，,。；;]{0,15}?将(?:继续|进一步|持续|不断|加大|着力|严格|全面|深入|坚持|认真|积极|切实|"
    r"紧紧|按照|加强|强化|推进|完善|努力|重点|围绕|大力|力争|不折不扣|以)"
    r"|[^。；;]{0,20}?(?:计划|拟|力争|打算|下一步)")
#: A sentence comparing years or looking back: not presenting the year as the current one.
_COMPARISON = re.compile(r"比|较|同比|相比|环比|上年|去年|以来|增长|下降|减少|增加|至今|截至|截止")
_GOVERNMENT_SUFFIX = re.compile(r"(?:人民政府|政府|办事处|管理委员会|管委会|委员会)$")
_LAST_UNIT = re.compile(r"[省市县区州旗盟](?=[\u4e00-\u9fff]{2,}$)")


@dataclass(frozen=True, slots=True)
class Opener:
    """A year opening a sentence: "2023年，我镇…", "2024年甘河子镇未收到…"."""

    year: int
    span: Span          # the year and 年, e.g. "2023年"
    section: int        # 0 for the preamble
    plan: bool          # the sentence is a plan ("…将继续…")
    comparison: bool    # the sentence compares years or looks back
    snippet: str        # the sentence's opening, for messages


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


def _opener_at(text: str, position: int, names: tuple[str, ...], current: int | None
               ) -> tuple[re.Match[str], bool, bool] | None:
    match = _OPENER.match(text, position)
    if match is None:
        return None
    after = match.end()
    if not match.group("comma") and not text.startswith((*_SUBJECT, *names), after):
        return None  # "2023年底", "2023年以来", "2023年度报告", "2020年至2024年"
    plan = _FUTURE.match(text, after) is not None
    start, end = sentence_bounds(text, position)
    sentence = text[start:end]
    comparison = _COMPARISON.search(sentence) is not None or (
        current is not None and int(match.group("year")) != current
        and f"{current}年" in sentence)
    return match, plan, comparison


_last_openers: tuple[Report, list[Opener]] | None = None


def year_openers(report: Report) -> list[Opener]:
    """Sentences of the prose that open with a year, in document order (the last report's are
    kept: Y001, Y003 and Y005 all read them)."""
    global _last_openers
    cached = _last_openers
    if cached is not None and cached[0] is report:
        return cached[1]
    openers = _year_openers(report)
    _last_openers = (report, openers)
    return openers


def _year_openers(report: Report) -> list[Opener]:
    names = agency_names(report)
    openers = []
    for number, paragraph in _numbered_paragraphs(report):
        text, base = paragraph.text, paragraph.span.start
        first = paragraph.marker.span.end - base if paragraph.marker else 0
        for position in sentence_starts(text, first):
            if not ("1" <= text[position:position + 1] <= "2"):
                continue
            found = _opener_at(text, position, names, report.year)
            if found is None:
                continue
            match, plan, comparison = found
            year_end = text.index("年", match.start()) + 1
            snippet = text[match.start():min(len(text), match.end() + 8)]
            openers.append(Opener(int(match.group("year")),
                                  Span(base + match.start(), base + year_end),
                                  number, plan, comparison, snippet))
    return openers


def stale_body_years(report: Report, year: int) -> dict[int, list[Opener]]:
    """Years other than ``year`` that the body (preamble, sections 一–四) opens with at least
    twice as if current, while it never opens with ``year`` itself: the text of another year."""
    candidates: dict[int, list[Opener]] = {}
    for opener in year_openers(report):
        if opener.plan or opener.comparison or opener.section > 4:
            continue
        if opener.year == year:
            return {}
        candidates.setdefault(opener.year, []).append(opener)
    return {y: found for y, found in candidates.items() if len(found) >= 2}


# --- rules ---------------------------------------------------------------------------------------

_SELF_NAMING = re.compile(
    r"现(?:将|就|把)[^。；;]{0,30}?(?P<year>(?:19|20)\d{2})\s*年度?[^。；;]{0,30}?"
    r"(?:报告|总结|公布|说明)如下")


class ReportYearMismatch(Rule):
    """The report year disagrees between the title, the statistics period and the body.

    Compares the year in the title with the statistics period stated in the prose
    ("2023年1月1日至2023年12月31日"), with the sentence that names the report itself
    ("现将…2023年度…报告如下") and with the years the body opens its sentences with. It prefers
    silence to a false alarm: it needs a year in the title, ignores citations, plans and
    comparisons, and speaks about the body only when at least two sentences of the preamble or
    sections 一–四 open with the same other year ("2023年，我镇…") and none opens with the title's.

    Fails::

        高庄镇人民政府2024年政府信息公开工作年度报告
        一、总体情况
        在2023年1月1日至2023年12月31日数据统计时限内，政府信息公开情况如下：

    Passes::

        高庄镇人民政府2024年政府信息公开工作年度报告
        一、总体情况
        在2024年1月1日至2024年12月31日数据统计时限内，政府信息公开情况如下：
    """

    code = "Y001"
    name = "report-year-mismatch"
    severity = Severity.ERROR
    summary = "The report year disagrees between title, statistics period and body"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        year = report.title_year
        if year is None:
            return
        for period in report.periods:
            if period.start.year == period.end.year != year:
                yield self.finding(
                    period.span, f"statistics period {quote(period.text)} is for "
                    f"{period.end.year}, but the title says {year}")
        yield from self._self_naming(report, year)
        for other, openers in stale_body_years(report, year).items():
            for opener in openers:
                yield self.finding(
                    opener.span, f"the body presents {other} as the current year "
                    f"({quote(opener.snippet + '…')}, {len(openers)} times), but the title "
                    f"says {year}")

    def _self_naming(self, report: Report, year: int) -> Iterator[Finding]:
        for paragraph in report.paragraphs():
            if "如下" not in paragraph.text:
                continue
            citations = None
            for match in _SELF_NAMING.finditer(paragraph.text):
                if int(match.group("year")) == year:
                    continue
                citations = citations or Citations(paragraph.text)
                if citations.covers(match.span("year")):
                    continue
                base = paragraph.span.start
                yield self.finding(
                    Span(base + match.start("year"), base + match.end("year") + 1),
                    f"the text reports on {match.group('year')} "
                    f"({quote(match.group()[:30])}), but the title says {year}")


class StatisticsPeriod(Rule):
    """The statistics period is not exactly Y年1月1日 to Y年12月31日.

    Reads the date range the prose gives as the statistics period ("数据统计期限为…至…", or any
    range from 1 January to a December day). The period must start on 1 January and end on
    31 December of one and the same year. Silent when no period is stated; whether its year is
    the report's is Y001's business.

    Fails::

        本报告中所列数据的统计期限自2024年1月1日起至2024年12月30日止。

    Passes::

        本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。
    """

    code = "Y002"
    name = "statistics-period"
    severity = Severity.ERROR
    summary = "The statistics period is not exactly Y年1月1日 to Y年12月31日"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        for period in report.periods:
            start, end = period.start, period.end
            if start.year != end.year:
                year = report.year or end.year
                yield self.finding(
                    period.span, f"statistics period {quote(period.text)} spans two years; "
                    f"expected \"{year}年1月1日至{year}年12月31日\"")
                continue
            if (start.month, start.day) != (1, 1):
                yield self.finding(
                    period.start_span, f"statistics period starts on "
                    f"{quote(report.text[period.start_span.start:period.start_span.end])}; "
                    f"expected \"{start.year}年1月1日\"")
            if (end.month, end.day) != (12, 31):
                yield self.finding(
                    period.end_span, f"statistics period ends on "
                    f"{quote(report.text[period.end_span.start:period.end_span.end])}; "
                    f"expected \"{end.year}年12月31日\"")


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


_KIND_NAMES = {AgencyKind.DEPARTMENT: "a department's", AgencyKind.GOVERNMENT: "a government's",
               AgencyKind.TOWNSHIP: "a township's"}


class SignatureDate(Rule):
    """The 落款 date falls inside the reported year, or after the publication deadline.

    A report on year Y is signed in Y+1: a 落款 dated in Y or earlier is an error. Lateness is
    a warning, after the deadline of 条例 第四十九条 for the agency kind: departments by
    31 January of Y+1, people's governments (本级) by 31 March. The 条例 sets no national date
    for 乡/镇/街道, so townships are only checked when a provincial date is known: the
    ``township-deadline`` option (``"MM-DD"``, in ``[tool.gipr-lint.years]``, e.g.
    ``"02-20"``), or else the deadline an installed provincial pack sets for the kind (hook
    ``gipr_lint_deadlines``, which may also move the departments' and governments' dates).
    Silent when there is no dated 落款 or no report year.

    Fails::

        高庄镇人民政府2024年政府信息公开工作年度报告
        …
        高庄镇人民政府
        2024年12月20日

    Passes::

        高庄镇人民政府2024年政府信息公开工作年度报告
        …
        高庄镇人民政府
        2025年1月20日
    """

    code = "Y004"
    name = "signature-date"
    severity = Severity.ERROR
    summary = "The 落款 date falls inside the reported year or after the deadline"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        signature, year = report.signature, report.year
        if signature is None or signature.date is None or signature.date_text is None:
            return
        if year is None:
            return
        date, piece = signature.date, signature.date_text
        if date.year <= year:
            yield self.finding(piece.span, f"落款 date {quote(piece.text)} is not after the "
                               f"reported year {year}; expected a date in {year + 1}")
            return
        deadline = self._deadline(report.agency_kind, year + 1, context)
        if deadline is not None and date > deadline:
            yield self.finding(
                piece.span, f"落款 date {quote(piece.text)} is after the deadline for "
                f"{_KIND_NAMES[report.agency_kind]} report, "
                f"{deadline.year}年{deadline.month}月{deadline.day}日",
                severity=Severity.WARNING)

    @staticmethod
    def _deadline(kind: AgencyKind, year: int, context: RuleContext) -> datetime.date | None:
        """The deadline in ``year``: the ``township-deadline`` option (townships), else a
        plugin's (``context.deadlines``), else the national one; ``None`` when there is none."""
        if kind is AgencyKind.UNKNOWN:
            return None
        if kind is AgencyKind.TOWNSHIP:
            configured = _township_deadline(context.options, year)
            if configured is not None:
                return configured
        value = context.deadlines.get(kind.value) or NATIONAL_DEADLINES.get(kind)
        return _day(value, year, f"the {kind.value} deadline") if value else None


class StaleYear(Rule):
    """Prose presents an older year as the current one: text copied from an earlier report.

    Looks at sentences that open with a year before the report's ("2020年，我镇…" in a 2024
    report). Prefers silence to a false alarm: only a year opening a sentence and followed by a
    comma or the subject (我镇, 本局, the agency's name) counts; citations (《…2020年…》,
    〔2020〕), ranges ("2020年至2024年"), historical phrases ("2019年以来", "2023年底") and
    sentences that compare years (比, 较, 同比, 上年, or naming the report year too) are fine.
    Plans are Y005's business; a body written wholly for another year is Y001's.

    Fails::

        高庄镇人民政府2024年政府信息公开工作年度报告
        一、总体情况
        2024年，我镇持续推进政府信息公开。2020年，我镇共主动公开信息52条。

    Passes::

        高庄镇人民政府2024年政府信息公开工作年度报告
        一、总体情况
        2024年，我镇共主动公开信息83条，比2023年增加31条。
    """

    code = "Y003"
    name = "stale-year"
    severity = Severity.WARNING
    summary = "Prose presents an older year as the current one"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        year = report.year
        if year is None:
            return
        whole = stale_body_years(report, year) if report.title_year is not None else {}
        for opener in year_openers(report):
            if (opener.year >= year or opener.plan or opener.comparison
                    or opener.year in whole):
                continue
            yield self.finding(
                opener.span, f"{quote(opener.snippet + '…')} presents {opener.year} as the "
                f"current year in a {year} report; expected {year}")


_NEXT_STEP = re.compile(r"下一步|明年|今后|来年")
#: A year in a 下一步 sentence used as the plan's time ("2024年，我局将…", "在2024年继续…"),
#: not as a back reference ("对照2024年存在的问题").
_PLAN_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?"
                        r"(?=\s*[，,]|\s*(?:我|本|将|要|继续|全年|重点|力争|计划|进一步))")
_TARGET = re.compile(r"(?:到|至|截至|截止|于|自|从)\s*$")


class PlanYear(Rule):
    """Plans for "next year" name a year other than Y+1.

    In sections 五 and 六, a sentence that opens with a year and goes on as a plan
    ("2024年，我局将继续…") or a 下一步/明年/今后 sentence naming a year must name the year after
    the reported one. Targets ("到2025年底前") and citations are fine.

    Fails::

        高庄镇人民政府2024年政府信息公开工作年度报告
        五、存在的主要问题及改进情况
        2024年，我镇将进一步加大政府信息公开工作力度。

    Passes::

        高庄镇人民政府2024年政府信息公开工作年度报告
        五、存在的主要问题及改进情况
        2025年，我镇将进一步加大政府信息公开工作力度。
    """

    code = "Y005"
    name = "plan-year"
    severity = Severity.WARNING
    summary = "Plans for next year name a year other than Y+1"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        year = report.year
        if year is None:
            return
        reported: set[int] = set()
        for opener in year_openers(report):
            if opener.section >= 5 and opener.plan and opener.year != year + 1:
                reported.add(opener.span.start)
                yield self._finding(opener.span, opener.snippet, opener.year, year)
        for section in report.sections:
            if section.number < 5:
                continue
            for paragraph in section.paragraphs:
                yield from self._next_step(paragraph, year, reported)

    def _next_step(self, paragraph: Paragraph, year: int, reported: set[int]
                   ) -> Iterator[Finding]:
        text, base = paragraph.text, paragraph.span.start
        citations = None
        for cue in _NEXT_STEP.finditer(text):
            start, end = sentence_bounds(text, cue.start())
            for match in _PLAN_YEAR.finditer(text, cue.end(), end):
                planned = int(match.group("year"))
                if planned == year + 1 or base + match.start() in reported:
                    continue
                if _TARGET.search(text, max(start, match.start() - 3), match.start()):
                    continue
                citations = citations or Citations(text)
                if citations.covers(match.span()):
                    continue
                reported.add(base + match.start())
                snippet = text[cue.start():min(end, match.end() + 6)]
                yield self._finding(Span(base + match.start(), base + match.end()), snippet,
                                    planned, year)

    def _finding(self, span: Span, snippet: str, planned: int, year: int) -> Finding:
        return self.finding(span, f"plan names {planned} ({quote(snippet + '…')}); plans in "
                            f"a {year} report are for {year + 1}")


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    """The rules of this pack."""
    return [ReportYearMismatch, StatisticsPeriod, StaleYear, SignatureDate, PlanYear]


@hookimpl
def gipr_lint_options() -> dict[str, tuple[Any, Any, str]]:
    """This pack's options, ``[tool.gipr-lint.years]``."""
    return {"township-deadline": (
        str, "", "publication deadline of township reports in the following year, \"MM-DD\" "
                 "(no national deadline: Y004 is silent on township lateness when empty)")}
