"""Every seed published as a portal page (UTF-8 and GBK) and as a Word file laid out like the
official template: same tables as the text version, same findings, at places in the original
file."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from gipr_lint.linting.config import build_settings
from gipr_lint.linting.engine import FileResult, lint_path
from gipr_lint.linting.plugin_manager import PluginSet, load_plugins
from gipr_lint.model import Report
from gipr_lint.reading.document import Origin
from gipr_lint.reading.parser import parse
from gipr_lint.reading.readers.docx import read_docx
from gipr_lint.reading.readers.html import read_html
from gipr_lint.reading.source import read_source
from tests.readers.render import SEEDS, render_docx, render_html

IDS = [seed.name[:3] for seed in SEEDS]


@pytest.fixture(scope="module")
def plugin_set() -> PluginSet:
    return load_plugins()


def tables(report: Report) -> dict[str, object]:
    """Everything the rules read from the tables: format, rows, values, blanks, missing rows."""
    return {kind: (table.format, [(row.key, [(cell.value, cell.blank) for cell in row.cells])
                                  for row in table.rows], table.missing_rows)
            for kind, table in report.tables.items()}


def lint(path: Path, plugin_set: PluginSet) -> FileResult:
    result = lint_path(path, build_settings({}, root=path.parent), plugin_set)
    assert result.error is None
    return result


def findings(result: FileResult) -> collections.Counter[tuple[str, str]]:
    return collections.Counter((d.code, d.message) for d in result.diagnostics)


def text_findings(seed: Path, plugin_set: PluginSet) -> collections.Counter[tuple[str, str]]:
    found = findings(lint(seed, plugin_set))
    # seed 003 was copied from a page with its breadcrumb; on the page it is page furniture
    return collections.Counter({key: n for key, n in found.items()
                                if not (key[0] == "S006" and "(breadcrumb)" in key[1])})


@pytest.mark.parametrize("style, charset", [("portal", "utf-8"), ("portal", "gbk"),
                                            ("legacy", "gbk"), ("fragment", "utf-8")])
@pytest.mark.parametrize("seed", SEEDS, ids=IDS)
def test_portal_page_reads_the_tables_of_the_text(seed: Path, style: str, charset: str,
                                                  tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_bytes(render_html(seed, charset, style))
    assert tables(parse(read_html(page))) == tables(parse(read_source(seed)))


@pytest.mark.parametrize("seed", SEEDS, ids=IDS)
def test_word_file_reads_the_tables_of_the_text(seed: Path, tmp_path: Path) -> None:
    document = render_docx(seed, tmp_path / "report.docx")
    assert tables(parse(read_docx(document))) == tables(parse(read_source(seed)))


def _char_at(path: Path, line: int, column: int, encoding: str = "utf-8") -> str:
    return path.read_text(encoding=encoding).split("\n")[line - 1][column - 1]


@pytest.mark.parametrize("style", ["portal", "legacy", "fragment"])
@pytest.mark.parametrize("seed", SEEDS, ids=IDS)
def test_portal_page_has_the_same_findings_at_page_positions(
        seed: Path, style: str, tmp_path: Path, plugin_set: PluginSet) -> None:
    page = tmp_path / "report.html"
    page.write_bytes(render_html(seed, "utf-8" if style == "fragment" else "gbk", style))
    result = lint(page, plugin_set)
    assert findings(result) == text_findings(seed, plugin_set)
    source = result.source
    assert source is not None
    for d in result.diagnostics:
        assert d.where is None and d.origin is not None
        if d.span.end > d.span.start:
            # the line and column are the page's, pointing at the very character flagged
            expected = source.text[d.span.start]
            encoding = "utf-8-sig" if style == "fragment" else "gb18030"
            assert _char_at(page, d.line, d.column, encoding) == expected, d


@pytest.mark.parametrize("seed", SEEDS, ids=IDS)
def test_word_file_has_the_same_findings_with_their_places(
        seed: Path, tmp_path: Path, plugin_set: PluginSet) -> None:
    document = render_docx(seed, tmp_path / "report.docx")
    result = lint(document, plugin_set)
    assert findings(result) == findings(lint(seed, plugin_set))
    for d in result.diagnostics:
        assert d.where is not None and ("paragraph" in d.where or "table" in d.where), d


@pytest.mark.parametrize("style", ["portal", "legacy"])
def test_portal_page_leaves_out_the_page_around_the_article(style: str, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_bytes(render_html(SEEDS[0], "gbk", style))
    text = read_html(page).text
    for chrome in ("无障碍", "办事服务", "位置", "相关阅读", "分享到", "ICP备案号", "发布时间",
                   "_hmt", "color: #333", "浏览次数", "字号", "关闭窗口", "版权所有", "doZoom"):
        assert chrome not in text, chrome
    assert text.startswith("高庄镇人民政府2024年政府信息公开工作年度报告\n")


def _wrong_total_docx(tmp_path: Path) -> Path:
    import docx

    document = render_docx(SEEDS[0], tmp_path / "report.docx")
    word = docx.Document(str(document))
    requests = word.tables[1]
    total = requests.cell(26, 3)  # row 27, column 4: 自然人 in （七）总计
    assert requests.cell(26, 1).text == "(七)总计" and total.text == "0"
    total.text = "5"
    word.save(str(document))
    return document


def test_wrong_total_in_a_word_cell_names_table_row_and_column(
        tmp_path: Path, plugin_set: PluginSet) -> None:
    result = lint(_wrong_total_docx(tmp_path), plugin_set)
    places = {(d.code, d.where) for d in result.diagnostics if d.code.startswith("T")}
    # the column no longer adds up (T002, at the cell) and the row's 总计 column neither (T001)
    assert {("T002", "table 2, row 27, column 4"), ("T001", "table 2, row 27, column 10")} \
        <= places, places


def test_wrong_total_in_a_page_cell_names_its_line_and_column(
        tmp_path: Path, plugin_set: PluginSet) -> None:
    page = tmp_path / "report.html"
    markup = render_html(SEEDS[0]).decode("utf-8")
    # the label "(七)总计" is split into pieces: "(", "七)", "总", "计"
    row = markup.rindex("<tr>", 0, markup.index(">七)<"))
    cell = markup.index(">0<", row) + 1
    page.write_text(markup[:cell] + "5" + markup[cell + 1:], encoding="utf-8")
    result = lint(page, plugin_set)
    line = markup[:cell].count("\n") + 1
    column = cell - markup.rindex("\n", 0, cell)
    assert any(d.code == "T002" and (d.line, d.column) == (line, column)
               for d in result.diagnostics), [(d.code, d.line, d.column)
                                              for d in result.diagnostics]


def test_blank_cells_stay_blank(tmp_path: Path) -> None:
    page = tmp_path / "blank.html"
    page.write_text(
        "<html><body><h1>某县2024年政府信息公开工作年度报告</h1><p>一、总体情况</p>"
        "<table><tr><td>行政许可</td><td>&nbsp;</td><td><o:p>\u3000</o:p></td><td>0</td>"
        "</tr></table><p>二、主动公开政府信息情况</p></body></html>", encoding="utf-8")
    assert "| 行政许可 |  |  | 0 |" in read_html(page).text


def test_merged_cells_are_expanded_onto_the_grid(tmp_path: Path) -> None:
    page = tmp_path / "merged.html"
    page.write_text(
        "<p>一、总体情况</p><table><tr><td rowspan=2>a</td><td colspan='2'>b</td></tr>"
        "<tr><td>c</td><td>d</td></tr></table><p>六、其他需要报告的事项</p>", encoding="utf-8")
    source = read_html(page)
    assert source.text.splitlines()[1:3] == ["| a | b |  |", "|  | c | d |"]
    origin = source.origin_at(source.text.index("d |"))
    assert origin is not None
    assert (origin.line, origin.column) == (1, page.read_text(encoding="utf-8").index("d<") + 1)


def test_source_of_a_page_keeps_columns_through_entities(tmp_path: Path) -> None:
    page = tmp_path / "e.html"
    page.write_text("<p>一、总体情况</p>\n<p>&nbsp;&ldquo;我局&rdquo;在</p><p>六、其他需要报告</p>",
                    encoding="utf-8")
    source = read_html(page)
    offset = source.text.index("我局")
    origin = source.origin_at(offset)
    assert origin is not None and (origin.line, origin.column) == (2, 17)


def test_origins_reach_every_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from gipr_lint.cli import main

    document = _wrong_total_docx(tmp_path)
    for fmt, expected in (("concise", "(table 2, row 27, column 4)\n"),
                          ("full", "report.docx: table 2, row 27, column 4: error T002"),
                          ("github", "::table 2, row 27, column 4: "),
                          ("sarif", '"fullyQualifiedName": "table 2, row 27, column 4"')):
        assert main(["--isolated", "--select", "T002", "--format", fmt, str(document)]) == 1
        assert expected in capsys.readouterr().out, fmt
    assert main(["--isolated", "--select", "T002", "--format", "json", str(document)]) == 1
    item = json.loads(capsys.readouterr().out)["files"][0]["diagnostics"][0]
    assert item["location"] == "table 2, row 27, column 4"
    assert item["origin"] == {"table": 2, "row": 27, "cell": 4}


def test_article_with_a_furniture_like_class_is_kept(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    markup = render_html(SEEDS[0]).decode("utf-8")
    page.write_text(markup.replace('class="TRS_Editor"', 'class="info-content news_date"'),
                    encoding="utf-8")
    assert tables(parse(read_html(page))) == tables(parse(read_source(SEEDS[0])))


NUMBERING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def test_word_list_numbering_gives_the_headings_their_numbers(
        tmp_path: Path, plugin_set: PluginSet) -> None:
    """Section headings numbered by Word's list numbering carry no "一、" in their text: the
    reader draws it as Word does, so the sections and tables are found."""
    import re
    import zipfile

    document = render_docx(SEEDS[0], tmp_path / "plain.docx")
    numbered = tmp_path / "numbered.docx"
    with zipfile.ZipFile(document) as source, zipfile.ZipFile(numbered, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                text, count = re.subn(
                    r"<w:p>(<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t>)[一二三四五六]、"
                    r"(?=总体|主动公开政府|收到和处理|政府信息公开行政|存在的主要|其他需要)",
                    r'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/>'
                    r"</w:numPr></w:pPr>\1", text)
                assert count == 6
                data = text.encode("utf-8")
            target.writestr(info, data)
        target.writestr("word/numbering.xml", NUMBERING)
    assert tables(parse(read_docx(numbered))) == tables(parse(read_source(SEEDS[0])))
    assert findings(lint(numbered, plugin_set)) == findings(lint(SEEDS[0], plugin_set))


def test_list_labels_as_word_draws_them() -> None:
    from lxml import etree

    from gipr_lint.reading.readers.docx_numbering import Numbering, format_number

    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 21, 105)] == [
        "一", "十", "十一", "二十", "二十一", "一百零五"]
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(4, "upperRoman") == "IV"
    numbering = Numbering.read(etree.fromstring(NUMBERING.encode()), None)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def paragraph(level: int) -> object:
        return etree.fromstring(f'<w:p {w}><w:pPr><w:numPr><w:ilvl w:val="{level}"/>'
                                '<w:numId w:val="7"/></w:numPr></w:pPr></w:p>')

    labels = [numbering.label(paragraph(level)) for level in (0, 1, 1, 0, 1)]
    assert labels == ["一、", "（一）", "（二）", "二、", "（一）"]


def test_a_blank_word_cell_is_not_read_as_a_written_zero(tmp_path: Path,
                                                         plugin_set: PluginSet) -> None:
    import docx

    document = render_docx(SEEDS[0], tmp_path / "report.docx")
    word = docx.Document(str(document))
    word.tables[1].cell(5, 5).text = "\u3000"  # （一）予以公开, 科研机构: U+3000 only
    word.save(str(document))
    found = [(d.code, d.where) for d in lint(document, plugin_set).diagnostics
             if d.code == "T006"]
    assert found == [("T006", "table 2, row 6, column 6")]


def test_a_blank_page_cell_is_reported_at_its_place_in_the_page(
        tmp_path: Path, plugin_set: PluginSet) -> None:
    markup = render_html(SEEDS[0]).decode("utf-8")
    row = markup.rindex("<tr>", 0, markup.index(">以公开<"))  # "(一)予以公开", in pieces
    cell = markup.index(">0<", markup.index(">0<", markup.index(">0<", row) + 1) + 1) + 1
    page = tmp_path / "report.html"
    page.write_text(markup[:cell] + "&nbsp;" + markup[cell + 1:], encoding="utf-8")
    found = [(d.code, d.line, d.column) for d in lint(page, plugin_set).diagnostics
             if d.code == "T006"]
    line = markup[:cell].count("\n") + 1
    td = markup.rindex("<td", 0, cell)
    assert len(found) == 1 and found[0][1] == line
    # a blank cell has no character: the finding points into its cell
    assert td - markup.rindex("\n", 0, td) <= found[0][2] <= cell - markup.rindex("\n", 0, cell)


def test_a_two_column_layout_table_around_the_report_is_not_a_table(tmp_path: Path) -> None:
    """An old page: a two-column table holds the menu and the article, the report's own tables
    being pictures (so no table is nested): its cells are read as paragraphs."""
    page = tmp_path / "layout.html"
    page.write_text(
        "<table><tr><td>栏目导航<br>政务公开</td><td><p>某县2024年政府信息公开工作年度报告</p>"
        "<p>一、总体情况</p><p>本年度……</p><p>二、主动公开政府信息情况</p><img src=t.png>"
        "<p>六、其他需要报告的事项</p><p>无。</p></td></tr></table>", encoding="utf-8")
    assert read_html(page).text.splitlines() == [
        "某县2024年政府信息公开工作年度报告", "一、总体情况", "本年度……",
        "二、主动公开政府信息情况", "六、其他需要报告的事项", "无。"]


def test_article_of_a_2019_format_page_is_found(tmp_path: Path) -> None:
    """The 2019 wording of headings 四 and 五 anchors the article as well."""
    page = tmp_path / "2019.html"
    page.write_text(
        "<div class=menu>四、政府信息公开行政复议（栏目）</div><div id=zoom>"
        "<p>某局2019年政府信息公开工作年度报告</p><p>一、总体情况</p><p>……</p>"
        "<p>四、因政府信息公开工作被申请行政复议、提起行政诉讼情况</p>"
        "<p>五、政府信息公开工作存在的主要问题及改进情况</p><p>……</p></div>"
        "<div>页脚</div>", encoding="utf-8")
    assert read_html(page).text.splitlines()[0] == "某局2019年政府信息公开工作年度报告"
    assert "页脚" not in read_html(page).text


def test_word_text_framed_in_a_table_is_read_as_text(tmp_path: Path) -> None:
    """A draft whose body sits in a one-cell frame, with the statistics table inside it."""
    import docx

    word = docx.Document()
    frame = word.add_table(rows=1, cols=1).cell(0, 0)
    frame.paragraphs[0].text = "某县2024年政府信息公开工作年度报告"
    frame.add_paragraph("一、总体情况")
    inner = frame.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "行政许可"
    inner.cell(0, 1).text = "3"
    frame.add_paragraph("六、其他需要报告的事项")
    word.save(str(tmp_path / "framed.docx"))
    source = read_docx(tmp_path / "framed.docx")
    assert source.text.splitlines() == ["某县2024年政府信息公开工作年度报告", "一、总体情况",
                                        "| 行政许可 | 3 |", "六、其他需要报告的事项"]
    assert source.origin(source.text.index("3 |")) == Origin(table=1, row=1, cell=2)


def test_sarif_of_word_and_page_findings_is_valid(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import json

    import jsonschema

    from gipr_lint.cli import main

    schema = json.loads((Path(__file__).parents[1] / "schemas" / "sarif-schema-2.1.0.json")
                        .read_text(encoding="utf-8"))
    page = tmp_path / "report.html"
    page.write_bytes(render_html(SEEDS[0]))
    assert main(["--isolated", "--format", "sarif", str(_wrong_total_docx(tmp_path)),
                 str(page)]) == 1
    data = json.loads(capsys.readouterr().out)
    jsonschema.Draft4Validator(schema).validate(data)
    regions = [r["locations"][0]["physicalLocation"].get("region")
               for r in data["runs"][0]["results"]]
    assert None in regions and any(region and region["startLine"] == 95 for region in regions)


def test_places_in_words_for_every_kind_of_file() -> None:
    from gipr_lint.reading.document import describe

    assert describe(Origin(paragraph=12), "docx") == "paragraph 12"
    assert describe(Origin(table=2, row=27, cell=4), "docx") == "table 2, row 27, column 4"
    assert describe(Origin(page=3, line=14), "pdf") == "page 3, line 14"
    assert describe(Origin(page=3, line=9, table=1, row=4, cell=2), "pdf") == \
        "page 3, table 1, row 4, column 2"
    assert describe(Origin(line=95, column=264), "html") is None  # line:col say it
    assert describe(None, "docx") is None


def test_a_page_knows_its_encoding(tmp_path: Path) -> None:
    page = tmp_path / "gbk.html"
    page.write_bytes(render_html(SEEDS[0], "gbk"))
    assert read_html(page).encoding == "gb18030"
    page.write_bytes(render_html(SEEDS[0], "gbk").replace(b"charset=gbk", b"charset=utf-8"))
    assert read_html(page).encoding == "gb18030"  # a wrong declaration: the bytes decide
    page.write_bytes(render_html(SEEDS[0], "utf-8"))
    assert read_html(page).encoding == "utf-8"


def test_a_page_saved_from_word(tmp_path: Path) -> None:
    """Word's "save as web page": conditional comments, the list number in a supportLists
    block padded with a tiny-font &nbsp; span, <o:p> everywhere."""
    page = tmp_path / "word.htm"
    page.write_text(
        "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><meta charset=utf-8>"
        "<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>办公室</o:Author>"
        "</o:DocumentProperties></xml><![endif]--><style><!-- p.MsoNormal {margin:0cm;} -->"
        "</style></head><body lang=ZH-CN><div class=WordSection1>"
        "<p class=MsoNormal align=center><b><span>某县人民政府<span lang=EN-US>2024</span>"
        "年政府信息公开工作年度报告<o:p></o:p></span></b></p>"
        "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]>"
        "<span style='mso-list:Ignore'>一、<span style='font:7.0pt \"Times New Roman\"'>"
        "&nbsp;&nbsp;&nbsp; </span></span><![endif]><span>总体情况<o:p></o:p></span></p>"
        "<p class=MsoNormal><span>本年度……</span></p>"
        "<p class=MsoListParagraph><![if !supportLists]><span>六、</span><![endif]>"
        "<span>其他需要报告的事项</span></p><p class=MsoNormal>无。</p></div></body></html>",
        encoding="utf-8")
    report = parse(read_html(page))
    assert report.title is not None
    assert report.title.text == "某县人民政府2024年政府信息公开工作年度报告"
    assert [section.number for section in report.sections] == [1, 6]
    assert "办公室" not in read_html(page).text
