"""Unit tests of the table rules (T001–T010) and their identity engine."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import gipr_lint_national.tables as tables
import pytest
from gipr_lint_national.tables._common import _below_rule_making
from gipr_lint_national.tables.t008_reworded_label import RewordedLabel
from gipr_lint_national.tables.t009_fee_unit import FeeUnit

from gipr_lint.api import IdentityRule
from gipr_lint.diagnostics import Diagnostic, Severity
from gipr_lint.hookspecs import hookimpl
from gipr_lint.linting.config import build_settings
from gipr_lint.linting.engine import lint_source, lint_text
from gipr_lint.linting.plugin_manager import load_plugins
from gipr_lint.model import Report
from gipr_lint.reading.parser import parse
from gipr_lint.reading.source import Source
from gipr_lint.templates import Identity, national_identities

FIXTURES = Path(__file__).parent.parent / "fixtures"
SEEDS = sorted(path.name for path in FIXTURES.glob("*.txt"))
SEED = "004_6f3669565db78123.txt"
RULES = tuple(tables.gipr_lint_rules())

#: The T008 findings the seeds deserve: true rewordings and table-四 headers cut short.
SEED_FINDINGS: dict[str, list[tuple[str, int, int]]] = {
    "000_6a437f78ed373b70.txt": [("T008", 55, 8)],
    "001_e0653abc3b201f3e.txt": [],
    "002_1e1d37345e448265.txt": [("T008", 28, 2), ("T008", 130, 2), ("T008", 295, 2),
                                 ("T008", 306, 2)],
    "003_75f5e1dd19ed0e46.txt": [],
    "004_6f3669565db78123.txt": [],
}


def seed_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@cache
def seed_report(name: str) -> Report:
    return parse(Source.from_text(seed_text(name), name))


def found(diagnostics: list[Diagnostic]) -> set[tuple[str, int, int]]:
    return {(d.code, d.line, d.column) for d in diagnostics}


def position(text: str, offset: int) -> tuple[int, int]:
    return Source.from_text(text, "x.txt").position(offset)


# --------------------------------------------------------------------------- the seeds

@pytest.mark.parametrize("name", SEEDS)
def test_seeds_are_clean_but_for_true_rewordings(name: str) -> None:
    diagnostics = lint_text(seed_text(name), RULES, path=name)
    assert [(d.code, d.line, d.column) for d in diagnostics] == SEED_FINDINGS[name], \
        "\n".join(f"{d.line}:{d.column} {d.code} {d.message}" for d in diagnostics)


def test_seed_002_rewordings_name_the_official_label() -> None:
    diagnostics = lint_text(seed_text("002_1e1d37345e448265.txt"), [RewordedLabel])
    assert 'expected the official label "2.其他法律行政法规禁止公开"' in diagnostics[1].message
    assert "不再处理" in diagnostics[2].message and "不再受理" in diagnostics[2].message


# --------------------------------------------------------------------------- mutation test

_OUTCOME_PREFIXES = ("granted", "partially_granted", "denied.", "unable.", "not_processed.",
                     "other")
_BALANCE_ROWS = {"new", "carried_over", "total", "carry_forward"}


def _is_outcome(key: str) -> bool:
    return key.startswith(_OUTCOME_PREFIXES)


def _mutations() -> list[Any]:
    report = seed_report(SEED)
    params = []
    for kind in ("requests", "review", "active"):
        table = report.tables[kind]
        for row, index, _cell in table.cells():
            params.append(pytest.param(kind, row.key, index, id=f"{kind}-{row.key}-{index}"))
    return params


def _expected_arithmetic(report: Report, text: str, kind: str, key: str,
                         index: int) -> set[tuple[str, int, int]]:
    """What changing one cell of table 三 or 四 must break, from the row's kind alone."""
    table = report.tables[kind]

    def at(row_key: str, column: int) -> tuple[int, int]:
        row = table.row(row_key)
        assert row is not None
        return position(text, row.cells[column].span.start)

    if kind == "review":
        return {("T004", *at(key, 4))}
    expected = {("T001", *at(key, 6))}  # the row's own total
    if _is_outcome(key) or key == "total":
        expected.add(("T002", *at("total", index)))  # the column's （七）总计
    if key in _BALANCE_ROWS:
        expected.add(("T003", *at("carry_forward", index)))  # 一 + 二 = （七） + 四
    return expected


