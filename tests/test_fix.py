"""``--fix``, ``--unsafe-fixes`` and ``--diff`` on the real seed reports, and the fix loop.

The expected result is computed here independently of :mod:`gipr_lint.editor.fixes`: lint, apply the
recorded edits of the safe fixes (first come first served, overlapping ones left for the next
pass), repeat. The file written by the CLI must be exactly that, so nothing outside the edits
changes.
"""

from __future__ import annotations

import codecs
import difflib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from gipr_lint.diagnostics import Diagnostic, Edit, Finding, Fix, Severity
from gipr_lint.editor.fixes import encode, fix_until_stable
from gipr_lint.linting.config import ConfigResolver
from gipr_lint.linting.engine import lint_source
from gipr_lint.linting.plugin_manager import PluginSet, load_plugins
from gipr_lint.model import Report
from gipr_lint.reading.source import Source, Span
from gipr_lint.rules import Rule, RuleContext
from tests.conftest import FIXTURES, RunCli

SEEDS = sorted(FIXTURES.glob("*.txt"))


@pytest.fixture(scope="module")
def plugin_set() -> PluginSet:
    return load_plugins()


def lint(plugin_set: PluginSet, text: str, path: Path) -> list[Diagnostic]:
    settings = ConfigResolver(plugin_set, isolated=True).settings_for(path)
    return lint_source(Source.from_text(text, str(path)), settings, plugin_set).diagnostics


def recorded_edits(diagnostics: list[Diagnostic], unsafe: bool = False) -> tuple[list[Edit], int]:
    """The edits one pass applies and how many fixes they are: fixes in order of their first
    edit, skipping a fix that overlaps one already taken."""
    fixes = sorted((d.fix for d in diagnostics if d.fix and (d.fix.safe or unsafe)),
                   key=lambda f: min(e.span.start for e in f.edits))
    taken: list[Edit] = []
    count = 0
    for fix in fixes:
        if all(e.span.end <= t.span.start or t.span.end <= e.span.start
               for e in fix.edits for t in taken):
            taken.extend(fix.edits)
            count += 1
    return sorted(taken, key=lambda e: e.span.start), count


def apply(text: str, edits: list[Edit]) -> str:
    newline = "\r\n" if "\r\n" in text else "\n"
    for edit in reversed(edits):
        replacement = edit.replacement
        if newline == "\r\n" and "\n" in replacement and "\r\n" not in replacement:
            replacement = replacement.replace("\n", "\r\n")
        text = text[:edit.span.start] + replacement + text[edit.span.end:]
    return text


def expected_fix(plugin_set: PluginSet, text: str, path: Path,
                 unsafe: bool = False) -> tuple[str, list[list[Edit]], int]:
    """The fixed text, the edits of each pass, and how many fixes were applied."""
    passes = []
    count = 0
    for _ in range(20):
        edits, fixes = recorded_edits(lint(plugin_set, text, path), unsafe)
        if not edits:
            break
        passes.append(edits)
        count += fixes
        text = apply(text, edits)
    return text, passes, count


