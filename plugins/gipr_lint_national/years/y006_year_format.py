"""Y006 year-format."""

from __future__ import annotations

import datetime
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
from gipr_lint_national._text import quote, year_starts

_ = translator("gipr_lint_national")

#: A year run into its month: "20231月1日", "202312月31日".
_RUN_INTO_MONTH = compile_re(
    r"(?<![\d.\-/／:：])(?P<year>(?:19|20)\d{2})(?P<month>1[0-2]|0?[1-9])月")

#: A year run into the words after it: "2023政府信息公开工作年度报告", "2023度".
_RUN_INTO_WORDS = compile_re(
    r"(?<![\d.\-/／:：])(?P<year>(?:19|20)\d{2})(?P<space>[ \t\u3000\r\n]{0,6})"
    r"(?=度|政府信息公开|全年|上半年|下半年)")

#: A full date: "2023年12月31日" (spaces allowed), to check it exists.
_DATE = compile_re(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年\s*(?P<month>\d{1,2})\s*月"
                   r"(?:\s*(?P<day>\d{1,2})\s*日)?")

#: What may follow a year's four digits in a match of :data:`_RUN_INTO_MONTH` and of
#: :data:`_RUN_INTO_WORDS` (one of :data:`_DATE` has 年 or a space, ``str.isspace`` being
#: what ``\s`` means): each pattern is tried only where it can match.
_MONTH_FIRST = "0123456789"
_WORDS_FIRST = " \t\u3000\r\n度政全上下"


class YearFormat(Rule):
    """A year written without its 年, or a date that cannot be.

    Flags a year run into the month ("20231月1日" for "2023年1月1日") or into the words after it
    ("2023政府信息公开工作年度报告", "2023度"), with a safe fix inserting 年, and a date that
    does not exist ("2023年13月", "2023年2月30日"). Dates written with hyphens or dots
    ("2024-01-19") and numbers that are not years are left alone.

    Fails::

        本年度报告中所列数据统计期限为20231月1日至2023年12月31日。

    Passes::

        本年度报告中所列数据统计期限为2023年1月1日至2023年12月31日。
    """

    code = "Y006"
    name = "year-format"
    severity = Severity.WARNING
    summary = "A year without its 年, or a date that cannot be"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        text = report.text
        months: list[Finding] = []
        words: list[Finding] = []
        dates: list[Finding] = []
        # each pattern's match starts at a year, so they are tried where one starts (found by
        # patterns with a literal prefix, fast) rather than scanned over the whole text; ``ends``
        # keeps finditer's rule that a pattern's matches do not overlap
        ends = [0, 0, 0]
        for at in year_starts(text):
            # the character after the year's four digits tells which patterns may match there
            # (nearly always 年: only a date)
            after = text[at + 4:at + 5]
            if (at >= ends[0] and after in _MONTH_FIRST
                    and (match := _RUN_INTO_MONTH.match(text, at)) is not None):
                ends[0] = match.end()
                months.append(self._missing(match.start("year"), match.end("year"),
                                            text[match.start():match.end() + 3]))
            if (at >= ends[1] and after in _WORDS_FIRST
                    and (match := _RUN_INTO_WORDS.match(text, at)) is not None):
                ends[1] = match.end()
                after = text[match.end():match.end() + 8]
                words.append(self._missing(match.start("year"), match.end("year"),
                                           match.group("year") + after))
            if (at >= ends[2] and (after == "年" or after.isspace())
                    and (match := _DATE.match(text, at)) is not None):
                ends[2] = match.end()
                year, month = int(match.group("year")), int(match.group("month"))
                day = int(match.group("day")) if match.group("day") else 1
                try:
                    datetime.date(year, month, day)
                except ValueError:
                    dates.append(self.finding(Span(match.start(), match.end()), _(
                        "{date} is not a date").format(date=quote(match.group()))))
        yield from sorted([*months, *words, *dates], key=lambda finding: finding.span.start)

    def _missing(self, start: int, end: int, shown: str) -> Finding:
        year_end = Span(end, end)
        return self.finding(Span(start, end), _(
            "year {year} without 年 in {text}; expected {expected}").format(
                year=shown[:end - start], text=quote(shown.split("\n")[0]),
                expected=quote(shown[:end - start] + "年")),
            fix=Fix((Edit(year_end, "年"),), _("Insert 年 after the year")))
