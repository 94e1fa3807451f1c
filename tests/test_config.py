"""Configuration: discovery, validation messages, overrides, and the JSON schema."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

from gipr_lint.diagnostics import Severity
from gipr_lint.linting.config import (
    CONFIG_KEYS,
    ConfigError,
    ConfigResolver,
    find_config,
    glob_to_regex,
)
from gipr_lint.linting.plugin_manager import load_plugins
from gipr_lint.model import AgencyKind
from tests.conftest import GAOZHUANG, RunCli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DOCS = Path(__file__).parent.parent / "docs"
WORDS = {"words": "words"}


@pytest.fixture(scope="module")
def plugin_set():
    return load_plugins(entry_points=[],
                        extra=[importlib.import_module("gipr_test_plugins.words")])


def resolver(plugin_set, tmp_path: Path, **kwargs) -> ConfigResolver:
    return ConfigResolver(plugin_set, cwd=tmp_path, **kwargs)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- discovery -----------------------------------------------------------------------------

def test_discovery_walks_up_and_skips_pyproject_without_table(tmp_path: Path) -> None:
    top = write(tmp_path / "gipr-lint.toml", "")
    write(tmp_path / "a" / "pyproject.toml", "[project]\nname = 'x'\n")
    assert find_config(tmp_path / "a" / "b") == top
    table = write(tmp_path / "a" / "b" / "pyproject.toml", "[tool.gipr-lint]\nyear = 2020\n")
    assert find_config(tmp_path / "a" / "b") == table


def test_discovery_prefers_gipr_lint_toml(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.gipr-lint]\n")
    write(tmp_path / ".gipr-lint.toml", "")
    assert find_config(tmp_path).name == ".gipr-lint.toml"
    write(tmp_path / "gipr-lint.toml", "")
    assert find_config(tmp_path).name == "gipr-lint.toml"


def test_discovery_is_cached_per_directory(tmp_path: Path) -> None:
    cache: dict = {}
    write(tmp_path / "gipr-lint.toml", "")
    find_config(tmp_path / "x" / "y", cache)
    assert cache[tmp_path / "x"] == tmp_path / "gipr-lint.toml"


def test_settings_values(plugin_set, tmp_path: Path) -> None:
    write(tmp_path / "gipr-lint.toml", """
