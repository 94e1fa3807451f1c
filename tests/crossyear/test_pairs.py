"""The cross-year rules X001–X004 on pairs of consecutive years built from a seed."""

from __future__ import annotations

from functools import lru_cache

import pytest

from gipr_lint.linting.config import build_settings
from gipr_lint.linting.crossreport import lint_texts
from gipr_lint.linting.plugin_manager import PluginSet, load_plugins
from tests.crossyear.pairs import (
    FIXTURES,
    SEED,
    earlier_year,
    section_five,
    shift_years,
    with_cells,
)

NOW, BEFORE = "tdz/2024.txt", "tdz/2023.txt"


@lru_cache(maxsize=1)
def plugins() -> PluginSet:
    return load_plugins()


def run(texts: dict[str, str], history: dict[str, str] | None = None,
        **settings: object) -> list[tuple[str, str, str]]:
    """``(path, "line:column CODE", message)`` of every X finding."""
    from pathlib import Path

    built = build_settings({"select": ("X",), **settings}, root=Path.cwd())
    results = lint_texts(texts, plugins(), built, history)
    return [(r.path, f"{d.line}:{d.column} {d.code}", d.message)
            for r in results for d in r.diagnostics]


def test_continuous_pair_is_silent() -> None:
    assert run({BEFORE: earlier_year(), NOW: SEED}) == []


def test_earlier_year_shares_nothing_by_accident() -> None:
    before = earlier_year()
    assert "2023年政府信息公开工作年度报告" in before
    assert section_five(before) != section_five(SEED)


def test_carry_over_points_at_this_years_cell() -> None:
    before = earlier_year(changes={("requests", "carry_forward", 0): "2",
                                   ("requests", "carry_forward", 6): "2"})
    assert run({BEFORE: before, NOW: SEED}) == [
        (NOW, "91:2 X001", "上年结转 自然人 is 0, but 2023's 结转下年度 is 2 (tdz/2023.txt)"),
        (NOW, "97:2 X001", "上年结转 总计 is 0, but 2023's 结转下年度 is 2 (tdz/2023.txt)"),
    ]


def test_carry_over_from_history_file() -> None:
    before = earlier_year(changes={("requests", "carry_forward", 3): "1"})
    assert run({NOW: SEED}, history={BEFORE: before}) == [
        (NOW, "94:2 X001", "上年结转 社会公益组织 is 0, but 2023's 结转下年度 is 1 "
                          "(tdz/2023.txt)"),
    ]


def test_carry_over_in_the_other_direction() -> None:
    now = with_cells(SEED, {("requests", "carried_over", 1): "5"})
    findings = run({BEFORE: earlier_year(), NOW: now})
    assert findings == [
        (NOW, "92:2 X001", "上年结转 商业企业 is 5, but 2023's 结转下年度 is 0 (tdz/2023.txt)")]


def test_documents_in_force_2021() -> None:
    before = earlier_year(changes={("active", "rules", 2): "6"})
    assert run({BEFORE: before, NOW: SEED}) == [
        (NOW, "26:2 X002", "现行有效件数 of 规章 is 0, but 2023's 现行有效件数 6 + 本年制发件数 0 "
                          "− 本年废止件数 0 = 6 (tdz/2023.txt)"),
    ]


def test_documents_in_force_follows_issued_and_repealed() -> None:
    before = earlier_year(changes={("active", "normative_documents", 2): "6"})
    now = with_cells(SEED, {("active", "normative_documents", 0): "2",
                            ("active", "normative_documents", 1): "1",
                            ("active", "normative_documents", 2): "7"})
    assert run({BEFORE: before, NOW: now}) == []
    wrong = with_cells(now, {("active", "normative_documents", 2): "8"})
    assert run({BEFORE: before, NOW: wrong}) == [
        (NOW, "31:2 X002", "现行有效件数 of 行政规范性文件 is 8, but 2023's 现行有效件数 6 + "
                          "本年制发件数 2 − 本年废止件数 1 = 7 (tdz/2023.txt)"),
    ]


def test_copied_problems() -> None:
    before = earlier_year(problems=section_five(SEED).split("\n", 1)[1])
    assert run({BEFORE: before, NOW: SEED}) == [
        (NOW, "405:1 X003", "100% of section 五 repeats 2023's section 五 (tdz/2023.txt)"),
    ]


