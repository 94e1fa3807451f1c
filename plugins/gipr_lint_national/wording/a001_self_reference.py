"""A001 self-reference."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import (
    AgencyKind,
    Edit,
    Finding,
    Fix,
    Report,
    Rule,
    RuleContext,
    Severity,
    Span,
    translator,
)
from gipr_lint_national._prose_numbers import Citations
from gipr_lint_national._text import paragraph_text, quote
from gipr_lint_national.wording._common import (
    _SELF,
    _department_unit,
    _Misfit,
    _misfit,
    _pieces,
    _township_unit,
)

_ = translator("gipr_lint_national")


class SelfReference(Rule):
    """A self-reference that does not fit the agency kind: text copied from another unit.

    A township (镇/乡/街道) calls itself 我镇, 我乡 or 我街道, a department 我局, 我委, 我办,
    我中心 or 我厅; 本机关 and 本单位 fit any agency. Flags 我局/本局/我委/我办/我中心 in a
    township report and 我镇/我乡/我街道 in a department's; 我乡 in a 镇 report (or 我镇 in a
    乡's) is only a warning. The kind comes from the agency name (title, 落款, text or
    configuration); a department whose name holds the town (a 镇 centre) may say 我镇, and a
    街道办事处, being an office, may say 我办. When the
    name makes the fitting word certain, a safe fix replaces the word. Government reports
    (县/区/市) are not checked.

    Fails::

        高庄镇人民政府2024年政府信息公开工作年度报告
        …
        2025年我局将加大政府信息公开工作力度。

    Passes::

        高庄镇人民政府2024年政府信息公开工作年度报告
        …
        2025年我镇将加大政府信息公开工作力度。
    """

    code = "A001"
    name = "self-reference"
    severity = Severity.ERROR
    summary = "Self-reference that does not fit the agency kind"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        kind = report.agency_kind
        if kind not in (AgencyKind.TOWNSHIP, AgencyKind.DEPARTMENT):
            return
        unit = _township_unit(report) if kind is AgencyKind.TOWNSHIP else _department_unit(report)
        agency = report.agency.text if report.agency else ""
        # One search of the paragraphs joined by line breaks (no match spans one: 我/本 and
        # the unit's characters; the look-behind and look-ahead see a line break where a
        # paragraph's edge is, which they accept as they accept its edge), each word judged
        # once: a report says its own 我镇 many times, and only a misfit is placed in its
        # paragraph.
        misfits: dict[str, _Misfit | None] = {}
        found: list[tuple[int, int, str, _Misfit]] = []
        for match in _SELF.finditer(paragraph_text(report, context)):
            word = match.group("word")
            if word not in misfits:
                misfits[word] = _misfit(word, kind, unit, agency)
            misfit = misfits[word]
            if misfit is not None:
                found.append((match.start(), match.end(), word, misfit))
        if found:
            yield from self._placed(report, found)

    def _placed(self, report: Report, found: list[tuple[int, int, str, _Misfit]]
                ) -> Iterator[Finding]:
        """The findings of the misfits ``found`` in the joined paragraph text (in order), each
        placed in its paragraph; those inside a citation left out."""
        pieces = iter(_pieces(report))
        piece = next(pieces)
        offset = 0  # where ``piece`` starts in the joined text
        citations = None
        for start, end, word, misfit in found:
            while start >= offset + len(piece.text):  # (the line break after it: not a match's)
                offset += len(piece.text) + 1
                piece = next(pieces)
                citations = None
            citations = citations or Citations(piece.text)
            if citations.covers((start - offset, end - offset)):
                continue
            base = piece.span.start - offset
            yield self._finding(Span(base + start, base + end), word, misfit)

    def _finding(self, span: Span, word: str, misfit: _Misfit) -> Finding:
        if misfit.expected is None:
            expected = (_("a township self-reference (我镇, 我乡, 我街道) or 本机关")
                        if misfit.kind_name == _("a township")
                        else _("the department's own self-reference (我局, 我委 …) or 本机关"))
            return self.finding(span, _("{word} in {kind} report; expected {expected}").format(
                word=quote(word), kind=misfit.kind_name, expected=expected),
                severity=misfit.severity)
        fix = Fix((Edit(span, misfit.expected),), _("replace {word} with {expected}").format(
            word=quote(word), expected=quote(misfit.expected)))
        return self.finding(span, _("{word} in {kind} report; expected {expected}").format(
            word=quote(word), kind=misfit.kind_name, expected=quote(misfit.expected)),
            severity=misfit.severity, fix=fix)

