"""S005 report-title."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from gipr_lint.api import (
    Edit,
    Finding,
    Fix,
    Report,
    Rule,
    RuleContext,
    Severity,
    Span,
    compact,
    compile_re,
    translator,
)
from gipr_lint_national._text import quote
from gipr_lint_national.structure._common import _TITLE_NAME

_ = translator("gipr_lint_national")

#: Sentence punctuation: a line holding it is prose, not a title.
_SENTENCE = compile_re(r"[，。；,;《]")


#: A web page's breadcrumb ("首页 / 政府信息公开 / 政府信息公开年报"): no title.
_BREADCRUMB = compile_re(r"\s[/>＞»]\s|首页\s*[/>＞»]")


def _title_over_lines(report: Report) -> bool:
    """Whether a short line, or two together, before the first section make a title the reader
    did not take ("高平市人民政府" / "2023年政府信息公开工作年度报告", or a title below the
    page's breadcrumb)."""
    end = report.sections[0].heading.span.start if report.sections else len(report.text)
    lines = [line.strip() for line in report.text[:end].splitlines() if line.strip()][:6]
    for line in lines:
        if len(line) <= 60 and not _SENTENCE.search(line) and not _BREADCRUMB.search(line) \
                and "政府信息公开" in compact(line) and "报告" in line:
            return True
    for first, second in pairwise(lines):
        if any(len(line) > 40 or _SENTENCE.search(line) for line in (first, second)):
            continue
        joined = compact(first + second)
        if "政府信息公开" in joined and "报告" in joined:
            return True
    return False


#: The words of the fixed name of the report, in order.
_NAME_WORDS = ("政府", "信息公开", "工作", "年度", "报告")


def _missing_words(name: str) -> list[str]:
    """The words of 政府信息公开工作年度报告 that ``name`` lacks (each looked for in order)."""
    missing, position = [], 0
    for word in _NAME_WORDS:
        found = name.find(word, position)
        if found == -1:
            missing.append(word)
        else:
            position = found + len(word)
    return missing


#: The title's name of the report as written, from 政府/信息公开 to 报告: "信息公开工作报告".
_WRITTEN_NAME = compile_re(r"(?:政府|政务)?信息公开[\u4e00-\u9fff]{0,8}?报告")


class ReportTitle(Rule):
    """The title is missing, or does not name the agency or the year.

    A report's title names the agency and the year: "高庄镇人民政府2024年政府信息公开工作年度
    报告". The agency is what stands before the year or "政府信息公开" in the title; the year is a
    four-digit year followed by 年. When the agency or year is known from elsewhere (the 落款,
    the opening sentence), the message suggests a complete title. The fixed words
    政府信息公开工作年度报告 must be whole: a title saying "信息公开工作报告" or
    "政府信息公开年度报告" gets a finding with an unsafe fix writing the fixed words (a title
    naming 政务公开 is another document and left alone). A sentence of the preamble is no title
    ("根据《…》…报告如下") nor a page's breadcrumb ("首页 / … / 政府信息公开年报"), and a title
    set over two short lines ("高平市人民政府" / "2023年政府信息公开工作年度报告") or below the
    breadcrumb is one. Whether the agency named is the right one is not
    checked here.

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
    summary = "Title missing, lacking the agency or the year, or with its fixed words altered"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        if not report.text or report.text.isspace():  # (not a stripped copy of the text)
            return
        title = report.title
        misread = title is not None and bool(_SENTENCE.search(title.text)
                                             or _BREADCRUMB.search(title.text))
        if misread:
            title = None  # a sentence of the preamble, or the page's breadcrumb, read as the title
        if title is None:
            if _title_over_lines(report):
                return
            start = len(report.text) - len(report.text.lstrip())
            yield self.finding(Span(start, start),
                               _("the report has no title; expected one naming the agency and "
                                 "the year") + ("" if misread else self._suggestion(report)))
            return
        assert report.title is not None
        has_agency = report.agency_origin == "title"
        has_year = report.title_year is not None
        if not has_agency or not has_year:
            message = (_("title {title} does not name the agency or the year") if
                       not has_agency and not has_year else
                       _("title {title} does not name the agency") if not has_agency else
                       _("title {title} does not name the year"))
            yield self.finding(report.title.span,
                               message.format(title=quote(report.title.text, 60))
                               + self._suggestion(report))
        wording = self._fixed_wording(report)
        if wording is not None:
            yield wording

    def _fixed_wording(self, report: Report) -> Finding | None:
        """A finding when the title's name of the report lacks a word of the fixed one."""
        title = report.title
        if title is None or len(title.text) > 60 or "《" in title.text:
            return None
        if _TITLE_NAME in compact(title.text):
            return None
        match = _WRITTEN_NAME.search(title.text)
        if match is None or match.group().startswith("政务"):
            return None
        missing = _missing_words(compact(match.group()))
        if not missing:
            return None  # words added ("…工作的年度报告") but none missing
        span = Span(title.span.start + match.start(), title.span.start + match.end())
        return self.finding(span, _(
            "title names the report {found}, without {missing}; expected the fixed words "
            "{expected}").format(found=quote(match.group()), missing="、".join(missing),
                                 expected=quote(_TITLE_NAME)),
            fix=Fix((Edit(span, _TITLE_NAME),),
                    _("Replace with {expected}").format(expected=quote(_TITLE_NAME)),
                    safe=False))

    @staticmethod
    def _suggestion(report: Report) -> str:
        if report.agency is None or not report.agency.text or report.year is None:
            return ""
        return _('; expected e.g. "{title}"').format(
            title=f"{report.agency.text}{report.year}年{_TITLE_NAME}")

