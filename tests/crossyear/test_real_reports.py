"""Cross-report checks on real published reports (tests/crossyear/fixtures/real/README.md)."""

from __future__ import annotations

from pathlib import Path

from gipr_lint.linting.config import build_settings
from gipr_lint.linting.crossreport import lint_texts
from tests.crossyear.test_pairs import plugins, run

REAL = Path(__file__).resolve().parent / "fixtures" / "real"


def text(name: str) -> str:
    return (REAL / name).read_text(encoding="utf-8")


def test_consecutive_years_of_shanghai_are_matched_and_nothing_is_guessed() -> None:
    texts = {"sh2022.txt": text("shanghai-2022.txt"), "sh2023.txt": text("shanghai-2023.txt")}
    built = build_settings({"select": ("X",)}, root=Path.cwd())
    results = lint_texts(texts, plugins(), built)
    assert [(r.path, r.report.agency.text if r.report and r.report.agency else None,
             r.report.year if r.report else None) for r in results] == [
        ("sh2022.txt", "上海市", 2022), ("sh2023.txt", "上海市", 2023)]
    assert [r.previous.path if r.previous else None for r in results] == [None, "sh2022.txt"]
    # the excerpts have no tables 三/四 and no section 五: no X finding, not a guess
    assert [d.code for r in results for d in r.diagnostics] == []


def test_real_reports_of_two_agencies_sharing_text() -> None:
    texts = {"sh2022.txt": text("shanghai-2022.txt"),
             "office2022.txt": text("shanghai-office-2022.txt")}
    # 58 % of the shingles are shared (exact Jaccard; the sketch estimates 60 %): not a
    # near-duplicate at the default threshold
    assert run(texts, select=("X005",), agency="上海市人民政府办公厅") == []
    found = run(texts, select=("X005",), agency="上海市人民政府办公厅",
                plugins={"crossyear": {"near-duplicate-threshold": 0.5}})
    assert [(path, where) for path, where, _ in found] == [("sh2022.txt", "1:1 X005"),
                                                           ("office2022.txt", "1:1 X005")]
    messages = [message for _, _, message in found]
    assert messages[0].startswith("the text is about 60% the same")
    assert messages[0].endswith("% the same as 上海市人民政府办公厅's 2022 report (office2022.txt)")
    assert messages[1].endswith("% the same as 上海市's 2022 report (sh2022.txt)")
