"""S004 subheading-sequence."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity, translator
from gipr_lint_national._text import quote
from gipr_lint_national.structure._common import _brackets, _marker_text

_ = translator("gipr_lint_national")


class SubheadingSequence(Rule):
    """Sub-headings within a section that break their sequence.

    Sub-headings are paragraphs opening with a parenthesised marker, （一） or （1）. Within a
    section they count on: （一）（二）（三）. Flagged: a marker that carries on the count in
    another style (（一）（二）（3）) and a value that skips or repeats in the same style. Nested
    runs (（一）（1）（2）（二）) and restarts at 1 are accepted, and a jump that fits neither
    reading is left alone (prefers silence to a false alarm). Only the first break of a run is
    reported; the sub-headings after it are read as continuing from it. The report grammar
    states the runs and its error recovery finds the breaks; a sub-heading numbered above 20 is
    read as a plain paragraph and not counted.

    Fails::

        一、总体情况
        （一）主动公开
        （二）依申请公开
        （3）完善工作机制

    Passes::

        一、总体情况
        （一）主动公开
        （二）依申请公开
        （三）政府信息管理
    """

    code = "S004"
    name = "subheading-sequence"
    severity = Severity.WARNING
    summary = "Sub-headings within a section break their sequence"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        # the parser's recovery decides the breaks (gipr_lint.reading.grammar, _Recovery.subitem)
        for problem in report.outline:
            if problem.kind != "subheading-sequence":
                continue
            previous, found = problem.markers
            assert problem.expected is not None
            expected = _marker_text(problem.expected, previous.style, _brackets(previous))
            yield self.finding(found.span,
                               _("sub-heading {found} breaks the sequence after {previous}; "
                                 "expected {expected}").format(
                                   found=quote(found.text), previous=quote(previous.text),
                                   expected=quote(expected)))

