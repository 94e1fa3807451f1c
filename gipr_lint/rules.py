"""The rule base class every rule plugin subclasses.

A rule is a small class::

    class SelfReference(Rule):
        '''Self-reference that does not fit the agency kind.

        Fails::

            高庄镇人民政府2024年政府信息公开工作年度报告
            …2025年我局将加大政府信息公开工作力度…

        Passes::

            …2025年我镇将加大政府信息公开工作力度…
        '''

        code = "A001"
        name = "self-reference"
        severity = Severity.ERROR
        summary = "Self-reference that does not fit the agency kind"

        def check(self, report, context):
            yield self.finding(span, "我局 in a township report; expected 我镇")

The docstring's ``Fails::`` and ``Passes::`` blocks are shown by ``gipr-lint rule CODE`` and
generate ``docs/rules.md``.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from gipr_lint.diagnostics import Finding, Fix, Severity
from gipr_lint.model import Report
from gipr_lint.reading.source import Span

__all__ = ["CODE_PATTERN", "NAME_PATTERN", "Rule", "RuleContext", "collect_rules"]

#: A rule code: one or more capital letters, then three digits (``T001``, ``HEN001``).
CODE_PATTERN = re.compile(r"^[A-Z]+[0-9]{3}$")
#: A rule name: kebab-case.
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know beyond the report.

    ``options`` is the rule's plugin's own table, ``[tool.gipr-lint.<plugin>]`` in the user's
    configuration (empty when absent). ``templates`` is every loaded plugin's template
    extensions (hook ``gipr_lint_templates``), in load order, for the table checks.
    ``deadlines`` maps an agency kind (``township``, ``department``, ``government``) to the
    publication deadline ``"MM-DD"`` plugins set (hook ``gipr_lint_deadlines``); a kind that
    is absent keeps the national date (or none, for townships).
    """

    options: Mapping[str, Any] = field(default_factory=dict)
    templates: tuple[Any, ...] = ()
    deadlines: Mapping[str, str] = field(default_factory=dict)


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement :meth:`check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    #: ``False`` for rules that run only when selected (``select``/``extend-select``).
    enabled_by_default: ClassVar[bool] = True
    #: The gettext domain translating ``summary`` and the docstring's first paragraph;
    #: ``None``: the rule's top-level package (see :mod:`gipr_lint.i18n`).
    i18n_domain: ClassVar[str | None] = None

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        """Yield the findings for one report."""
        raise NotImplementedError

    @staticmethod
    def finding(span: Span, message: str, *, severity: Severity | None = None,
                fix: Fix | None = None) -> Finding:
        """Shorthand for :class:`~gipr_lint.diagnostics.Finding`."""
        return Finding(span=span, message=message, severity=severity, fix=fix)


def collect_rules(package: str) -> list[type[Rule]]:
    """Every rule class defined in the modules of ``package``, ordered by code.

    A pack keeps one rule per module and returns ``collect_rules(__name__)`` from its
    ``gipr_lint_rules`` hook, so that a rule added as a module is registered with no list to
    keep up to date. Modules whose names start with ``_`` hold shared helpers and are skipped.
    """
    found: dict[str, type[Rule]] = {}
    parent = importlib.import_module(package)
    for info in pkgutil.iter_modules(parent.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, Rule)
                    and value.__module__ == module.__name__ and "code" in vars(value)):
                found[value.code] = value
    return [found[code] for code in sorted(found)]
