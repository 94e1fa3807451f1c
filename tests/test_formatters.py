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


def test_json_document_is_dumps_of_to_dict() -> None:
    """The JSON formatter writes the usual diagnostics from templates: the text must be what
    ``json.dumps(to_dict(…), indent=2)`` makes of the same results, for real reports with
    fixes, origins (PDF, Word), cross-report findings (``related``, ``compared_with``), a file
    that could not be read, and byte columns."""
    from gipr_lint.formatters.columns import to_byte_columns
    from gipr_lint.linting.config import ConfigResolver
    from gipr_lint.linting.crossreport import run_cross_report
    from gipr_lint.linting.engine import cross_report_summaries, lint_path
    from gipr_lint.linting.plugin_manager import load_plugins

    root = Path(__file__).parent
    paths = [*sorted((root / "fixtures").glob("*.txt"))[:3],
             *sorted((root / "fixtures" / "pdf").glob("*.pdf"))[:1],
             root / "readers" / "official-2021-format-template.docx", root / "missing.txt"]
    plugins = load_plugins()
    resolver = ConfigResolver(plugins, isolated=True)
    from tests.crossyear.pairs import SEED, earlier_year
    from tests.crossyear.test_near_duplicates import copy_for

    with cross_report_summaries(True):
        results = [lint_path(path, resolver.settings_for(path), plugins) for path in paths]
        # an earlier year (compared with), another agency's copy of a report (related)
        results += [lint_source(Source.from_text(text, path), Settings(), plugins)
                    for path, text in (("a/2024.txt", SEED), ("a/2023.txt", earlier_year()),
                                       ("b/copy.txt", copy_for(SEED, "九龙坡区华岩镇人民政府")))]
    results = run_cross_report(results, plugins, resolver)
    diagnostics = [d for result in results for d in result.diagnostics]
    assert any(d.fix for d in diagnostics) and any(d.origin for d in diagnostics)
    assert any(d.related for d in diagnostics) and any(r.previous for r in results)
    assert any(r.report is None for r in results)
    for byte_columns, linted in ((False, results), (True, to_byte_columns(results))):
        ctx = FormatContext(rules=plugins.rules, byte_columns=byte_columns)
        expected = json.dumps(json_format.to_dict(linted, byte_columns), ensure_ascii=False,
                              indent=2) + "\n"
        assert render(json_format, linted, ctx) == expected
    assert render(json_format, [], FormatContext()) == json.dumps(
        json_format.to_dict([]), indent=2) + "\n"


def test_json_document_of_diagnostics_with_percent_signs_and_several_edits() -> None:
    """The templates the JSON formatter fills in with ``%`` (a rule's part is written once
    per rule, see json._rule_part) write a ``%`` in a code, a name, a message, a fix's
    description or replacement as it is; fixes of none, one and two edits; two rules whose
    code and name differ only in such a sign: the text is ``json.dumps`` of ``to_dict``."""
    from gipr_lint.diagnostics import Diagnostic, Edit, Fix, Severity
    from gipr_lint.reading.parser import parse
    from gipr_lint.reading.source import Span

    source = Source.from_text("第一行%s\n第二行%%\n第三行\n", "百分比%s.txt")

    def diagnostic(code: str, name: str, message: str, fix: Fix | None,
                   severity: Severity = Severity.WARNING) -> Diagnostic:
        return Diagnostic.at(source, code=code, name=name, severity=severity, message=message,
                             span=Span(3, 5), fix=fix)

    edits = (Edit(Span(3, 5), "%d%%"), Edit(Span(9, 11), "%(x)s"))
    diagnostics = [
        diagnostic("X%s1", "percent-%d", "50% of %s", Fix(edits[:1], "replace %s", safe=False)),
        diagnostic("X%%1", "percent-%%d", "%%", Fix(edits, "two edits: %r")),
        diagnostic("X%s1", "percent-%d", "again %", Fix((), "no edit %")),
        diagnostic("X%s1", "percent-%d", "error %i", None, Severity.ERROR),
    ]
    results = [FileResult(path=source.path, report=parse(source), diagnostics=diagnostics)]
    expected = json.dumps(json_format.to_dict(results), ensure_ascii=False, indent=2) + "\n"
    assert render(json_format, results, FormatContext()) == expected


def test_github_notice_in_chinese(plugin_set: PluginSet) -> None:
    """The notice past ten findings was English in an otherwise Chinese run."""
    from gipr_lint.i18n import language

    results = results_for(plugin_set, ("a.txt", "我局" * 11))
    with language("zh"):
        last = render(github, results, context(plugin_set)).splitlines()[-1]
    assert last == ("::notice::gipr-lint 发现 0 个错误、11 个警告；GitHub 每个步骤每种级别只显示"
                    "前 10 条。要查看全部，请用 --format sarif 配合 "
                    "github/codeql-action/upload-sarif。")
