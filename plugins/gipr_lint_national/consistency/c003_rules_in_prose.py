"""C003 rules-in-prose."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity, Span, Table, translator
from gipr_lint_national._prose_numbers import (
    Citations,
    parse_number,
)
from gipr_lint_national._text import paragraph_text, quote
from gipr_lint_national.consistency._common import (
    _ACTIVE_CLAIMS,
    _approximate,
    _group,
    _total,
    of_another_year,
)

_ = translator("gipr_lint_national")


class RulesInProse(Rule):
    """Counts of 规章 and 规范性文件 stated in the prose contradict table 二.

    Reads "制发/制定/出台/印发规范性文件N件" (or "制定N件规范性文件"), "未制发规范性文件",
    "废止规范性文件N件" and "现行有效规范性文件N件" and compares them with the rows 规章 and
    (行政)规范性文件 of table 二 (本年制发件数, 本年废止件数, 现行有效件数; in the 2019 format
    only 本年新制作数量). 规章制度 (internal rules) is not 规章. Prefers silence to a false alarm:
    approximate numbers, citations, a clause naming another year than the report's ("2023年制定
    规章3件") and missing or unreadable cells mean silence.

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
        prose = paragraph_text(report, context)  # (made once per report for several rules)
        if "规章" not in prose and "规范性文件" not in prose:
            return  # every claim names one: no paragraph to read
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
            if citations.covers(match.span()) or of_another_year(text, match.start(),
                                                                  report.year):
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
            stated = value if number is not None else _("none")
            yield self.finding(Span(base + where[0], base + where[1]),
                               _("{text} states {value}; table 二 {row} {column} is {total}")
                               .format(text=quote(match.group(), 40), value=stated, row=label,
                                   column=column_name, total=expected))

