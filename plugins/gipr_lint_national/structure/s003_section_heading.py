"""S003 section-heading."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import Edit, Finding, Fix, Report, Rule, RuleContext, Severity, translator
from gipr_lint_national._text import quote
from gipr_lint_national.structure._common import _deviations, _official_heading

_ = translator("gipr_lint_national")


class SectionHeading(Rule):
    """A section heading that deviates from the official numbering or title.

    The official headings are "一、总体情况" … "六、其他需要报告的事项". This flags Arabic or
    missing numbering ("1、 总体情况"), a numeral that is not the section's own, known variant
    titles ("五、存在的主要问题和改进措施") and misspelt titles ("二、主动公开政府政府情况"). A
    space after a correct numbering alone is not flagged. The fix replaces the heading with the
    official form; it is safe when the title was recognised exactly or as a known variant, and
    unsafe for a misspelt title (the match is a guess). Trailing punctuation ("一、总体情况：")
    is left alone.

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
            fix = Fix((Edit(heading.span, expected),),
                      _("Replace with {text}").format(text=quote(expected)),
                      safe=heading.match != "fuzzy")
            yield self.finding(heading.span,
                               _("heading {found} should be {expected} ({reasons})").format(
                                   found=quote(heading.text, 60), expected=quote(expected),
                                   reasons=_("; ").join(reasons)), fix=fix)

