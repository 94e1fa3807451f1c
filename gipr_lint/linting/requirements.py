"""Section requirements as data: a pack says "section N must mention one of these words" with no
Python (``{"kind": "requirement", ...}`` from hook ``gipr_lint_templates``, read into
:class:`~gipr_lint.templates.SectionRequirement`), and a rule subclassing
:class:`RequirementRule` with the requirement's code reports the sections that do not."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.diagnostics import Finding
from gipr_lint.i18n import rule_domain, translator
from gipr_lint.model import Report
from gipr_lint.regex import compile_re
from gipr_lint.rules import Rule, RuleContext

#: Core code: its messages are gipr-lint's own (domain ``gipr_lint``), whichever pack reports.
_ = translator("gipr_lint")

__all__ = ["RequirementRule"]

_SPACE = compile_re(r"\s+")


class RequirementRule(Rule):
    """Reports the section requirements whose ``code`` is this rule's code.

    A pack declares its requirements as data and subclasses this with ``code``, ``name``,
    ``severity`` and ``summary`` and nothing else. A requirement holds when one of its words
    appears in the section's paragraphs or tables' text (whitespace ignored, so a word wrapped
    over two lines counts); a missing section is not reported here (S001 reports it). The finding
    points at the section's heading. The requirement's ``message`` and ``description`` are
    message ids, translated in the rule's gettext domain (then gipr-lint's) when reported.
    """

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        for requirement in context.templates.requirements:
            if requirement.code != self.code:
                continue
            section = report.section(requirement.section)
            if section is None:
                continue
            text = _SPACE.sub("", report.text[section.span.start:section.span.end])
            if any(_SPACE.sub("", word) in text for word in requirement.any_of):
                continue
            words = "、".join(requirement.any_of)
            own = translator(rule_domain(type(self)))
            if requirement.message:
                template = own(requirement.message)
            elif requirement.description:
                template = _("{section} does not mention any of: {words} ({description})")
            else:
                template = _("{section} does not mention any of: {words}")
            description = own(requirement.description) if requirement.description else ""
            yield self.finding(section.heading.span,
                               template.format(section=section.heading.text.strip(), words=words,
                                               description=description))
