"""S009 unparsed-text."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.diagnostics import Finding, Severity
from gipr_lint.model import Report
from gipr_lint.rules import Rule, RuleContext
from gipr_lint_national._text import quote


class UnparsedText(Rule):
    """Text that does not fit the report structure.

    The parser reads the report against the canonical structure (title, six sections with their
    paragraphs and tables, 落款). Where a piece of text cannot be placed (a paragraph after the
    落款, a title or table fragment in an impossible spot) it is kept and reported here, so
    nothing is passed over in silence. An empty file (nothing but white space) is reported here
    too. Table rows of the wrong shape and unreadable cells are reported by the table rules;
    tables without numbers by S007.

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
                yield self.finding(problem.span, "the file is empty; expected a report")
                continue
            if problem.kind not in ("structure", "second-table"):
                continue
            piece = report.source.slice(problem.span).strip()
            shown = f" at {quote(piece)}" if piece else ""
            yield self.finding(problem.span,
                               f"text does not fit the report structure: {problem.message}{shown}")

