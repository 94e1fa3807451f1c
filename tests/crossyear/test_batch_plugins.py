"""The ``gipr_lint_batch_rules`` hook: validation, and a crashing cross-report rule."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from gipr_lint.api import Batch, BatchRule, RuleContext, Severity, hookimpl
from gipr_lint.formatters import FormatContext
from gipr_lint.formatters.csv import rows
from gipr_lint.formatters.html import render
from gipr_lint.linting.config import build_settings
from gipr_lint.linting.crossreport import lint_texts
from gipr_lint.linting.plugin_manager import load_plugins
from gipr_lint.reading.document import Origin
from gipr_lint.reading.source import Source
from tests.crossyear.pairs import SEED, earlier_year


class Crashes(BatchRule):
    """Crashes.

    Fails::

        x

    Passes::

        y
    """

    code = "ZZB001"
    name = "crashes"
    severity = Severity.WARNING
    summary = "Crashes"

    def check_batch(self, batch: Batch, context: RuleContext):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")


class CrashPlugin:
    GIPR_LINT_API = 1

    @hookimpl
    def gipr_lint_batch_rules(self) -> list[type[BatchRule]]:
        return [Crashes]


class NotBatchPlugin:
    GIPR_LINT_API = 1

    @hookimpl
    def gipr_lint_batch_rules(self) -> list[object]:
        return [int]


def test_batch_rules_are_rules_and_validated() -> None:
    plugin_set = load_plugins(entry_points=[], extra=[("crash", CrashPlugin()),
                                                      ("bad", NotBatchPlugin())])
    assert plugin_set.batch_codes == {"ZZB001"}
    assert plugin_set.rule("crashes") is Crashes
    [problem] = plugin_set.problems
    assert problem.plugin == "bad"
    assert "gipr_lint_batch_rules() returned <class 'int'>, which is not a subclass of " \
           "gipr_lint.linting.batch.BatchRule" in problem.message


def test_a_crashing_batch_rule_becomes_e999_and_linting_goes_on() -> None:
    plugin_set = load_plugins(entry_points=[], extra=[("crash", CrashPlugin())])
    built = build_settings({}, root=Path.cwd())
    results = lint_texts({"a.txt": SEED, "b.txt": earlier_year()}, plugin_set, built)
    crashes = [(r.path, d.code, d.line, d.message) for r in results for d in r.diagnostics
               if d.code == "E999"]
    assert crashes == [("a.txt", "E999", 1,
                        "rule ZZB001 (crashes) crashed: RuntimeError: boom")]


def test_positions_in_the_original_file_are_shown() -> None:
    plugin_set = load_plugins()
    built = build_settings({"select": ("X001",)}, root=Path.cwd())
    before = earlier_year(changes={("requests", "carry_forward", 0): "2"})
    results = lint_texts({"a.txt": SEED, "b.txt": before}, plugin_set, built)
    result = results[0]
    assert result.report is not None
    cell = result.diagnostics[0].span.start
    # as the PDF reader would have traced it (a PDF has no lines: the place replaces them)
    source = dataclasses.replace(result.report.source, kind="pdf", origins=(
        (0, Origin(page=1, line=1)), (cell, Origin(page=3, table=2, row=4, cell=2))))
    report = dataclasses.replace(result.report, source=source)
    located = dataclasses.replace(result, report=report)
    html = render([located], FormatContext())
    assert "原文件第3页表2第4行第2列" in html
    assert "第91行第2列" not in html  # a line of the canonical text, not of the PDF
    [row] = list(rows([located]))
    assert row[11] == "page 3, table 2, row 4, column 2"
    assert Source.from_text("x").origin(0) is None