@pytest.mark.parametrize(("kind", "key", "index"), _mutations())
def test_single_cell_mutation(kind: str, key: str, index: int) -> None:
    report = seed_report(SEED)
    text = report.text
    row = report.tables[kind].row(key)
    assert row is not None
    cell = row.cells[index]
    assert isinstance(cell.value, int)
    new = "x" if kind == "active" else str(cell.value + 1)
    changed = text[:cell.span.start] + new + text[cell.span.end:]
    if kind == "active":
        expected = {("T005", *position(changed, cell.span.start))}
    else:
        expected = _expected_arithmetic(report, text, kind, key, index)
    diagnostics = lint_text(changed, RULES)
    assert found(diagnostics) == expected, \
        "\n".join(f"{d.line}:{d.column} {d.code} {d.message}" for d in diagnostics)


def test_mutation_messages_say_found_and_expected() -> None:
    text = seed_text(SEED).replace("\t4\n\t0\n\t0\n\t0\n\t0\n\t0\n\t4\n",
                                   "\t4\n\t0\n\t0\n\t0\n\t0\n\t0\n\t5\n", 1)
    diagnostics = {d.code: d for d in lint_text(text, RULES)}
    assert diagnostics["T001"].message == ('总计 of "一、本年新收政府信息公开申请数量" is 5, but '
                                           "the six applicant columns add up to 4")
    assert diagnostics["T003"].message.startswith(
        '四、结转下年度继续办理 in column "总计" is 0, but 一 + 二 − （七）总计 = 5 + 0 − 4 = 1')
    fix = diagnostics["T001"].fix
    assert fix is not None and not fix.safe and fix.edits[0].replacement == "4"
    assert diagnostics["T003"].fix is None


def test_unread_cell_does_not_cascade() -> None:
    report = seed_report(SEED)
    row = report.tables["requests"].row("granted")
    assert row is not None
    cell = row.cells[0]
    text = report.text[:cell.span.start] + "1.5" + report.text[cell.span.end:]
    diagnostics = lint_text(text, RULES)
    assert [d.code for d in diagnostics] == ["T005"]
    assert 'expected a whole number, found "1.5"' in diagnostics[0].message


# --------------------------------------------------------------------------- identities as data

class _Province:
    """A provincial pack that adds identities as data, no rule code."""

    GIPR_LINT_API = 1

    def __init__(self, items: list[object], rules: list[type] | None = None) -> None:
        self.items = items
        self.rules = rules or []

    @hookimpl
    def gipr_lint_templates(self) -> list[object]:
        return self.items

    @hookimpl
    def gipr_lint_rules(self) -> list[type]:
        return self.rules


def _lint_with(items: list[object], text: str, rules: list[type] | None = None,
               select: tuple[str, ...] = ("T",)) -> list[Diagnostic]:
    plugin_set = load_plugins(entry_points=[], extra=[("tables", tables),
                                                      ("province", _Province(items, rules))])
    assert not plugin_set.problems, plugin_set.problems
    settings = build_settings({"select": select}, root=Path.cwd())
    return lint_source(Source.from_text(text, "x.txt"), settings, plugin_set).diagnostics


_NEW_IS_GRANTED = {
    "code": "T003",
    "description": "本年新收 总计 equals 予以公开 总计",
    "total": ["requests", "new", "总计"],
    "parts": [["requests", "granted", 6]],
    "formats": ["2021"],
}


def test_plugin_identity_given_as_data_is_checked() -> None:
    text = seed_text(SEED)  # new 4, granted 3, partially granted 1
    diagnostics = _lint_with([_NEW_IS_GRANTED], text)
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("T003", 88, 2)]
    assert diagnostics[0].message == "本年新收 总计 equals 予以公开 总计: found 4, expected 3 (3)"
    holding = dict(_NEW_IS_GRANTED, parts=[["requests", "granted", 6],
                                           ["requests", "partially_granted", "总计"]])
    assert _lint_with([holding], text) == []
    assert _lint_with([dict(_NEW_IS_GRANTED, formats=["2019"])], text) == []


