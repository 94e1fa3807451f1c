"""What several consistency rules share."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gipr_lint.api import Paragraph, Report, Span, Table, compile_re
from gipr_lint_national._prose_numbers import (
    APPROXIMATE,
    NUMBER,
    Citations,
    parse_number,
    sentence_bounds,
)
from gipr_lint_national._text import holds_any

#: Units of a count of applications or cases ("个" and "次" are left out: "15个工作日", "5次").
_UNIT = r"\s*(?:件|条|份|宗|例|起)(?!\s*(?:工作日|日|天|月))"


_BOUND = r"[^。；;，,\n]"


def _total(table: Table | None, key: str, column: int = -1) -> int | float | None:
    """A cell's value, ``None`` when the table, row or cell is missing or unreadable, or the
    cell was left blank ("", "/", "—": T006 reads it as 0, but the prose is not held to a
    number the table does not state)."""
    row = table.row(key) if table is not None else None
    if row is None or not row.cells or column >= len(row.cells):
        return None
    cell = row.cells[column]
    return None if cell.blank else cell.value


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


def paragraphs_with(report: Report, needs: str) -> list[Paragraph]:
    """The report's paragraphs that hold ``needs``, for :func:`_claims` (a rule asking with
    several patterns that need the same word finds them once)."""
    return [paragraph for paragraph in report.paragraphs() if needs in paragraph.text]


def _claims(report: Report, pattern: re.Pattern[str], *, needs: str = "",
            exclude: re.Pattern[str] | None = None, hints: tuple[str, ...] = (),
            prose: str | None = None, known: dict[str, list[Paragraph]] | None = None
            ) -> Iterator[Claim]:
    """What ``pattern`` states in the prose: the number in its ``num``/``num2`` group, or 0 at
    its ``zero``/``zero2`` group. Skips paragraphs without ``needs`` or without any of
    ``hints`` (when given: words every match holds one of), citations, approximate numbers and
    clauses that match ``exclude``. ``prose``, every paragraph's text joined
    (``paragraph_text``), is looked at first: without ``needs`` or the hints there, no
    paragraph is read. ``known`` keeps :func:`paragraphs_with`'s answers for a rule that asks
    with several patterns needing the same word (filled in here; an empty list when the prose
    does not hold it, which is then not looked for again)."""
    paragraphs = known.get(needs) if known is not None else None
    if paragraphs is None and prose is not None and needs not in prose:
        paragraphs = []  # no paragraph holds it (kept: not looked for again)
        if known is not None:
            known[needs] = paragraphs
    if paragraphs == [] or (prose is not None and hints and not holds_any(prose, hints)):
        return
    if paragraphs is None:
        paragraphs = paragraphs_with(report, needs)
        if known is not None:
            known[needs] = paragraphs
    for paragraph in paragraphs:
        text, base = paragraph.text, paragraph.span.start
        if hints and not holds_any(text, hints):
            continue
        citations = None
        excluded: dict[tuple[int, int], bool] = {}  # per clause: many matches may share one
        for match in pattern.finditer(text):
            if exclude is not None:
                bounds = sentence_bounds(text, match.start(), clause=True)
                if bounds not in excluded:
                    excluded[bounds] = exclude.search(text, *bounds) is not None
                if excluded[bounds]:
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


#: A year named in the text ("2023年", "二〇二三年").
_YEAR = compile_re(r"(?P<year>(?:19|20)\d{2}|二[〇零○][一二三四五六七八九〇零○]{2})(?=\s*年)")


#: How far before a number :func:`of_another_year` looks for a year.
_YEAR_LOOKBACK = 40


def of_another_year(text: str, position: int, year: int | None) -> bool:
    """Whether the clause of ``text`` holding ``position`` names, before it, a year other than
    the report's ``year``: the clause then speaks of that year ("2023年我部收到申请45件，2024年
    收到38件"; "2023年未发生行政诉讼"), and its numbers are not this report's."""
    if year is None:
        return False
    start, _end = sentence_bounds(text, position, clause=True)
    # the year names the clause's time near its start: a clause's last few dozen characters
    # before the number are enough, and keep a long clause of many numbers linear
    start = max(start, position - _YEAR_LOOKBACK)
    return any(parse_number(found.group("year")) != year
               for found in _YEAR.finditer(text, start, position))


_NOT_REQUESTS = compile_re(r"复议|诉讼|咨询|投诉|信访|收费|费用|不予|处理费")


#: (The look-ahead of the first characters lets a search skip to where a match may start: sre
#: cannot see them behind the top-level alternation, and would try the whole pattern at every
#: character, twice as slow.)
_RECEIVED = compile_re(
    r"(?=[收接受新])"
    rf"(?:(?:收到|接到|受理|接收|新收|收悉)(?:了)?{_BOUND}{{0,16}}?申请{_BOUND}{{0,8}}?"
    rf"(?:共计?|合计|总计)?\s*(?P<num>{NUMBER}){_UNIT}"
    rf"|(?:收到|接到|受理|接收|新收)(?:了)?{_BOUND}{{0,6}}?(?P<num2>{NUMBER})\s*(?:件|份|条)"
    rf"{_BOUND}{{0,12}}?(?:依申请公开|公开申请|申请公开|信息公开申请))")


