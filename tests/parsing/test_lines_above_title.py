"""A line above the title, or a title wrapped over two lines, hides no finding (issue 16).

Every seed is linted as it is and with such a line put above its title; the findings must be
the same ones, at the same places in the shifted text, plus at most one finding on the added
line. The agency and its kind must not change.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gipr_lint.linting.config import Settings
from gipr_lint.linting.engine import FileResult, lint_source
from gipr_lint.linting.plugin_manager import PluginSet, load_plugins
from gipr_lint.reading.source import Source

FIXTURES = Path(__file__).parent.parent / "fixtures"
SEEDS = sorted(FIXTURES.glob("*.txt"))
ABOVE = {
    "attachment mark": "附件1\n",
    "attachment mark and a blank line": "附件：\n\n",
    "file number": "高政〔2025〕3号\n",
    "line of spaces": "      \n",
    "classification": "公开属性：主动公开\n",
}


@pytest.fixture(scope="module")
def plugin_set() -> PluginSet:
    return load_plugins()


def lint(text: str, plugin_set: PluginSet) -> FileResult:
    return lint_source(Source.from_bytes(text.encode("utf-8"), "r.txt"), Settings(),
                       plugin_set)


def found(result: FileResult, shift: int = 0) -> list[tuple[str, int, int, str]]:
    return sorted((d.code, d.line - shift, d.column, d.message) for d in result.diagnostics)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.name[:3])
@pytest.mark.parametrize("line", list(ABOVE), ids=list(ABOVE))
def test_a_line_above_the_title_hides_nothing(seed: Path, line: str,
                                              plugin_set: PluginSet) -> None:
    text = seed.read_text(encoding="utf-8")
    prefix = ABOVE[line]
    shift = prefix.count("\n")
    plain, shifted = lint(text, plugin_set), lint(prefix + text, plugin_set)
    assert shifted.report is not None and plain.report is not None
    on_the_line = [d for d in shifted.diagnostics if d.line <= shift]
    rest = [d for d in found(shifted, shift) if d[1] > 0]
    assert rest == found(plain)
    assert len(on_the_line) <= 1
    assert shifted.report.title is not None and plain.report.title is not None
    assert shifted.report.title.text == plain.report.title.text
    assert (shifted.report.agency_kind, shifted.report.year) == (plain.report.agency_kind,
                                                                  plain.report.year)
    assert (shifted.report.agency.text if shifted.report.agency else None) == \
        (plain.report.agency.text if plain.report.agency else None)


def _wraps(title: str) -> list[int]:
    """Where a title may wrap: before its year, and after 信息公开."""
    cuts = []
    year = re.search(r"(?:19|20)\d\d", title)
    if year and year.start() > 1:
        cuts.append(year.start())
    subject = title.find("信息公开")
    if subject >= 0:
        cuts.append(subject + len("信息公开"))
    return cuts


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.name[:3])
@pytest.mark.parametrize("prefix", ["", "附件1\n"], ids=["wrapped", "wrapped below a mark"])
def test_a_wrapped_title_is_taken_whole(seed: Path, prefix: str,
                                        plugin_set: PluginSet) -> None:
    text = seed.read_text(encoding="utf-8")
    plain = lint(text, plugin_set)
    assert plain.report is not None and plain.report.title is not None
    title = plain.report.title
    title_line = text.count("\n", 0, title.span.start) + 1
    cuts = _wraps(title.text)
    assert cuts, title.text
    for cut in cuts:
        at = title.span.start + cut
        wrapped = lint(prefix + text[:at] + "\n" + text[at:], plugin_set)
        assert wrapped.report is not None and wrapped.report.title is not None
        assert wrapped.report.title.text.replace("\n", "") == title.text
        assert wrapped.report.agency_kind == plain.report.agency_kind
        assert wrapped.report.year == plain.report.year
        shift = prefix.count("\n")
        # findings below the title: same places one line further down; on the title: same rule
        below = [(code, line - 1, column, message)
                 for code, line, column, message in found(wrapped, shift)
                 if line > title_line + 1]
        assert below == [f for f in found(plain) if f[1] > title_line]
        on_title = sorted(code for code, line, _, _ in found(wrapped, shift)
                          if title_line <= line <= title_line + 1)
        assert on_title == sorted(code for code, line, _, _ in found(plain)
                                  if line == title_line)


@pytest.mark.parametrize(("above", "title"), [
    ("附件1", "高庄镇人民政府2024年政府信息公开工作年度报告"),
    ("高政〔2025〕3号", "2024年政府信息公开工作年度报告"),
    ("2025年1月20日", "2024年政府信息公开工作年度报告"),
])
def test_a_mark_or_number_is_never_half_of_the_title(above: str, title: str,
                                                     plugin_set: PluginSet) -> None:
    result = lint(f"{above}\n{title}\n一、总体情况\n本年度工作。\n", plugin_set)
    assert result.report is not None and result.report.title is not None
    assert result.report.title.text == title


def test_a_sentence_above_is_not_passed_over(plugin_set: PluginSet) -> None:
    """Only short lines may stand above the title: after a sentence, what follows is body."""
    text = ("根据条例规定，现将本单位的情况公布如下。\n"
            "高庄镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n本年度工作。\n")
    result = lint(text, plugin_set)
    assert result.report is not None and result.report.title is None
