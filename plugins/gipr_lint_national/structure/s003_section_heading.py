"""S003 section-heading."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import (
    Edit,
    Finding,
    Fix,
    Report,
    Rule,
    RuleContext,
    Severity,
    compact,
    translator,
)
from gipr_lint_national._text import quote
from gipr_lint_national.structure._common import _deviations, _official_heading

_ = translator("gipr_lint_national")


class SectionHeading(Rule):
    """A section heading that deviates from the official numbering or title.

    The official headings are "一、总体情况" … "六、其他需要报告的事项". This flags Arabic or
    missing numbering ("1、 总体情况"), a numeral that is not the section's own, known variant
    titles ("五、存在的主要问题和改进措施") and misspelt titles ("二、主动公开政府政府情况"). A
    space after a correct numbering alone is not flagged. The fix replaces the heading with the
    official form; it is safe when the title was recognised exactly, as a known variant, or
    misspelt by one character (a wrong, extra or missing character: "四、政府信息公开行政复议、
    行政诉讼请况"), and unsafe for a title further off (the match is a guess). Trailing
    punctuation ("一、总体情况：") is left alone.

    Fails::

        1、 总体情况

    Passes::

        一、总体情况
    """

    code = "S003"
    name = "section-heading"
    severity = Severity.WARNING
    summary = "Section heading deviates from the official numbering or title"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        for section in report.sections:
            heading = section.heading
            reasons = _deviations(heading, section.number)
            if not reasons:
                continue
            expected = _official_heading(section.number)
            safe = heading.match != "fuzzy" or _one_character_off(
                compact(heading.title), compact(heading.official_title))
            fix = Fix((Edit(heading.span, expected),),
                      _("Replace with {text}").format(text=quote(expected)), safe=safe)
            yield self.finding(heading.span,
                               _("heading {found} should be {expected} ({reasons})").format(
                                   found=quote(heading.text, 60), expected=quote(expected),
                                   reasons=_("; ").join(reasons)), fix=fix)



def _one_character_off(found: str, official: str) -> bool:
    """Whether ``found`` is ``official`` with one character changed, added or removed."""
    if abs(len(found) - len(official)) > 1 or found == official:
        return False
    if len(found) == len(official):
        return sum(a != b for a, b in zip(found, official, strict=True)) == 1
    shorter, longer = sorted((found, official), key=len)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))