def test_plugin_identity_with_its_own_code_and_rule() -> None:
    class ReviewMatchesLitigation(IdentityRule):
        code = "HEN001"
        name = "henan-review-litigation"
        severity = Severity.WARNING
        summary = "行政复议 总计 equals 复议后起诉 总计"

    identity = Identity("HEN001", "行政复议 总计 equals 复议后起诉 总计",
                        ("review", "review", 4), (("review", "litigation_after_review", 4),),
                        message="行政复议 总计 is {found}, 复议后起诉 总计 is {expected}")
    text = seed_text(SEED)
    assert _lint_with([identity], text, [ReviewMatchesLitigation], ("HEN",)) == []
    changed = text.replace("\t1\n\t0\n\t0\n\t0\n\t1\n\n", "\t2\n\t0\n\t0\n\t0\n\t2\n\n", 1)
    diagnostics = _lint_with([identity], changed, [ReviewMatchesLitigation], ("HEN",))
    assert [(d.code, d.severity, d.message) for d in diagnostics] == [
        ("HEN001", Severity.WARNING, "行政复议 总计 is 1, 复议后起诉 总计 is 2")]


@pytest.mark.parametrize(("item", "reason"), [
    ({"table": "requests", "extra-row": "x"},
     "unknown kind None (known: identity, row, requirement, substitution)"),
    ({"kind": "column", "table": "requests"},
     "unknown kind 'column' (known: identity, row, requirement, substitution)"),
    ("行政检查", 'expected a table (mapping) with a "kind", found str'),
    ({"kind": "row", "table": "requests", "key": "x", "label": "其他情形", "after": "no-such-row"},
     "no row 'no-such-row' to put the row after in table 三"),
    ({"kind": "requirement", "code": "HEN004", "section": 9, "any-of": ["人大代表建议"]},
     '"section" must be a section number, 1 to 6'),
])
def test_unknown_template_item_is_an_error_naming_the_plugin(item: object, reason: str) -> None:
    plugin_set = load_plugins(entry_points=[], extra=[("tables", tables),
                                                      ("province", _Province([_NEW_IS_GRANTED,
                                                                              item]))])
    (problem,) = plugin_set.problems
    assert problem.plugin == "province" and problem.fatal
    assert str(problem).startswith("gipr-lint: plugin 'province' skipped: gipr_lint_templates(): "
                                   "template extension #2 ")
    assert problem.message.endswith(reason)
    assert "province" not in [info.name for info in plugin_set.plugins]


def test_malformed_plugin_identity_is_reported_by_its_rule() -> None:
    bad = dict(_NEW_IS_GRANTED, parts=[["requests", "no-such-row", 0]])
    diagnostics = _lint_with([bad], seed_text(SEED), select=("T", "E999"))
    assert [d.code for d in diagnostics] == ["E999"]
    assert "rule T003" in diagnostics[0].message
    assert "unknown row 'no-such-row' of table 'requests'" in diagnostics[0].message


def test_national_identities_are_data() -> None:
    identities = national_identities("2021")
    assert sum(i.code == "T001" for i in identities) == 25
    assert sum(i.code == "T002" for i in identities) == 7
    outcome = next(i for i in identities if i.code == "T002")
    assert len(outcome.parts) == 21
    assert len(next(i for i in national_identities("2019") if i.code == "T002").parts) == 19
    balance = next(i for i in identities if i.code == "T003")
    assert balance.total == ("requests", "carry_forward", 0)
    assert balance.with_total == (("requests", "total", 0),)


# --------------------------------------------------------------------------- other rules

def test_fee_limit_is_an_option() -> None:
    text = seed_text(SEED).replace("行政事业性收费\n\t0", "行政事业性收费\n\t50", 1)
    assert lint_text(text, [FeeUnit]) == []
    diagnostics = lint_text(text, [FeeUnit], options={"township-fee-limit": 10.0})
    assert [(d.code, d.severity) for d in diagnostics] == [("T009", Severity.WARNING)]


def test_county_level_names() -> None:
    import dataclasses

    from gipr_lint.model import AgencyKind, TextPiece
    from gipr_lint.reading.source import Span

    report = seed_report(SEED)

    def who(name: str, kind: AgencyKind) -> str | None:
        changed = dataclasses.replace(report, agency=TextPiece(name, Span(0, 0)),
                                      agency_kind=kind)
        return _below_rule_making(changed)

    assert who("桐柏县产业集聚区管理委员会", AgencyKind.DEPARTMENT) == "a county-level body"
    assert who("重庆市大渡口区人民政府", AgencyKind.GOVERNMENT) == "a county-level body"
    assert who("郑州市人民政府", AgencyKind.GOVERNMENT) is None
    assert who("新疆维吾尔自治区人民政府", AgencyKind.GOVERNMENT) is None
    assert who("郑州经济技术开发区管理委员会", AgencyKind.DEPARTMENT) is None
    assert who("高庄镇人民政府", AgencyKind.TOWNSHIP) == "a township"
