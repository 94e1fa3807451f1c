"""Consistency between the prose and the tables.

Each rule reads statements in the paragraphs (never table text) with a few precise patterns and
compares them with the parsed tables; a statement it cannot read, a table or cell that is
missing or unreadable, and approximate numbers ("150余次") all mean silence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gipr_lint.diagnostics import Finding, Severity
from gipr_lint.hookspecs import hookimpl
from gipr_lint.model import Report, Table
from gipr_lint.rules import Rule, RuleContext
from gipr_lint.reading.source import Span
from gipr_lint_rules._prose_numbers import (
    APPROXIMATE,
    NUMBER,
    Citations,
    clause_bounds,
    parse_number,
    sentence_bounds,
)
from gipr_lint_rules._text import quote

GIPR_LINT_API = 1

#: Units of a count of applications or cases ("个" and "次" are left out: "15个工作日", "5次").
_UNIT = r"\s*(?:件|条|份|宗|例|起)(?!\s*(?:工作日|日|天|月))"
_BOUND = r"[^。；;，,\n]"


def _total(table: Table | None, key: str, column: int = -1) -> int | float | None:
    """A cell's value, ``None`` when the table, row or cell is missing or unreadable."""
    row = table.row(key) if table is not None else None
    if row is None or not row.cells or column >= len(row.cells):
        return None
    return row.cells[column].value


@dataclass(frozen=True, slots=True)
class Claim:
    """A number the prose states: its value, where, and the sentence piece quoted."""

    value: int
    span: Span
    quoted: str


def _approximate(text: str, match: re.Match[str], group: str) -> bool:
    """"150余次", "20多件", "100件以上": not an exact count."""
    return bool(APPROXIMATE.match(text, match.end(group)) or APPROXIMATE.match(text, match.end()))


def _group(match: re.Match[str], *names: str) -> str | None:
    """The first of ``names`` that took part in the match (alternatives cannot share a name)."""
    return next((name for name in names
                 if name in match.re.groupindex and match.group(name) is not None), None)


def _claims(report: Report, pattern: re.Pattern[str], *, needs: str = "",
            exclude: re.Pattern[str] | None = None) -> Iterator[Claim]:
    """What ``pattern`` states in the prose: the number in its ``num``/``num2`` group, or 0 at
    its ``zero``/``zero2`` group. Skips paragraphs without ``needs``, citations, approximate
    numbers and clauses that match ``exclude``."""
    for paragraph in report.paragraphs():
        text, base = paragraph.text, paragraph.span.start
        if needs not in text:
            continue
        citations = None
        for match in pattern.finditer(text):
            if exclude is not None and exclude.search(text, *clause_bounds(text, match.start())):
                continue
            citations = citations or Citations(text)
            if citations.covers(match.span()):
                continue
            number = _group(match, "num", "num2")
            if number is not None:
                if _approximate(text, match, number):
                    continue
                value = parse_number(match.group(number))
                where = match.span(number)
            else:
                value, where = 0, match.span(_group(match, "zero", "zero2") or 0)
            if value is not None:
                yield Claim(value, Span(base + where[0], base + where[1]), match.group())


# --- C001 applications ------------------------------------------------------------------

_NOT_REQUESTS = re.compile(r"复议|诉讼|咨询|投诉|信访|收费|费用|不予|处理费")
_RECEIVED = re.compile(
    rf"(?:收到|接到|受理|接收|新收|收悉)(?:了)?{_BOUND}{{0,16}}?申请{_BOUND}{{0,8}}?"
    rf"(?:共计?|合计|总计)?\s*(?P<num>{NUMBER}){_UNIT}"
    rf"|(?:收到|接到|受理|接收|新收)(?:了)?{_BOUND}{{0,6}}?(?P<num2>{NUMBER})\s*(?:件|份|条)"
    rf"{_BOUND}{{0,12}}?(?:依申请公开|公开申请|申请公开|信息公开申请)")
_NONE_RECEIVED = re.compile(
    rf"(?P<zero>(?:未|没有|尚未|均未|并未)(?:收到|接到|受理|发生|产生|出现|有)|(?:无|没有)(?=依申请|政府信息公开申请))"
    rf"{_BOUND}{{0,14}}?(?:依申请公开|信息公开申请|公开申请|申请公开)"
    rf"|(?:依申请公开|信息公开申请|公开申请){_BOUND}{{0,10}}?(?P<zero2>为零|为0件?|为〇|是零)")