select = ["TST", "flag-woju"]
ignore = ["TST00"]
severity = {flag-gongkai = "info", TST003 = "off"}
fail-on = "error"
agency = "高庄镇人民政府"
agency-kind = "township"
year = 2024
ignore-texts = [{code = "flag-woju", text = "我局"}]
[words]
extra-words = ["镇"]
""")
    settings = resolver(plugin_set, tmp_path).settings_for(tmp_path / "r.txt")
    assert settings.select == ("TST", "flag-woju") and settings.ignore == ("TST00",)
    assert settings.severity == {"TST002": Severity.INFO, "TST003": Severity.OFF}
    assert settings.fail_on is Severity.ERROR and settings.year == 2024
    assert settings.agency_kind is AgencyKind.TOWNSHIP and settings.agency == "高庄镇人民政府"
    assert settings.ignore_texts[0].code == "TST001"
    assert settings.plugin_options == {"words": {"extra-words": ["镇"]}}


def test_pyproject_and_cli_overrides(plugin_set, tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", """
[tool.gipr-lint]
select = ["TST001"]
ignore = ["TST002"]
severity = {TST001 = "info"}
""")
    settings = resolver(plugin_set, tmp_path, overrides={
        "select": ["TST003"], "ignore": ["TST004"], "severity": {"flag-gongkai": "error"},
        "fail-on": "info", "year": "2023"}).settings_for(tmp_path / "r.txt")
    assert settings.select == ("TST003",)
    assert settings.ignore == ("TST002", "TST004")
    assert settings.severity == {"TST001": Severity.INFO, "TST002": Severity.ERROR}
    assert settings.fail_on is Severity.INFO and settings.year == 2023


def test_explicit_and_isolated(plugin_set, tmp_path: Path) -> None:
    write(tmp_path / "gipr-lint.toml", "year = 2020\n")
    other = write(tmp_path / "elsewhere" / "conf.toml", "year = 2021\n")
    assert resolver(plugin_set, tmp_path, config=other).settings_for(tmp_path / "r.txt").year \
        == 2021
    assert resolver(plugin_set, tmp_path, isolated=True).settings_for(
        tmp_path / "r.txt").year is None


def test_plugin_table_named_like_a_key_and_plugins_table(tmp_path: Path) -> None:
    agency = importlib.import_module("gipr_test_plugins.words")
    ps = load_plugins(entry_points=[], extra=[("agency", agency)])
    write(tmp_path / "gipr-lint.toml", "[agency]\nlevel = 'warning'\n")
    assert resolver(ps, tmp_path).settings_for(tmp_path / "r.txt").plugin_options == {
        "agency": {"level": "warning"}}
    write(tmp_path / "gipr-lint.toml", "agency = 'X局'\n[plugins.agency]\nlevel = 'error'\n")
    settings = ConfigResolver(ps, cwd=tmp_path).settings_for(tmp_path / "r.txt")
    assert settings.agency == "X局" and settings.plugin_options["agency"]["level"] == "error"


# --- errors --------------------------------------------------------------------------------

@pytest.mark.parametrize(("toml", "message"), [
    ("selct = ['TST001']",
     "selct: unknown key; did you mean 'select'? (accepted: select, extend-select, ignore, "),
    ("select = ['TST01']", "select: unknown rule 'TST01'; did you mean 'TST001'? (accepted: "
     "rule codes, code prefixes such as 'T' or 'T00', rule names, or 'ALL')"),
    ("ignore = ['flag-wju']", "ignore: unknown rule 'flag-wju'; did you mean 'flag-woju'?"),
    ("severity = {TST001 = 'fatal'}", "severity.TST001: unknown severity 'fatal' (accepted: "
     "error, warning, info, off)"),
    ("severity = {TST001 = 'warnin'}", "unknown severity 'warnin'; did you mean 'warning'?"),
    ("fail-on = 'off'", "fail-on: unknown severity 'off' (accepted: error, warning, info)"),
    ("agency-kind = 'town'", "agency-kind: unknown agency kind 'town'; did you mean 'township'?"),
    ("year = 24", "year: expected an integer year between 2000 and 2100, got 24"),
    ("ignore-texts = [{code = 'TST001'}]", "ignore-texts[0]: expected a table with exactly the "
     "keys 'code' and 'text'"),
    ("per-file-ignores = {'a/*.txt' = ['ZZZ']}", "per-file-ignores: unknown rule 'ZZZ'"),
    ("[words]\nextra-word = []", "words.extra-word: unknown option of plugin 'words'; did you "
     "mean 'extra-words'? (accepted: extra-words, level)"),
    ("[words]\nextra-words = 'x'", "words.extra-words: expected a list of strings, got 'x'"),
    ("select = [", "invalid TOML"),
])
def test_errors_name_file_key_and_accepted(plugin_set, tmp_path: Path, toml: str,
                                           message: str) -> None:
    path = write(tmp_path / "gipr-lint.toml", toml + "\n")
    with pytest.raises(ConfigError) as info:
        resolver(plugin_set, tmp_path).settings_for(tmp_path / "r.txt")
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


def test_pyproject_errors_show_the_table_path(plugin_set, tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.gipr-lint]\nfail-on = 'never'\n")
    with pytest.raises(ConfigError, match=r"tool\.gipr-lint\.fail-on: unknown severity"):
        resolver(plugin_set, tmp_path).settings_for(tmp_path / "r.txt")
    assert path.exists()


def test_cli_override_errors(plugin_set, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="command line: --select: unknown rule 'NOPE'"):
        resolver(plugin_set, tmp_path, overrides={"select": ["NOPE"]})


def test_glob_to_regex() -> None:
    assert glob_to_regex("reports/*.txt").match("reports/a.txt")
    assert not glob_to_regex("reports/*.txt").match("reports/x/a.txt")
    assert glob_to_regex("reports/**/*.txt").match("reports/x/y/a.txt")
    assert glob_to_regex("**/old_*.txt").match("old_1.txt")
    assert glob_to_regex("200[0-9]/*.txt").match("2009/a.txt")


# --- through the command line --------------------------------------------------------------

def test_cli_config_error_exit_2(cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path / "gipr-lint.toml", "selct = ['TST001']\n")
    report = write(tmp_path / "r.txt", "我局\n")
    done = cli(str(report), plugins=WORDS)
    assert done.returncode == 2
    assert done.stderr.startswith(f"gipr-lint: {tmp_path / 'gipr-lint.toml'}: selct: unknown "
                                  "key; did you mean 'select'?")
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_cli_config_applies_per_file_ignores_and_names(cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path / "gipr-lint.toml", """
select = ["flag-woju", "TST004"]
per-file-ignores = {"old/*.txt" = ["flag-woju"]}
[words]
extra-words = ["镇"]
level = "warning"
""")
    write(tmp_path / "old" / "a.txt", "我局 镇\n")
    write(tmp_path / "new" / "a.txt", "我局\n")
    done = cli("--format", "concise", ".", plugins=WORDS, cwd=tmp_path)
    assert done.stdout.splitlines() == [
        "new/a.txt:1:1: warning TST001 found 我局",
        "old/a.txt:1:4: warning TST004 found 镇",
    ]
    assert done.returncode == 1


def test_cli_ignore_texts_and_unused_warning(cli: RunCli, tmp_path: Path) -> None:
    conf = write(tmp_path / "gipr-lint.toml", """