def assert_only_edited_lines_changed(before: str, after: str, edits: list[Edit]) -> None:
    """Every line-level difference lies on lines an edit of the first pass touches."""
    starts = [0]
    for line in before.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    edited = set()
    for edit in edits:
        for number in range(len(starts) - 1):
            if starts[number] <= edit.span.end and edit.span.start < starts[number + 1]:
                edited.add(number)
    matcher = difflib.SequenceMatcher(None, before.splitlines(keepends=True),
                                      after.splitlines(keepends=True), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            assert set(range(i1, max(i2, i1 + 1))) <= edited | {len(starts) - 1}, (tag, i1, i2)


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name[:3] for s in SEEDS])
def test_fix_seed(cli: RunCli, tmp_path: Path, plugin_set: PluginSet, seed: Path) -> None:
    path = tmp_path / seed.name
    shutil.copy(seed, path)
    original = path.read_text(encoding="utf-8")
    before = lint(plugin_set, original, path)
    safe = [d for d in before if d.fix is not None and d.fix.safe]
    expected, passes, count = expected_fix(plugin_set, original, path)

    done = cli("--isolated", "--fix", "--format", "json", seed.name, cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    fixed = path.read_text(encoding="utf-8")
    assert fixed == expected  # byte for byte: the recorded edits and nothing else
    if passes:
        assert_only_edited_lines_changed(original, fixed, passes[0])
    if safe:
        assert f"fixed {count} finding{'s' if count != 1 else ''}\n" in done.stderr
    else:
        assert fixed == original and "fixed" not in done.stderr

    # the output reports what is left: no safe fix, no finding of a code fixed everywhere
    remaining = json.loads(done.stdout)["files"][0]["diagnostics"]
    assert remaining == json.loads(cli("--isolated", "--format", "json", seed.name,
                                       cwd=tmp_path).stdout)["files"][0]["diagnostics"]
    relinted = lint(plugin_set, fixed, path)
    assert not [d for d in relinted if d.fix is not None and d.fix.safe]
    fully_fixed = {d.code for d in safe} - {d.code for d in before
                                            if d.fix is None or not d.fix.safe}
    assert not fully_fixed & {d["code"] for d in remaining}

    # a second run changes nothing
    data = path.read_bytes()
    again = cli("--isolated", "--fix", "--format", "concise", seed.name, cwd=tmp_path)
    assert path.read_bytes() == data
    assert "fixed" not in again.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [seed.name]  # no temporary files


FIXABLE = [s for s in SEEDS if s.name[:3] in ("000", "003", "004")]


@pytest.mark.parametrize("seed", FIXABLE, ids=[s.name[:3] for s in FIXABLE])
@pytest.mark.parametrize(("encoding", "bom", "newline"), [
    ("gb18030", False, "\n"), ("gb18030", False, "\r\n"), ("utf-8", True, "\n"),
    ("utf-8", True, "\r\n")], ids=["gb18030", "gb18030-crlf", "utf8-bom", "utf8-bom-crlf"])
def test_fix_keeps_encoding(cli: RunCli, tmp_path: Path, plugin_set: PluginSet, seed: Path,
                            encoding: str, bom: bool, newline: str) -> None:
    text = seed.read_text(encoding="utf-8").replace("\n", newline)
    prefix = codecs.BOM_UTF8 if bom else b""
    path = tmp_path / seed.name
    path.write_bytes(prefix + text.encode(encoding))
    expected, passes, _ = expected_fix(plugin_set, text, path)
    assert passes, "this seed has safe fixes"
    done = cli("--isolated", "--fix", "--format", "concise", seed.name, cwd=tmp_path)
    assert "fixed" in done.stderr, done.stderr
    data = path.read_bytes()
    assert data == prefix + expected.encode(encoding)
    source = Source.from_bytes(data)
    assert (source.encoding, source.bom, source.newline) == (encoding, bom, newline)
    again = cli("--isolated", "--fix", "--format", "concise", seed.name, cwd=tmp_path)
    assert path.read_bytes() == data and "fixed" not in again.stderr


def test_diff_shows_the_fixes_without_writing(cli: RunCli, tmp_path: Path,
                                              plugin_set: PluginSet) -> None:
    seed = FIXABLE[0]
    path = tmp_path / seed.name
    shutil.copy(seed, path)
    original = path.read_bytes()
    expected, _, _ = expected_fix(plugin_set, original.decode("utf-8"), path)
    done = cli("--isolated", "--diff", seed.name, cwd=tmp_path)
    assert done.returncode == 1
    assert path.read_bytes() == original
    want = "".join(difflib.unified_diff(
        original.decode("utf-8").splitlines(keepends=True), expected.splitlines(keepends=True),
        fromfile=f"a/{seed.name}", tofile=f"b/{seed.name}"))
    assert done.stdout == want


def test_fix_on_stdin_writes_stdout_not_the_named_file(cli: RunCli, tmp_path: Path,
                                                       plugin_set: PluginSet) -> None:
    seed = FIXABLE[0]
    text = seed.read_text(encoding="utf-8")
    expected, _, _ = expected_fix(plugin_set, text, tmp_path / "named.txt")
    done = cli("--isolated", "--fix", "--format", "concise", "--stdin-filename", "named.txt",
               "-", cwd=tmp_path, input=text.encode("utf-8"))
    assert done.stdout.startswith(expected)
    assert not (tmp_path / "named.txt").exists()


def test_unsafe_fixes_only_with_the_flag(cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("标题\n合计一栏\n", encoding="utf-8")
    plugins = {"unsafe": "unsafe_fix"}
    cli("--isolated", "--select", "TST101", "--fix", "r.txt", cwd=tmp_path, plugins=plugins)
    assert path.read_text(encoding="utf-8") == "标题\n合计一栏\n"
    done = cli("--isolated", "--select", "TST101", "--fix", "--unsafe-fixes", "r.txt",
               cwd=tmp_path, plugins=plugins)
    assert path.read_text(encoding="utf-8") == "标题\n总计一栏\n"
    assert "fixed 1 finding" in done.stderr


def test_utf16_byte_order_is_kept() -> None:
    source = Source.from_bytes(codecs.BOM_UTF16_BE + "我局\n".encode("utf-16-be"))
    assert encode(source, "我镇\n", codecs.BOM_UTF16_BE) == (codecs.BOM_UTF16_BE
                                                           + "我镇\n".encode("utf-16-be"))
    assert encode(source, "我镇\n", codecs.BOM_UTF16_LE) == (codecs.BOM_UTF16_LE
                                                           + "我镇\n".encode("utf-16-le"))


# -- the loop, with made-up rules ------------------------------------------------------------


def _occurrences(text: str, word: str) -> Iterator[int]:
    index = text.find(word)
    while index != -1:
        yield index
        index = text.find(word, index + 1)  # overlapping occurrences


class Doubled(Rule):
    """Flags 我我 and fixes it to 我; in 我我我 the two fixes overlap."""

    code = "ZZ001"
    name = "doubled"
    severity = Severity.WARNING
    summary = "doubled"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        for start in _occurrences(report.text, "我我"):
            span = Span(start, start + 2)
            yield self.finding(span, "doubled", fix=Fix((Edit(span, "我"),), "undouble"))


class Flip(Rule):
    """Fixes 甲 to 乙 and 乙 to 甲: fixes that undo each other."""

    code = "ZZ002"
    name = "flip"
    severity = Severity.WARNING
    summary = "flip"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        for old, new in (("甲", "乙"), ("乙", "甲")):
            for start in _occurrences(report.text, old):
                span = Span(start, start + 1)
                yield self.finding(span, "flip", fix=Fix((Edit(span, new),), "flip"))


class Grow(Rule):
    """Fixes 长 to 长长, forever."""

    code = "ZZ003"
    name = "grow"
    severity = Severity.WARNING
    summary = "grow"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        start = report.text.find("长")
        if start != -1:
            span = Span(start, start + 1)
            yield self.finding(span, "grow", fix=Fix((Edit(span, "长长"),), "grow"))


def _loop(rule: type[Rule], text: str, max_passes: int = 20):  # type: ignore[no-untyped-def]
    plugin_set = PluginSet.from_rules((rule,))
    settings = ConfigResolver(plugin_set, isolated=True).settings_for(Path("x.txt"))
    return fix_until_stable(Source.from_text(text, "x.txt"),
                            lambda s: lint_source(s, settings, plugin_set),
                            max_passes=max_passes)


def test_overlapping_fixes_wait_for_the_next_pass() -> None:
    outcome = _loop(Doubled, "标题\n我我我\n")
    assert (outcome.text, outcome.applied, outcome.passes, outcome.converged) == (
        "标题\n我\n", 2, 2, True)
    assert not outcome.result.diagnostics


def test_fixes_that_undo_each_other_stop() -> None:
    outcome = _loop(Flip, "标题\n甲\n")
    assert not outcome.converged and outcome.passes == 2 and outcome.text == "标题\n甲\n"


def test_the_loop_is_bounded() -> None:
    outcome = _loop(Grow, "标题\n长\n", max_passes=5)
    assert not outcome.converged and outcome.passes == 5
    assert outcome.text == "标题\n" + "长" * 6 + "\n"  # one more each pass


def test_write_atomic_follows_symlinks_and_keeps_mode(tmp_path: Path) -> None:
    from gipr_lint.editor.fixes import write_atomic

    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomic(link, "新".encode())
    assert link.is_symlink() and target.read_bytes() == "新".encode()
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]
