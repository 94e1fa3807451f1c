"""The language server, end to end: ``python -m gipr_lint server`` in a subprocess, spoken to
over stdio by the tiny client in ``lsp_client.py``; plus the pieces it is made of."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from gipr_lint.editor.lsp_positions import code_units
from gipr_lint.editor.lsp_session import Linter, rule_markdown
from gipr_lint.linting.plugin_manager import load_plugins
from tests.conftest import FIXTURES, TEST_PLUGINS, make_site
from tests.lsp_client import LspClient

pytest.importorskip("pygls", reason="the language server needs gipr-lint[lsp]")

SEED = FIXTURES / "000_6a437f78ed373b70.txt"  # 高庄镇: a township report that says 我局
TIMEOUT = 30.0


def seed_text() -> str:
    """The township report with emoji before known findings: one opens the line holding the
    stray spaces F001 flags, one sits right before the 我局 A001 flags."""
    text = SEED.read_text(encoding="utf-8")
    assert "2025年我局将加大" in text and "还存在以 下问题" in text
    text = text.replace("2025年我局将加大", "2025年😀我局将加大", 1)
    return text.replace("2024年,我镇信息公开工作", "😀2024年,我镇信息公开工作", 1)


def environment(tmp_path: Path, plugins: dict[str, str] | None = None) -> dict[str, str]:
    paths = [str(TEST_PLUGINS)]
    if plugins:
        paths.insert(0, str(make_site(tmp_path / "site", plugins)))
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "NO_COLOR": "1"}


def start(tmp_path: Path, *args: str, plugins: dict[str, str] | None = None) -> LspClient:
    client = LspClient([sys.executable, "-m", "gipr_lint", "server", *args], cwd=tmp_path,
                       env=environment(tmp_path, plugins), timeout=TIMEOUT)
    result = client.request("initialize", {
        "processId": os.getpid(), "rootUri": tmp_path.as_uri(),
        "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True},
                                       "workspaceEdit": {"documentChanges": False}}},
        "initializationOptions": {}})
    capabilities = result["capabilities"]
    assert capabilities["positionEncoding"] == "utf-16"
    assert capabilities["hoverProvider"]
    assert "quickfix" in capabilities["codeActionProvider"]["codeActionKinds"]
    client.notify("initialized", {})
    return client


def open_document(client: LspClient, path: Path, text: str) -> dict[str, Any]:
    uri = path.as_uri()
    before = len(client.notifications)
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
    return client.wait_for("textDocument/publishDiagnostics",
                           lambda p: p["uri"] == uri, after=before)


def cli_ranges(path: Path, cwd: Path) -> set[tuple[str, int, int, int, int]]:
    """The CLI's diagnostics for ``path`` (``--format json``), converted to LSP ranges: lines
    0-based, characters in UTF-16 code units of the line's text before the column."""
    done = subprocess.run([sys.executable, "-m", "gipr_lint", "--format", "json", str(path)],
                          cwd=cwd, capture_output=True, timeout=120,
                          env=environment(cwd))
    assert done.returncode in (0, 1), done.stderr.decode()
    lines = path.read_text(encoding="utf-8").split("\n")
    out = set()
    for d in json.loads(done.stdout)["files"][0]["diagnostics"]:
        start = code_units(lines[d["line"] - 1][:d["column"] - 1])
        end = code_units(lines[d["end_line"] - 1][:d["end_column"] - 1])
        out.add((d["code"], d["line"] - 1, start, d["end_line"] - 1, end))
    return out


def lsp_ranges(published: dict[str, Any]) -> set[tuple[str, int, int, int, int]]:
    return {(d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"],
             d["range"]["end"]["line"], d["range"]["end"]["character"])
            for d in published["diagnostics"]}


