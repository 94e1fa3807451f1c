"""Fixes and extension points of the rules of issue 14 (the TOML cases check what they find)."""

from __future__ import annotations

import types

import pytest

from gipr_lint.api import hookimpl
from gipr_lint.diagnostics import Diagnostic
from gipr_lint.testing import installed_rules, lint

HEADER = "某某镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"


def _fixed(text: str, diagnostic: Diagnostic) -> str:
    assert diagnostic.fix is not None
    for edit in sorted(diagnostic.fix.edits, key=lambda e: e.span.start, reverse=True):
        text = text[:edit.span.start] + edit.replacement + text[edit.span.end:]
    return text


def _only(text: str, code: str, **kwargs: object) -> list[Diagnostic]:
    return lint(text, rules=[installed_rules()[code]], **kwargs)  # type: ignore[arg-type]


def test_s003_fix_is_safe_for_one_wrong_character_only() -> None:
    text = HEADER + "二、主动公开政府信息请况\n三、收到和处理政府信息公开申请情况\n"
    [found] = _only(text, "S003")
    assert found.fix is not None and found.fix.safe
    assert "二、主动公开政府信息情况\n" in _fixed(text, found)
    text = HEADER + "二、主动公开政府政府情况\n"
    [found] = _only(text, "S003")
    assert found.fix is not None and not found.fix.safe


def test_y006_fix_inserts_the_nian() -> None:
    text = HEADER + "本年度报告中所列数据统计期限为20231月1日至2023年12月31日。\n"
    [found] = _only(text, "Y006")
    assert found.fix is not None and found.fix.safe
    assert "为2023年1月1日至" in _fixed(text, found)


def test_a005_fix_closes_the_year() -> None:
    text = HEADER + "根据《年度报告格式》（国办公开办函〔202130号）要求编制。\n"
    [found] = _only(text, "A005")
    assert found.fix is not None and found.fix.safe
    assert "国办公开办函〔2021〕30号" in _fixed(text, found)


def test_a006_fix_is_safe_and_packs_add_substitutions() -> None:
    text = HEADER + "截止2023年12月31日，我镇及时更新帐户信息，做好布署。\n"
    found = _only(text, "A006")
    assert [d.column for d in found] == [1, 28]
    assert all(d.fix is not None and d.fix.safe for d in found)
    assert _fixed(text, found[0]).startswith(HEADER + "截至2023年")

    pack = types.ModuleType("word_pack")
    pack.GIPR_LINT_API = 1  # type: ignore[attr-defined]

    @hookimpl
    def gipr_lint_templates() -> list[object]:
        return [{"kind": "substitution", "wrong": "帐户", "right": "账户"}]

    pack.gipr_lint_templates = gipr_lint_templates  # type: ignore[attr-defined]
    found = lint(text, rules=[installed_rules()["A006"]], plugins=[("word-pack", pack)])
    assert [d.message for d in found if d.code == "A006"][1] == \
        'misused word "帐户"; expected "账户"'


def test_a006_choices_get_no_fix() -> None:
    found = _only(HEADER + "此事亟需解决。\n", "A006", options={"word-usage": ["亟需=亟须|急需"]})
    assert [d.message for d in found] == ['misused word "亟需"; expected "亟须" / "急需"']
    assert found[0].fix is None


def test_f003_fix_deletes_the_second_copy() -> None:
    text = HEADER + "及时发布预算执行情况情况和三公经费情况。\n"
    [found] = _only(text, "F003")
    assert found.fix is not None and found.fix.safe
    assert "预算执行情况和三公经费" in _fixed(text, found)


def test_y001_fix_on_the_title_is_unsafe() -> None:
    text = ("高庄镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
            "在2024年1月1日至2024年12月31日数据统计时限内，政府信息公开情况如下：\n"
            "高庄镇人民政府\n2025年1月20日\n")
    [found] = _only(text, "Y001")
    assert (found.line, found.column) == (1, 8)
    assert found.fix is not None and not found.fix.safe
    assert _fixed(text, found).startswith("高庄镇人民政府2024年")


NEW_MODULES = ("structure/s010_declared_parts.py", "consistency/c004_prose_breakdown.py",
               "consistency/c005_prose_percentage.py", "typography/f003_repeated_text.py",
               "typography/f004_enumeration_sequence.py", "wording/a005_malformed_citation.py",
               "wording/a006_word_usage.py", "years/y006_year_format.py")
#: The rules issue #14 changed, whose messages are translated too.
CHANGED_MODULES = ("structure/s003_section_heading.py", "structure/s005_report_title.py",
                   "structure/s008_pre_2019_structure.py", "tables/t007_table_format_year.py",
                   "years/y001_report_year_mismatch.py")


def test_every_new_message_has_its_chinese_translation() -> None:
    """Every message of the new rules is in the national catalog, translated into Chinese with
    the same placeholders."""
    import gettext
    import re
    from pathlib import Path

    import gipr_lint_national

    pack = Path(gipr_lint_national.__file__).parent
    mo = pack / "locale" / "zh" / "LC_MESSAGES" / "gipr_lint_national.mo"
    with mo.open("rb") as file:
        catalog = gettext.GNUTranslations(file)
    call = re.compile(r"""_\(((?:\s*"(?:[^"\\]|\\.)*"|\s*'(?:[^'\\]|\\.)*')+)\s*\)""")
    piece = re.compile(r""""((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'""")
    messages = 0
    for module in NEW_MODULES + CHANGED_MODULES:
        source = (pack / module).read_text(encoding="utf-8")
        for match in call.finditer(source):
            message = "".join(a or b for a, b in piece.findall(match.group(1)))
            chinese = catalog.gettext(message)
            assert chinese != message, f"{module}: {message}"
            assert re.search(r"[\u3000-\u9fff\uff00-\uffef]", chinese), f"{module}: {message}"
            assert sorted(re.findall(r"\{(\w+)\}", message)) == \
                sorted(re.findall(r"\{(\w+)\}", chinese)), message
            messages += 1
    assert messages >= 30


@pytest.mark.parametrize("code", ["S010", "C004", "C005", "F003", "F004", "A005", "A006", "Y006",
                                  "S005", "S008", "Y001", "S003"])
def test_docstring_examples_fail_and_pass(code: str) -> None:
    """The Fails:: example of the rule's docs is found, its Passes:: example is not."""
    import inspect
    import re
    import textwrap

    rule = installed_rules()[code]
    doc = inspect.getdoc(rule) or ""
    found = re.search(r"Fails::\n\n(.*?)\n\n\s*Passes::\n\n(.*)", doc, re.S)
    assert found is not None

    def codes(example: str) -> list[str]:
        text = textwrap.dedent(example)
        if "报告" not in text.split("\n")[0]:
            text = HEADER + text
        return [d.code for d in lint(text, rules=[rule])]

    assert code in codes(found.group(1))
    assert codes(found.group(2)) == []
