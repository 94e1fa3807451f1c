"""What each report costs after it is parsed (issue 15): the rules (each one), the cross-report
summary, the JSON output, the text read, and lint_report as a whole. Run by hand:
``python benchmarks/after_parse.py [FOLDER] [RUNS]`` (default: ``benchmarks/corpus``, 5 runs).

CPU time (``time.process_time``), the least of RUNS runs, in milliseconds per report. The rules
are timed as ``engine.lint_report`` runs them: one memo per report and the language looked up
once per report. Issue 15's targets: rules ≤ 0.7, summary ≤ 0.1, JSON ≤ 0.1, read ≤ 0.1.
"""

from __future__ import annotations

import collections
import gc
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

from common import ROOT

from gipr_lint.formatters import json as json_format
from gipr_lint.i18n import current_language, language
from gipr_lint.linting import engine
from gipr_lint.linting.batch import summarize
from gipr_lint.linting.config import ConfigResolver
from gipr_lint.linting.plugin_manager import load_plugins
from gipr_lint.reading.parser import parse
from gipr_lint.templates import using


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "benchmarks" / "corpus"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    paths = sorted(folder.glob("*.txt"))
    plugin_set = load_plugins()
    settings = ConfigResolver(plugin_set, isolated=True).settings_for(paths[0])
    reader = plugin_set.reader_for(paths[0])
    with using(plugin_set.template_set):
        reports = [engine.apply_facts(parse(reader.read(path)), settings) for path in paths]
    plan = engine._plan(settings, plugin_set)
    count = len(reports)
    gc.freeze()

    def least(function: Callable[[], object]) -> float:
        best = float("inf")
        for _ in range(runs):
            started = time.process_time()
            function()
            best = min(best, time.process_time() - started)
        return best / count * 1000

    per_rule: dict[str, float] = collections.defaultdict(lambda: float("inf"))
    with language(current_language()):
        for _ in range(runs):
            spent: collections.Counter[str] = collections.Counter()
            for report in reports:
                memo: dict[object, object] = {}
                with using(plugin_set.template_set):
                    for rule, shared in plan.rules:
                        context = shared.for_report(memo)  # type: ignore[arg-type]
                        started = time.process_time()
                        list(rule.check(report, context) or ())
                        spent[rule.code] += time.process_time() - started
            for code, seconds in spent.items():
                per_rule[code] = min(per_rule[code], seconds)
        results = [engine.lint_report(report, settings, plugin_set) for report in reports]
        whole = least(lambda: [engine.lint_report(r, settings, plugin_set) for r in reports])
    rules = sum(per_rule.values()) / count * 1000
    summary = least(lambda: [summarize(report) for report in reports])
    output = least(lambda: json_format.write(results, io.StringIO(), None))
    read = least(lambda: [reader.read(path) for path in paths])
    print(f"{count} reports, ms per report (CPU, least of {runs} runs)")
    print(f"  rules ({len(per_rule)}): {rules:.3f} (target ≤ 0.7)")
    print(f"  cross-report summary: {summary:.3f} (target ≤ 0.1)")
    print(f"  JSON output: {output:.3f} (target ≤ 0.1)")
    print(f"  text read: {read:.3f} (target ≤ 0.1)")
    print(f"  lint_report (rules, summary, engine): {whole:.3f}")
    slowest = sorted(per_rule.items(), key=lambda item: -item[1])[:15]
    print("  slowest rules:", ", ".join(f"{code} {seconds / count * 1000:.3f}"
                                        for code, seconds in slowest))


if __name__ == "__main__":
    main()