def apply_text_edits(text: str, edits: list[dict[str, Any]]) -> str:
    """Apply LSP text edits (UTF-16 positions) the way an editor would."""
    lines = text.split("\n")

    def offset(position: dict[str, int]) -> int:
        line = lines[position["line"]]
        units = index = 0
        while units < position["character"]:
            units += code_units(line[index])
            index += 1
        return sum(len(x) + 1 for x in lines[:position["line"]]) + index

    for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def test_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "gipr-lint.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    text = seed_text()
    report = tmp_path / "gaozhuang.txt"
    report.write_text(text, encoding="utf-8")
    uri = report.as_uri()
    expected = cli_ranges(report, tmp_path)
    assert {"A001", "F001"} <= {code for code, *_ in expected}

    with start(tmp_path, "--debounce", "400") as client:
        published = open_document(client, report, text)
        # diagnostics: same places as the CLI, in UTF-16 units
        assert lsp_ranges(published) == expected
        for d in published["diagnostics"]:
            assert d["source"] == "gipr-lint"
            assert d["severity"] in (1, 2, 3)
        emoji_line = next(i for i, line in enumerate(text.split("\n")) if "2025年😀我局" in line)
        a001 = next(d for d in published["diagnostics"]
                    if d["code"] == "A001" and d["range"]["start"]["line"] == emoji_line)
        assert a001["severity"] == 1  # error
        assert a001["range"]["start"]["character"] == 7  # 2025年 (5) + 😀 (2 UTF-16 units)
        assert a001["range"]["end"]["character"] == 9
        f001 = [d for d in published["diagnostics"] if d["code"] == "F001"]
        assert f001 and all(d["severity"] == 2 for d in f001)  # warning

        # quick fix for A001: preferred (safe), replaces exactly 我局
        actions = client.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": a001["range"],
            "context": {"diagnostics": [a001], "only": ["quickfix"]}})
        fixes = [a for a in actions if a["diagnostics"][0]["code"] == "A001"]
        assert len(fixes) == 1 and fixes[0]["kind"] == "quickfix" and fixes[0]["isPreferred"]
        edits = fixes[0]["edit"]["changes"][uri]
        assert edits == [{"range": a001["range"], "newText": "我镇"}]
        assert "2025年😀我镇将加大" in apply_text_edits(text, edits)

        # fix-all: every safe fix in one edit
        actions = client.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": a001["range"],
            "context": {"diagnostics": [], "only": ["source.fixAll"]}})
        assert [a["kind"] for a in actions] == ["source.fixAll.gipr-lint"]
        fixed_all = apply_text_edits(text, actions[0]["edit"]["changes"][uri])
        assert "我局" not in fixed_all.split("\n")[emoji_line] and "以下问题" in fixed_all

        # hover over the diagnostic: the rule's summary and documentation
        hover = client.request("textDocument/hover", {
            "textDocument": {"uri": uri},
            "position": {"line": emoji_line, "character": 8}})
        rule = load_plugins().rules["A001"]
        assert hover["contents"]["kind"] == "markdown"
        assert "A001" in hover["contents"]["value"] and rule.summary in hover["contents"]["value"]
        assert hover["range"] == a001["range"]
        assert client.request("textDocument/hover", {
            "textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}) is None

        # changes are debounced: three quick edits, one lint, of the last version
        before = len(client.notifications)
        new_text = text
        for version, (old, new) in enumerate([("我局", "我镇")] * 2 + [("以 下", "以下")], 2):
            new_text = new_text.replace(old, new, 1)
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": new_text}]})
        published = client.wait_for("textDocument/publishDiagnostics",
                                    lambda p: p["uri"] == uri, after=before)
        assert published["version"] == 4
        codes = [d["code"] for d in published["diagnostics"]]
        assert "A001" not in codes and codes.count("F001") == len(f001) - 1

        # configuration reload: a changed config file (watched-files notification)
        (tmp_path / "gipr-lint.toml").write_text('ignore = ["F001"]\n', encoding="utf-8")
        before = len(client.notifications)
        client.notify("workspace/didChangeWatchedFiles", {"changes": [
            {"uri": (tmp_path / "gipr-lint.toml").as_uri(), "type": 2}]})
        published = client.wait_for("textDocument/publishDiagnostics",
                                    lambda p: p["uri"] == uri, after=before)
        assert "F001" not in [d["code"] for d in published["diagnostics"]]

        # ... and a saved config file
        (tmp_path / "gipr-lint.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
        before = len(client.notifications)
        client.notify("textDocument/didSave", {
            "textDocument": {"uri": (tmp_path / "gipr-lint.toml").as_uri()}})
        published = client.wait_for("textDocument/publishDiagnostics",
                                    lambda p: p["uri"] == uri, after=before)
        assert "F001" in [d["code"] for d in published["diagnostics"]]

        # the server asked to watch the config files
        registrations = [r for m in client.server_requests
                         if m["method"] == "client/registerCapability"
                         for r in m["params"]["registrations"]]
        assert registrations[0]["method"] == "workspace/didChangeWatchedFiles"

        before = len(client.notifications)
        client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        cleared = client.wait_for("textDocument/publishDiagnostics",
                                  lambda p: p["uri"] == uri, after=before)
        assert cleared["diagnostics"] == []
        assert client.close() == 0


def test_unsafe_fix_is_labelled_and_not_preferred(tmp_path: Path) -> None:
    (tmp_path / "gipr-lint.toml").write_text('select = ["TST101"]\n', encoding="utf-8")
    report = tmp_path / "r.txt"
    text = "标题\n表格😀合计一栏\n"
    report.write_text(text, encoding="utf-8")
    with start(tmp_path, "--debounce", "0", plugins={"unsafe": "unsafe_fix"}) as client:
        published = open_document(client, report, text)
        [diagnostic] = published["diagnostics"]
        assert diagnostic["code"] == "TST101" and diagnostic["severity"] == 3  # information
        assert diagnostic["range"]["start"] == {"line": 1, "character": 4}
        actions = client.request("textDocument/codeAction", {
            "textDocument": {"uri": report.as_uri()}, "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]}})
        [action] = actions  # no fix-all: the only fix is unsafe
        assert "unsafe" in action["title"] and not action["isPreferred"]
        assert action["kind"] == "quickfix"


def test_broken_config_is_shown_and_defaults_used(tmp_path: Path) -> None:
    (tmp_path / "gipr-lint.toml").write_text('selekt = ["A"]\n', encoding="utf-8")
    report = tmp_path / "r.txt"
    text = seed_text()
    report.write_text(text, encoding="utf-8")
    with start(tmp_path) as client:
        published = open_document(client, report, text)
        assert "A001" in [d["code"] for d in published["diagnostics"]]
        message = client.wait_for("window/showMessage", lambda p: "selekt" in p["message"])
        assert message["type"] == 1


def test_without_pygls_a_clear_message(tmp_path: Path) -> None:
    """No pygls: one line naming the extra, exit 2, no traceback."""
    (tmp_path / "pygls.py").write_text("raise ImportError('no pygls here')\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "gipr_lint", "server"], env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "gipr-lint: the language server needs pygls: install gipr-lint with its lsp extra "
        "(pip install '.[lsp]' in a checkout; see docs/install.md)\n")


def test_cli_start_up_does_not_import_pygls() -> None:
    code = ("import sys, gipr_lint.cli as c; c.main(['rules', '--format', 'json']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.stdout.decode().splitlines()[-1] == "[]"


# -- the pieces, in process ------------------------------------------------------------------


def test_linter_reloads_configuration(tmp_path: Path) -> None:
    config = tmp_path / "gipr-lint.toml"
    config.write_text('select = ["A001"]\n', encoding="utf-8")
    report = tmp_path / "r.txt"
    linter = Linter(cwd=tmp_path)
    text = seed_text()
    codes = {d.code for d in linter.lint(report.as_uri(), text, report).diagnostics}
    assert codes == {"A001"}
    config.write_text('select = ["F001"]\n', encoding="utf-8")
    assert {d.code for d in linter.lint(report.as_uri(), text, report).diagnostics} == {"A001"}
    linter.reload()
    assert {d.code for d in linter.lint(report.as_uri(), text, report).diagnostics} == {"F001"}


def test_byte_order_mark_in_the_editor_text(tmp_path: Path) -> None:
    linter = Linter(cwd=tmp_path)
    text = seed_text()
    plain = linter.lint("untitled:1", text)
    marked = linter.lint("untitled:2", "\ufeff" + text)
    assert [d.code for d in plain.diagnostics] == [d.code for d in marked.diagnostics]
    for a, b in zip(plain.diagnostics, marked.diagnostics, strict=True):
        (line, character), _ = plain.range(a.span)
        (line2, character2), _ = marked.range(b.span)
        assert (line2, character2) == ((line, character + 1) if line == 0 else (line, character))


def test_rule_markdown_fences_the_examples() -> None:
    from gipr_test_plugins.words import FlagWoJu

    text = rule_markdown(FlagWoJu, "From the rule pack 'words', installed separately.")
    assert text.startswith("**TST001** `flag-woju`: warning. From the rule pack 'words', "
                           "installed separately.\n\nFlags every 我局")
    assert "Fails:\n\n```text\n我局\n```" in text
    assert "Passes:\n\n```text\n我镇\n```" in text


def test_utf32_positions_when_the_client_asks(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    text = seed_text()
    report.write_text(text, encoding="utf-8")
    client = LspClient([sys.executable, "-m", "gipr_lint", "server"], cwd=tmp_path,
                       env=environment(tmp_path), timeout=TIMEOUT)
    with client:
        result = client.request("initialize", {
            "processId": None, "rootUri": tmp_path.as_uri(),
            "capabilities": {"general": {"positionEncodings": ["utf-32", "utf-16"]}}})
        assert result["capabilities"]["positionEncoding"] == "utf-32"
        client.notify("initialized", {})
        published = open_document(client, report, text)
        line = next(i for i, x in enumerate(text.split("\n")) if "2025年😀我局" in x)
        a001 = next(d for d in published["diagnostics"]
                    if d["code"] == "A001" and d["range"]["start"]["line"] == line)
        assert a001["range"]["start"]["character"] == 6  # code points: 😀 counts once


def test_hover_says_where_the_rule_comes_from_in_words() -> None:
    from gipr_test_plugins import words

    from gipr_lint.linting.plugin_manager import load_plugins
    from gipr_lint.linting.rule_source import rule_source

    national = load_plugins()
    assert rule_source(national, "A001") == ("From the national rules built into gipr-lint, "
                                              "which check wording: self-references, "
                                              "placeholders, outdated terms.")
    assert rule_source(national, "T001") == ("From the national rules built into gipr-lint, "
                                              "which check the figures of the statistics "
                                              "tables.")
    assert rule_source(national, "E999") == "From gipr-lint itself."
    extra = load_plugins(entry_points=[], extra=[words])
    assert rule_source(extra, "TST001") == "From the rule pack 'words', installed separately."
    hover = Linter(national).explain("A001")
    assert hover is not None and hover.startswith(
        "**A001** `self-reference`: error. From the national rules built into gipr-lint, "
        "which check wording")


def test_a_slow_lint_does_not_block_the_server(tmp_path: Path) -> None:
    # The rule of the "slow" test plugin blocks until released; meanwhile the server must still
    # answer requests, which it can only do if the lint runs off its event loop.
    report = tmp_path / "slow.txt"
    text = f"标题\nSLOW:{tmp_path}\n"
    report.write_text(text, encoding="utf-8")
    with start(tmp_path, "--debounce", "0", plugins={"slow": "slow"}) as client:
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": report.as_uri(), "languageId": "plaintext", "version": 1, "text": text}})
        for _ in range(3000):
            if (tmp_path / "started").exists():
                break
            time.sleep(0.01)
        assert (tmp_path / "started").exists()
        client.request("shutdown", None)  # answered while the rule still blocks
        assert not (tmp_path / "finished").exists()
        (tmp_path / "release").write_text("", encoding="utf-8")
