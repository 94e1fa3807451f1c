"""The engine: selection, severities, crashes, ignores, configured facts, ordering."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gipr_test_plugins.words import FlagTable, FlagWoJu, StraySpace, occurrences

from gipr_lint.diagnostics import Finding, Severity
from gipr_lint.linting import engine
from gipr_lint.linting.config import ConfigError, Settings
from gipr_lint.linting.engine import lint_source, lint_text
from gipr_lint.linting.plugin_manager import PluginSet
from gipr_lint.model import AgencyKind, Report
from gipr_lint.reading.source import Source, Span
from gipr_lint.rules import Rule, RuleContext

TEXT = "公开报告\n我局以 下我局\n"


class Crashing(Rule):
    """Raises."""

    code = "ZZ900"
    name = "crashing"
    severity = Severity.WARNING
    summary = "raises"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        yield self.finding(Span(0, 1), "before the crash")
        raise KeyError("gone")


class OwnSeverity(Rule):
    """Gives its finding its own severity."""

    code = "ZZ100"
    name = "own-severity"
    severity = Severity.INFO
    summary = "own severity"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        yield self.finding(Span(0, 2), "own", severity=Severity.ERROR)


class OptIn(Rule):
    """Only when selected."""

    code = "ZZ200"
    name = "opt-in"
    severity = Severity.WARNING
    summary = "opt in"
    enabled_by_default = False

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        yield self.finding(Span(0, 1), f"facts {report.agency} {report.agency_kind} "
                           f"{report.year} {report.agency_origin} {dict(context.options)}")


class Garbage(Rule):
    """Yields a string."""

    code = "ZZ300"
    name = "garbage"
    severity = Severity.WARNING
    summary = "garbage"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        yield "not a finding"  # type: ignore[misc]


class OutOfRange(Rule):
    """A span past the end of the text."""

    code = "ZZ400"
    name = "out-of-range"
    severity = Severity.WARNING
    summary = "out of range"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        yield self.finding(Span(len(report.text) - 1, len(report.text) + 50), "end")


WORDS = [FlagWoJu, FlagTable, StraySpace]


def codes(diagnostics) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.line, d.column, d.severity.value) for d in diagnostics]


def test_lint_text_runs_given_rules_sorted_by_position() -> None:
    assert codes(lint_text(TEXT, WORDS)) == [
        ("TST002", 1, 1, "error"), ("TST001", 2, 1, "warning"), ("TST003", 2, 3, "error"),
        ("TST001", 2, 6, "warning")]


def test_diagnostic_fields() -> None:
    first = lint_text(TEXT, [FlagWoJu], path="r/a.txt")[0]
    assert (first.path, first.name, first.message, first.end_line, first.end_column,
            first.span) == ("r/a.txt", "flag-woju", "found 我局", 2, 3, Span(5, 7))


def test_text_file_diagnostic_is_the_one_the_class_makes() -> None:
    from gipr_lint.diagnostics import Diagnostic, Edit, Fix
    from gipr_lint.reading.source import Source, Span

    source = Source.from_text("第一行\n第二行文字\n", "r.txt")
    fix = Fix((Edit(Span(5, 6), ""),), "delete")
    made = Diagnostic.at(source, code="F001", name="x", severity=Severity.WARNING,
                         message="m", span=Span(5, 7), fix=fix)
    expected = Diagnostic(path="r.txt", code="F001", name="x", severity=Severity.WARNING,
                          message="m", line=2, column=2, end_line=2, end_column=4,
                          span=Span(5, 7), fix=fix)
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert type(made) is Diagnostic


def test_a_rules_finding_is_the_one_the_class_makes() -> None:
    from gipr_lint.diagnostics import Edit, Finding, Fix
    from gipr_lint.reading.source import Span
    from gipr_lint.rules import Rule

    fix = Fix((Edit(Span(5, 6), ""),), "delete")
    for made, expected in [(Rule.finding(Span(1, 3), "m"), Finding(Span(1, 3), "m")),
                           (Rule.finding(Span(1, 3), "m", severity=Severity.ERROR, fix=fix),
                            Finding(Span(1, 3), "m", Severity.ERROR, fix))]:
        assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
        assert type(made) is Finding


def test_a_text_files_end_position_is_the_one_a_search_of_the_lines_finds() -> None:
    """The end's line and column, taken from the start's when the span ends on its line, equal
    those :meth:`Source.position` gives: on the line, at its break, at the next line's start,
    across lines, at the text's end, and for a span out of order or beyond the text."""
    from gipr_lint.diagnostics import Diagnostic
    from gipr_lint.reading.source import Source, Span

    source = Source.from_text("第一行\n第二行文字\n末行", "r.txt")
    for start, end in [(0, 0), (0, 3), (1, 4), (2, 5), (4, 9), (5, 10), (10, 12), (12, 12),
                       (3, 1), (11, 40), (40, 45)]:
        made = Diagnostic.at(source, code="F001", name="x", severity=Severity.WARNING,
                             message="m", span=Span(start, end))
        clamped_end = max(min(end, len(source.text)), min(start, len(source.text)))
        assert (made.line, made.column) == source.position(start), (start, end)
        assert (made.end_line, made.end_column) == source.position(clamped_end), (start, end)


