"""Agency and wording: self-references that fit the agency kind, placeholders, outdated bases."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gipr_lint.diagnostics import Edit, Finding, Fix, Severity
from gipr_lint.reading.facts import township_unit
from gipr_lint.hookspecs import hookimpl
from gipr_lint.model import AgencyKind, Report, TextPiece
from gipr_lint.rules import Rule, RuleContext
from gipr_lint.reading.source import Span
from gipr_lint_rules._prose_numbers import Citations, sentence_bounds, sentence_starts
from gipr_lint_rules._text import quote

GIPR_LINT_API = 1


def _pieces(report: Report) -> Iterator[TextPiece]:
    """The prose a wording rule reads: every paragraph (never table text)."""
    for paragraph in report.paragraphs():
        yield TextPiece(paragraph.text, paragraph.span)


# --- A001 self-reference -------------------------------------------------------------------------

#: Self-references, with what must not follow them for the word to be one: 我办理, 本办法,
#: 我委托, 局面/局部, 乡镇/乡村, 我办事处 (a 街道's own word).
_SELF = re.compile(
    r"(?<!自)(?P<word>我局|本局|我委|本委|我办|我中心|本中心|我厅|本厅"
    r"|我街道|本街道|我镇|本镇|我乡|本乡)"
    r"(?![部面势限托派屈理事法结好件案员镇村土亲])")
_DEPARTMENT_WORDS = frozenset({"我局", "本局", "我委", "本委", "我办", "我中心", "本中心",
                               "我厅", "本厅"})
_DEPARTMENT_OWN = (("局", "局"), ("委员会", "委"), ("厅", "厅"), ("中心", "中心"),
                   ("办公室", "办"))
_DEPARTMENT_NOT_CERTAIN = ("管理委员会", "管委会")


def _township_unit(report: Report) -> str | None:
    """镇, 乡 or 街道 for a township report whose agency name says which."""
    return township_unit(report.agency.text) if report.agency is not None else None


def _department_unit(report: Report) -> str | None:
    """局, 委, 厅, 中心 or 办 when the department's name makes its self-reference certain."""
    if report.agency is None:
        return None
    name = report.agency.text.strip()
    if name.endswith(_DEPARTMENT_NOT_CERTAIN):
        return None
    for suffix, unit in _DEPARTMENT_OWN:
        if name.endswith(suffix):
            return unit
    return None


@dataclass(frozen=True, slots=True)
class _Misfit:
    expected: str | None      # the fitting word, when certain
    severity: Severity | None  # None: the rule's default (error)
    kind_name: str


def _misfit(word: str, kind: AgencyKind, unit: str | None, agency: str) -> _Misfit | None:
    prefix = word[0]
    stem = word[1:]
    if kind is AgencyKind.TOWNSHIP:
        if stem == "办" and unit == "街道" and agency.endswith(("办事处", "街道办")):
            return None  # a 街道办事处 is an office: 我办 is its own word
        if word in _DEPARTMENT_WORDS:
            return _Misfit(prefix + unit if unit else None, None, "a township")
        if unit is None or stem == unit:
            return None
        severity = Severity.WARNING if {stem, unit} == {"镇", "乡"} else None
        return _Misfit(prefix + unit, severity, f"a {_UNIT_NAMES[unit]}")
    if kind is AgencyKind.DEPARTMENT and word not in _DEPARTMENT_WORDS:
        if stem in agency:
            return None  # a 镇 office, a 街道 centre: the town is its own
        return _Misfit(prefix + unit if unit else None, None, "a department")
    return None


_UNIT_NAMES = {"镇": "镇 (town)", "乡": "乡 (township)", "街道": "街道 (sub-district)"}


