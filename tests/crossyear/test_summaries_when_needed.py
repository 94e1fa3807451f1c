"""Cross-report summaries are made only where a run can compare reports (issue 15): not for one
file without history, nor in the editor; a cross-report rule that does not only compare still
gets them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from gipr_lint.api import Batch, BatchRule, RuleContext, Severity, hookimpl
from gipr_lint.editor.lsp_session import Linter
from gipr_lint.linting.config import ConfigResolver, build_settings
from gipr_lint.linting.crossreport import can_compare
from gipr_lint.linting.engine import cross_report_summaries, lint_source
from gipr_lint.linting.plugin_manager import PluginSet, load_plugins
from gipr_lint.reading.source import Source
from tests.crossyear.pairs import SEED


class Alone(BatchRule):
    """Finds something in a batch of one.

    Fails::

        x

    Passes::

        y
    """

    code = "ZZB002"
    name = "alone"
    severity = Severity.WARNING
    summary = "Alone"

    def check_batch(self, batch: Batch, context: RuleContext):  # type: ignore[no-untyped-def]
        return ()


class AlonePlugin:
    GIPR_LINT_API = 1

    @hookimpl
    def gipr_lint_batch_rules(self) -> list[type[BatchRule]]:
        return [Alone]


def _summary_made(plugin_set: PluginSet, select: tuple[str, ...], wanted: bool) -> bool:
    settings = build_settings({"select": select}, root=Path.cwd())
    with cross_report_summaries(wanted):
        result = lint_source(Source.from_text(SEED, "a.txt"), settings, plugin_set)
    return result.summary is not None


def test_summaries_only_when_wanted_or_a_rule_works_alone() -> None:
    national = load_plugins()
    assert _summary_made(national, ("X",), True)
    assert not _summary_made(national, ("X",), False)  # X001–X005 only compare
    assert not _summary_made(national, ("T",), True)  # no cross-report rule selected
    alone = load_plugins(entry_points=[], extra=[("alone", AlonePlugin())])
    assert _summary_made(alone, ("ZZB002",), False)


def test_can_compare(tmp_path: Path) -> None:
    plugin_set = load_plugins()
    resolver = ConfigResolver(plugin_set, cwd=tmp_path)
    assert not can_compare(1, [], resolver, tmp_path)
    assert not can_compare(0, [], resolver, tmp_path)
    assert can_compare(2, [], resolver, tmp_path)
    assert can_compare(1, ["2023"], resolver, tmp_path)
    (tmp_path / "gipr-lint.toml").write_text('history = ["2023/*.txt"]\n', encoding="utf-8")
    assert can_compare(1, [], ConfigResolver(plugin_set, cwd=tmp_path), tmp_path)


def test_the_editor_makes_no_summaries() -> None:
    linted = Linter().lint("file:///a.txt", SEED)
    assert linted.result.summary is None
    assert linted.result.diagnostics  # still linted


def test_one_file_with_cross_report_rules_selected(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SEED, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "gipr_lint", "check", "--isolated",
                           "--select", "X", "--format", "json", "a.txt"], cwd=tmp_path,
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 0, done.stderr
    [entry] = json.loads(done.stdout)["files"]
    assert entry["diagnostics"] == [] and "compared_with" not in entry
