"""A005 malformed-citation."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import (
    Edit,
    Finding,
    Fix,
    Report,
    Rule,
    RuleContext,
    Severity,
    Span,
    compile_re,
    translator,
)
from gipr_lint_national._text import quote

_ = translator("gipr_lint_national")

#: A 文号 whose year and number run together: "〔202130号".
_RUN_TOGETHER = compile_re(
    r"(?P<open>[〔\[［【])\s*(?P<year>(?:19|20)\d{2})(?P<number>\d{1,4})\s*号")

#: A 文号 with brackets of two kinds: "〔2021]30号", "[2021〕30号".
_MIXED = compile_re(
    r"(?P<open>[〔\[［【(（])\s*(?:19|20)\d{2}\s*(?P<close>[〕\]］】)）])\s*\d{1,4}\s*号")
_PAIRS = {"〔": "〕", "[": "]", "［": "］", "【": "】", "(": ")", "（": "）"}

#: The 文号 of the two format notices with their issuer's prefix as written.
_FORMAT_NOTICE = compile_re(
    r"(?P<prefix>国办公开[\u4e00-\u9fff]{0,2}?)\s*(?=[〔\[［【(（]\s*(?:2021|2019)\s*[〕\]］】)）]"
    r"\s*(?:30|60)\s*号)")
_RIGHT_PREFIX = "国办公开办函"

#: The document kind 函 written as a look-alike in any 文号: "国办涵〔2020〕109号".
_KIND_LOOKALIKE = compile_re(  # the look-behind after the letter: a search skips to 涵/凾
    r"(?P<kind>[涵凾])(?<=[\u4e00-\u9fff][涵凾])\s*"
    r"(?=[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,4}\s*号)")

#: The 条例 cited with an order number: "…条例》（国务院令第711号）".
_ORDER = compile_re(r"政府信息公开条例\s*》?\s*[(（]?\s*(?:中华人民共和国)?国务院令\s*第\s*"
                    r"(?P<number>\d+)\s*号")
_RIGHT_ORDER = "711"
_OLD_ORDER = "492"


def _mark_positions(text: str) -> list[int]:
    """Where ``text`` has a 《 or a 》, in order. (Found by ``str.find``, which skips to a
    character at C speed, several times quicker over a long line than a search for the class
    of the two.)"""
    positions = []
    for mark in "《》":
        at = text.find(mark)
        while at != -1:
            positions.append(at)
            at = text.find(mark, at + 1)
    positions.sort()
    return positions


#: A title with no mark inside it, on one line: "《中华人民共和国政府信息公开条例》".
_SIMPLE_TITLE = compile_re(r"《[^《》\n]*》")


def _unpaired_marks_possible(text: str) -> bool:
    """Whether a line of ``text`` may hold a 《 or 》 out of pair: ``False`` when every mark
    belongs to a title with no mark inside it, on one line (then each line's marks pair up,
    and no paragraph's line needs to be read; a report usually cites only such titles).
    ``True`` too for nested titles, which pair up but need the reading line by line."""
    opening = text.count("《")
    if not opening and "》" not in text:
        return False
    return not (opening == text.count("》") == len(_SIMPLE_TITLE.findall(text)))


class MalformedCitation(Rule):
    """A 文号 or 《》 title of the legal basis written wrongly.

    Flags a 文号 whose year and number run together ("国办公开办函〔202130号"; the safe fix
    puts back "〕"), a 文号 with brackets of two kinds ("〔2021]30号"), the issuer of the format
    notices misspelt ("国办公开办涵〔2021〕30号", "国办公开函〔2021〕30号"; the 文号 is
    国办公开办函), the document kind 函 written as a look-alike in any 文号 ("国办涵〔2020〕109号";
    safe fix), a 《 left open or a 》 never opened in a paragraph, and the 条例 cited with an
    order number other than 国务院令第711号 (第492号 is the 2007 条例, replaced in 2019).

    Fails::

        根据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔202130号）要求编制。

    Passes::

        根据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。
    """

    code = "A005"
    name = "malformed-citation"
    severity = Severity.WARNING
    summary = "A 文号 or 《》 title of the legal basis written wrongly"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        if report.title is not None:
            yield from self._numbers(report.title.text, report.title.span.start)
        lines: set[int] = set()
        whole = report.text
        unpaired = _unpaired_marks_possible(whole)
        for paragraph in report.paragraphs():
            text, base = paragraph.text, paragraph.span.start
            # every 文号 pattern ends in 号, every order number is a 国务院令
            found = [*self._numbers(text, base)] if "号" in text else []
            if "国务院令" in text:
                found += self._orders(text, base, report.year)
            if not unpaired:
                if found:
                    yield from sorted(found, key=lambda finding: finding.span.start)
                continue
            # 《》 are counted over whole lines: a title read off a paragraph's line splits it
            # (the line is line_span(whole, paragraph.span), found inline: every paragraph asks)
            line_start = whole.rfind("\n", 0, paragraph.span.start) + 1
            if line_start not in lines:
                lines.add(line_start)
                newline = whole.find("\n", paragraph.span.end)
                line_end = len(whole) if newline == -1 else newline + 1
                if (whole.find("《", line_start, line_end) != -1  # (quicker than a search)
                        or whole.find("》", line_start, line_end) != -1):
                    found += self._titles(whole[line_start:line_end], line_start)
            if found:
                yield from sorted(found, key=lambda finding: finding.span.start)

    def _numbers(self, text: str, base: int) -> Iterator[Finding]:
        for match in _RUN_TOGETHER.finditer(text):
            close = _PAIRS.get(match.group("open"), "〕")
            at = base + match.end("year")
            yield self.finding(Span(base + match.start(), base + match.end()), _(
                "文号 {found}: the year and the number run together; expected {expected}").format(
                    found=quote(match.group()),
                    expected=quote(f"{match.group('open')}{match.group('year')}{close}"
                                   f"{match.group('number')}号")),
                fix=Fix((Edit(Span(at, at), close),),
                        _("Insert {bracket} after the year").format(bracket=quote(close))))
        for match in _MIXED.finditer(text):
            opening, closing = match.group("open"), match.group("close")
            if _PAIRS[opening] == closing:
                continue
            span = Span(base + match.start(), base + match.end())
            edits = (Edit(Span(base + match.start("open"), base + match.end("open")), "〔"),
                     Edit(Span(base + match.start("close"), base + match.end("close")), "〕"))
            yield self.finding(span, _("文号 {found} has brackets of two kinds; expected "
                                       "〔…〕").format(found=quote(match.group())),
                               fix=Fix(edits, _("Write the year in 〔…〕")))
        for match in _KIND_LOOKALIKE.finditer(text):
            if text[max(0, match.start() - 6):match.start()].endswith("国办公开办"):
                continue  # reported below with the whole issuer
            span = Span(base + match.start("kind"), base + match.end("kind"))
            yield self.finding(span, _('document kind {found} misspelt in a 文号; expected '
                                       '"函"').format(found=quote(match.group("kind"))),
                               fix=Fix((Edit(span, "函"),), _('Replace with "函"')))
        for match in _FORMAT_NOTICE.finditer(text):
            prefix = match.group("prefix")
            if prefix == _RIGHT_PREFIX:
                continue
            span = Span(base + match.start("prefix"), base + match.end("prefix"))
            yield self.finding(span, _("issuer {found} misspelt in the 文号 of the format "
                                       "notice; expected {expected}").format(
                                           found=quote(prefix), expected=quote(_RIGHT_PREFIX)),
                               fix=Fix((Edit(span, _RIGHT_PREFIX),),
                                       _("Replace with {expected}").format(
                                           expected=quote(_RIGHT_PREFIX))))

    def _titles(self, text: str, base: int) -> Iterator[Finding]:
        """Unpaired 《 and 》; a title nested in another ("《关于印发《…》的通知》") pairs up."""
        opened: list[int] = []
        for index in _mark_positions(text):
            if text[index] == "《":
                opened.append(index)
            else:
                if opened:
                    opened.pop()
                else:
                    yield self._unbalanced(base + index, "》")
        for index in opened:
            yield self._unbalanced(base + index, "《")

    def _unbalanced(self, at: int, mark: str) -> Finding:
        message = (_("title mark 《 is never closed; expected a 》 after the title")
                   if mark == "《" else
                   _("title mark 》 closes no title; expected a 《 before the title"))
        return self.finding(Span(at, at + 1), message)

    def _orders(self, text: str, base: int, year: int | None) -> Iterator[Finding]:
        for match in _ORDER.finditer(text):
            number = match.group("number")
            if number == _RIGHT_ORDER or (number == _OLD_ORDER and (year is None or year < 2019)):
                continue
            span = Span(base + match.start("number"), base + match.end("number"))
            message = (_("the 条例 cited as 国务院令第492号, the 2007 version; the 条例 in force "
                         "since 2019 is 国务院令第711号") if number == _OLD_ORDER else
                       _("the 条例 cited as 国务院令第{number}号; expected 国务院令第711号").format(
                           number=number))
            yield self.finding(span, message,
                               fix=Fix((Edit(span, _RIGHT_ORDER),),
                                       _("Replace with 711"), safe=False))