def test_copied_problems_threshold_is_an_option() -> None:
    # half of the seed's problems, half new: 2024 repeats about half of 2023's text
    seed_problems = section_five(SEED).split("\n", 1)[1]
    half = seed_problems[:len(seed_problems) // 2]
    before = earlier_year(problems=half + "\n" + "（三）其他\n加强培训。")
    assert run({BEFORE: before, NOW: SEED}) == []
    findings = run({BEFORE: before, NOW: SEED},
                   plugins={"crossyear": {"copied-problems-threshold": 0.3}})
    assert [(path, where) for path, where, _ in findings] == [(NOW, "405:1 X003")]


def test_copied_tables_with_non_zero_figures() -> None:
    before = earlier_year(changes={("review", "review", 0): "0", ("review", "review", 1): "1"})
    assert run({BEFORE: before, NOW: SEED}) == [
        (NOW, "349:2 X004", "table 四 is identical to 2023's (tdz/2023.txt), cell for cell, "
                           "with 4 non-zero figures"),
    ]


def test_tables_of_zeros_are_not_copies() -> None:
    zeros = {("requests", "new", 0): "0", ("requests", "new", 6): "0",
             ("requests", "granted", 0): "0", ("requests", "granted", 6): "0",
             ("requests", "partially_granted", 0): "0",
             ("requests", "partially_granted", 6): "0",
             ("requests", "total", 0): "0", ("requests", "total", 6): "0"}
    now = with_cells(SEED, zeros)
    before = earlier_year(now, changes={**zeros})
    assert [where for _, where, _ in run({BEFORE: before, NOW: now})] == []


def test_other_agency_is_not_last_year() -> None:
    before = earlier_year(changes={("requests", "carry_forward", 0): "2"})
    before = before.replace("跳磴镇", "华岩镇")
    assert run({BEFORE: before, NOW: SEED}) == []


def titled(text: str, name: str, year: int) -> str:
    """``text`` whose only mention of its agency is ``name`` in the title."""
    title = f"{year}年政府信息公开工作年度报告"
    return text.replace("大渡口区跳磴镇人民政府", "我镇").replace(title, name + title, 1)


@pytest.mark.parametrize(("name", "matches"), [
    ("大渡口区跳磴镇政府", True),
    ("大渡口区跳磴镇", True),
    ("大渡口区 跳磴镇人民政府", True),
    ("跳磴镇人民政府", False),  # another county may have a 跳磴镇
    ("大渡口区跳磴镇街道办事处", False),
])
def test_agency_name_variants(name: str, matches: bool) -> None:
    before = earlier_year(changes={("requests", "carry_forward", 0): "2"})
    found = run({BEFORE: titled(before, name, 2023), NOW: SEED})
    assert [where for _, where, _ in found] == (["91:2 X001"] if matches else [])


def test_selection_and_severity_apply() -> None:
    before = earlier_year(changes={("requests", "carry_forward", 0): "2",
                                   ("active", "rules", 2): "6"})
    assert [w for _, w, _ in run({BEFORE: before, NOW: SEED}, ignore=("X001",))] == [
        "26:2 X002"]
    from pathlib import Path

    from gipr_lint.diagnostics import Severity
    from gipr_lint.linting.config import build_settings as build

    built = build({"select": ("X002",), "severity": {"X002": Severity.ERROR}}, root=Path.cwd())
    results = lint_texts({BEFORE: before, NOW: SEED}, plugins(), built)
    assert [(d.code, d.severity.value) for r in results for d in r.diagnostics] == [
        ("X002", "error")]


def test_each_file_records_what_it_was_compared_with() -> None:
    from pathlib import Path

    built = build_settings({"select": ("X",)}, root=Path.cwd())
    results = lint_texts({BEFORE: earlier_year(), NOW: SEED}, plugins(), built)
    previous = {r.path: r.previous.path if r.previous else None for r in results}
    assert previous == {BEFORE: None, NOW: BEFORE}


XIGUO = (FIXTURES / "001_e0653abc3b201f3e.txt").read_text(encoding="utf-8")  # 2020, 2019 format


def test_documents_and_projects_in_the_2019_format() -> None:
    assert run({"xg2019.txt": shift_years(XIGUO), "xg2020.txt": XIGUO}, select=("X002",)) == []
    before = with_cells(shift_years(XIGUO), {("active", "rules", 2): "5",
                                             ("active", "licensing", 0): "3",
                                             ("active", "licensing", 1): "1"})
    found = run({"xg2019.txt": before, "xg2020.txt": XIGUO}, select=("X002",))
    assert [(path, where) for path, where, _ in found] == [
        ("xg2020.txt", "19:8 X002"), ("xg2020.txt", "24:6 X002")]
    assert [message for _, _, message in found] == [
        "对外公开总数量 of 规章 is 0, but 2019's 对外公开总数量 5 + 本年新公开数量 0 = 5 "
        "(xg2019.txt)",
        "上一年项目数量 of 行政许可 is 0, but 2019's 上一年项目数量 3 + 本年增/减 1 = 4 "
        "(xg2019.txt)"]


def test_no_stock_check_across_formats() -> None:
    before = with_cells(shift_years(XIGUO), {("active", "rules", 2): "5"})
    now = shift_years(SEED, -4)  # a 2020 report in the 2021 format
    now = now.replace("大渡口区跳磴镇人民政府", "孟州市西虢镇人民政府")
    assert run({"xg2019.txt": before, "xg2020.txt": now}, select=("X002",)) == []


def test_the_stage_run_again_replaces_its_findings() -> None:
    """After ``--fix`` the stage runs again over its own results: their cross-report
    findings are replaced, not doubled, and dropped where nothing is found any more."""
    from pathlib import Path

    from gipr_lint.linting.crossreport import run_cross_report

    before = earlier_year(changes={("requests", "carry_forward", 0): "2"})
    settings = build_settings({"select": ("X",)}, root=Path.cwd())
    first = lint_texts({BEFORE: before, NOW: SEED}, plugins(), settings)
    codes = [[d.code for d in result.diagnostics] for result in first]
    assert codes == [[], ["X001"]]

    class Same:
        def settings_for(self, path: object) -> object:
            return settings

    again = run_cross_report(first, plugins(), Same(), (), settings)  # type: ignore[arg-type]
    assert [[d.code for d in result.diagnostics] for result in again] == codes
    alone = run_cross_report(first[1:], plugins(), Same(), (), settings)  # type: ignore[arg-type]
    assert [[d.code for d in result.diagnostics] for result in alone] == [[]]