class SelfReference(Rule):
    """A self-reference that does not fit the agency kind: text copied from another unit.

    A township (镇/乡/街道) calls itself 我镇, 我乡 or 我街道, a department 我局, 我委, 我办,
    我中心 or 我厅; 本机关 and 本单位 fit any agency. Flags 我局/本局/我委/我办/我中心 in a
    township report and 我镇/我乡/我街道 in a department's; 我乡 in a 镇 report (or 我镇 in a
    乡's) is only a warning. The kind comes from the agency name (title, 落款, text or
    configuration); a department whose name holds the town (a 镇 centre) may say 我镇, and a
    街道办事处, being an office, may say 我办. When the
    name makes the fitting word certain, a safe fix replaces the word. Government reports
    (县/区/市) are not checked.

    Fails::

        高庄镇人民政府2024年政府信息公开工作年度报告
        …
        2025年我局将加大政府信息公开工作力度。

    Passes::

        高庄镇人民政府2024年政府信息公开工作年度报告
        …
        2025年我镇将加大政府信息公开工作力度。
    """

    code = "A001"
    name = "self-reference"
    severity = Severity.ERROR
    summary = "Self-reference that does not fit the agency kind"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        kind = report.agency_kind
        if kind not in (AgencyKind.TOWNSHIP, AgencyKind.DEPARTMENT):
            return
        unit = _township_unit(report) if kind is AgencyKind.TOWNSHIP else _department_unit(report)
        agency = report.agency.text if report.agency else ""
        for piece in _pieces(report):
            citations = None
            for match in _SELF.finditer(piece.text):
                word = match.group("word")
                misfit = _misfit(word, kind, unit, agency)
                if misfit is None:
                    continue
                citations = citations or Citations(piece.text)
                if citations.covers(match.span()):
                    continue
                span = Span(piece.span.start + match.start(), piece.span.start + match.end())
                yield self._finding(span, word, misfit)

    def _finding(self, span: Span, word: str, misfit: _Misfit) -> Finding:
        if misfit.expected is None:
            expected = ("a township self-reference (我镇, 我乡, 我街道) or 本机关"
                        if misfit.kind_name == "a township"
                        else "the department's own self-reference (我局, 我委 …) or 本机关")
            return self.finding(span, f"{quote(word)} in {misfit.kind_name} report; "
                                f"expected {expected}", severity=misfit.severity)
        fix = Fix((Edit(span, misfit.expected),),
                  f"replace {quote(word)} with {quote(misfit.expected)}")
        return self.finding(span, f"{quote(word)} in {misfit.kind_name} report; expected "
                            f"{quote(misfit.expected)}", severity=misfit.severity, fix=fix)


# --- A002 agency mismatch ------------------------------------------------------------------------

_CORE_SUFFIX = re.compile(r"(?:政府|办事处|办)$")
#: A township named as the subject right after a year opener: "2024年，李庄镇…".
_TEXT_SUBJECT = re.compile(
    r"(?:19|20)\d{2}\s*年度?\s*[，,]?\s*"
    r"(?P<name>(?![我本全各该在对按经由为从共已将把于是其此])"
    r"(?:[\u4e00-\u9fff]{2,6}?[县区市])?[\u4e00-\u9fff]{2,4}?(?:镇|乡|街道))"
    r"(?=人民政府|政府|党委|办事处|紧紧|认真|持续|积极|高度|全面|严格|坚持|始终|不断|扎实|进一步|深入|"
    r"切实|按照|围绕|共|未|没有|无|已|以|在|把|将|对|通过|继续|进行|加强|大力|着力|努力)")
_TEXT_AGENCY = re.compile(
    r"(?P<name>(?![我本全各该在对按经由为从共已将把于是其此根依])[\u4e00-\u9fff]{2,16}?"
    r"(?:镇|乡|街道))(?:人民政府|办事处)")


def core_name(name: str) -> str:
    """An agency name with the parts that vary between mentions of the same body removed:
    "乌苏市甘河子镇人民政府" → "乌苏市甘河子镇", "…管理委员会" → "…管委会"."""
    name = re.sub(r"\s+", "", name).replace("人民政府", "政府").replace("管理委员会", "管委会")
    return _CORE_SUFFIX.sub("", name)


def same_body(first: str, second: str) -> bool:
    """Whether two agency names denote the same body (or one names a part of the other):
    one core holds the other, so county prefixes and 人民政府/办事处 do not matter."""
    a, b = core_name(first), core_name(second)
    if len(a) < 2 or len(b) < 2:
        return True
    return a in b or b in a


