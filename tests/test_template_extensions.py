"""Packs extend the templates with data only: a row reaches the table reader and the identity
rules, a section requirement its rule; malformed items are errors at load time."""

from __future__ import annotations

from pathlib import Path

import gipr_lint_national.tables as tables
import pytest

from gipr_lint.api import RequirementRule, Severity
from gipr_lint.linting.plugin_manager import load_plugins
from gipr_lint.templates import NATIONAL, REQUEST_ROWS, TemplateError
from gipr_lint.testing import lint
from tests.rules.test_tables import _Province

SEED = (Path(__file__).parent / "fixtures" / "000_6a437f78ed373b70.txt").read_text(
    encoding="utf-8")
OTHER = "3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n"
EXTRA_ROW = {"kind": "row", "table": "requests", "key": "other.provincial",
             "label": "其他省定情形", "numbering": "4.", "after": "other.other",
             "formats": ["2021"]}


def test_a_request_row_is_added_in_order_in_its_formats() -> None:
    extended = NATIONAL.extended([EXTRA_ROW])
    keys = [row.key for row in extended.request_rows["2021"]]
    assert keys[keys.index("other.other") + 1] == "other.provincial"
    assert extended.request_rows["2019"] == REQUEST_ROWS["2019"]
    assert NATIONAL.request_rows["2021"] == REQUEST_ROWS["2021"]  # the national set is unchanged
    assert "other.provincial" in extended.row_keys("requests")


def test_a_request_row_is_read_and_summed() -> None:
    text = SEED.replace(OTHER, OTHER + "4.其他省定情形 | 1 | 0 | 0 | 0 | 0 | 0 | 2 | ||\n", 1)
    line = text.splitlines().index("4.其他省定情形 | 1 | 0 | 0 | 0 | 0 | 0 | 2 | ||") + 1
    found = lint(text, plugins=[("tables", tables), ("province", _Province([EXTRA_ROW]))],
                 select=["T001", "T002", "T005"])
    # Its row total is checked (T001) and, as an outcome row (key other.*), it counts towards
    # （七）总计 (T002: 0 written, 1 summed, in the 自然人 and 总计 columns).
    assert [(d.code, d.line) for d in found] == [("T001", line), ("T002", line + 1),
                                                 ("T002", line + 1)]
    assert found[0].message == ('总计 of "（六）其他处理 4.其他省定情形" is 2, but the six '
                                "applicant columns add up to 1")


def _requirement_rule() -> type[RequirementRule]:
    class ProposalsReported(RequirementRule):
        """Section 六 does not report the handling of 建议 and 提案."""

        code = "PRV001"
        name = "proposals-reported"
        severity = Severity.WARNING
        summary = "Section 六 does not report the handling of 建议 and 提案"

    return ProposalsReported


REQUIREMENT = {"kind": "requirement", "code": "PRV001", "section": 6,
               "any-of": ["人大代表建议", "政协提案"], "description": "a provincial requirement"}


def test_a_section_requirement_is_reported_by_its_rule() -> None:
    pack = _Province([REQUIREMENT], [_requirement_rule()])
    found = lint(SEED, plugins=[("province", pack)])
    heading = SEED.splitlines().index("六、其他需要报告的事项") + 1
    assert [(d.code, d.line, d.column, d.severity) for d in found] == [
        ("PRV001", heading, 1, Severity.WARNING)]
    assert found[0].message == ("六、其他需要报告的事项 does not mention any of: "
                                "人大代表建议、政协提案 (a provincial requirement)")
    wrapped = SEED.replace("本年度没有产生信息公开处理费", "本年度办理人大代\n表建议3件", 1)
    assert lint(wrapped, plugins=[("province", pack)]) == []


def test_a_requirement_for_a_missing_section_is_left_to_s001() -> None:
    cut = SEED[:SEED.index("六、其他需要报告的事项")]
    assert lint(cut, plugins=[("province", _Province([REQUIREMENT], [_requirement_rule()]))]) == []


