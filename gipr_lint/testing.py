"""Testing helpers for rule authors; also a pytest plugin (entry point ``pytest11``).

Lint a snippet with only your rules and assert the exact diagnostics::

    from gipr_lint.testing import lint

    def test_fee_row(my_rule):
        found = lint("…report text…", rules=[MyRule])
        assert [(d.line, d.column, d.code) for d in found] == [(12, 5, "HEN001")]

Or keep rule cases as data, one TOML file per rule, as the built-in packs do::

    # tests/cases/HEN001.toml
    rule = "HEN001"

    [[case]]
    name = "township report without the provincial basis"
    fixture = "report.txt"                    # see load_cases; or `report = '''…'''`
    replace = [["《河南省政府信息公开办法》", ""]]
    expect = ["3:12 HEN001"]                  # "line:column CODE", in order; [] passes
    messages = ["河南省"]                      # optional substrings of the messages
    settings = { agency-kind = "township" }   # optional configuration keys
    options = { min-words = 200 }             # optional options of the rule's plugin
    cells = [["requests", "new", 6, "5"]]     # optional: rewrite table cells (table kind, row
                                              # key, column index, new text), after `replace`

A cross-report rule (``gipr_lint_batch_rules``) needs more than one report: a case names the
others, linted together with it (or, with ``history = true``, only read as an earlier year)::

    [[case]]
    name = "carry-over differs"
    fixture = "sy-2024.txt"
    path = "sy2024.txt"                       # the case report's path (default report.txt)
    expect = ["91:2 X001"]
    [[case.others]]
    path = "sy2023.txt"
    fixture = "sy-2023.txt"                   # or `report`; `replace` and `cells` too
    cells = [["requests", "carry_forward", 0, "2"]]
    history = true

    # tests/test_cases.py
    from pathlib import Path
    import pytest
    from gipr_lint.testing import RuleCase, check_case, load_cases

    HERE = Path(__file__).parent

    @pytest.mark.parametrize("case", load_cases(HERE / "cases", fixtures=HERE / "fixtures"),
                             ids=str)
    def test_rule_case(case: RuleCase) -> None:
        check_case(case)

The pytest plugin adds two fixtures: ``gipr_lint_rules`` (every installed rule by code) and
``gipr_lint`` (the :func:`lint` function). Nothing heavy is imported until a helper is used, so
having gipr-lint installed does not slow down anyone's pytest start-up.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from gipr_lint.regex import compile_re

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    from gipr_lint.diagnostics import Diagnostic
    from gipr_lint.linting.plugin_manager import PluginSet
    from gipr_lint.model import Report
    from gipr_lint.rules import Rule

__all__ = ["CaseReport", "RuleCase", "check_case", "check_examples", "installed_rules", "lint",
           "lint_file", "load", "load_cases", "parse", "unregistered_rules"]


@cache
def installed_rules() -> Mapping[str, type[Rule]]:
    """Every rule of every installed plugin, by code (loaded once per test session)."""
    from gipr_lint.linting.plugin_manager import load_plugins

    return dict(load_plugins().rules)


def lint(text: str, *, rules: Sequence[type[Rule]] | None = None, path: str = "report.txt",
         options: Mapping[str, Any] | None = None,
         plugins: Sequence[object | tuple[str, object]] = (),
         **settings: Any) -> list[Diagnostic]:
    """Lint ``text`` with only ``rules`` (default: every installed rule, or none when
    ``plugins`` are given).

    ``settings`` are configuration keys with ``_`` for ``-`` (``agency_kind="township"``,
    ``year=2024``, ``severity={"HEN001": "error"}``); ``options`` are the rules' plugin options.
    ``plugins`` registers whole plugins in-process, as an installed entry point would be:
    modules or ``(entry-point name, module)`` pairs, with their rules, options, templates and
    deadlines. Their options go in a setting named after the plugin, as in a config file::

        lint(text, plugins=[("henan", gipr_lint_henan)], henan={"overview-max-chars": 800})
    """
    from gipr_lint.linting.engine import lint_text

    if rules is not None:
        chosen = list(rules)
    else:
        chosen = [] if plugins else [rule for code, rule in installed_rules().items()
                                     if code != "E999"]  # the framework's own, always there
    return lint_text(text, rules=chosen, path=path, options=options, plugins=tuple(plugins),
                     **settings)


def load(plugins: Sequence[object | tuple[str, object]]) -> PluginSet:
    """Load ``plugins`` in-process (as for :func:`lint`) and return what they provide: ``rules``,
    ``options``, ``templates`` (their items), ``template_set`` (the national templates with their
    rows, identities and requirements), ``deadlines`` and ``problems`` (empty when they load)."""
    from gipr_lint.linting.plugin_manager import load_plugins

    return load_plugins(entry_points=[], extra=list(plugins))


def parse(text: str, *, plugins: Sequence[object | tuple[str, object]] = (),
          path: str = "report.txt") -> Report:
    """Parse ``text`` into the model rules read, with the table rows ``plugins`` add (as for
    :func:`lint`): ``parse(text, plugins=[gipr_lint_henan]).tables["active"].row(key)``."""
    from gipr_lint.reading.parser import parse_text
    from gipr_lint.templates import NATIONAL, using

    templates = load(plugins).template_set if plugins else NATIONAL
    with using(templates):
        return parse_text(text, path)


def lint_file(path: str | Path, **kwargs: Any) -> list[Diagnostic]:
    """Lint a file (any encoding gipr-lint reads); keyword arguments as for :func:`lint`."""
    from gipr_lint.reading.source import read_source

    return lint(read_source(path).text, path=str(path), **kwargs)


def _edit_cells(text: str, cells: Sequence[Sequence[Any]], where: str) -> str:
    """``text`` with table cells rewritten: ``(table kind, row key, column index, new text)``."""
    from gipr_lint.reading.parser import parse
    from gipr_lint.reading.source import Source

    report = parse(Source.from_text(text, "case.txt"))
    spans = []
    for table, row_key, column, value in cells:
        found = report.tables[table].row(row_key) if table in report.tables else None
        if found is None or not 0 <= int(column) < len(found.cells):
            raise AssertionError(f"{where}: no cell {table}/{row_key}/{column}")
        spans.append((found.cells[int(column)].span, str(value)))
    for span, value in sorted(spans, key=lambda item: item[0].start, reverse=True):
        text = text[:span.start] + value + text[span.end:]
    return text


@dataclass(frozen=True)
class CaseReport:
    """A report of a case: written out, or a fixture with edits (``replace``, then ``cells``)."""

    where: str
    fixtures: Path
    report: str | None = None
    fixture: str | None = None
    replace: tuple[tuple[Any, ...], ...] = ()
    cells: tuple[tuple[Any, ...], ...] = ()
    path: str = "report.txt"
    history: bool = False

    def text(self) -> str:
        """The text; every edit must apply (a vanished edit target fails the case)."""
        if self.report is not None:
            text = self.report
        elif self.fixture is None:
            raise ValueError(f"{self.where} needs `report` or `fixture`")
        else:
            from gipr_lint.reading.source import read_source

            text = read_source(self.fixtures / self.fixture).text
        for edit in self.replace:
            old, new = edit[0], edit[1]
            if old not in text:
                raise AssertionError(f"{self.where}: {old!r} is not in {self.fixture}")
            text = text.replace(old, new, int(edit[2]) if len(edit) > 2 else 1)
        return _edit_cells(text, self.cells, self.where) if self.cells else text


@dataclass(frozen=True)
class RuleCase:
    """One case of a rule-case file."""

    code: str
    name: str
    file: Path
    fixtures: Path
    report: str | None = None
    fixture: str | None = None
    replace: tuple[tuple[Any, ...], ...] = ()
    expect: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    cells: tuple[tuple[Any, ...], ...] = ()
    path: str = "report.txt"
    #: Other reports linted with this one (cross-report rules).
    others: tuple[CaseReport, ...] = ()

    def __str__(self) -> str:
        return f"{self.code}-{self.name}"

    def text(self) -> str:
        """The report this case lints: written out, or a fixture with its edits applied.

        Every edit must apply: a case whose edit target vanished from the fixture fails instead of
        passing vacuously.
        """
        where = f"{self.file}: case {self.name!r}"
        return CaseReport(where, self.fixtures, self.report, self.fixture, self.replace,
                          self.cells).text()


def load_cases(directory: str | Path, *, fixtures: str | Path | None = None) -> list[RuleCase]:
    """The cases of every ``*.toml`` rule-case file in ``directory``, in file order.

    A case's ``fixture`` is a path relative to ``fixtures`` (default: ``directory`` itself).
    """
    cases = []
    fixtures_dir = Path(fixtures) if fixtures is not None else Path(directory)
    for path in sorted(Path(directory).glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for index, raw in enumerate(data.get("case", [])):
            cases.append(RuleCase(
                code=data["rule"], name=raw.get("name", str(index)), file=path,
                fixtures=fixtures_dir,
                report=raw.get("report"), fixture=raw.get("fixture"),
                replace=tuple(tuple(edit) for edit in raw.get("replace", [])),
                expect=tuple(raw["expect"]), messages=tuple(raw.get("messages", [])),
                settings=raw.get("settings", {}), options=raw.get("options", {}),
                cells=tuple(tuple(cell) for cell in raw.get("cells", [])),
                path=raw.get("path", "report.txt"),
                others=tuple(CaseReport(
                    f"{path}: case {raw.get('name', str(index))!r}, other report {number}",
                    fixtures_dir, report=other.get("report"), fixture=other.get("fixture"),
                    replace=tuple(tuple(edit) for edit in other.get("replace", [])),
                    cells=tuple(tuple(cell) for cell in other.get("cells", [])),
                    path=other.get("path", f"other{number}.txt"),
                    history=bool(other.get("history", False)))
                    for number, other in enumerate(raw.get("others", []), 1))))
    return cases


def _describe(diagnostics: Iterable[Diagnostic]) -> str:
    return "\n".join(f"  {d.line}:{d.column} {d.code} {d.message}" for d in diagnostics) or "  —"


def check_case(case: RuleCase, rules: Mapping[str, type[Rule]] | None = None, *,
               plugins: Sequence[object | tuple[str, object]] = ()) -> None:
    """Lint a case with only its rule and assert the exact diagnostics (raises AssertionError).

    The rule is looked up in ``rules`` (default: every installed rule) and run on its own, with
    the case's ``options``. With ``plugins`` (as for :func:`lint`) the rule comes from those
    plugins instead and runs with everything its plugin provides (templates, deadlines), the
    case's ``options`` being that plugin's configuration table.
    """
    settings = {key.replace("-", "_"): value for key, value in case.settings.items()}
    if case.others:
        linted = _lint_together(case, plugins)
    elif plugins:
        from gipr_lint.linting.plugin_manager import PluginSet

        plugin_set = PluginSet.from_rules([], plugins=tuple(plugins))
        if case.code not in plugin_set.rules:
            raise AssertionError(f"{case.file}: none of the plugins has the code {case.code}")
        settings.setdefault("select", [case.code])
        if case.options:
            settings[plugin_set.rule_plugin[case.code]] = dict(case.options)
        linted = lint(case.text(), plugins=plugins, **settings)
    else:
        rules = rules if rules is not None else installed_rules()
        if case.code not in rules:
            raise AssertionError(f"{case.file}: no installed rule has the code {case.code}")
        linted = lint(case.text(), rules=[rules[case.code]], options=case.options or None,
                      **settings)
    diagnostics = [d for d in linted if d.code == case.code]
    found = [f"{d.line}:{d.column} {d.code}" for d in diagnostics]
    if found != list(case.expect):
        raise AssertionError(f"{case}: expected {list(case.expect)}, found:\n"
                             f"{_describe(diagnostics)}")
    for expected, diagnostic in zip(case.messages, diagnostics, strict=False):
        if expected not in diagnostic.message:
            raise AssertionError(f"{case}: message {diagnostic.message!r} lacks {expected!r}")


def unregistered_rules(package: str, registered: Iterable[type[Rule]]) -> list[str]:
    """The rule classes defined anywhere in ``package`` (every module, ``_``-prefixed helpers
    included) that are not among ``registered``, as ``module.Class`` names. A pack's test asserts
    this is empty, so a rule written but never registered fails a test::

        assert unregistered_rules("gipr_lint_henan", gipr_lint_henan.gipr_lint_rules()) == []

    Classes without their own ``code`` (base classes such as ``IdentityRule``) are not rules.
    """
    import importlib
    import pkgutil

    from gipr_lint.rules import Rule

    root = importlib.import_module(package)
    modules = [root]
    if hasattr(root, "__path__"):
        modules += [importlib.import_module(info.name)
                    for info in pkgutil.walk_packages(root.__path__, f"{package}.")]
    known = set(registered)
    missing = []
    for module in modules:
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, Rule) and "code" in vars(value)
                    and value.__module__ == module.__name__ and value not in known):
                missing.append(f"{module.__name__}.{value.__qualname__}")
    return sorted(missing)


_EXAMPLE_CONFIG = compile_re(r"# gipr-lint\.toml: (?:\[(?P<table>[\w-]+)\] )?(?P<setting>.+)")


def check_examples(rule: type[Rule], *,
                   plugins: Sequence[object | tuple[str, object]] = ()) -> None:
    """Run the ``Fails::`` and ``Passes::`` examples of a rule's docstring (raises
    AssertionError): each Fails example must give at least one finding of the rule, each Passes
    example none, and the rule must have both.

    The rule runs on its own, or with ``plugins`` (as for :func:`lint`: its plugin, so that its
    templates and deadlines apply) selected by its code. An example whose first line is
    ``# gipr-lint.toml: [table] key = value`` is linted with that configuration (``[henan]
    overview-max-chars = 20``; without ``[table]``, a top-level key such as
    ``agency-kind = "township"``).
    """
    from gipr_lint.rules import rule_examples

    examples = rule_examples(rule)
    labels = {label for label, _ in examples}
    if labels != {"Fails", "Passes"}:
        raise AssertionError(f"{rule.code}: the docstring has no "
                             f"{' and no '.join(sorted({'Fails', 'Passes'} - labels))} example")
    for label, text in examples:
        settings: dict[str, Any] = {}
        first, _, rest = text.partition("\n")
        config = _EXAMPLE_CONFIG.fullmatch(first)
        if config is not None:
            values = tomllib.loads(config.group("setting"))
            if config.group("table"):
                settings[config.group("table")] = values
            else:
                settings.update({key.replace("-", "_"): v for key, v in values.items()})
            text = rest
        if plugins:
            found = lint(text, plugins=plugins, select=[rule.code], **settings)
        else:
            found = lint(text, rules=[rule], **settings)
        hits = [d for d in found if d.code == rule.code]
        if label == "Fails" and not hits:
            raise AssertionError(f"{rule.code}: the Fails example gives no {rule.code} "
                                 f"finding:\n{text}")
        if label == "Passes" and hits:
            raise AssertionError(f"{rule.code}: the Passes example gives findings:\n"
                                 f"{_describe(hits)}\n{text}")


def _lint_together(case: RuleCase, plugins: Sequence[object | tuple[str, object]]
                   ) -> list[Diagnostic]:
    """Lint a case's report with its other reports, cross-report stage included; return the
    case report's diagnostics. The rule runs alone (``select``) with the installed plugins, or
    ``plugins``; the case's ``options`` are its plugin's table."""
    from gipr_lint.linting.config import SettingsValidator, build_settings
    from gipr_lint.linting.crossreport import lint_texts
    from gipr_lint.linting.plugin_manager import PluginSet, load_plugins

    plugin_set = PluginSet.from_rules([], plugins=tuple(plugins)) if plugins else load_plugins()
    if case.code not in plugin_set.rules:
        raise AssertionError(f"{case.file}: no loaded rule has the code {case.code}")
    raw: dict[str, Any] = {"select": [case.code], **case.settings}
    if case.options:
        raw[plugin_set.rule_plugin[case.code]] = dict(case.options)
    values = SettingsValidator(str(case.file), "", plugin_set).validate(raw)
    settings = build_settings(values, root=Path.cwd())
    texts = {case.path: case.text()}
    texts.update({other.path: other.text() for other in case.others if not other.history})
    history = {other.path: other.text() for other in case.others if other.history}
    results = lint_texts(texts, plugin_set, settings, history)
    return next(result.diagnostics for result in results if result.path == case.path)


@pytest.fixture(scope="session")
def gipr_lint_rules() -> Mapping[str, type[Rule]]:
    """Every installed rule, by code."""
    return installed_rules()


@pytest.fixture
def gipr_lint() -> Callable[..., list[Diagnostic]]:
    """The :func:`lint` helper."""
    return lint
