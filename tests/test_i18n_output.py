"""What users see, in Chinese and in English: the seeds' diagnostics pinned in both languages,
every rule case's messages free of the other language, and the language reaching the summary
line, ``rules``/``rule``, worker processes (``-j``), the configuration and the language server."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gipr_lint import templates
from gipr_lint.testing import installed_rules, lint, load_cases
from tests.conftest import FIXTURES, TESTS

PINNED = {lang: (TESTS / "expected" / name).read_text(encoding="utf-8").splitlines()
          for lang, name in (("en", "seed_diagnostics.txt"), ("zh", "seed_diagnostics.zh.txt"))}
SEEDS = sorted(path.name for path in FIXTURES.glob("*.txt"))
CASES = load_cases(TESTS / "rules" / "cases", fixtures=FIXTURES)

#: Text a message quotes from the report (or the official form): "…", “…”, 《…》.
QUOTED = re.compile(r'“[^”]*”|"[^"]*"|《[^》]*》')
#: What a Chinese message quotes (report text may hold any mark).
CHINESE_QUOTED = re.compile(r"“[^”]*”|《[^》]*》")
HAN_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")
#: Latin words a Chinese message may keep: names of file formats.
LATIN_KEPT = {"PDF"}
#: Rule codes a message names (the checks a P rule skipped: "T001–T003"), not English words.
RULE_CODE = re.compile(r"\b[A-Z]{1,3}\d{3}\b")
#: Chinese words an English message keeps because they name a part of the report or the form
#: (as a rule code would), besides the official labels in :mod:`gipr_lint.templates` and the
#: report's own text.
GLOSSARY = {
    "表", "一", "二", "三", "四", "五", "六", "七", "总计", "落款", "文号", "国办公开办函", "号",
    "〔", "〕", "万元", "元", "年", "月", "日", "我局", "我委", "我镇", "我乡", "我街道", "本机关",
    "问题", "不足", "差距", "改进", "措施", "下一步", "巩固拓展脱贫攻坚成果", "乡村振兴", "帮扶",
    "主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障", "信息处理费", "总体情况",
    "行政复议", "行政诉讼", "规章", "规范性文件", "镇", "乡", "街道", "、", "本年新收",
}


def _strings(value: Any) -> set[str]:
    """Every string inside the official templates (labels, headers, titles)."""
    if isinstance(value, str):
        return {value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return set().union(*(_strings(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, dict) or hasattr(value, "items"):
        return set().union(set(), *(_strings(k) | _strings(v) for k, v in value.items()))
    if isinstance(value, (list, tuple, set, frozenset)):
        return set().union(set(), *(_strings(item) for item in value))
    return set()


OFFICIAL = "\n".join(sorted(set().union(*(_strings(getattr(templates, name))
                                          for name in dir(templates) if name.isupper()))))


def _run(*args: str, env: dict[str, str] | None = None,
         cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    base = {key: value for key, value in os.environ.items()
            if key not in ("GIPR_LINT_LANG", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run([sys.executable, "-m", "gipr_lint", *args], capture_output=True,
                          text=True, encoding="utf-8", check=False, cwd=cwd,
                          env={**base, "NO_COLOR": "1", **(env or {})})


def _pinned(lang: str, name: str) -> list[str]:
    return [line.removeprefix(f"{name}:") for line in PINNED[lang] if line.startswith(f"{name}:")]


# --- the seeds, pinned in both languages -----------------------------------------------------

def test_both_pins_hold_the_same_findings() -> None:
    def where(line: str) -> str:
        return " ".join(line.split(" ")[:3])

    assert [where(line) for line in PINNED["zh"]] == [where(line) for line in PINNED["en"]]
    assert PINNED["zh"] != PINNED["en"]


@pytest.mark.parametrize("name", SEEDS)
def test_a_chinese_locale_gives_the_chinese_pin(name: str) -> None:
    result = _run("check", str(FIXTURES / name), "--format", "concise", "--isolated",
                  env={"LANG": "zh_CN.UTF-8"})
    assert result.stderr == ""
    found = [line.removeprefix(f"{FIXTURES / name}:") for line in result.stdout.splitlines()]
    assert found == _pinned("zh", name)


@pytest.mark.parametrize("name", SEEDS)
def test_lang_en_beats_a_chinese_locale(name: str) -> None:
    result = _run("check", str(FIXTURES / name), "--format", "concise", "--isolated",
                  "--lang", "en", env={"LC_ALL": "zh_CN.UTF-8"})
    found = [line.removeprefix(f"{FIXTURES / name}:") for line in result.stdout.splitlines()]
    assert found == _pinned("en", name)


def test_worker_processes_speak_the_chosen_language() -> None:
    result = _run("check", *(str(FIXTURES / name) for name in SEEDS), "--format", "concise",
                  "--isolated", "-j", "2", "--lang", "zh", env={"LANG": "en_US.UTF-8"})
    assert result.stdout.replace(f"{FIXTURES}{os.sep}", "").splitlines() == PINNED["zh"]


# --- every message, in the other language's absence ----------------------------------------

def _case_messages(lang: str) -> list[tuple[str, str, str]]:
    """(case, message, report text) for every diagnostic of every rule case, in ``lang``."""
    rules = installed_rules()
    out = []
    for case in CASES:
        settings = {key.replace("-", "_"): value for key, value in case.settings.items()}
        text = case.text()
        for diagnostic in lint(text, rules=[rules[case.code]], options=case.options or None,
                               lang=lang, **settings):
            out.append((str(case), diagnostic.message, text))
            if diagnostic.fix is not None:
                out.append((str(case), diagnostic.fix.description, text))
    return out


def test_chinese_messages_have_no_english() -> None:
    messages = _case_messages("zh")
    assert len(messages) > 150
    english = [(case, message) for case, message, _text in messages
               if set(re.findall(r"[A-Za-z]+", RULE_CODE.sub("", QUOTED.sub("", message))))
               - LATIN_KEPT]
    assert english == []


def test_chinese_messages_quote_and_separate_in_chinese() -> None:
    """Outside what they quote, Chinese messages use “” and full-width separators: no ASCII
    double quote and no "; " between clauses (S010 once wrote 遗漏了"总体情况"; …)."""
    messages = _case_messages("zh")
    ascii_marks = [(case, message) for case, message, _text in messages
                   if '"' in CHINESE_QUOTED.sub("", message)
                   or "; " in CHINESE_QUOTED.sub("", message)]
    assert ascii_marks == []


def test_s010_names_the_missing_parts_in_chinese_quotes() -> None:
    rules = installed_rules()
    text = ("本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
            "存在的主要问题及改进情况四个部分组成。\n")
    messages = [d.message for d in lint(text, rules=[rules["S010"]], lang="zh")]
    assert messages == [
        "导语声明的报告结构“总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在的"
        "主要问题…”与规定的六个部分不符：声明为4个部分，而不是六个部分；"
        "遗漏了“政府信息公开行政复议、行政诉讼情况”、“其他需要报告的事项”"]


def test_english_messages_have_no_chinese_but_names_and_quotes() -> None:
    messages = _case_messages("en")
    assert len(messages) > 150
    chinese = []
    for case, message, text in messages:
        for run in HAN_RUN.findall(QUOTED.sub("", message)):
            pieces = [piece for piece in re.split(r"[、 ·（）()〔〕]", run) if piece]
            if not all(piece in GLOSSARY or piece in OFFICIAL or piece in text
                       for piece in pieces):
                chinese.append((case, run, message))
    assert chinese == []


def test_every_rule_case_message_differs_between_the_languages() -> None:
    zh = [message for _case, message, _text in _case_messages("zh")]
    en = [message for _case, message, _text in _case_messages("en")]
    assert len(zh) == len(en)
    assert [pair for pair in zip(en, zh, strict=True) if pair[0] == pair[1]] == []


# --- the summary line, rules and rule ---------------------------------------------------------

def test_summary_line_in_both_languages(tmp_path: Path) -> None:
    seed = str(FIXTURES / SEEDS[0])
    zh = _run("check", seed, "--isolated", "--lang", "zh").stdout.splitlines()[-2:]
    en = _run("check", seed, "--isolated", "--lang", "en").stdout.splitlines()[-2:]
    assert zh == ["共发现 2 个错误、4 个警告，涉及 1 个文件；3 张统计表中 3 张已完整检查。",
                  "[*] 5 处可用 --fix 自动修复。"]
    assert en == ["Found 2 errors, 4 warnings in 1 file; 3 of 3 tables fully checked.",
                  "[*] 5 fixable with --fix."]
    clean = tmp_path / "clean.txt"
    clean.write_text("一、总体情况\n本年度工作正常开展。\n", encoding="utf-8")  # (an empty file
    # is not read any more: "cannot read: empty file")
    assert _run("check", str(clean), "--isolated", "--select", "A001", "--lang",
                "zh").stdout.splitlines()[-1] == "全部检查通过；未发现统计表。"


def test_rules_summaries_in_chinese() -> None:
    result = _run("rules", env={"LANG": "zh_CN.UTF-8"})
    assert result.returncode == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert len(rows) >= 37
    english = [row for row in rows
               if set(re.findall(r"[A-Za-z]+", QUOTED.sub("", row[3]))) - LATIN_KEPT - {"Y"}]
    assert english == []
    assert ["T001", "request-row-total", "error", "表三某行总计与各类申请人之和不符",
            "tables"] in rows


def test_rules_json_keeps_its_keys_and_codes() -> None:
    import json

    zh = json.loads(_run("rules", "--format", "json", "--lang", "zh").stdout)
    en = json.loads(_run("rules", "--format", "json", "--lang", "en").stdout)
    assert [set(item) for item in zh] == [set(item) for item in en]
    assert [(item["code"], item["name"]) for item in zh] == [(item["code"], item["name"])
                                                              for item in en]
    assert {item["code"]: item["summary"] for item in zh}["A001"] == "自称与机关类型不符"


def test_rule_explained_in_chinese() -> None:
    out = _run("rule", "T001", "--lang", "zh").stdout
    assert out.splitlines()[0] == ("T001 request-row-total（级别 error）。来自 gipr-lint 内置的"
                                   "全国通用规则，检查统计表中的数字。")
    assert "表三某行总计与各类申请人之和不符" in out
    assert "表三某行的“总计”与六类申请人各列之和不一致。" in out
    assert "不通过示例：" in out and "通过示例：" in out
    assert "一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 5" in out
    prose = [line for line in out.splitlines()[1:]
             if line and not line.startswith("    ") and "gipr-lint rule" not in line]
    assert [line for line in prose if re.search(r"[A-Za-z]", line)] == []


def test_rule_explained_in_english_is_the_docstring() -> None:
    out = _run("rule", "T001", "--lang", "en").stdout
    assert out.splitlines()[:3] == [
        "T001 request-row-total: error. From the national rules built into gipr-lint, which "
        "check the figures of the statistics tables.", "",
        "Table 三 row total differs from the sum of the applicant columns"]
    assert "Fails::" in out


# --- configuration and the language server ----------------------------------------------------

def test_config_lang_chooses_the_language(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes((FIXTURES / SEEDS[0]).read_bytes())
    (tmp_path / "gipr-lint.toml").write_text('lang = "zh"\nselect = ["A001"]\n',
                                             encoding="utf-8")
    zh = _run("check", "report.txt", "--format", "concise", cwd=tmp_path,
              env={"GIPR_LINT_LANG": "en"})
    assert zh.stdout.splitlines()[0] == ("report.txt:60:6: error A001 "
                                         "乡镇的报告中出现“我局”，应为“我镇”")
    en = _run("check", "report.txt", "--format", "concise", "--lang", "en", cwd=tmp_path)
    assert en.stdout.splitlines()[0] == ('report.txt:60:6: error A001 "我局" in a township '
                                         'report; expected "我镇"')


def test_config_lang_is_validated(tmp_path: Path) -> None:
    (tmp_path / "gipr-lint.toml").write_text('lang = "fr"\n', encoding="utf-8")
    (tmp_path / "report.txt").write_text("x", encoding="utf-8")
    result = _run("check", "report.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "lang" in result.stderr and "unknown language 'fr'" in result.stderr


def test_language_server_session_follows_the_config(tmp_path: Path) -> None:
    from gipr_lint.editor.lsp_session import Linter

    (tmp_path / "gipr-lint.toml").write_text('lang = "zh"\nselect = ["A001"]\n',
                                             encoding="utf-8")
    report = tmp_path / "report.txt"
    text = (FIXTURES / SEEDS[0]).read_text(encoding="utf-8")
    linter = Linter(cwd=tmp_path)
    document = linter.lint(report.as_uri(), text, report)
    assert [d.message for d in document.diagnostics] == ["乡镇的报告中出现“我局”，应为“我镇”"] * 2


def _tree_text(path: Path, lang: str) -> str:
    import io

    from rich.console import Console

    from gipr_lint.formatters.report_json import report_tree
    from gipr_lint.i18n import language
    from gipr_lint.reading.parser import parse
    from gipr_lint.reading.source import Source

    out = io.StringIO()
    with language(lang):
        Console(file=out, width=200, no_color=True, highlight=False).print(
            report_tree(parse(Source.from_bytes(path.read_bytes(), str(path)))))
    return out.getvalue()


def test_parse_tree_labels_in_chinese() -> None:
    """`parse --format tree` labelled its branches in English (facts, title, agency, section,
    table, signature) in a Chinese run; English keeps its labels."""
    from tests.conftest import GAOZHUANG

    chinese = _tree_text(GAOZHUANG, "zh").splitlines()
    assert chinese[1:5] == [
        "├── 基本信息",
        "│   ├── 标题：高庄镇人民政府2024年政府信息公开工作年度报告",
        "│   ├── 机关：高庄镇人民政府（township，来自 title）",
        "│   └── 年度：2024   格式：2021"]
    assert "├── 2:1 一、总体情况 → 第1部分" in chinese
    assert "├── 10:1 表格 active（2021 格式）" in chinese
    english = _tree_text(GAOZHUANG, "en").splitlines()
    assert english[1:3] == ["├── facts",
                            "│   ├── title: 高庄镇人民政府2024年政府信息公开工作年度报告"]
    assert "├── 2:1 一、总体情况 → section 1" in english
