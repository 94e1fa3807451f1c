"""The cross-report stage does little per result (one pass over the results, then only those
it changes): what every rule finds still lands in the right file, under that file's settings,
and the stage run again over its own results replaces its findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gipr_lint.linting.batch import summarize
from gipr_lint.linting.config import Settings, build_settings
from gipr_lint.linting.crossreport import run_cross_report
from gipr_lint.linting.engine import FileResult, apply_facts, cross_report_summaries, lint_source
from gipr_lint.reading.parser import parse
from gipr_lint.reading.source import Source
from tests.crossyear.pairs import (
    OTHER_PROBLEMS,
    SEED,
    earlier_year,
    section_five,
    shift_years,
    with_section_five,
)
from tests.crossyear.test_near_duplicates import copy_for
from tests.crossyear.test_pairs import plugins

ALL_X = build_settings({"select": ("X",)}, root=Path.cwd())
#: The settings of the files under ``quiet/``: X005 is not theirs.
QUIET = build_settings({"select": ("X",), "ignore": ("X005",)}, root=Path.cwd())
COPY = copy_for(SEED, "九龙坡区华岩镇人民政府")


class Resolver:
    """Settings by folder, as a configuration file gives them."""

    def settings_for(self, path: object) -> Settings:
        return QUIET if str(path).startswith("quiet/") else ALL_X


def batch() -> tuple[list[FileResult], list[Any]]:
    """Linted reports and history that every cross-report rule finds something in: a 2024
    report and two 2023 reports of its agency (the first in command-line order is the one
    compared with: carry-over, stock and section 五 copied), another agency's copy of the
    2024 report (near-duplicate, twice: once where X005 is not selected), and that agency's
    2023 report from history with the same tables (copied tables), and a third agency's
    copy where X005 is not selected."""
    before = earlier_year(changes={("requests", "carry_forward", 0): "2",
                                   ("active", "rules", 2): "9"},
                          problems=section_five(SEED).split("\n", 1)[1])
    other_before = earlier_year(changes={("requests", "carry_forward", 0): "5"})
    texts = {"tdz/2023.txt": before, "tdz/2024.txt": SEED, "tdz/2023-again.txt": other_before,
             "hy/2024.txt": COPY, "quiet/hy-2024.txt": COPY,
             "quiet/jk-2024.txt": COPY.replace("九龙坡区华岩镇人民政府", "沙坪坝区井口镇人民政府")}
    resolver = Resolver()
    with cross_report_summaries(True):
        results = [lint_source(Source.from_text(text, path), resolver.settings_for(path),
                               plugins()) for path, text in texts.items()]
    earlier = with_section_five(shift_years(COPY), OTHER_PROBLEMS)
    history = [summarize(apply_facts(parse(Source.from_text(earlier, "old/hy-2023.txt")),
                                     ALL_X), history=True)]
    return results, history


def seen(results: list[FileResult]) -> list[tuple[Any, ...]]:
    """What the output shows of the results."""
    return [(result.path, result.previous.path if result.previous else None,
             [(d.code, d.line, d.column, d.end_line, d.end_column, d.message, d.related)
              for d in result.diagnostics])
            for result in results]


@pytest.fixture(scope="module")
def expected() -> tuple[list[FileResult], list[Any], list[FileResult]]:
    results, history = batch()
    return results, history, run_cross_report(results, plugins(), Resolver(),  # type: ignore[arg-type]
                                               history, ALL_X)


def test_every_rule_finds_its_findings_in_the_right_files(expected: Any) -> None:
    results, _history, out = expected
    found = {d.code for result in out for d in result.diagnostics}
    assert found == {"X001", "X002", "X003", "X004", "X005"}
    by_path = {result.path: result for result in out}
    # the first 2023 report in command-line order is the one compared with
    assert by_path["tdz/2024.txt"].previous.path == "tdz/2023.txt"
    assert all("(tdz/2023.txt)" in d.message for d in by_path["tdz/2024.txt"].diagnostics
               if d.code in ("X001", "X002", "X003"))
    assert by_path["hy/2024.txt"].previous.path == "old/hy-2023.txt"
    # X005 is kept only where it is selected, the other rules everywhere
    assert "X005" in {d.code for d in by_path["hy/2024.txt"].diagnostics}
    assert {d.code for d in by_path["quiet/hy-2024.txt"].diagnostics} == {"X004"}
    assert by_path["quiet/jk-2024.txt"].diagnostics == results[-1].diagnostics
    # the results nothing was found in and that have no earlier report are passed on
    assert [index for index, (before, after) in enumerate(zip(results, out, strict=True))
            if before is after] == [0, 2, 5]


def test_the_stage_run_again_over_its_results_replaces_its_findings(expected: Any) -> None:
    """Run again over its own results (after ``--fix``), the stage replaces its findings,
    also in a file it finds nothing in any more and that is compared with nothing."""
    results, history, out = expected
    again = run_cross_report(out, plugins(), Resolver(), history, ALL_X)  # type: ignore[arg-type]
    assert seen(again) == seen(out)
    without = run_cross_report(out, plugins(), Resolver(), (), ALL_X)  # type: ignore[arg-type]
    by_path = {result.path: result for result in without}
    assert by_path["hy/2024.txt"].previous is None  # its history report is gone
    assert {d.code for d in by_path["hy/2024.txt"].diagnostics} == {"X005"}
    assert by_path["quiet/hy-2024.txt"].diagnostics == results[4].diagnostics
    assert seen(without)[:3] == seen(out)[:3]
