"""S002 section-order."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import Finding, Report, Rule, RuleContext, Section, Severity, translator
from gipr_lint_national._text import quote, section_label
from gipr_lint_national.structure._common import _misplacement

_ = translator("gipr_lint_national")


class SectionOrder(Rule):
    """Sections out of order, or a section that appears twice.

    The six sections must come in the official order 一 to 六, each once. A repeated section is
    reported at its second heading. For the order, the longest run of sections already in order
    is kept and every other section is reported, so one misplaced section gives one finding (not
    one for each section after it). Missing sections are S001's business.

    Fails::

        一、总体情况
        三、收到和处理政府信息公开申请情况
        二、主动公开政府信息情况

    Passes::

        一、总体情况
        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况
    """

    code = "S002"
    name = "section-order"
    severity = Severity.ERROR
    summary = "Sections out of order or duplicated"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        # The parser fits the headings to the grammar's outline (一 to 六, each once) with the
        # fewest set aside; ``report.outline`` says which: repeated, or out of order.
        repeated = {p.span.start for p in report.outline if p.kind == "section-repeated"}
        misplaced = {p.span.start for p in report.outline if p.kind == "section-order"}
        first: dict[int, Section] = {}
        ordered: list[Section] = []
        for section in report.sections:
            if section.heading.span.start in repeated:
                earlier = first[section.number]
                line, _column = report.source.position(earlier.heading.span.start)
                yield self.finding(section.heading.span,
                                   _("{section} {heading} appears a second time (first at line "
                                     "{line})").format(section=section_label(section.number),
                                                       heading=quote(section.heading.text),
                                                       line=line))
                continue
            first.setdefault(section.number, section)
            ordered.append(section)
        kept = {index for index, section in enumerate(ordered)
                if section.heading.span.start not in misplaced}
        for index, section in enumerate(ordered):
            if index in kept:
                continue
            where = _misplacement(ordered, kept, index)
            yield self.finding(section.heading.span,
                               _("{section} {heading} comes {where}; expected the order 一 to 六")
                               .format(section=section_label(section.number),
                                       heading=quote(section.heading.text), where=where))
