"""The cross-report stage does little per result: it finds what it found when it went through
every result once per thing it wanted, also when what it needs of each result was gathered as
the results came in, in any order (:class:`CrossReportFeed`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gipr_lint.linting.batch import summarize
from gipr_lint.linting.config import Settings, build_settings
from gipr_lint.linting.crossreport import CrossReportFeed, run_cross_report
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


def fed(results: list[FileResult], order: list[int]) -> CrossReportFeed:
    feed = CrossReportFeed(Resolver(), plugins().batch_codes)  # type: ignore[arg-type]
    for index in order:
        feed.add(index, results[index])
    return feed


@pytest.fixture(scope="module")
def expected() -> tuple[list[FileResult], list[Any], list[FileResult]]:
    results, history = batch()
    return results, history, run_cross_report(results, plugins(), Resolver(),  # type: ignore[arg-type]
                                               history, ALL_X)


def test_the_batch_exercises_every_cross_report_rule(expected: Any) -> None:
    results, _history, out = expected
    found = {d.code for result in out for d in result.diagnostics}
    assert found == {"X001", "X002", "X003", "X004", "X005"}
    by_path = {result.path: result for result in out}
    # the first 2023 report in command-line order is the one compared with
    assert by_path["tdz/2024.txt"].previous.path == "tdz/2023.txt"
    assert by_path["hy/2024.txt"].previous.path == "old/hy-2023.txt"
    # X005 is kept only where it is selected, the other rules everywhere
    assert "X005" in {d.code for d in by_path["hy/2024.txt"].diagnostics}
    assert {d.code for d in by_path["quiet/hy-2024.txt"].diagnostics} == {"X004"}
    assert by_path["quiet/jk-2024.txt"].diagnostics == results[-1].diagnostics
    assert [r.diagnostics for r in results] != [r.diagnostics for r in out]


@pytest.mark.parametrize("order", [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [2, 0, 5, 4, 1, 3]])
def test_a_feed_in_any_order_finds_the_same(expected: Any, order: list[int]) -> None:
    results, history, out = expected
    feed = fed(results, order)
    assert feed.gathered(results, feed.resolver) is not None  # what the stage uses
    again = run_cross_report(results, plugins(), feed.resolver, history, ALL_X,  # type: ignore[arg-type]
                             feed=feed)
    assert seen(again) == seen(out)


def test_a_feed_of_other_results_is_not_used(expected: Any) -> None:
    results, history, out = expected
    resolver = Resolver()
    for feed in (fed(results, [0, 1, 2, 3, 4]),
                 fed([*results[1:], results[0]], [0, 1, 2, 3, 4, 5])):
        assert feed.gathered(results, feed.resolver) is None
        again = run_cross_report(results, plugins(), resolver, history, ALL_X,  # type: ignore[arg-type]
                                 feed=feed)
        assert seen(again) == seen(out)
    feed = fed(results, [0, 1, 2, 3, 4, 5])
    assert feed.gathered(results, Resolver()) is None  # another resolver
    with pytest.raises(ValueError, match="fed already"):
        feed.add(2, results[2])


def test_the_stage_fed_its_own_results_replaces_its_findings(expected: Any) -> None:
    """Run again over its own results (after ``--fix``), fed or not, the stage replaces its
    findings: the feed marks the results that carry some."""
    results, history, out = expected
    for feed in (None, fed(out, [4, 2, 5, 0, 3, 1])):
        resolver = feed.resolver if feed is not None else Resolver()
        assert feed is None or feed.gathered(out, resolver) is not None
        again = run_cross_report(out, plugins(), resolver, history, ALL_X,  # type: ignore[arg-type]
                                 feed=feed)
        assert seen(again) == seen(out)
    feed = fed(out, [1, 0, 3, 2, 5, 4])
    without = run_cross_report(out, plugins(), feed.resolver, (), ALL_X,  # type: ignore[arg-type]
                               feed=feed)
    by_path = {result.path: result for result in without}
    assert by_path["hy/2024.txt"].previous is None  # its history report is gone
    assert {d.code for d in by_path["hy/2024.txt"].diagnostics} == {"X005"}
    # found nothing now, compared with nothing: its finding of before is dropped
    assert by_path["quiet/hy-2024.txt"].diagnostics == results[4].diagnostics
