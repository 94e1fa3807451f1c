"""Plugin loading: discovery by entry point, validation, and failures reported by name."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest

import gipr_lint
from gipr_lint.diagnostics import Severity
from gipr_lint.hookspecs import hookimpl
from gipr_lint.linting.plugin_manager import PluginSet, load_plugins
from gipr_lint.rules import Rule
from tests.conftest import GAOZHUANG, RunCli


def module(name: str):
    return importlib.import_module(f"gipr_test_plugins.{name}")


class FakeEntryPoint:
    """Quacks like importlib.metadata.EntryPoint."""

    def __init__(self, name: str, value: str, version: str = "9.9") -> None:
        self.name, self.value = name, value
        self.dist = SimpleNamespace(name="fake-dist", version=version)

    def load(self):
        return importlib.import_module(self.value)


def problems(plugin_set: PluginSet) -> dict[str, str]:
    return {p.plugin: p.message for p in plugin_set.problems}


def test_builtin_plugin_registers_reader_formatters_and_e999() -> None:
    ps = load_plugins(entry_points=[])
    assert [p.name for p in ps.plugins] == ["gipr-lint"]
    assert list(ps.formatters) == ["full", "concise", "json", "sarif", "github", "csv", "html"]
    assert ps.readers[0].suffixes == (".txt",) and ps.reader_for("a.TXT") is ps.readers[0]
    assert ps.rule("rule-crashed") is ps.rules["E999"]
    assert ps.problems == []


def test_entry_points_load_and_record_distribution_version() -> None:
    ps = load_plugins(entry_points=[FakeEntryPoint("words", "gipr_test_plugins.words")])
    info = ps.plugins[-1]
    assert (info.name, info.version, info.distribution) == ("words", "9.9", "fake-dist")
    assert info.codes == ["TST001", "TST002", "TST003", "TST004"]
    assert ps.rule_plugin["TST003"] == "words" and ps.resolve("flag-woju") == "TST001"
    assert ps.templates == [{"kind": "requirement", "code": "TST009", "section": 6,
                             "any-of": ["收费"]}]
    assert [r.code for r in ps.template_set.requirements] == ["TST009"]
    assert ps.options["words"]["level"].default == "info"


def test_installed_builtin_packs_are_found_through_entry_points() -> None:
    ps = load_plugins()
    names = {p.name for p in ps.plugins}
    assert {"structure", "tables", "years", "wording", "consistency", "content",
            "typography"} <= names
    assert not [p for p in ps.problems if p.plugin in names]


def test_import_error_is_reported_by_name_and_others_load() -> None:
    ps = load_plugins(entry_points=[FakeEntryPoint("broken", "gipr_test_plugins.broken_import"),
                                    FakeEntryPoint("words", "gipr_test_plugins.words")])
    assert "cannot import 'gipr_test_plugins.broken_import': ModuleNotFoundError" in \
        problems(ps)["broken"]
    assert "TST001" in ps.rules and ps.has_errors


def test_api_mismatch_is_a_warning_not_an_error() -> None:
    ps = load_plugins(extra=[module("bad_api")], entry_points=[])
    (problem,) = ps.problems
    assert problem.plugin == "bad_api" and not problem.fatal
    assert str(problem) == ("gipr-lint: plugin 'bad_api' skipped: it supports API 99, this "
                            "gipr-lint has plugin API 1")
    assert not ps.has_errors


def test_api_as_collection_is_accepted() -> None:
    ps = load_plugins(extra=[module("crashy")], entry_points=[])
    assert "TST900" in ps.rules and gipr_lint.PLUGIN_API_VERSION in module("crashy").GIPR_LINT_API


@pytest.mark.parametrize(("plugin", "expected"), [
    ("misspelt", "unknown hook 'gipr_lint_rulez'"),
    ("garbage", "gipr_lint_rules() returned 42, which is not a subclass of gipr_lint.rules.Rule"),
    ("bad_severity", "rule Fatal has unknown severity 'fatal' (accepted: error, warning, info)"),
    ("raising_hook", "a hook raised ValueError: cannot build rules"),
])
def test_invalid_plugins_are_skipped_with_a_message(plugin: str, expected: str) -> None:
    ps = load_plugins(entry_points=[], extra=[module(plugin), module("words")])
    assert expected in problems(ps)[plugin]
    assert "TST001" in ps.rules, "the other plugin still loads"
    assert ps.has_errors
    assert plugin not in [p.name for p in ps.plugins]


def test_misspelt_hook_suggests_the_right_one() -> None:
    ps = load_plugins(entry_points=[], extra=[module("misspelt")])
    assert "did you mean 'gipr_lint_rules'?" in problems(ps)["misspelt"]


def test_duplicate_code_names_both_plugins() -> None:
    ps = load_plugins(entry_points=[], extra=[module("words"), module("dup_code")])
    message = problems(ps)["dup_code"]
    assert message == ("rule Copycat has code TST001, already taken by rule FlagWoJu of "
                       "plugin 'words'")
    assert ps.rules["TST001"].__name__ == "FlagWoJu"


def make_rule(**attrs):
    base = {"code": "ZZ001", "name": "zz-rule", "severity": Severity.WARNING, "summary": "z",
            "check": lambda self, report, context: []}
    base.update(attrs)
    return type("ZRule", (Rule,), base)


@pytest.mark.parametrize(("attrs", "expected"), [
    ({"code": "Z1"}, "has code 'Z1', expected capital letters and three digits"),
    ({"name": "Not Kebab"}, "has name 'Not Kebab', expected a kebab-case name"),
    ({"severity": "off"}, "unknown severity"),
    ({"summary": ""}, "has no summary"),
    ({"check": Rule.check}, "does not implement check()"),
])
def test_rule_validation(attrs: dict, expected: str) -> None:
    with pytest.raises(ValueError, match="plugin 'test' skipped") as info:
        PluginSet.from_rules([make_rule(**attrs)])
    assert expected in str(info.value)


def test_duplicate_name_within_one_plugin() -> None:
    with pytest.raises(ValueError, match="rules ZRule and ZRule both have name 'zz-rule'"):
        PluginSet.from_rules([make_rule(), make_rule(code="ZZ002")])


def test_plugin_object_with_formatter_and_reader() -> None:
    ps = load_plugins(entry_points=[], extra=[module("count_format")])
    assert "count" in ps.formatters and ps.reader_for("x.rpt").name == "rpt"
    # the built-in plugin also claims the legacy Word/WPS extensions, to refuse them clearly
    assert ps.suffixes() == {".txt", ".rpt", ".doc", ".dot", ".wps", ".wpt"}


def test_read_opens_a_file_once_and_reads_as_its_reader_would(tmp_path, monkeypatch) -> None:
    from gipr_lint.linting import plugin_manager
    from gipr_lint.reading.source import read_source

    ps = load_plugins(entry_points=[], extra=[module("count_format")])
    text = tmp_path / "a.txt"
    text.write_bytes("\ufeff一、总体情况\r\n正文".encode())
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a[0]) or real_open(*a, **k))
    assert ps.read(text) == read_source(text) and ps.read(str(text)).path == str(text)
    assert opened == [text, str(text)]  # (read_source reads by Path.read_bytes)
    # a third-party reader (no read_bytes) reads the file itself, as reader_for(...).read would
    rpt = tmp_path / "b.rpt"
    rpt.write_text("abc", encoding="utf-8")
    assert ps.read(rpt).text == "ABC"
    # content wins over the extension, and a file too large to be read whole here is read by
    # its reader
    page = tmp_path / "c.txt"
    page.write_text("<html><body><p>一、总体情况</p></body></html>", encoding="utf-8")
    installed = load_plugins()
    assert installed.read(page) == installed.reader_for(page).read(page)
    assert installed.read(page).kind == "html"
    monkeypatch.setattr(plugin_manager, "WHOLE_READ", 4)
    assert ps.read(text) == read_source(text)
    with pytest.raises(OSError):
        ps.read(tmp_path / "missing.txt")


@pytest.mark.parametrize("name", ["a.TXT", "a.", "a", ".txt", "x/.txt", "a.b.Html", "a/b.txt/",
                                  "a/.", "..", "dir.d/file", "a..b", "a.b.", ""])
def test_suffix_is_the_paths_own(name: str) -> None:
    from pathlib import Path

    from gipr_lint.linting.plugin_manager import _suffix

    assert _suffix(name) == _suffix(Path(name)) == Path(name).suffix.lower()


def test_formatter_name_taken_is_an_error() -> None:
    class Taken:
        GIPR_LINT_API = 1

        @hookimpl
        def gipr_lint_formatters(self):
            return {"json": lambda results, out, context: None}

    ps = load_plugins(entry_points=[], extra=[("taken", Taken())])
    assert problems(ps)["taken"] == "format 'json' is already taken"


def test_bad_option_declaration() -> None:
    class Opts:
        GIPR_LINT_API = 1

        @hookimpl
        def gipr_lint_options(self):
            return {"level": (dict, {}, "x"), "n": (int, "3", "y")}

    message = problems(load_plugins(entry_points=[], extra=[("opts", Opts())]))["opts"]
    assert "option 'level': type" in message and "option 'n': default '3' is not a int" in message


# --- through the real command line -------------------------------------------------------

def test_cli_plugins_lists_names_versions_and_codes(cli: RunCli) -> None:
    done = cli("plugins", plugins={"words": "words"})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "gipr-lint 0.1.0: E999" in lines
    assert "words 0.0.1: TST001, TST002, TST003, TST004" in lines
    assert "structure 0.1.0: (no rules)" in lines or any(
        line.startswith("structure 0.1.0: ") for line in lines)


def test_cli_broken_plugins_named_lint_goes_on_exit_2(cli: RunCli) -> None:
    done = cli("--select", "TST001", "--format", "concise", str(GAOZHUANG),
               plugins={"words": "words", "broken": "broken_import", "garbage": "garbage",
                        "misspelt": "misspelt"})
    assert done.returncode == 2
    assert "gipr-lint: plugin 'broken' skipped: cannot import" in done.stderr
    assert "gipr-lint: plugin 'garbage' skipped: gipr_lint_rules() returned 42" in done.stderr
    assert "gipr-lint: plugin 'misspelt' skipped: unknown hook 'gipr_lint_rulez'" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.count("warning TST001 found 我局") == 2


def test_cli_api_mismatch_alone_does_not_change_exit_code(cli: RunCli) -> None:
    done = cli("--select", "TST002", "--format", "concise", str(GAOZHUANG),
               plugins={"words": "words", "badapi": "bad_api"})
    assert "gipr-lint: plugin 'badapi' skipped: it supports API 99" in done.stderr
    assert done.returncode == 1  # TST002 (error) found something; no plugin error


def test_cli_raising_duplicate_and_bad_deadline_plugins_named_lint_goes_on(cli: RunCli) -> None:
    done = cli("--select", "TST001", "--format", "concise", str(GAOZHUANG),
               plugins={"words": "words", "raising": "raising_hook", "zdup": "dup_code",
                        "deadline": "bad_deadline"})
    assert done.returncode == 2
    assert ("gipr-lint: plugin 'raising' skipped: a hook raised ValueError: cannot build rules"
            in done.stderr)
    assert ("gipr-lint: plugin 'zdup' skipped: rule Copycat has code TST001, already taken by "
            "rule FlagWoJu of plugin 'words'") in done.stderr
    assert ("gipr-lint: plugin 'deadline' skipped: deadline 'township': '02-30' is not a day "
            "\"MM-DD\"") in done.stderr
    assert "deadline for unknown agency kind 'village'" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.count("warning TST001 found 我局") == 2


def test_cli_plugin_problems_in_chinese(cli: RunCli) -> None:
    """In a Chinese run the plugin-load problems were English (each plugin still skipped by
    name, the others used, exit 2)."""
    done = cli("--select", "TST001", "--format", "concise", "--lang", "zh", str(GAOZHUANG),
               plugins={"words": "words", "broken": "broken_import", "garbage": "garbage",
                        "misspelt": "misspelt", "raising": "raising_hook", "zdup": "dup_code"})
    assert done.returncode == 2
    assert "gipr-lint: 已跳过插件 'broken'：无法导入 " in done.stderr
    assert ("gipr-lint: 已跳过插件 'garbage'：gipr_lint_rules() 返回了 42，它不是 "
            "gipr_lint.rules.Rule 的子类") in done.stderr
    assert ("gipr-lint: 已跳过插件 'misspelt'：未知的钩子 'gipr_lint_rulez'（已知的钩子："
            in done.stderr)
    assert "；是否应为 'gipr_lint_rules'？" in done.stderr
    assert ("gipr-lint: 已跳过插件 'raising'：某个钩子引发了 ValueError：cannot build rules"
            in done.stderr)
    assert ("gipr-lint: 已跳过插件 'zdup'：规则 Copycat 的代码 TST001 已被插件 'words' 的规则 "
            "FlagWoJu 占用") in done.stderr
    assert "skipped" not in done.stderr and "Traceback" not in done.stderr
