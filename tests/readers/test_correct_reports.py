"""Correct reports of every agency kind (tests/readers/correct_reports.py), as text, as a portal
page with its furniture, as a Word file filled into the official template and as a PDF: every
statistics table fully read, no error and no warning. Each finding on them is a false positive;
these reports found three (C004, F003 and the HTML reader's end of the report)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from gipr_lint.linting.config import build_settings
from gipr_lint.linting.engine import lint_path
from gipr_lint.linting.plugin_manager import PluginSet, load_plugins
from tests.readers import pdf_render
from tests.readers.correct_reports import reports
from tests.readers.render import TEMPLATE, render_html

REPORTS = reports()
#: A report of each of three kinds for the slower formats (Word, PDF).
FEW = ["ministry", "xiang", "guanweihui"]


@pytest.fixture(scope="module")
def plugin_set() -> PluginSet:
    return load_plugins()


def problems(path: Path, plugin_set: PluginSet) -> tuple[tuple[int, int] | None, list[str]]:
    """The tables read (fully, found) and the errors and warnings, as ``line:col CODE message``."""
    result = lint_path(path, build_settings({}, root=path.parent), plugin_set)
    assert result.error is None
    report = result.report
    assert report is not None
    found = [f"{d.line}:{d.column} {d.code} {d.message}" for d in result.diagnostics
             if d.severity.name.lower() in ("error", "warning")]
    return report.tables_fully_read(), found


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_text(name: str, tmp_path: Path, plugin_set: PluginSet) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(REPORTS[name], encoding="utf-8")
    assert problems(path, plugin_set) == ((3, 3), [])


#: A portal's furniture around and after the article's content block, as published pages have
#: it: a font-size and publication line inside it; print and close links, a QR code, 上一篇 and
#: 下一篇 after it.
_INSIDE = '<p>字体：【大 中 小】 发布日期：2025-01-20 信息来源：本站 阅读次数：356</p>'
_AFTER = ('<p>【<a href="javascript:window.print()">打印本页</a>】 '
          '【<a href="javascript:window.close()">关闭窗口</a>】</p>'
          '<div class="ewm">扫一扫在手机打开当前页</div>'
          '<p>上一篇：关于2023年政府信息公开工作年度报告的说明</p>'
          '<p>下一篇：2024年法治政府建设情况报告</p>')


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_portal_page_with_its_furniture(name: str, tmp_path: Path,
                                        plugin_set: PluginSet) -> None:
    text = tmp_path / f"{name}.txt"
    text.write_text(REPORTS[name], encoding="utf-8")
    page = render_html(text, "utf-8", "portal").decode("utf-8")
    content = '<div class="TRS_Editor" id="zoom">'
    share = '<div class="bdsharebuttonbox share">'
    assert content in page and share in page
    page = page.replace(content, content + _INSIDE).replace(share, _AFTER + share)
    path = tmp_path / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    assert problems(path, plugin_set) == ((3, 3), [])


@pytest.mark.parametrize("name", FEW)
def test_portal_page_with_the_signature_set_apart(name: str, tmp_path: Path,
                                                  plugin_set: PluginSet) -> None:
    """The 落款 in an element of its own right after the content block, then the furniture."""
    *body, agency, date = REPORTS[name].rstrip("\n").split("\n")
    text = tmp_path / f"{name}.txt"
    text.write_text("\n".join(body) + "\n", encoding="utf-8")
    page = render_html(text, "utf-8", "portal").decode("utf-8")
    share = '<div class="bdsharebuttonbox share">'
    sign = (f'<div class="sign" style="text-align:right"><p>{agency}</p><p>{date}</p></div>')
    page = page.replace(share, sign + _AFTER + share)
    path = tmp_path / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    assert problems(path, plugin_set) == ((3, 3), [])
    result = lint_path(path, build_settings({}, root=tmp_path), plugin_set)
    assert result.report is not None and result.report.signature is not None
    assert result.report.signature.agency is not None
    assert result.report.signature.agency.text == agency


_HEADINGS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
             "六、其他需要报告的事项")


def _parts(text: str) -> tuple[str, dict[str, list[str]], dict[str, list[str]], list[str]]:
    """The title, the prose under each heading ("" for before the first), each table row's
    numbers by its last label, and table 四's row of numbers."""
    lines = [line for line in text.split("\n") if line.strip()]
    prose: dict[str, list[str]] = {"": []}
    rows: dict[str, list[str]] = {}
    review: list[str] = []
    heading = ""
    for line in lines[1:]:
        if line in _HEADINGS:
            heading = line
            prose[heading] = []
        elif "|" in line:
            fields = [field.strip() for field in line.rstrip(" |").split("|")]
            numbers = [field for field in fields if field.replace(".", "").isdigit()]
            labels = [field for field in fields if field and field not in numbers]
            if labels and numbers:
                rows[labels[-1]] = numbers
            elif numbers and not labels:
                review = numbers
        else:
            prose[heading].append(line)
    return lines[0], prose, rows, review


def fill_template(text: str, target: Path) -> None:
    """The report filled into the official 2021 template: its title and prose in the
    template's paragraphs, its numbers in the template's own tables (merged cells and all)."""
    import docx
    from docx.text.paragraph import Paragraph

    title, prose, rows, review = _parts(text)
    document = docx.Document(str(TEMPLATE))
    paragraphs = document.paragraphs

    def write(paragraph: Paragraph, lines: list[str]) -> None:
        for run in paragraph.runs:
            run.text = ""
        (paragraph.runs[0] if paragraph.runs else paragraph.add_run()).text = lines[0]
        previous = paragraph
        for line in lines[1:]:
            element = copy.deepcopy(previous._p)
            previous._p.addnext(element)
            previous = Paragraph(element, previous._parent)
            for run in previous.runs[1:]:
                run.text = ""
            previous.runs[0].text = line

    write(paragraphs[1], [title, *prose[""]])
    # the template's （文字描述） placeholders under 一, 五 and 六
    write(paragraphs[4], prose["一、总体情况"])
    write(paragraphs[29], prose["五、存在的主要问题及改进情况"])
    write(paragraphs[31], prose["六、其他需要报告的事项"])
    for table in document.tables[:2]:
        for row in table.rows:
            cells: list[object] = []
            for cell in row.cells:
                if all(cell._tc is not other._tc for other in cells):  # type: ignore[attr-defined]
                    cells.append(cell)
            labels = [cell.text.strip() for cell in cells if cell.text.strip()]  # type: ignore[attr-defined]
            numbers = rows.get(labels[-1]) if labels else None
            if numbers:
                for cell, number in zip(cells[-len(numbers):], numbers, strict=True):
                    cell.text = number  # type: ignore[attr-defined]
    for cell, number in zip(document.tables[2].rows[-1].cells, review, strict=True):
        cell.text = number
    document.save(str(target))


@pytest.mark.parametrize("name", FEW)
def test_word_file_filled_into_the_official_template(name: str, tmp_path: Path,
                                                     plugin_set: PluginSet) -> None:
    path = tmp_path / f"{name}.docx"
    fill_template(REPORTS[name], path)
    assert problems(path, plugin_set) == ((3, 3), [])


@pytest.mark.parametrize("name", FEW)
def test_pdf(name: str, tmp_path: Path, plugin_set: PluginSet) -> None:
    text = tmp_path / f"{name}.txt"
    text.write_text(REPORTS[name], encoding="utf-8")
    path = tmp_path / f"{name}.pdf"
    pdf_render.render_file(text, path)
    assert problems(path, plugin_set) == ((3, 3), [])
