"""Report facts read from the title, the signature or the opening text: agency, kind, year."""

from __future__ import annotations

from gipr_lint.model import AgencyKind, TextPiece
from gipr_lint.reading.numerals import cjk_number
from gipr_lint.reading.source import Span
from gipr_lint.regex import compile_re

__all__ = ["agency_from_text", "agency_kind", "title_facts", "township_unit"]

_TITLE_YEAR = compile_re(
    r"(?P<year>(?:19|20)\d{2}|[二][〇零○][一二三四五六七八九〇零○]{2})\s*年度?")
_CJK = compile_re(r"[\u4e00-\u9fff]")
_TITLE_SUBJECT = compile_re(r"关于|政府信息公开|政务公开|信息公开")
_TITLE_QUOTES = "《》“”\"'「」()（）:：,， \u3000\t\r\n"
#: What an agency's name never holds inside it: the marks of a sentence and of a cited title.
_SENTENCE_MARK = compile_re(r"[《》，。；,;]")

_DEPARTMENT_SUFFIXES = (
    "局", "委员会", "管委会", "管理委员会", "委", "办公室", "办", "厅", "中心",
    "院", "所", "站", "队", "署", "处", "会", "公司", "馆", "部",
)
_TOWNSHIP = compile_re(r"(?P<unit>镇|乡|街道)(?:人民政府|政府|办事处)?$|(?P<street>街道)办$")
_GOVERNMENT = compile_re(r"(?:省|市|区|县|州|旗|盟)(?:人民政府|政府)$")

#: An agency's full name opening the first sentence of the body ("大渡口区跳磴镇人民政府根据…").
_AGENCY_IN_TEXT = compile_re(
    r"(?:本(?:年度)?报告(?:由|是))?"  # "本报告由南平市人民政府…编制": the subject follows
    r"(?P<name>[\u4e00-\u9fff]{2,24}?(?:街道办事处|人民政府办公室|人民政府|管理委员会|委员会|办事处|局"
    r"|中心))")


def township_unit(name: str) -> str | None:
    """镇, 乡 or 街道 when the name is a township's ("高庄镇人民政府", "官洲街道办事处")."""
    match = _TOWNSHIP.search(name.strip())
    return (match.group("unit") or match.group("street")) if match else None


def agency_kind(name: str) -> AgencyKind:
    """What kind of body a name denotes: 镇/乡/街道 → township, 县/区/市 government, 局/委 … ."""
    name = name.strip()
    if not name:
        return AgencyKind.UNKNOWN
    if township_unit(name):
        return AgencyKind.TOWNSHIP
    if _GOVERNMENT.search(name):
        return AgencyKind.GOVERNMENT
    if name.endswith(_DEPARTMENT_SUFFIXES):
        return AgencyKind.DEPARTMENT
    return AgencyKind.UNKNOWN


def _agency_in(title: TextPiece, start: int, end: int) -> TextPiece | None:
    part = title.text[start:end]
    stripped = part.strip(_TITLE_QUOTES)
    if len(stripped) < 2 or not _CJK.search(stripped):  # "Page 9 - 2020年报": no agency
        return None
    if _SENTENCE_MARK.search(stripped):
        # a sentence of the preamble read as the title ("根据《中华人民共和国政府信息公开条例》及
        # 《…年度报告"): what stands before its year is no agency's name
        return None
    offset = title.span.start + start + part.index(stripped)
    return TextPiece(stripped, Span(offset, offset + len(stripped)))


def title_facts(title: TextPiece) -> tuple[TextPiece | None, int | None, Span | None]:
    """``(agency, year, year span)`` named by a title; any of them may be missing.

    The agency is what stands before the year ("高庄镇人民政府2024年政府信息公开工作年度报告") or,
    in a year-first title, between the year and the subject ("2024年高庄镇人民政府政府信息公开
    工作年度报告"). Years may be written in Chinese numerals (二〇二四年).
    """
    text = title.text
    year_match = _TITLE_YEAR.search(text)
    subject = _TITLE_SUBJECT.search(text)
    if year_match is None:
        return (_agency_in(title, 0, subject.start()) if subject else None), None, None
    year = cjk_number(year_match.group("year"))
    assert year is not None  # the pattern takes digits only
    year_span = Span(title.span.start + year_match.start("year"),
                     title.span.start + year_match.end("year"))
    before = min(year_match.start(), subject.start() if subject else len(text))
    agency = _agency_in(title, 0, before)
    if agency is None:
        later_subject = _TITLE_SUBJECT.search(text, year_match.end())
        if later_subject is not None:
            agency = _agency_in(title, year_match.end(), later_subject.start())
    return agency, year, year_span


def agency_from_text(text: str, start: int, end: int) -> TextPiece | None:
    """An agency's full name opening the text at ``start`` (the first sentence's subject)."""
    match = _AGENCY_IN_TEXT.match(text, start, min(end, start + 40))
    if match is None:
        return None
    return TextPiece(match.group("name"), Span(match.start("name"), match.end("name")))