_SIMPLE_ROWS = (
    # (pattern, table 三 row key, what the row counts)
    (re.compile(rf"(?:予以公开|同意公开|全部公开)\s*(?P<num>{NUMBER}){_UNIT}"), "granted",
     "（一）予以公开"),
    (re.compile(rf"部分公开\s*(?P<num>{NUMBER}){_UNIT}"), "partially_granted", "（二）部分公开"),
    (re.compile(rf"上年(?:度)?结转{_BOUND}{{0,10}}?(?P<num>{NUMBER}){_UNIT}"), "carried_over",
     "二、上年结转"),
    (re.compile(rf"结转(?:至|到)?下(?:一)?年度?{_BOUND}{{0,10}}?(?P<num>{NUMBER}){_UNIT}"),
     "carry_forward", "四、结转下年度继续办理"),
)
_ABOUT_REQUESTS = re.compile(r"申请")


class ApplicationsInProse(Rule):
    """Numbers of applications stated in the prose contradict table 三.

    Reads what the prose says about 政府信息公开 applications: received ("共收到/接到/受理…申请
    N件"), none received ("未收到…申请", "未发生…依申请公开", "依申请公开信息数为零"), granted
    ("予以公开N件"), partly granted, carried over from last year and carried forward, and
    compares each with the 总计 column of table 三 (a received count may also include the
    carried-over ones). Prefers silence to a false alarm: clauses about 复议, 诉讼, 咨询, 收费
    or 不予公开, approximate numbers and missing or unreadable cells are skipped.

    Fails::

        2024年，共接到依申请公开5件。
        …
        一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4

    Passes::

        2024年，共接到依申请公开4件。
        …
        一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4
    """

    code = "C001"
    name = "applications-in-prose"
    severity = Severity.ERROR
    summary = "Numbers of applications in the prose contradict table 三"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        table = report.tables.get("requests")
        if table is None:
            return
        new, carried = _total(table, "new"), _total(table, "carried_over")
        if new is not None:
            for claim in _claims(report, _RECEIVED, needs="申请", exclude=_NOT_REQUESTS):
                if claim.value == new or (carried is not None and claim.value == new + carried):
                    continue
                yield self.finding(claim.span, f"{quote(claim.quoted, 40)} states {claim.value} "
                                   f"applications received; table 三 本年新收 总计 is {new}")
            if new:
                for claim in _claims(report, _NONE_RECEIVED, needs="申请",
                                     exclude=_NOT_REQUESTS):
                    yield self.finding(claim.span, f"{quote(claim.quoted, 40)} states no "
                                       f"applications; table 三 本年新收 总计 is {new}")
        for pattern, key, label in _SIMPLE_ROWS:
            expected = _total(table, key)
            if expected is None:
                continue
            for claim in _claims(report, pattern, needs="公开" if key.endswith("granted")
                                 else "结转"):
                start, end = sentence_bounds(report.text, claim.span.start)
                if not _ABOUT_REQUESTS.search(report.text, start, end) or claim.value == expected:
                    continue
                yield self.finding(claim.span, f"{quote(claim.quoted, 40)} states {claim.value}; "
                                   f"table 三 {label} 总计 is {expected}")


# --- C002 行政复议 and 行政诉讼 -----------------------------------------------------------------

_REVIEW, _LITIGATION = "行政复议", "行政诉讼"
_NEGATION = (r"未发生|没有发生|未出现|没有出现|未收到|没有收到|未接到|未被|没有被|不存在|未有|没有"
             r"|无(?=[^，,。；;\n]{0,6}(?:行政复议|行政诉讼|复议|诉讼))")
_NONE_REVIEWED = re.compile(
    rf"(?P<zero>{_NEGATION})(?P<about>{_BOUND}{{0,30}}?(?:复议|诉讼))")
_ZERO_AFTER = re.compile(
    r"(?P<about>(?:行政复议|行政诉讼)[^。；;，,\n率%％]{0,16}?)(?:均为|为|是)(?P<zero>零|0|〇)"
    r"(?:件|起|例)?(?![\d.%％])")
_CASE_TERM = r"(?:行政复议|行政诉讼)(?:案件|案)?"
#: "行政复议2件", "行政复议案件共2件", "行政复议和行政诉讼各0件": the count follows the term.
_COUNT = re.compile(
    rf"(?P<about>{_CASE_TERM}(?:(?:和|、|及|与){_CASE_TERM})?(?:各|共计?|合计|总计)?)\s*"
    rf"(?P<num>{NUMBER}){_UNIT}")


