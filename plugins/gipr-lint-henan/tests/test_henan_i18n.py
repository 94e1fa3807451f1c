"""The pack's own gettext catalog: complete, compiled, and used for its findings."""

from __future__ import annotations

from pathlib import Path

import gipr_lint_henan
from gipr_lint_national import tables

from gipr_lint.i18n_tools import check
from gipr_lint.testing import lint

HERE = Path(__file__).parent
MENGZHOU = (HERE / "fixtures" / "mengzhou-xiguo-2020.txt").read_text(encoding="utf-8")


def test_the_catalog_is_complete_and_compiled() -> None:
    assert check("gipr_lint_henan") == []


def test_findings_in_chinese() -> None:
    found = lint(MENGZHOU, plugins=[("henan", gipr_lint_henan)], lang="zh",
                 select=["HEN001"])
    assert [d.message for d in found] == [
        "报告未引用《河南省政府信息公开办法》，应与《条例》一并列为工作依据"]


def test_identity_description_from_the_template_data_in_chinese() -> None:
    report = """某某镇人民政府2020年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第（一）项
信息内容	本年新制作数量	本年新公开数量	对外公开总数量
规章	0	0	0
规范性文件	3	2	10
"""
    messages = {
        "zh": "规范性文件的本年新公开数量与本年新制作数量不一致（制作的规范性文件均应公开）"
              "：填写为 2，按计算应为 3（3）",
        "en": "规范性文件: 本年新公开数量 differs from 本年新制作数量 (a normative document "
              "must be published): found 2, expected 3 (3)",
    }
    for lang, expected in messages.items():
        found = lint(report, plugins=[("henan", gipr_lint_henan), ("tables", tables)],
                     lang=lang, select=["HEN003"])
        assert [d.message for d in found] == [expected], lang