select = ["TST001"]
ignore-texts = [{code = "TST001", text = "2025年我局"}, {code = "TST001", text = "不存在"},
                {code = "TST002", text = "我局"}]
""")
    done = cli("--format", "concise", "--config", str(conf), str(GAOZHUANG), plugins=WORDS)
    # both 我局 are on line 60, which holds "2025年我局": the line anchors the ignore
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr.splitlines() == [
        f"gipr-lint: warning: {conf}: ignore-texts[{n}]: unused ignore-texts entry (it "
        "suppressed no finding)" for n in (1, 2)]
    done = cli("--format", "concise", "--lang", "zh", "--config", str(conf), str(GAOZHUANG),
               plugins=WORDS)  # (it was English under --lang zh)
    assert done.stderr.splitlines() == [
        f"gipr-lint: 提醒: {conf}: ignore-texts[{n}]: 这条 ignore-texts 没有屏蔽任何问题"
        for n in (1, 2)]


def test_cli_flags_override_and_fail_on(cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path / "gipr-lint.toml", "select = ['TST002']\nfail-on = 'error'\n")
    write(tmp_path / "r.txt", "我局公开\n")
    done = cli("--format", "concise", "r.txt", plugins=WORDS, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "r.txt:1:3: error TST002 found 公开\n")
    done = cli("--format", "concise", "--select", "flag-woju", "r.txt", plugins=WORDS,
               cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "r.txt:1:1: warning TST001 found 我局\n")
    done = cli("--format", "concise", "--select", "TST001,TST002", "--severity",
               "TST002=off", "--fail-on", "warning", "r.txt", plugins=WORDS, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "r.txt:1:1: warning TST001 found 我局\n")
    done = cli("--isolated", "--select", "TST001", "--severity", "TST001", "r.txt",
               plugins=WORDS, cwd=tmp_path)
    assert done.returncode == 2 and "expected CODE=LEVEL" in done.stderr


@pytest.mark.parametrize(("line", "said"), [
    ('select = "A"', 'select: expected a list, got the string "A"; write select = ["A"]'),
    ('ignore = "T, a001"',
     'ignore: expected a list, got the string "T, a001"; write ignore = ["T", "a001"]'),
    ('extend-select = "C00"', 'extend-select: expected a list, got the string "C00"'),
    ('exclude = "drafts"', 'exclude: expected a list, got the string "drafts"'),
    ('extend-exclude = "old"', 'extend-exclude: expected a list, got the string "old"'),
    ('extensions = ".html"', 'extensions: expected a list, got the string ".html"'),
])
def test_a_string_for_a_list_is_refused(line: str, said: str, cli: RunCli,
                                        tmp_path: Path) -> None:
    """`select = "A"` was taken as ["A"] without a word; ruff refuses a string where its
    settings take a list, and so does gipr-lint now (exit 2, in the user's language)."""
    write(tmp_path / "r.txt", "x\n")
    config = write(tmp_path / "gipr-lint.toml", line + "\n")
    done = cli("r.txt", cwd=tmp_path, env={"GIPR_LINT_LANG": "en"})
    assert done.returncode == 2
    assert done.stderr.startswith(f"gipr-lint: {config}: {said}")
    done = cli("r.txt", cwd=tmp_path, env={"GIPR_LINT_LANG": "zh"})
    assert done.returncode == 2 and "应为列表，实际为字符串" in done.stderr


def test_the_command_line_still_takes_one_selector_glob_or_extension(cli: RunCli,
                                                                      tmp_path: Path) -> None:
    write(tmp_path / "r.txt", "我局\n")
    done = cli("--isolated", "--format", "concise", "--select", "TST001", "--exclude", "x",
               "--extensions", ".txt", ".", plugins=WORDS, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "r.txt:1:1: warning TST001 found 我局\n")


def test_cli_bad_flag_value(cli: RunCli, tmp_path: Path) -> None:
    report = write(tmp_path / "r.txt", "x\n")
    done = cli("--isolated", "--agency-kind", "bureau", str(report), plugins=WORDS)
    assert done.returncode == 2
    assert done.stderr.startswith("gipr-lint: command line: --agency-kind: unknown agency kind "
                                  "'bureau'")


# --- schema and documented examples, against the validator -------------------------------

#: (config text, accepted by the tool?) — each is checked against both the validator and the
#: JSON schema, which must agree with each other and with the expectation.
AGREEMENT = [
    ("""
select = ["T", "A001", "space-in-chinese-text", "ALL"]
extend-select = ["C00"]
ignore = ["T00", "f"]
severity = {A001 = "warning", space-in-chinese-text = "off", a002 = "info"}
per-file-ignores = {"archive/**/*.txt" = ["Y"]}
fail-on = "error"
agency = "高庄镇人民政府"
agency-kind = "township"
year = 2024
ignore-texts = [{code = "A001", text = "我局"}]
exclude = ["drafts", "a/*.txt"]
extend-exclude = ["old"]
respect-gitignore = false
[tables]
township-fee-limit = 500
[plugins.years]
township-deadline = "02-20"
""", True),
    ("", True),
    ('select = "T"', False),  # a string where a list is expected: refused, as ruff does
    ('ignore = "T"', False),
    ('extend-select = "T"', False),
    ('exclude = "drafts"', False),
    ('extend-exclude = "old"', False),
    ('extensions = ".html"', False),
    ('history = "../2023"', True),  # documented: a string or a list of strings
    ("[structure]", True),
    ("fail-on = 'off'", False),
    ("fail-on = 'Error'", False),
    ("year = '2024'", False),
    ("year = true", False),
    ("year = 1999", False),
    ("severity = {A001 = 'fatal'}", False),
    ("severity = {A001 = 'WARNING'}", False),
    ("ignore-texts = [{code = 'A001'}]", False),
    ("ignore-texts = [{code = 'A001', text = ''}]", False),
    ("agency-kind = 'bureau'", False),
    ("agency = '   '", False),
    ("select = [1]", False),
    ("per-file-ignores = {'x.txt' = 'Y'}", False),
    ("exclude = ['']", False),
    ("respect-gitignore = 'yes'", False),
    ("[tables]\nstrict = true", False),
    ("[tables]\ntownship-fee-limit = 'many'", False),
    ("structure = 1", False),
]


def schema() -> dict:
    return json.loads((DOCS / "config.schema.json").read_text(encoding="utf-8"))


def tool_accepts(text: str, tmp_path: Path, name: str = "gipr-lint.toml") -> bool:
    config = write(tmp_path / name, text)
    try:
        ConfigResolver(load_plugins(), config=config, cwd=tmp_path).settings_for(
            tmp_path / "r.txt")
    except ConfigError:
        return False
    return True


def schema_accepts(table: dict) -> bool:
    import jsonschema

    try:
        jsonschema.validate(table, schema())
    except jsonschema.ValidationError:
        return False
    return True


@pytest.mark.parametrize(("text", "accepted"), AGREEMENT)
def test_schema_agrees_with_the_validator(text: str, accepted: bool, tmp_path: Path) -> None:
    assert (tool_accepts(text, tmp_path), schema_accepts(tomllib.loads(text))) == \
        (accepted, accepted)


def documented_configs() -> list[tuple[str, str]]:
    """Every TOML block of docs/configuration.md, and every ``[tool.gipr-lint]`` block of the
    other docs and READMEs (rule-pack blocks need that pack installed, so only the national
    ones are taken)."""
    import re

    root = DOCS.parent
    found = []
    for path in [*sorted(DOCS.glob("*.md")), root / "README.md"]:
        text = path.read_text(encoding="utf-8")
        for index, block in enumerate(re.findall(r"```toml\n(.*?)```", text, re.S)):
            if path.name == "configuration.md" or ("[tool.gipr-lint]" in block
                                                   and "HEN" not in block):
                found.append((f"{path.name}#{index}", block))
    return found


@pytest.mark.parametrize(("where", "block"), documented_configs())
def test_documented_configs_are_accepted(where: str, block: str, tmp_path: Path) -> None:
    pyproject = "[tool.gipr-lint]" in block
    assert tool_accepts(block, tmp_path, "pyproject.toml" if pyproject else "gipr-lint.toml")
    table = tomllib.loads(block)
    assert schema_accepts(table["tool"]["gipr-lint"] if pyproject else table)


def test_documented_example_comments_name_the_right_family() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    for code, family in (("F", "typography"), ("T", "tables"), ("Y", "year")):
        packs = {rule.__module__.split(".")[1] for rule_code, rule in
                 load_plugins().rules.items() if rule_code.startswith(code)}
        assert packs == {"typography" if code == "F" else "tables" if code == "T"
                         else "years"}
        assert f"`{code}` {family}" in text


def test_every_config_key_is_in_the_schema() -> None:
    national = {"structure", "tables", "years", "wording", "consistency", "content",
                "typography", "input", "crossyear"}
    assert set(CONFIG_KEYS) == set(schema()["properties"]) - national
    # gipr-lint's own plugins: the framework's and the readers (no rules, no options)
    assert national == {info.name for info in load_plugins().plugins} - {"gipr-lint", "pdf",
                                                                          "html", "docx"}


def test_documented_keys() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    for key in CONFIG_KEYS:
        assert f"`{key}`" in text, key


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk", "utf-16"])
def test_config_saved_by_notepad_is_read(encoding: str, cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "gipr-lint.toml").write_bytes(
        '# 配置\nagency = "高庄镇人民政府"\nagency-kind = "township"\nselect = ["A001"]\n'
        .encode(encoding))
    (tmp_path / "r.txt").write_text("一、总体情况\n我局做了工作。\n", encoding="utf-8")
    done = cli("--format", "concise", "r.txt", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (
        1, 'r.txt:2:1: error A001 "我局" in a township report; expected "我镇"\n', "")


def test_config_in_another_encoding_is_refused_clearly(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "gipr-lint.toml").write_bytes(b'agency = "\xff\xfe\xfd\xfc"\n')
    (tmp_path / "r.txt").write_text("一、总体情况\n", encoding="utf-8")
    done = cli("r.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == (f"gipr-lint: {tmp_path / 'gipr-lint.toml'}: cannot read: byte 11 is "
                           "neither UTF-8 nor GBK; save the file as UTF-8\n")


def test_a_code_from_a_missing_rule_pack_says_so(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "gipr-lint.toml").write_text('select = ["HEN001"]\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text("一、总体情况\n", encoding="utf-8")
    result = cli("r.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert ("unknown rule 'HEN001'; no installed plugin has rules starting with 'HEN' "
            "(is its rule pack installed?") in result.stderr


def test_a_mistyped_code_lists_its_family(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "gipr-lint.toml").write_text('ignore = ["A010"]\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text("一、总体情况\n", encoding="utf-8")
    result = cli("r.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown rule 'A010'; the A rules are A001, A002, A003, A004" in result.stderr


def test_files_found_in_a_folder_are_named_as_the_normalised_folder_and_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """However the folder is written on the command line (``.``, ``./``, a trailing or doubled
    separator, ``..``), each file found is ``normpath(join(folder, name))``, and a file found
    twice is linted once."""
    import os

    from gipr_lint.linting.discovery import discover

    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/x.txt", "a/b/y.txt", "z.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "a")
    for written in (".", "./", "b//", "../a", "../", str(tmp_path), str(tmp_path) + "/./a/"):
        found, missing = discover([written], [".txt"])
        expected = sorted(os.path.normpath(os.path.join(root, name))
                          for root, _, files in os.walk(written) for name in files)
        assert sorted(found) == expected and not missing, written
    found, _ = discover([".", "./", str(tmp_path / "a")], [".txt"])
    assert found == ["x.txt", os.path.join("b", "y.txt")]


def test_a_folder_or_file_named_through_dot_dot_too_is_linted_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``.`` and ``../a`` are one folder, ``x.txt`` and ``../a/x.txt`` one file: each file is
    found once, named as it was first met."""
    import os

    from gipr_lint.linting.discovery import discover

    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/x.txt", "a/b/y.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "a")
    found, _ = discover([".", "../a", "../a/x.txt", "b/../x.txt"], [".txt"])
    assert found == ["x.txt", os.path.join("b", "y.txt")]
    found, _ = discover(["../a/x.txt", "."], [".txt"])
    assert found == [os.path.join("..", "a", "x.txt"), os.path.join("b", "y.txt")]
