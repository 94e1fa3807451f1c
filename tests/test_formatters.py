"""Output formats, called in-process on real lint results."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from gipr_test_plugins.words import FlagTable, FlagWoJu, StraySpace

from gipr_lint.formatters import FormatContext, concise, full, github, sarif
from gipr_lint.formatters import json as json_format
from gipr_lint.linting.config import Settings
from gipr_lint.linting.engine import FileResult, lint_source
from gipr_lint.linting.plugin_manager import PluginSet
from gipr_lint.reading.source import Source
from tests.conftest import GAOZHUANG

SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def plugin_set() -> PluginSet:
    return PluginSet.from_rules([FlagWoJu, FlagTable, StraySpace])


def results_for(plugin_set: PluginSet, *texts: tuple[str, str]) -> list[FileResult]:
    return [lint_source(Source.from_text(text, path), Settings(), plugin_set)
            for path, text in texts]


def context(plugin_set: PluginSet) -> FormatContext:
    return FormatContext(rules=plugin_set.rules, rule_plugin=plugin_set.rule_plugin)


def render(module, results, ctx) -> str:
    out = io.StringIO()
    module.write(results, out, ctx)
    return out.getvalue()


def test_sarif_validates_against_the_official_schema(plugin_set: PluginSet) -> None:
    import jsonschema

    source = Source.from_text(GAOZHUANG.read_text(encoding="utf-8"), "报告/高庄镇.txt")
    results = [lint_source(source, Settings(), plugin_set)]
    data = json.loads(render(sarif, results, context(plugin_set)))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(data)
    run = data["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["E999", "TST001", "TST002", "TST003"]
    assert rules[1]["name"] == "flag-woju"
    assert rules[1]["shortDescription"]["text"] == "Flags every 我局"
    assert rules[1]["fullDescription"]["text"].startswith("Flags every 我局.\n\nFails::")
    assert rules[1]["defaultConfiguration"]["level"] == "warning"
    woju = next(r for r in run["results"] if r["ruleId"] == "TST001")
    assert woju["level"] == "warning" and woju["message"]["text"] == "found 我局"
    assert woju["ruleIndex"] == 1
    location = woju["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == (
        "%E6%8A%A5%E5%91%8A/%E9%AB%98%E5%BA%84%E9%95%87.txt")
    assert location["region"] == {"startLine": 60, "startColumn": 6, "endLine": 60,
                                  "endColumn": 8}
    assert {r["level"] for r in run["results"]} == {"error", "warning"}


def test_sarif_info_is_note_and_absolute_uri(plugin_set: PluginSet) -> None:
    from gipr_lint.diagnostics import Severity

    settings = Settings(severity={"TST001": Severity.INFO})
    result = lint_source(Source.from_text("我局", "/abs/r.txt"), settings, plugin_set)
    data = json.loads(render(sarif, [result], context(plugin_set)))
    (item,) = data["runs"][0]["results"]
    assert item["level"] == "note"
    assert item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "file:///abs/r.txt"


def test_github_lines_and_escaping(plugin_set: PluginSet) -> None:
    results = results_for(plugin_set, ("a,b:c.txt", "公开\n我局\n"))
    assert render(github, results, context(plugin_set)).splitlines() == [
        "::error file=a%2Cb%3Ac.txt,line=1,col=1,endLine=1,endColumn=3,"
        "title=TST002 flag-gongkai::found 公开",
        "::warning file=a%2Cb%3Ac.txt,line=2,col=1,endLine=2,endColumn=3,"
        "title=TST001 flag-woju::found 我局",
    ]


def test_github_notice_past_ten(plugin_set: PluginSet) -> None:
    results = results_for(plugin_set, ("a.txt", "我局" * 11))
    lines = render(github, results, context(plugin_set)).splitlines()
    assert len(lines) == 12
    assert lines[-1].startswith("::notice::gipr-lint found 0 errors and 11 warnings; GitHub "
                                "shows only the first 10 of each per step.")
    assert "--format sarif" in lines[-1]
    few = results_for(plugin_set, ("a.txt", "我局" * 10))
    assert "::notice::" not in render(github, few, context(plugin_set))


def test_concise_and_json_agree(plugin_set: PluginSet) -> None:
    results = results_for(plugin_set, ("a.txt", "公开\n我局\n"), ("b.txt", "x"))
    assert render(concise, results, context(plugin_set)) == (
        "a.txt:1:1: error TST002 found 公开\na.txt:2:1: warning TST001 found 我局\n")
    data = json.loads(render(json_format, results, context(plugin_set)))
    assert data["summary"] == {"files": 2, "error": 1, "warning": 1, "info": 0,
                               "tables": 0, "tables_fully_checked": 0}
    assert data["files"][1] == {"path": "b.txt", "report": data["files"][1]["report"],
                                "diagnostics": []}


def test_json_leaves_out_unreadable_files(plugin_set: PluginSet) -> None:
    results = [FileResult(path="bad.txt", report=None, error="cannot read: x")]
    assert json.loads(render(json_format, results, context(plugin_set)))["files"] == []


def test_full_summary_wording(plugin_set: PluginSet) -> None:
    results = results_for(plugin_set, ("a.txt", "公开我局\n"), ("b.txt", "我局"))
    assert full.summary(results) == "Found 1 error, 2 warnings in 2 files; no table found."
    assert full.summary(results_for(plugin_set, ("c.txt", ""))) == \
        "All checks passed; no table found."


def test_full_multiline_span_and_tabs(plugin_set: PluginSet) -> None:
    results = results_for(plugin_set, ("a.txt", "\t以 下"))
    text = render(full, results, context(plugin_set))
    assert text.splitlines()[1:4] == ["  |", "1 |     以 下", "  |     ^^^^^"]


def test_full_shows_a_window_of_a_long_line(plugin_set: PluginSet) -> None:
    """A page flattened to one line is thousands of characters: show the span in context."""
    line = "前" * 300 + "我局" + "后" * 300
    text = render(full, results_for(plugin_set, ("a.txt", line)), context(plugin_set))
    shown, carets = text.splitlines()[2:4]
    assert shown == "1 | …" + "前" * 19 + "我局" + "后" * 19 + "…"
    assert carets == "  | " + " " * 39 + "^^^^"  # "…" is one cell, each 前 two


def test_json_text_is_the_standard_librarys() -> None:
    """The JSON formatter writes its own text, byte for byte what ``json.dumps(…, indent=2,
    ensure_ascii=False)`` writes; values it does not know (floats) go to json itself."""
    import json
    import random

    from gipr_lint.formatters.json import dumps

    chooser = random.Random(15)
    leaves = [None, True, False, 0, -7, 10**20, "", 'a"b\\c\n\t\u2028\x00年', 1.5,
              float("inf")]

    def value(depth: int) -> object:
        roll = chooser.random()
        if depth > 3 or roll < 0.4:
            return chooser.choice(leaves)
        if roll < 0.7:
            return {chooser.choice(["a", "年", '"', "key"]): value(depth + 1)
                    for _ in range(chooser.randrange(4))}
        items = [value(depth + 1) for _ in range(chooser.randrange(4))]
        return items if roll < 0.9 else tuple(items)

    for _ in range(3000):
        data = value(0)
        assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)
    assert dumps({1: "x"}) == json.dumps({1: "x"}, ensure_ascii=False, indent=2)