class AgencyMismatch(Rule):
    """The agency in the title differs from the 落款 or from the subject of the text.

    Compares names by their core: 人民政府/政府/办事处 and county or city prefixes do not count
    ("甘河子镇" and "乌苏市甘河子镇人民政府" are the same body), and a sub-unit that signs
    (高庄镇党政办公室 for 高庄镇) is fine. For townships it also reads the subject of sentences
    opening with a year ("2024年，李庄镇…") and a name ending in 人民政府/办事处 opening a
    paragraph. Prefers silence to a false alarm: it needs the agency from the title and only
    reports names that share neither way.

    Fails::

        高庄镇人民政府2024年政府信息公开工作年度报告
        …
        李庄镇人民政府
        2025年1月20日

    Passes::

        甘河子镇政府信息公开工作2024年度报告
        …
        乌苏市甘河子镇人民政府
        2025年1月20日
    """

    code = "A002"
    name = "agency-mismatch"
    severity = Severity.WARNING
    summary = "The agency in the title differs from the 落款 or the text"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        if report.agency is None or report.agency_origin != "title":
            return
        title = report.agency.text
        signature = report.signature.agency if report.signature else None
        if signature is not None and not same_body(title, signature.text):
            yield self.finding(signature.span, f"the 落款 names {quote(signature.text)}, but "
                               f"the title names {quote(title)}")
        if report.agency_kind is AgencyKind.TOWNSHIP:
            yield from self._subjects(report, title)

    def _subjects(self, report: Report, title: str) -> Iterator[Finding]:
        for piece in _pieces(report):
            text, base = piece.text, piece.span.start
            starts = sentence_starts(text)
            for position in starts:
                match = _TEXT_SUBJECT.match(text, position) or (
                    _TEXT_AGENCY.match(text, position) if position == starts[0] else None)
                if match is None:
                    continue
                name = match.group("name")
                if "乡镇" in name or "镇乡" in name or same_body(title, name):
                    continue
                span = Span(base + match.start("name"), base + match.end("name"))
                yield self.finding(span, f"the text's subject is {quote(name)}, but the title "
                                   f"names {quote(title)}")


# --- A003 placeholders ---------------------------------------------------------------------------

_X = "×✕╳ＸｘXx"
_UNIT = "镇乡县市区局委办村年月日号省州旗街社单部司"
_PLACEHOLDER = re.compile(
    rf"(?<![A-Za-z])[{_X}]{{2,}}年(?:[{_X}]{{1,2}}月(?:[{_X}]{{1,2}}日)?)?"
    rf"|(?<![A-Za-z])[{_X}]{{2,}}(?![A-Za-z])[{_UNIT}]?"
    r"|[（(［\[【{｛<＜]\s*(?:单位名称|单位全称|机关名称|部门名称|机构名称|本单位名称|单位名|"
    r"请?填写[^）)］\]】}｝>＞\n]{0,8}|此处[^）)］\]】}｝>＞\n]{0,8}|地区名称|日期|年份)"
    r"\s*[）)］\]】}｝>＞]")
_HAN = re.compile(r"[\u4e00-\u9fff〔〕]")


def _ascii_placeholder(text: str, start: int, end: int) -> bool:
    """ASCII XX counts only next to Chinese text ("XX镇", "关于XX"), not in "XX-Large"."""
    before = text[start - 1:start] if start else ""
    return bool(_HAN.match(before) or _HAN.match(text, end))


class Placeholder(Rule):
    """Template placeholders left in: XX镇, ××, XXXX年, ＸＸ, （单位名称）, [单位名称].

    Reads the title, every paragraph and the 落款. Only placeholder patterns count: runs of two
    or more X/×, and bracketed template slots (（单位名称）, 【填写…】); plain words such as 某
    or 有关单位 never fire. ASCII XX counts only next to Chinese text.

    Fails::

        XX镇人民政府2024年政府信息公开工作年度报告

    Passes::

        高庄镇人民政府2024年政府信息公开工作年度报告
    """

    code = "A003"
    name = "placeholder"
    severity = Severity.ERROR
    summary = "Template placeholders left in"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        pieces = [report.title] if report.title else []
        pieces.extend(_pieces(report))
        if report.signature is not None:
            pieces.extend(p for p in (report.signature.agency, report.signature.date_text) if p)
        for piece in pieces:
            for match in _PLACEHOLDER.finditer(piece.text):
                found = match.group()
                ascii_only = found[0] in "Xx" and found[-1] in "Xx"
                if ascii_only and not _ascii_placeholder(piece.text, *match.span()):
                    continue
                span = Span(piece.span.start + match.start(), piece.span.start + match.end())
                yield self.finding(span, f"template placeholder {quote(found)} left in; "
                                   "expected the real name, date or number")


# --- A004 outdated bases and wording -------------------------------------------------------------

_BRACKET_OPEN, _BRACKET_CLOSE = r"[〔\[［【(（]", r"[〕\]］】)）]"
_WRONG_30 = re.compile(rf"国办发\s*{_BRACKET_OPEN}\s*2021\s*{_BRACKET_CLOSE}\s*30\s*号")
_OLD_60 = re.compile(rf"国办公开办函\s*{_BRACKET_OPEN}\s*2019\s*{_BRACKET_CLOSE}\s*60\s*号")
_RIGHT_30 = "国办公开办函〔2021〕30号"
_THIRTEENTH = re.compile(r"十三五")
_HISTORICAL = re.compile(r"期间|时期|以来|收官|回顾|完成|成就|末期|总结")
_POVERTY = re.compile(r"扶贫|脱贫攻坚")
_CURRENT_POVERTY = re.compile(r"(?:巩固|拓展|衔接)[^，,。；;]{0,4}$")