def test_crash_becomes_e999_and_other_rules_still_run() -> None:
    result = lint_text(TEXT, [Crashing, FlagWoJu])
    crash = result[0]
    assert (crash.code, crash.name, crash.severity, crash.line, crash.column) == (
        "E999", "rule-crashed", Severity.ERROR, 1, 1)
    assert crash.message == "rule ZZ900 (crashing) crashed: KeyError: 'gone'"
    assert [d.code for d in result[1:]] == ["TST001", "TST001"]


def test_garbage_finding_is_a_crash() -> None:
    (crash,) = lint_text(TEXT, [Garbage])
    assert crash.message == "rule ZZ300 (garbage) crashed: TypeError: check() yielded str, " \
        "not a Finding"


def test_e999_can_be_ignored() -> None:
    assert lint_text(TEXT, [Crashing], ignore=["E999"]) == []
    assert [d.code for d in lint_text(TEXT, [Crashing], select=["crashing"])] == ["E999"]


def test_parser_crash_is_reported_and_rules_still_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import gipr_lint.reading.parser

    def broken(source: Source) -> Report:
        raise IndexError("bad table")

    monkeypatch.setattr(gipr_lint.reading.parser, "parse", broken)
    result = lint_text(TEXT, [FlagWoJu])
    assert result[0].message == "the parser crashed: IndexError: bad table"
    assert [d.code for d in result] == ["E999", "TST001", "TST001"]


def test_spans_are_clipped_to_the_text() -> None:
    (diagnostic,) = lint_text(TEXT, [OutOfRange])
    assert diagnostic.span == Span(len(TEXT) - 1, len(TEXT))


@pytest.mark.parametrize(("settings", "expected"), [
    ({}, ["TST001", "TST002", "TST003"]),
    ({"select": ["TST001"]}, ["TST001"]),
    ({"select": ["TST"], "ignore": ["TST00"]}, []),
    ({"select": ["TST"], "ignore": ["TST"]}, []),
    ({"select": ["TST001"], "ignore": ["TST"]}, ["TST001"]),
    ({"select": ["ALL"], "ignore": ["stray-yixia"]}, ["TST001", "TST002", "ZZ200"]),
    ({"ignore": ["flag-gongkai"]}, ["TST001", "TST003"]),
    ({"extend_select": ["ZZ2"]}, ["TST001", "TST002", "TST003", "ZZ200"]),
    ({"severity": {"TST001": "off"}}, ["TST002", "TST003"]),
])
def test_selection(settings: dict, expected: list[str]) -> None:
    found = sorted({d.code for d in lint_text(TEXT, [*WORDS, OptIn], **settings)})
    assert found == expected


def test_severity_precedence() -> None:
    # rule default (info) < finding's own (error) < configured
    assert codes(lint_text(TEXT, [OwnSeverity])) == [("ZZ100", 1, 1, "error")]
    assert codes(lint_text(TEXT, [OwnSeverity], severity={"own-severity": "warning"})) == [
        ("ZZ100", 1, 1, "warning")]
    assert codes(lint_text(TEXT, [FlagTable], severity={"TST002": "info"})) == [
        ("TST002", 1, 1, "info")]


def test_configured_facts_fill_what_the_report_lacks() -> None:
    (diagnostic,) = lint_text(TEXT, [OptIn], select=["opt-in"], agency="高庄镇人民政府",
                              agency_kind="township", year=2024, options={"x": 1})
    assert diagnostic.message == ("facts TextPiece(text='高庄镇人民政府', span=Span(start=0, "
                                  "end=0)) township 2024 config {'x': 1}")


def test_facts_do_not_override_parsed_ones() -> None:
    report = Report(source=Source.from_text("x"), year=2020, agency_kind=AgencyKind.DEPARTMENT)
    applied = engine.apply_facts(report, Settings(year=2024, agency_kind=AgencyKind.TOWNSHIP))
    assert (applied.year, applied.agency_kind) == (2020, AgencyKind.DEPARTMENT)


def test_per_file_ignores_relative_to_root(tmp_path: Path) -> None:
    ps = PluginSet.from_rules(WORDS)
    from gipr_lint.linting.config import glob_to_regex

    settings = Settings(root=tmp_path, per_file_ignores=(
        ("old/**/*.txt", glob_to_regex("old/**/*.txt"), ("TST00",)),
        ("special.txt", glob_to_regex("special.txt"), ("flag-woju",))))
    def run(rel: str) -> list[str]:
        source = Source.from_text(TEXT, str(tmp_path / rel))
        return sorted({d.code for d in lint_source(source, settings, ps).diagnostics})
    assert run("old/2020/a.txt") == []
    assert run("new/a.txt") == ["TST001", "TST002", "TST003"]
    assert run("deep/special.txt") == ["TST002", "TST003"]


