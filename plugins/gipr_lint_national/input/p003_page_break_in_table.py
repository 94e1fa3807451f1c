"""P003 page-break-in-table."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import (
    PAGE_NUMBER,
    Finding,
    Report,
    Rule,
    RuleContext,
    Severity,
    Span,
    compile_re,
)
from gipr_lint_national.input._common import _, table_name

#: A page number on a line of its own, searched in "\n" + text: a search skips from one line
#: break to the next, where ``(?m)^`` would be tried at every character.
_LINE = compile_re(f"(?m)\\n(?P<line>{PAGE_NUMBER})")


#: What every page number holds (:data:`PAGE_NUMBER`: a dash either side of the number, or
#: 第…页): a table without any has none.
_MARKS = ("页", "-", "—", "–")


def _holds_a_mark(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds one of :data:`_MARKS` (looked for in place, without a
    copy: a few ``find`` calls cost a third of the search for page-number lines, which stops
    at every line break of the table, and nearly no table holds one)."""
    for mark in _MARKS:  # noqa: SIM110 (a loop: quicker than any() over a generator)
        if text.find(mark, start, end) != -1:
            return True
    return False


class PageBreakInTable(Rule):
    """A page number inside a table: the text was extracted from a PDF whose page broke there.

    The page number is skipped, not read as a cell; this says that the table was reassembled
    across the break, so that a reviewer can glance at the rows around it. Nothing is skipped,
    hence only informative.

    Fails::

        一、本年新收政府信息公开申请数量    4    0    0    0    0    0    4

        - 3 -

        二、上年结转政府信息公开申请数量    0    0    0    0    0    0    0

    Passes::

        一、本年新收政府信息公开申请数量    4    0    0    0    0    0    4
        二、上年结转政府信息公开申请数量    0    0    0    0    0    0    0
    """

    code = "P003"
    name = "page-break-in-table"
    severity = Severity.INFO
    summary = "A PDF page number inside a table (skipped when reading it)"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        if not report.tables:
            return
        for table in report.tables.values():
            if not _holds_a_mark(report.text, table.span.start, table.span.end):
                continue
            # from the line break before the table's first character, or from one put first
            # before a table starting the text: only there is the text copied (a copy of the
            # whole text of a 20 MB report would raise the peak memory of its lint)
            if table.span.start:
                text, shift = report.text, 0
                matches = _LINE.finditer(text, table.span.start - 1, table.span.end)
            else:
                text, shift = "\n" + report.text[:table.span.end], 1
                matches = _LINE.finditer(text, 0, table.span.end + 1)
            for match in matches:
                line = match.group("line")
                words = line.strip()
                start = match.start("line") - shift + line.index(words)
                yield self.finding(Span(start, start + len(words)), _(
                    '{table}: a page number "{number}" inside the table, where a PDF page '
                    "broke; it was skipped and the rows on both sides read as one table").format(
                    table=table_name(table.kind), number=words))