def _plan_name(year: int) -> str:
    """The five-year plan of ``year``: 十四五 for 2021–2025, 十五五 for 2026–2030."""
    names = {2021: "十四五", 2026: "十五五", 2031: "十六五"}
    return next((name for start, name in names.items() if start <= year < start + 5), "十四五")


class OutdatedWording(Rule):
    """A wrong or outdated basis, plan name or policy wording.

    Flags the wrong 文号 "国办发〔2021〕30号" (the 2021 format is 国办公开办函〔2021〕30号; a safe
    fix corrects it), 国办公开办函〔2019〕60号 cited in a report for 2021 or later, "十三五" as a
    current plan in a report for 2022 or later, and 扶贫/脱贫攻坚 wording in a report for 2022 or
    later (each occurrence; the work has been 巩固拓展脱贫攻坚成果/乡村振兴 since 2021). Prefers
    silence to a false alarm: 十三五 in a historical mention ("“十三五”期间", "回顾…") and any
    of these inside a cited title 《…》 are fine, and so is "巩固拓展脱贫攻坚成果".

    Fails::

        桐柏县产业集聚区管理委员会2023年政府信息公开工作年度报告
        …及时公布扶持扶贫项目、国家教育事业发展“十三五”规划等教育政策。

    Passes::

        桐柏县产业集聚区管理委员会2023年政府信息公开工作年度报告
        …及时公布巩固拓展脱贫攻坚成果相关政策、“十四五”规划等政策。
    """

    code = "A004"
    name = "outdated-wording"
    severity = Severity.WARNING
    summary = "A wrong or outdated basis, plan name or policy wording"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        year = report.year
        for piece in _pieces(report):
            text = piece.text
            if "国办" in text:
                yield from self._bases(piece, year)
            if year is None or year < 2022:
                continue
            if "十三五" in text:
                yield from self._thirteenth(piece, year, Citations(text))
            if "扶贫" in text or "脱贫攻坚" in text:
                yield from self._poverty(piece, year, Citations(text))

    def _bases(self, piece: TextPiece, year: int | None) -> Iterator[Finding]:
        base = piece.span.start
        for match in _WRONG_30.finditer(piece.text):
            span = Span(base + match.start(), base + match.end())
            fix = Fix((Edit(span, _RIGHT_30),), f"replace with {quote(_RIGHT_30)}")
            yield self.finding(span, f"wrong 文号 {quote(match.group())}; expected "
                               f"{quote(_RIGHT_30)}", fix=fix)
        if year is None or year < 2021:
            return
        for match in _OLD_60.finditer(piece.text):
            yield self.finding(
                Span(base + match.start(), base + match.end()),
                f"outdated basis {quote(match.group())} (the 2019 format) in a {year} report; "
                f"expected {quote(_RIGHT_30)}")

    def _thirteenth(self, piece: TextPiece, year: int, citations: Citations
                    ) -> Iterator[Finding]:
        text = piece.text
        for match in _THIRTEENTH.finditer(text):
            start, end = sentence_bounds(text, match.start())
            if _HISTORICAL.search(text, start, end) or citations.covers(match.span()):
                continue
            yield self.finding(
                Span(piece.span.start + match.start(), piece.span.start + match.end()),
                f"outdated plan name \"十三五\" (2016–2020) in a {year} report; expected "
                f"\"{_plan_name(year)}\" or a historical mention")

    def _poverty(self, piece: TextPiece, year: int, citations: Citations) -> Iterator[Finding]:
        text = piece.text
        for match in _POVERTY.finditer(text):
            word = match.group()
            if word == "脱贫攻坚" and (text.startswith("成果", match.end())
                                   or _CURRENT_POVERTY.search(text, max(0, match.start() - 8),
                                                              match.start())):
                continue
            if citations.covers(match.span()):
                continue
            yield self.finding(
                Span(piece.span.start + match.start(), piece.span.start + match.end()),
                f"outdated since 2021: {quote(word)} in a {year} report; expected the current "
                "wording (巩固拓展脱贫攻坚成果, 乡村振兴, 帮扶)")


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    """The rules of this pack."""
    return [SelfReference, AgencyMismatch, Placeholder, OutdatedWording]