def test_ignore_texts_on_span_or_line() -> None:
    result = lint_text(TEXT, WORDS, ignore_texts=[{"code": "TST003", "text": "我局以"},
                                                  {"code": "flag-gongkai", "text": "报告"}])
    assert [d.code for d in result] == ["TST001", "TST001"]


def test_ignore_hits_are_recorded() -> None:
    ps = PluginSet.from_rules(WORDS)
    from gipr_lint.linting.config import IgnoreText

    settings = Settings(ignore_texts=(IgnoreText("TST001", "我局", "a"),
                                      IgnoreText("TST001", "nothing", "b")))
    result = lint_source(Source.from_text(TEXT), settings, ps)
    assert result.ignore_texts == ("a", "b") and result.ignore_hits == frozenset({"a"})


def test_lint_text_validates_settings() -> None:
    with pytest.raises(ConfigError, match="unknown rule 'TST01'; did you mean 'TST001'"):
        lint_text(TEXT, WORDS, select=["TST01"])


def test_lint_text_rejects_invalid_rules() -> None:
    class NoCode(Rule):
        name = "x"
        severity = Severity.INFO
        summary = "x"

        def check(self, report, context):
            return []

    with pytest.raises(ValueError, match="has code None"):
        lint_text(TEXT, [NoCode])


def test_occurrences_helper() -> None:
    assert list(occurrences("aXaXa", "a")) == [Span(0, 1), Span(2, 3), Span(4, 5)]


# --------------------------------------------------------------------------- per-report memo

def _memo_rules(calls: list[str]) -> list[type[Rule]]:
    def count(report: Report) -> int:
        calls.append(report.text)
        return report.text.count("我局")

    class First(Rule):
        code, name, severity, summary = "TST801", "memo-first", Severity.INFO, "first"

        def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
            if context.memo(("tests", "count"), lambda: count(report)):
                yield self.finding(Span(0, 1), "first")

    class Second(First):
        code, name = "TST802", "memo-second"

        def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
            found = context.memo(("tests", "count"), lambda: count(report))
            yield self.finding(Span(0, 1), f"second {found}")

    return [First, Second]


def test_memo_is_computed_once_per_report_and_shared_by_its_rules() -> None:
    calls: list[str] = []
    plugin_set = PluginSet.from_rules(_memo_rules(calls))
    settings = Settings()
    first = lint_source(Source.from_text("我局我局\n", "a.txt"), settings, plugin_set)
    second = lint_source(Source.from_text("我镇\n", "b.txt"), settings, plugin_set)
    assert [d.message for d in first.diagnostics] == ["first", "second 2"]
    assert [d.message for d in second.diagnostics] == ["second 0"]
    assert calls == ["我局我局\n", "我镇\n"]  # once per report, not once per rule


def test_memo_of_a_context_outside_the_engine() -> None:
    context = RuleContext()
    assert context.memo("key", lambda: 1) == 1
    assert context.memo("key", lambda: 2) == 1
    assert context.for_report({}).memo("key", lambda: 3) == 3
    configured = RuleContext(options={"a": 1}, deadlines={"township": "02-01"})
    memo: dict[object, object] = {}
    copy = configured.for_report(memo)
    assert copy == configured and copy is not configured
    assert (copy.options, copy.templates, copy.deadlines) == (
        configured.options, configured.templates, configured.deadlines)
    assert copy._memo is memo and configured._memo == {}


