"""A test plugin whose rule offers only an unsafe fix (for the language server's labels)."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.diagnostics import Edit, Finding, Fix, Severity
from gipr_lint.hookspecs import hookimpl
from gipr_lint.model import Report
from gipr_lint.reading.source import Span
from gipr_lint.rules import Rule, RuleContext

GIPR_LINT_API = 1
__version__ = "0.0.1"


class GuessTotal(Rule):
    """Flags 合计 and offers to replace it with 总计 (unsafe: it may change the meaning)."""

    code = "TST101"
    name = "guess-total"
    severity = Severity.INFO
    summary = "Flags 合计 with an unsafe fix"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        start = report.text.find("合计")
        while start != -1:
            span = Span(start, start + 2)
            yield self.finding(span, "合计; perhaps 总计",
                               fix=Fix((Edit(span, "总计"),), "replace with 总计", safe=False))
            start = report.text.find("合计", start + 2)


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    return [GuessTotal]
