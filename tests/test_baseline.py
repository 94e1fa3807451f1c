"""Baselines: matched on code, path and surrounding text, count-aware, not line numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gipr_test_plugins.words import FlagWoJu

from gipr_lint.linting.baseline import BaselineError, filter_new, load_baseline, write_baseline
from gipr_lint.linting.config import Settings
from gipr_lint.linting.engine import lint_source
from gipr_lint.linting.plugin_manager import PluginSet
from gipr_lint.reading.source import Source
from tests.conftest import GAOZHUANG, RunCli

WORDS = {"words": "words"}


def lint(text: str, path: Path):
    plugin_set = PluginSet.from_rules([FlagWoJu])
    return [lint_source(Source.from_text(text, str(path)), Settings(), plugin_set)]


def test_round_trip_ignores_line_moves_and_whitespace(tmp_path: Path) -> None:
    file = tmp_path / "r.txt"
    baseline = tmp_path / "baseline.json"
    assert write_baseline(baseline, lint("前言\n今年我局工作\n", file)) == 1
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["findings"] == [{"code": "TST001", "path": "r.txt",
                                 "context": "前言 今年我局工作", "count": 1}]
    moved = lint("新增一行\n\n前言\n今年我局工作\n", file)
    assert sum(len(r.diagnostics) for r in filter_new(moved, load_baseline(baseline),
                                                      tmp_path)) == 1
    same_context = lint("前言  \n今年我局工作\n", file)
    assert filter_new(same_context, load_baseline(baseline), tmp_path)[0].diagnostics == []


def test_count_aware(tmp_path: Path) -> None:
    file = tmp_path / "r.txt"
    baseline = tmp_path / "b.json"
    write_baseline(baseline, lint("我局" * 2, file))
    assert load_baseline(baseline)[("TST001", "r.txt", "我局我局")] == 2
    three = lint("我局" * 2 + "\n" + "\n" * 30 + "我局" * 2, file)
    remaining = filter_new(three, load_baseline(baseline), tmp_path)[0].diagnostics
    assert len(remaining) == 2


def test_other_path_is_new(tmp_path: Path) -> None:
    baseline = tmp_path / "b.json"
    write_baseline(baseline, lint("我局", tmp_path / "a.txt"))
    assert len(filter_new(lint("我局", tmp_path / "b.txt"), load_baseline(baseline),
                          tmp_path)[0].diagnostics) == 1


@pytest.mark.parametrize("content", ["not json", '{"version": 7, "findings": []}',
                                     '{"version": 1, "findings": [{"code": "X"}]}'])
def test_bad_baseline(tmp_path: Path, content: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=str(path)):
        load_baseline(path)


def test_cli_write_then_use(cli: RunCli, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("前面有足够长的一段上下文。今年我局工作，后面也有足够长的一段文字。\n",
                      encoding="utf-8")
    args = ("--isolated", "--select", "TST001", "--format", "concise", "r.txt")
    done = cli(*args, "--write-baseline", "base.json", plugins=WORDS, cwd=tmp_path)
    assert done.returncode == 0 and "recorded 1 finding in base.json" in done.stderr
    done = cli(*args, "--baseline", "base.json", plugins=WORDS, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "")
    report.write_text("新的一行\n前面有足够长的一段上下文。今年我局工作，后面也有足够长的一段文字。\n"
                      "明年我局继续\n",
                      encoding="utf-8")
    done = cli(*args, "--baseline", "base.json", plugins=WORDS, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "r.txt:3:3: warning TST001 found 我局\n")
    done = cli(*args, "--baseline", "nope.json", plugins=WORDS, cwd=tmp_path)
    assert done.returncode == 2 and "--baseline: nope.json: cannot read" in done.stderr


def test_cli_baseline_keeps_the_table_count(cli: RunCli, tmp_path: Path) -> None:
    """Hiding old findings does not hide the tables: the summary still counts the three
    tables of the report read completely (it said "no table found")."""
    (tmp_path / "r.txt").write_bytes(GAOZHUANG.read_bytes())
    args = ("--isolated", "--lang", "en", "r.txt")
    done = cli(*args, "--write-baseline", "base.json", cwd=tmp_path)
    assert done.returncode == 0
    for jobs in ("1", "2"):
        done = cli(*args, "-j", jobs, "--baseline", "base.json", cwd=tmp_path)
        assert (done.returncode, done.stdout) == (
            0, "All checks passed; 3 of 3 tables fully checked.\n")
        done = cli(*args, "-j", jobs, "--baseline", "base.json", "--format", "json", cwd=tmp_path)
        summary = json.loads(done.stdout)["summary"]
        assert (summary["tables"], summary["tables_fully_checked"]) == (3, 3)
