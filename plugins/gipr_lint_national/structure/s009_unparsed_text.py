"""S009 unparsed-text."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import N_, Finding, Report, Rule, RuleContext, Severity, translator
from gipr_lint_national._text import quote

_ = translator("gipr_lint_national")

#: The parser's pieces (grammar token types, lower case) as messages name them.
_PIECES = {
    "title": N_("title"), "paragraph": N_("paragraph"), "debris": N_("debris"),
    "section heading": N_("section heading"), "active block": N_("table 二 block"),
    "active header": N_("table 二 header"), "active label 1": N_("table 二 row label"),
    "active label 2": N_("table 二 row label"), "active label 3": N_("table 二 row label"),
    "request header": N_("table 三 header"), "request group": N_("table 三 row group"),
    "request label": N_("table 三 row label"), "review header": N_("table 四 header"),
    "active table": N_("table 二"), "requests table": N_("table 三"),
    "review table": N_("table 四"), "signature agency": N_("signing agency"),
    "signature date": N_("signing date"), "$end": N_("end of the report"),
}


class UnparsedText(Rule):
    """Text that does not fit the report structure.

    The parser reads the report against the canonical structure (title, six sections with their
    paragraphs and tables, 落款). Where a piece of text cannot be placed (a paragraph after the
    落款, a title or table fragment in an impossible spot) it is kept and reported here, so
    nothing is passed over in silence. An empty text (nothing but white space: an editor's new
    buffer, a text given to the library) is reported here too; an empty file or standard input
    is not read at all (``cannot read: empty file``, exit 2). Table rows of the wrong shape
    and unreadable cells are reported by the table rules; tables without numbers by S007.

    Fails::

        六、其他需要报告的事项
        本年度没有产生信息公开处理费。
        乌苏市甘河子镇人民政府
        2025年1月20日
        附件：统计表

    Passes::

        六、其他需要报告的事项
        本年度没有产生信息公开处理费。
        乌苏市甘河子镇人民政府
        2025年1月20日
    """

    code = "S009"
    name = "unparsed-text"
    severity = Severity.WARNING
    summary = "Text that does not fit the report structure"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        for problem in report.problems:
            if problem.kind == "empty":
                yield self.finding(problem.span, _("the file is empty; expected a report"))
                continue
            if problem.kind not in ("structure", "second-table"):
                continue
            piece = report.source.slice(problem.span).strip()
            if problem.kind == "second-table":
                what = _("a second {table}; only the first is read").format(
                    table=_(_PIECES.get(f"{problem.table} table", "table")))
            else:
                what = _("unexpected {what} here").format(
                    what=_(_PIECES[problem.text]) if problem.text in _PIECES else problem.text)
            message = (_("text does not fit the report structure: {problem} at {text}") if piece
                       else _("text does not fit the report structure: {problem}"))
            yield self.finding(problem.span, message.format(problem=what, text=quote(piece)))