def test_source_line_index_and_binary_check() -> None:
    """The line index and the binary check, on the edge cases (issue 15 made both faster)."""
    from gipr_lint.reading.source import DecodeError, _line_starts, _looks_binary

    assert _line_starts("") == (0,)
    assert _line_starts("ab") == (0,)
    assert _line_starts("ab\r\nc\n\n") == (0, 4, 6, 7)
    assert Source.from_text("一\n二三\n").position(4) == (2, 3)
    assert not _looks_binary("") and not _looks_binary("年\t\n\r\f\v" * 100)
    assert _looks_binary("x" * 1000 + "\x00")
    assert _looks_binary("\x01" * 6 + "x" * 94) and not _looks_binary("\x01" * 5 + "x" * 95)
    assert not _looks_binary("x" * 4096 + "\x00")  # only the first 4096 characters count
    with pytest.raises(DecodeError):
        Source.from_bytes(b"\x00\x01\x02 binary")


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_control_bytes_shortcut_agrees_with_the_characters(encoding: str) -> None:
    """The binary check skips the characters when the bytes hold no control byte: a text whose
    sample holds a control character always has a control byte, and decoding still tells
    binary data from text in both encodings the shortcut is used for."""
    from gipr_lint.reading.source import DecodeError, _looks_binary, _no_controls, decode

    texts = ["年报\t正文\r\n\f" * 50, "\x01" * 6 + "统计" * 47, "表" * 4096 + "\x00",
             "é€\x1f" * 30, "\U00020000" * 10 + "\x07" * 2, "x" * 20000 + "\x00", ""]
    for text in texts:
        data = text.encode(encoding)
        controls = any("\x00" <= ch <= "\x08" or "\x0e" <= ch <= "\x1f" for ch in text[:4096])
        assert not (_no_controls(data) and controls)  # the shortcut never hides one
        if _looks_binary(text):
            with pytest.raises(DecodeError):
                decode(data)
        else:
            assert decode(data)[0] == text
    assert _no_controls("年报\t\r\n\f\v".encode(encoding))
    assert not _no_controls(("表" * 4000 + "\x1f").encode(encoding))
    with pytest.raises(DecodeError):
        decode(("\x01" * 6 + "年" * 94).encode(encoding))


def _lint_paths_files(tmp_path: Path, count: int) -> list[Path]:
    """``count`` small reports (each saying 我局 a different number of times), a missing
    file after the second and a directory after the fourth: read errors among them."""
    paths: list[Path] = []
    for number in range(count):
        path = tmp_path / f"{number:02d}.txt"
        path.write_text("公开报告\n" + "我局，" * (number + 1) + "\n", encoding="utf-8")
        paths.append(path)
        if number == 1:
            paths.append(tmp_path / "missing.txt")
        if number == 3:
            (tmp_path / "folder.txt").mkdir()
            paths.append(tmp_path / "folder.txt")
    return paths


def test_lint_paths_gives_lint_path_of_each_file_in_order(tmp_path: Path) -> None:
    """Files linted together (several groups: more files than a group holds) give the results
    files linted one by one give: the same diagnostics and messages, each report's memo its
    own, a crashing rule an E999 in each file, read errors in their places."""
    plugin_set = PluginSet.from_rules([*_memo_rules([]), Crashing, FlagWoJu])
    settings = Settings()
    paths = _lint_paths_files(tmp_path, engine.FILES_TOGETHER + 3)
    together = list(engine.lint_paths(paths, lambda path: settings, plugin_set))
    alone = [engine.lint_path(path, settings, plugin_set) for path in paths]
    assert [r.path for r in together] == [str(path) for path in paths]
    assert [r.error for r in together] == [r.error for r in alone]
    assert [r.error is not None for r in together].count(True) == 2
    assert [r.diagnostics for r in together] == [r.diagnostics for r in alone]
    fourth = together[4].diagnostics  # 03.txt: four 我局, counted by its own memo
    assert [d.message for d in fourth if d.code.startswith("TST80")] == ["first", "second 4"]
    assert [d.code for d in fourth].count("E999") == 1


def test_lint_paths_groups_files_by_settings_and_size(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A group holds files of one settings object, at most FILES_TOGETHER of them and
    _TOGETHER_CHARS characters (a larger file is linted alone); results keep their order."""
    plugin_set = PluginSet.from_rules([Crashing])
    groups: list[list[str]] = []
    lint_sources = engine._lint_sources

    def recorded(sources: list[Source], settings: Settings, plugins: PluginSet
                 ) -> list[engine.FileResult]:
        groups.append([Path(source.path).name for source in sources])
        return lint_sources(sources, settings, plugins)

    monkeypatch.setattr(engine, "_lint_sources", recorded)
    monkeypatch.setattr(engine, "FILES_TOGETHER", 3)
    monkeypatch.setattr(engine, "_TOGETHER_CHARS", 50)
    paths = _lint_paths_files(tmp_path, 8)  # NN.txt: 5 + 3 * (NN + 1) + 1 characters
    (tmp_path / "07.txt").write_text("公开报告\n" + "我局，" * 20 + "\n", encoding="utf-8")
    first, second = Settings(), Settings(lang="zh")
    chosen = {name: second if name in ("04.txt", "05.txt") else first
              for name in (path.name for path in paths)}
    results = list(engine.lint_paths(paths, lambda path: chosen[Path(path).name],
                                     plugin_set))
    assert [r.path for r in results] == [str(path) for path in paths]
    assert groups == [["00.txt", "01.txt"], ["02.txt", "03.txt"], ["04.txt", "05.txt"],
                      ["06.txt"], ["07.txt"]]
    assert results[0].diagnostics[0].message.startswith("rule ZZ900 (crashing) crashed")
    assert results[6].diagnostics[0].message.startswith("规则")  # 04.txt: in Chinese