_NONE_RECEIVED = compile_re(  # the look-ahead as in _RECEIVED
    r"(?=[未没尚均并无依信公])"
    rf"(?:(?P<zero>(?:未|没有|尚未|均未|并未)(?:收到|接到|受理|发生|产生|出现|有)|(?:无|没有)(?=依申请|政府信息公开申请))"
    rf"{_BOUND}{{0,14}}?(?:依申请公开|信息公开申请|公开申请|申请公开)"
    rf"|(?:依申请公开|信息公开申请|公开申请){_BOUND}{{0,10}}?(?P<zero2>为零|为0件?|为〇|是零))")


#: Every match of :data:`_NONE_RECEIVED` holds one of these.
_NONE_RECEIVED_HINTS = ("未", "无", "没有", "为零", "为0", "为〇", "是零")


_SIMPLE_ROWS = (
    # (pattern, table 三 row key, what the row counts, words every match holds one of)
    (compile_re(rf"(?:予以公开|同意公开|全部公开)\s*(?P<num>{NUMBER}){_UNIT}"), "granted",
     "（一）予以公开", ("予以公开", "同意公开", "全部公开")),
    (compile_re(rf"部分公开\s*(?P<num>{NUMBER}){_UNIT}"), "partially_granted", "（二）部分公开",
     ("部分公开",)),
    (compile_re(rf"上年(?:度)?结转{_BOUND}{{0,10}}?(?P<num>{NUMBER}){_UNIT}"), "carried_over",
     "二、上年结转", ("结转",)),
    (compile_re(rf"结转(?:至|到)?下(?:一)?年度?{_BOUND}{{0,10}}?(?P<num>{NUMBER}){_UNIT}"),
     "carry_forward", "四、结转下年度继续办理", ("结转",)),
)


_ABOUT_REQUESTS = compile_re(r"申请")


_REVIEW, _LITIGATION = "行政复议", "行政诉讼"


_NEGATION = (r"未发生|没有发生|未出现|没有出现|未收到|没有收到|未接到|未被|没有被|不存在|未有|没有"
             r"|无(?=[^，,。；;\n]{0,6}(?:行政复议|行政诉讼|复议|诉讼))")


_NONE_REVIEWED = compile_re(
    rf"(?P<zero>{_NEGATION})(?P<about>{_BOUND}{{0,30}}?(?:复议|诉讼))")


_ZERO_AFTER = compile_re(
    r"(?P<about>(?:行政复议|行政诉讼)[^。；;，,\n率%％]{0,16}?)(?:均为|为|是)(?P<zero>零|0|〇)"
    r"(?:件|起|例)?(?![\d.%％])")


_CASE_TERM = r"(?:行政复议|行政诉讼)(?:案件|案)?"


#: "行政复议2件", "行政复议案件共2件", "行政复议和行政诉讼各0件": the count follows the term.
_COUNT = compile_re(
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


_ISSUE = r"(?:制发|制定|出台|印发|新制定)了?"


_COUNT_UNIT = r"\s*(?:件|个|份|部|项)"


_KIND = r"规章(?!制度)|(?:行政)?规范性文件"


_ISSUED = compile_re(
    rf"{_ISSUE}(?:政府)?(?P<kind>{_KIND}){_BOUND}{{0,4}}?(?:共计?)?(?P<num>{NUMBER}){_COUNT_UNIT}"
    rf"|{_ISSUE}(?P<num2>{NUMBER}){_COUNT_UNIT}(?:政府)?(?P<kind2>{_KIND})")


_NONE_ISSUED = compile_re(rf"(?P<zero>(?:未|没有|无){_ISSUE})(?:任何)?(?:政府)?(?P<kind>{_KIND})")


_REPEALED = compile_re(
    rf"废止了?(?P<kind>{_KIND}){_BOUND}{{0,4}}?(?:共计?)?(?P<num>{NUMBER}){_COUNT_UNIT}")


_IN_FORCE = compile_re(
    rf"现行有效的?(?P<kind>{_KIND}){_BOUND}{{0,4}}?(?:共计?)?(?P<num>{NUMBER}){_COUNT_UNIT}")


#: (pattern, column index, column name) per table 二 format; 2019 has no 废止/现行有效 columns.
_ACTIVE_CLAIMS = {
    "2021": ((_ISSUED, 0, "本年制发件数"), (_NONE_ISSUED, 0, "本年制发件数"),
             (_REPEALED, 1, "本年废止件数"), (_IN_FORCE, 2, "现行有效件数")),
    "2019": ((_ISSUED, 0, "本年新制作数量"), (_NONE_ISSUED, 0, "本年新制作数量")),
}

