"""A row left blank where its cells are bounded (a web or Word table's empty cells, "| | |",
tabs) is blank cells, as "/" is: T006's warning at the cells, not T005's "expected numbers,
found none" (kept for a label with nothing after it, whose cells' boundaries are lost). A
township makes no 规章, and leaving that row of table 二 empty is the common case."""

from __future__ import annotations

from pathlib import Path

import pytest

from gipr_lint.linting.config import build_settings
from gipr_lint.linting.engine import lint_path
from gipr_lint.linting.plugin_manager import PluginSet, load_plugins
from tests.readers.correct_reports import reports
from tests.readers.render import render_html
from tests.readers.test_correct_reports import fill_template

#: Kinds that make no 规章 (a township, a sub-district office, a management committee).
KINDS = ["town", "jiedao", "guanweihui"]
_RULES_ROW = "规章 | 0 | 0 | 0 |"
_BLANK = ('T006 table 二, "规章": expected a number, found empty: 3 cells are read as 0 '
          "(本年制发件数, 本年废止件数, 现行有效件数); write 0")


@pytest.fixture(scope="module")
def plugin_set() -> PluginSet:
    return load_plugins()


def _blanked(name: str, row: str = "规章 |  |  |  |") -> str:
    text = reports()[name]
    assert _RULES_ROW in text
    return text.replace(_RULES_ROW, row)


def _found(path: Path, plugin_set: PluginSet) -> list[str]:
    result = lint_path(path, build_settings({}, root=path.parent), plugin_set)
    assert result.error is None and result.report is not None
    assert result.report.tables_fully_read() == (3, 3)
    return [f"{d.line}:{d.column} {d.code} {d.message}" for d in result.diagnostics
            if d.severity.name.lower() in ("error", "warning")]


@pytest.mark.parametrize("name", KINDS)
def test_pipe_text(name: str, tmp_path: Path, plugin_set: PluginSet) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(_blanked(name), encoding="utf-8")
    line = path.read_text(encoding="utf-8").split("\n").index("规章 |  |  |  |") + 1
    assert _found(path, plugin_set) == [f"{line}:5 {_BLANK}"]


@pytest.mark.parametrize("name", KINDS)
def test_tab_text(name: str, tmp_path: Path, plugin_set: PluginSet) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(_blanked(name, "规章\t\t\t"), encoding="utf-8")
    line = path.read_text(encoding="utf-8").split("\n").index("规章\t\t\t") + 1
    assert _found(path, plugin_set) == [f"{line}:4 {_BLANK}"]


@pytest.mark.parametrize("name", KINDS)
def test_portal_page(name: str, tmp_path: Path, plugin_set: PluginSet) -> None:
    text = tmp_path / f"{name}.txt"
    text.write_text(_blanked(name), encoding="utf-8")
    path = tmp_path / f"{name}.html"
    path.write_bytes(render_html(text, "utf-8", "portal"))
    found = _found(path, plugin_set)
    assert [entry.split(" ", 1)[1] for entry in found] == [_BLANK]


@pytest.mark.parametrize("name", KINDS)
def test_word_template_with_the_row_left_empty(name: str, tmp_path: Path,
                                               plugin_set: PluginSet) -> None:
    path = tmp_path / f"{name}.docx"
    fill_template(_blanked(name), path)  # the template's 规章 cells stay as they are: empty
    found = _found(path, plugin_set)
    assert [entry.split(" ", 1)[1] for entry in found] == [_BLANK]


def test_label_with_nothing_after_it_is_still_missing_numbers(tmp_path: Path,
                                                              plugin_set: PluginSet) -> None:
    path = tmp_path / "town.txt"
    path.write_text(_blanked("town", "规章"), encoding="utf-8")
    line = path.read_text(encoding="utf-8").split("\n").index("规章") + 1
    result = lint_path(path, build_settings({}, root=tmp_path), plugin_set)
    assert [f"{d.line}:{d.column} {d.code} {d.message}" for d in result.diagnostics
            if d.severity.name.lower() in ("error", "warning")] == [
        f'{line}:1 T005 table 二, "规章": expected numbers after the label, found none']


#: The seeds whose cells are apart (pipes, tabs, a cell a line, spaces). Seed 003 runs a row's
#: cells together ("0000000"), and a tab after such a run reads as a separator: its table 四
#: is then short of cells, with or without the blank-row reading (a limitation of its own).
_CELLS_APART = [path for path in sorted(Path(__file__).parent.parent.joinpath("fixtures")
                                        .glob("*.txt")) if not path.name.startswith("003_")]


@pytest.mark.parametrize("seed", _CELLS_APART, ids=lambda path: path.stem[:3])
def test_a_tab_ending_every_line_changes_nothing(seed: Path, tmp_path: Path,
                                                 plugin_set: PluginSet) -> None:
    """Text copied from a Word or spreadsheet table often ends each line with a tab: after a
    row's numbers it closes the row; only a label's line of empty fields counts the piece after
    its last tab as a cell (a seed with a tab after every line got 58 more findings when any
    line-ending tab was a cell)."""
    text = seed.read_text(encoding="utf-8")
    tabbed = tmp_path / "tabbed.txt"
    tabbed.write_text("".join(line + "\t\n" for line in text.split("\n")), encoding="utf-8")
    settings = build_settings({}, root=seed.parent)
    plain, copied = lint_path(seed, settings, plugin_set), lint_path(tabbed, settings, plugin_set)
    assert plain.report is not None and copied.report is not None
    assert copied.report.tables_fully_read() == plain.report.tables_fully_read()
    assert [(d.line, d.column, d.code, d.message) for d in copied.diagnostics] == [
        (d.line, d.column, d.code, d.message) for d in plain.diagnostics]
