"""A well-behaved test plugin: rules that flag given words, one with a fix, and an option."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.diagnostics import Edit, Finding, Fix, Severity
from gipr_lint.hookspecs import hookimpl
from gipr_lint.model import Report
from gipr_lint.reading.source import Span
from gipr_lint.rules import Rule, RuleContext

GIPR_LINT_API = 1
__version__ = "0.0.1"


def occurrences(text: str, word: str) -> Iterator[Span]:
    index = text.find(word)
    while index != -1:
        yield Span(index, index + len(word))
        index = text.find(word, index + len(word))


class FlagWoJu(Rule):
    """Flags every 我局.

    Fails::

        我局

    Passes::

        我镇
    """

    code = "TST001"
    name = "flag-woju"
    severity = Severity.WARNING
    summary = "Flags every 我局"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        for span in occurrences(report.text, "我局"):
            yield self.finding(span, "found 我局")


class FlagTable(Rule):
    """Flags every 公开 in the first line."""

    code = "TST002"
    name = "flag-gongkai"
    severity = Severity.ERROR
    summary = "Flags every 公开 in the first line"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        first_line = report.text.split("\n", 1)[0]
        for span in occurrences(first_line, "公开"):
            yield self.finding(span, "found 公开")


class StraySpace(Rule):
    """Flags '以 下' and removes the space (a safe fix)."""

    code = "TST003"
    name = "stray-yixia"
    severity = Severity.ERROR
    summary = "A stray space in 以 下"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        for span in occurrences(report.text, "以 下"):
            space = Span(span.start + 1, span.start + 2)
            yield self.finding(span, "stray space in 以 下",
                               fix=Fix((Edit(space, ""),), "remove the space"))


class ExtraWords(Rule):
    """Flags the words in the plugin option ``extra-words`` (info)."""

    code = "TST004"
    name = "extra-words"
    severity = Severity.INFO
    summary = "Flags configured words"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        for word in context.options["extra-words"]:
            for span in occurrences(report.text, word):
                yield self.finding(span, f"found {word}",
                                   severity=Severity(context.options["level"]))


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    return [FlagWoJu, FlagTable, StraySpace, ExtraWords]


@hookimpl
def gipr_lint_options() -> dict[str, tuple[type, object, str]]:
    return {"extra-words": (list, [], "words TST004 flags"),
            "level": (str, "info", "severity of TST004's findings")}


@hookimpl
def gipr_lint_templates() -> list[dict[str, object]]:
    return [{"kind": "requirement", "code": "TST009", "section": 6, "any-of": ["收费"]}]