@dataclass(frozen=True, slots=True)
class _Review:
    review: int | float | None
    litigation: int | float | None


def _review_totals(report: Report) -> _Review:
    table = report.tables.get("review")
    review = _total(table, "review", 4)
    direct = _total(table, "litigation_direct", 4)
    after = _total(table, "litigation_after_review", 4)
    litigation = direct + after if direct is not None and after is not None else None
    return _Review(review, litigation)


def _topics(about: str) -> tuple[bool, bool]:
    """Whether a statement speaks of 行政复议, of 行政诉讼 (起诉 counts as 诉讼)."""
    return "复议" in about, ("诉讼" in about or "起诉" in about)


class ReviewInProse(Rule):
    """Statements about 行政复议 and 行政诉讼 contradict table 四.

    Reads "未发生/没有发生…行政复议…行政诉讼", "行政复议和行政诉讼均为0" and "行政复议N件" and
    compares them with the 总计 cells of table 四: 行政复议, and 行政诉讼 as 未经复议直接起诉 plus
    复议后起诉. Prefers silence to a false alarm: a statement must name 复议 or 诉讼 in the same
    clause, a count must follow the word closely, and missing or unreadable cells mean silence.

    Fails::

        没有发生申请行政复议案件和提起行政诉讼案件。
        …
        行政复议 总计 1

    Passes::

        没有发生申请行政复议案件和提起行政诉讼案件。
        …
        行政复议 总计 0, 行政诉讼 总计 0
    """

    code = "C002"
    name = "review-in-prose"
    severity = Severity.ERROR
    summary = "Statements about 行政复议/行政诉讼 contradict table 四"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        if "review" not in report.tables:
            return
        totals = _review_totals(report)
        for paragraph in report.paragraphs():
            text, base = paragraph.text, paragraph.span.start
            if "复议" not in text and "诉讼" not in text:
                continue
            for match in _NONE_REVIEWED.finditer(text):
                # "没有发生申请行政复议案件和提起行政诉讼案件": the rest of the clause counts
                end = clause_bounds(text, match.start())[1]
                span = Span(base + match.start("zero"), base + match.end("zero"))
                yield from self._zero(span, text[match.start():end],
                                      *_topics(text[match.start():end]), totals)
            for match in _ZERO_AFTER.finditer(text):
                span = Span(base + match.start("zero"), base + match.end("zero"))
                yield from self._zero(span, match.group(), *_topics(match.group("about")),
                                      totals)
            for match in _COUNT.finditer(text):
                if _approximate(text, match, "num"):
                    continue
                value = parse_number(match.group("num"))
                if value is None:
                    continue
                span = Span(base + match.start("num"), base + match.end("num"))
                yield from self._count(span, match.group(), value, match.group("about"), totals)

    def _zero(self, span: Span, quoted: str, review: bool, litigation: bool,
              totals: _Review) -> Iterator[Finding]:
        wrong = []
        if review and totals.review:
            wrong.append(f"{_REVIEW} 总计 is {totals.review}")
        if litigation and totals.litigation:
            wrong.append(f"{_LITIGATION} 总计 is {totals.litigation}")
        if wrong:
            yield self.finding(span, f"{quote(quoted, 40)} states there were none; table 四 "
                               + " and ".join(wrong))

    def _count(self, span: Span, quoted: str, value: int, about: str,
               totals: _Review) -> Iterator[Finding]:
        review, litigation = _topics(about)
        if review and litigation:
            if totals.review is None or totals.litigation is None:
                return
            each = "各" in about
            if (each and value == totals.review == totals.litigation) or (
                    not each and value == totals.review + totals.litigation):
                return
            expected = (f"{_REVIEW} {totals.review}, {_LITIGATION} {totals.litigation}")
        elif review:
            if totals.review is None or value == totals.review:
                return
            expected = f"{_REVIEW} 总计 {totals.review}"
        else:
            if totals.litigation is None or value == totals.litigation:
                return
            expected = f"{_LITIGATION} 总计 {totals.litigation}"
        yield self.finding(span, f"{quote(quoted, 40)} states {value}; table 四 says {expected}")


# --- C003 规章 and 规范性文件 ------------------------------------------------------------------

