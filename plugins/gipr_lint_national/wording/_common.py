"""What several wording rules share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gipr_lint.api import (
    N_,
    AgencyKind,
    Paragraph,
    Report,
    Severity,
    TextPiece,
    compile_re,
    township_unit,
    translator,
)
from gipr_lint_national._text import holds_any

_ = translator("gipr_lint_national")


#: A piece of text a wording rule reads, with its ``text`` and ``span``: a paragraph, or the
#: title or a part of the 落款.
Piece = TextPiece | Paragraph


def _pieces(report: Report) -> Sequence[Piece]:
    """The prose a wording rule reads: every paragraph (never table text), as the paragraphs
    themselves (their text and span are what the rules read: no copy is made of them)."""
    return tuple(report.paragraphs())


#: Self-references, with what must not follow them for the word to be one: 我办理, 本办法,
#: 我委托, 局面/局部, 乡镇/乡村, 我办事处 (a 街道's own word).
#: (Written with 我/本 first and the look behind after it, so that a search skips to them.)
_SELF = compile_re(
    r"(?P<word>我(?<!自我)(?:局|委|办|中心|厅|街道|镇|乡)"
    r"|本(?<!自本)(?:局|委|中心|厅|街道|镇|乡))"
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
            return _Misfit(prefix + unit if unit else None, None, _("a township"))
        if unit is None or stem == unit:
            return None
        severity = Severity.WARNING if {stem, unit} == {"镇", "乡"} else None
        return _Misfit(prefix + unit, severity, _(_UNIT_NAMES[unit]))
    if kind is AgencyKind.DEPARTMENT and word not in _DEPARTMENT_WORDS:
        if stem in agency:
            return None  # a 镇 office, a 街道 centre: the town is its own
        return _Misfit(prefix + unit if unit else None, None, _("a department"))
    return None


_UNIT_NAMES = {"镇": N_("a 镇 (town)"), "乡": N_("a 乡 (township)"),
               "街道": N_("a 街道 (sub-district)")}


_CORE_SUFFIX = compile_re(r"(?:政府|办事处|办)$")


#: A township named as the subject right after a year opener: "2024年，李庄镇…".
_TEXT_SUBJECT = compile_re(
    r"(?:19|20)\d{2}\s*年度?\s*[，,]?\s*"
    r"(?P<name>(?![我本全各该在对按经由为从共已将把于是其此度])"
    r"(?:[\u4e00-\u9fff]{2,6}?[县区市])?[\u4e00-\u9fff]{2,4}?(?:镇|乡|街道))"
    r"(?=人民政府|政府|党委|办事处|紧紧|认真|持续|积极|高度|全面|严格|坚持|始终|不断|扎实|进一步|深入|"
    r"切实|按照|围绕|共|未|没有|无|已|以|在|把|将|对|通过|继续|进行|加强|大力|着力|努力)")


_TEXT_AGENCY = compile_re(
    r"(?P<name>(?![我本全各该在对按经由为从共已将把于是其此根依])[\u4e00-\u9fff]{2,16}?"
    r"(?:镇|乡|街道))(?:人民政府|办事处)")


def core_name(name: str) -> str:
    """An agency name with the parts that vary between mentions of the same body removed:
    "乌苏市甘河子镇人民政府" → "乌苏市甘河子镇", "…管理委员会" → "…管委会"."""
    # (whitespace dropped by str.split, which drops what the regex class \s would: both ask
    # str.isspace; a regex substitution costs a pattern-cache lookup and a search)
    name = "".join(name.split()).replace("人民政府", "政府").replace("管理委员会", "管委会")
    return _CORE_SUFFIX.sub("", name)


def same_body(first: str, second: str) -> bool:
    """Whether two agency names denote the same body (or one names a part of the other):
    one core holds the other, so county prefixes and 人民政府/办事处 do not matter."""
    a, b = core_name(first), core_name(second)
    if len(a) < 2 or len(b) < 2:
        return True
    return a in b or b in a


_X = "×✕╳ＸｘXx"


_UNIT = "镇乡县市区局委办村年月日号省州旗街社单部司"


_PLACEHOLDER = compile_re(  # not after a letter: looked behind from the first X (a search skips)
    rf"[{_X}](?<![A-Za-z][{_X}])[{_X}]+年(?:[{_X}]{{1,2}}月(?:[{_X}]{{1,2}}日)?)?"
    rf"|[{_X}](?<![A-Za-z][{_X}])[{_X}]+(?![A-Za-z])[{_UNIT}]?"
    r"|[（(［\[【{｛<＜]\s*(?:单位名称|单位全称|机关名称|部门名称|机构名称|本单位名称|单位名|"
    r"请?填写[^）)］\]】}｝>＞\n]{0,8}|此处[^）)］\]】}｝>＞\n]{0,8}|地区名称|日期|年份)"
    r"\s*[）)］\]】}｝>＞]")


#: What every placeholder holds: an X, or one of the bracketed slots' words (a first look: the
#: X's by ``in`` tests, several times quicker than a search for the class of them; the words by
#: a pattern that a search skips through quickly).
_PLACEHOLDER_WORD = compile_re(
    "单位名|单位全称|机关名称|部门名称|机构名称|填写|此处|地区名称|日期|年份")


def _placeholder_hint(text: str) -> bool:
    """Whether ``text`` may hold a placeholder (:data:`_PLACEHOLDER`)."""
    return holds_any(text, _X) or _PLACEHOLDER_WORD.search(text) is not None


_HAN = compile_re(r"[\u4e00-\u9fff〔〕]")


def _ascii_placeholder(text: str, start: int, end: int) -> bool:
    """ASCII XX counts only next to Chinese text ("XX镇", "关于XX"), not in "XX-Large"."""
    before = text[start - 1:start] if start else ""
    return bool(_HAN.match(before) or _HAN.match(text, end))


_BRACKET_OPEN, _BRACKET_CLOSE = r"[〔\[［【(（]", r"[〕\]］】)）]"


_WRONG_30 = compile_re(rf"国办发\s*{_BRACKET_OPEN}\s*2021\s*{_BRACKET_CLOSE}\s*30\s*号")


_OLD_60 = compile_re(rf"国办公开办函\s*{_BRACKET_OPEN}\s*2019\s*{_BRACKET_CLOSE}\s*60\s*号")


_RIGHT_30 = "国办公开办函〔2021〕30号"


_THIRTEENTH = compile_re(r"十三五")


_HISTORICAL = compile_re(r"期间|时期|以来|收官|回顾|完成|成就|末期|总结")


_POVERTY = compile_re(r"扶贫|脱贫攻坚")


_CURRENT_POVERTY = compile_re(r"(?:巩固|拓展|衔接)[^，,。；;]{0,4}$")


def _plan_name(year: int) -> str:
    """The five-year plan of ``year``: 十四五 for 2021–2025, 十五五 for 2026–2030."""
    names = {2021: "十四五", 2026: "十五五", 2031: "十六五"}
    return next((name for start, name in names.items() if start <= year < start + 5), "十四五")