@pytest.mark.parametrize(("item", "reason"), [
    (dict(EXTRA_ROW, key="other.other"), "table 三 already has a row 'other.other'"),
    (dict(EXTRA_ROW, formats=["2020"]), '"formats" must be a list of 2021, 2019'),
    (dict(EXTRA_ROW, table="review"), '"table" must be "active" (table 二) or "requests"'),
    (dict(EXTRA_ROW, colour="red"), "unknown keys ['colour']"),
    ({**REQUIREMENT, "any-of": "人大代表建议"}, '"any-of" must be a list of non-empty strings'),
])
def test_malformed_items_are_refused(item: dict[str, object], reason: str) -> None:
    with pytest.raises(TemplateError, match="template extension #1 ") as raised:
        NATIONAL.extended([item])
    assert reason in str(raised.value)
    plugin_set = load_plugins(entry_points=[], extra=[("province", _Province([item]))])
    assert [p.plugin for p in plugin_set.problems] == ["province"]


def test_a_later_pack_may_build_on_an_earlier_packs_row() -> None:
    after_extra = dict(EXTRA_ROW, key="other.provincial_2", label="其他省定情形二",
                       numbering="5.", after="other.provincial")
    plugin_set = load_plugins(entry_points=[], extra=[("first", _Province([EXTRA_ROW])),
                                                      ("second", _Province([after_extra]))])
    assert plugin_set.problems == []
    keys = [row.key for row in plugin_set.template_set.request_rows["2021"]]
    assert keys[-4:-2] == ["other.provincial", "other.provincial_2"]


def test_gipr_lint_parse_shows_a_packs_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from gipr_lint import cli
    from gipr_lint.cli import info

    text = SEED.replace("行政强制 | 0 | ||\n", "行政强制 | 0 | ||\n行政检查 | 7 | ||\n", 1)
    assert "行政检查 | 7" in text
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    row = {"kind": "row", "table": "active", "key": "test.inspection", "label": "行政检查",
           "after": "enforcement", "formats": ["2021"]}
    plugin_set = load_plugins(entry_points=[], extra=[("province", _Province([row]))])
    monkeypatch.setattr(info, "load_plugins", lambda: plugin_set)
    assert cli.main(["parse", str(report), "--format", "json"]) == 0
    tables = json.loads(capsys.readouterr().out)["tables"]
    assert tables["active"]["test.inspection"] == {"decisions": 7}


def test_a_packs_row_takes_its_blocks_columns() -> None:
    fees = "行政事业性收费 | 0 | ||\n"
    assert fees in SEED
    text = SEED.replace(fees, fees + "其他收费 | 1.5 | ||\n", 1)
    row = {"kind": "row", "table": "active", "key": "test.other_fees", "label": "其他收费",
           "after": "fees", "formats": ["2021"]}
    plugins = [("tables", tables), ("province", _Province([row]))]
    # 本年收费金额（单位：万元） is an amount: decimals are fine in the pack's row too.
    assert lint(text, plugins=plugins, select=["T005"]) == []
    found = lint(text.replace("其他收费 | 1.5", "其他收费 | -1.5"), plugins=plugins,
                 select=["T005"])
    assert [d.message for d in found] == [
        'table 二, "其他收费": expected a non-negative amount, found "-1.5"']


def test_core_messages_of_a_packs_data_are_chinese_in_chinese() -> None:
    """The requirement and identity engines moved into the core: their own wording (and quote's
    “…”) comes from gipr-lint's catalog, whichever pack reports."""
    from gipr_lint.i18n import language

    pack = _Province([REQUIREMENT], [_requirement_rule()])
    with language("zh"):
        found = lint(SEED, plugins=[("province", pack)])
    assert [d.message for d in found] == [
        "“六、其他需要报告的事项”部分未写到以下任何一项：人大代表建议、政协提案"
        "（a provincial requirement）"]
    text = SEED.replace(OTHER, OTHER + "4.其他省定情形 | 1 | 0 | 0 | 0 | 0 | 0 | 2 | ||\n", 1)
    with language("zh"):
        found = lint(text, plugins=[("tables", tables), ("province", _Province([EXTRA_ROW]))],
                     select=["T001"])
    assert [d.message for d in found] == [
        "“（六）其他处理 4.其他省定情形”的总计为 2，但六类申请人各列之和为 1"]
    assert found[0].fix is not None
    assert found[0].fix.description == "将 2 改为计算所得的合计 1"