_ISSUE = r"(?:制发|制定|出台|印发|新制定)了?"
_COUNT_UNIT = r"\s*(?:件|个|份|部|项)"
_KIND = r"规章(?!制度)|(?:行政)?规范性文件"
_ISSUED = re.compile(
    rf"{_ISSUE}(?:政府)?(?P<kind>{_KIND}){_BOUND}{{0,4}}?(?:共计?)?(?P<num>{NUMBER}){_COUNT_UNIT}"
    rf"|{_ISSUE}(?P<num2>{NUMBER}){_COUNT_UNIT}(?:政府)?(?P<kind2>{_KIND})")
_NONE_ISSUED = re.compile(rf"(?P<zero>(?:未|没有|无){_ISSUE})(?:任何)?(?:政府)?(?P<kind>{_KIND})")
_REPEALED = re.compile(
    rf"废止了?(?P<kind>{_KIND}){_BOUND}{{0,4}}?(?:共计?)?(?P<num>{NUMBER}){_COUNT_UNIT}")
_IN_FORCE = re.compile(
    rf"现行有效的?(?P<kind>{_KIND}){_BOUND}{{0,4}}?(?:共计?)?(?P<num>{NUMBER}){_COUNT_UNIT}")
#: (pattern, column index, column name) per table 二 format; 2019 has no 废止/现行有效 columns.
_ACTIVE_CLAIMS = {
    "2021": ((_ISSUED, 0, "本年制发件数"), (_NONE_ISSUED, 0, "本年制发件数"),
             (_REPEALED, 1, "本年废止件数"), (_IN_FORCE, 2, "现行有效件数")),
    "2019": ((_ISSUED, 0, "本年新制作数量"), (_NONE_ISSUED, 0, "本年新制作数量")),
}


class RulesInProse(Rule):
    """Counts of 规章 and 规范性文件 stated in the prose contradict table 二.

    Reads "制发/制定/出台/印发规范性文件N件" (or "制定N件规范性文件"), "未制发规范性文件",
    "废止规范性文件N件" and "现行有效规范性文件N件" and compares them with the rows 规章 and
    (行政)规范性文件 of table 二 (本年制发件数, 本年废止件数, 现行有效件数; in the 2019 format
    only 本年新制作数量). 规章制度 (internal rules) is not 规章. Prefers silence to a false alarm:
    approximate numbers, citations and missing or unreadable cells mean silence.

    Fails::

        2024年，我局制发行政规范性文件3件。
        …
        行政规范性文件 | 2 | 0 | 5

    Passes::

        2024年，我局制发行政规范性文件2件。
        …
        行政规范性文件 | 2 | 0 | 5
    """

    code = "C003"
    name = "rules-in-prose"
    severity = Severity.WARNING
    summary = "Counts of 规章/规范性文件 in the prose contradict table 二"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        table = report.tables.get("active")
        if table is None:
            return
        paragraphs = [p for p in report.paragraphs() if "规章" in p.text or "规范性文件" in p.text]
        for pattern, column, column_name in _ACTIVE_CLAIMS.get(table.format, ()):
            for paragraph in paragraphs:
                yield from self._paragraph(report, paragraph.text, paragraph.span.start,
                                           pattern, column, column_name, table)

    def _paragraph(self, report: Report, text: str, base: int, pattern: re.Pattern[str],
                   column: int, column_name: str, table: Table) -> Iterator[Finding]:
        citations = None
        for match in pattern.finditer(text):
            citations = citations or Citations(text)
            if citations.covers(match.span()):
                continue
            kind = match.group(_group(match, "kind", "kind2") or "kind")
            key, label = (("rules", "规章") if kind == "规章"
                          else ("normative_documents", "规范性文件"))
            expected = _total(table, key, column)
            number = _group(match, "num", "num2")
            if number is not None:
                if _approximate(text, match, number):
                    continue
                value = parse_number(match.group(number))
                where = match.span(number)
            else:
                value, where = 0, match.span("zero")
            if expected is None or value is None or value == expected:
                continue
            stated = value if number is not None else "none"
            yield self.finding(Span(base + where[0], base + where[1]),
                               f"{quote(match.group(), 40)} states {stated}; table 二 {label} "
                               f"{column_name} is {expected}")


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    """The rules of this pack."""
    return [ApplicationsInProse, ReviewInProse, RulesInProse]
