"""Untrusted files: zip bombs, escaping part names, external entities, entity bombs, deep and
huge markup. Every hostile file is made here, by the test (none is stored)."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from gipr_lint.reading.readers.docx import MAX_PARTS, read_docx
from gipr_lint.reading.readers.html import read_html
from gipr_lint.reading.source import DecodeError
from tests.readers.render import SEEDS, render_docx, render_html

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
REPORT_XML = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'
              "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:body></w:document>")


def make_docx(path: Path, parts: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def refused(path: Path) -> str:
    with pytest.raises(DecodeError) as info:
        read_docx(path)
    return str(info.value)


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIPR_LINT_MAX_INFLATED_MB", "1")
    bomb = make_docx(tmp_path / "bomb.docx", {
        "word/document.xml": REPORT_XML.encode() + b" " * (3 << 20)})
    assert bomb.stat().st_size < 64 * 1024  # 3 MB of spaces deflate to a few KB
    before = set(tmp_path.iterdir())
    assert "would inflate to" in refused(bomb) and "GIPR_LINT_MAX_INFLATED_MB" in refused(bomb)
    assert set(tmp_path.iterdir()) == before  # nothing written


def test_default_budget_is_200_megabytes(monkeypatch: pytest.MonkeyPatch) -> None:
    from gipr_lint.reading.readers.docx import max_inflated_bytes

    monkeypatch.delenv("GIPR_LINT_MAX_INFLATED_MB", raising=False)
    assert max_inflated_bytes() == 200 * 1024 * 1024


def test_a_part_lying_about_its_size_is_cut_at_the_budget(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A central directory claiming a small size while the data inflates to more: the part is
    read up to its claimed size only, and the damage is reported."""
    data = REPORT_XML.encode() + b" " * (2 << 20)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", data)
    raw = bytearray(buffer.getvalue())
    size = len(data).to_bytes(4, "little")
    for at in (i for i in range(len(raw) - 4) if raw[i:i + 4] == size):
        raw[at:at + 4] = (1000).to_bytes(4, "little")  # local and central headers both lie
    liar = tmp_path / "liar.docx"
    liar.write_bytes(bytes(raw))
    message = refused(liar)
    assert "damaged" in message or "not well-formed" in message


def test_too_many_parts(tmp_path: Path) -> None:
    parts: dict[str, bytes | str] = {f"word/media/p{i}.xml": b"" for i in range(MAX_PARTS + 1)}
    parts["word/document.xml"] = REPORT_XML
    assert "parts" in refused(make_docx(tmp_path / "many.docx", parts))


@pytest.mark.parametrize("name", ["../evil.xml", "word/../../evil.xml", "/etc/evil.xml",
                                  "C:/evil.xml", "word\\..\\evil.xml"])
def test_part_names_escaping_the_archive(tmp_path: Path, name: str) -> None:
    document = make_docx(tmp_path / "escape.docx", {"word/document.xml": REPORT_XML,
                                                    name: b"x"})
    assert "outside the archive" in refused(document)
    assert not (tmp_path.parent / "evil.xml").exists()


def test_external_entity_in_word_is_refused_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-PASSWORD", encoding="utf-8")
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
           f']><w:document {W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body>'
           "</w:document>")
    message = refused(make_docx(tmp_path / "xxe.docx", {"word/document.xml": xml}))
    assert "DTD" in message and "TOP-SECRET" not in message


def test_billion_laughs_in_word_is_refused(tmp_path: Path) -> None:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]><w:document {W}><w:body>'
           "<w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>")
    assert "DTD" in refused(make_docx(tmp_path / "lol.docx", {"word/document.xml": xml}))


def test_lxml_parser_itself_expands_nothing() -> None:
    """Second line of defence: the parser settings alone keep entities unexpanded."""
    from lxml import etree

    from gipr_lint.reading.readers import docx

    xml = b'<!DOCTYPE r [<!ENTITY a "x"><!ENTITY b "&a;&a;&a;">]><r>&b;</r>'
    parser_args = dict(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(xml, etree.XMLParser(**parser_args))
    assert "xxx" not in etree.tostring(root).decode()
    assert "resolve_entities=False" in Path(docx.__file__).read_text(encoding="utf-8")


def test_external_entity_in_a_page_stays_text(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-PASSWORD", encoding="utf-8")
    page = tmp_path / "xxe.html"
    page.write_text(
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]><html><body>'
        f'<img src="{secret.as_uri()}"><iframe src="{secret.as_uri()}"></iframe>'
        f'<link rel="stylesheet" href="{secret.as_uri()}"><script src="{secret.as_uri()}">'
        "</script><p>一、总体情况 &xxe;</p><p>六、其他需要报告的事项</p></body></html>",
        encoding="utf-8")
    text = read_html(page).text
    assert "TOP-SECRET" not in text and "&xxe;" in text


def test_entity_bomb_in_a_page_does_not_expand(tmp_path: Path) -> None:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    page = tmp_path / "lol.html"
    page.write_text(f"<!DOCTYPE html [{entities}]><p>一、总体情况&a9;</p><p>六、其他需要报告</p>",
                    encoding="utf-8")
    assert len(read_html(page).text) < 100


def test_100000_nested_elements(tmp_path: Path) -> None:
    depth = 100_000
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div><span>" * depth + "<p>一、总体情况</p><p>二、主动公开"
                    "政府信息情况</p>" + "</span></div>" * depth + "</body></html>",
                    encoding="utf-8")
    assert read_html(page).text == "一、总体情况\n二、主动公开政府信息情况\n"


def test_100000_nested_unclosed_elements_and_stray_end_tags(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text("<p>一、总体情况</p>" + "<font>" * 100_000 + "</b>" * 100_000
                    + "<p>六、其他需要报告的事项</p>", encoding="utf-8")
    assert read_html(page).text == "一、总体情况\n六、其他需要报告的事项\n"


def test_table_of_100000_cells(tmp_path: Path) -> None:
    row = "<tr>" + "<td>1</td>" * 100 + "</tr>"
    page = tmp_path / "cells.html"
    page.write_text("<p>一、总体情况</p><table>" + row * 1000 + "</table>"
                    "<p>二、主动公开政府信息情况</p>", encoding="utf-8")
    lines = read_html(page).text.splitlines()
    assert len(lines) == 1002 and lines[1] == "|" + " 1 |" * 100


def test_huge_spans_are_bounded(tmp_path: Path) -> None:
    page = tmp_path / "spans.html"
    page.write_text('<p>一、总体情况</p><table><tr><td rowspan="999999999" colspan="99999999">a'
                    "</td><td>b</td></tr><tr><td>c</td></tr></table><p>六、其他需要报告</p>",
                    encoding="utf-8")
    lines = read_html(page).text.splitlines()
    assert len(lines[1]) < 5000 and len(lines) == 4  # colspan capped at 1000, rows as written


def test_50_megabyte_single_line_page(tmp_path: Path) -> None:
    """A real report page on one line, with a 25 MB inline image and a 25 MB inline script."""
    markup = render_html(SEEDS[0]).decode("utf-8").replace("\n", " ")
    image = '<img src="data:image/png;base64,iVBOR' + "A" * (25 << 20) + '">'
    script = "<script>var junk = '" + "<div>" * ((25 << 20) // 5) + "';</script>"
    markup = markup.replace("</body>", image + script + "</body>")
    page = tmp_path / "one-line.html"
    page.write_text(markup, encoding="utf-8")
    assert page.stat().st_size > 45 << 20 and markup.count("\n") == 0
    text = read_html(page).text
    assert text.startswith("高庄镇人民政府2024年政府信息公开工作年度报告\n") and "iVBOR" not in text


def test_unterminated_quotes_and_comments(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text('<p>一、总体情况</p><p>六、其他需要报告</p><a href="' + "x<b>" * 100_000,
                    encoding="utf-8")
    assert read_html(page).text == "一、总体情况\n六、其他需要报告\n"
    page.write_text("<p>一、总体情况</p><p>六、其他需要报告</p><!--" + "<p>x</p>" * 10_000,
                    encoding="utf-8")
    assert read_html(page).text == "一、总体情况\n六、其他需要报告\n"


def test_element_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIPR_LINT_MAX_HTML_ELEMENTS", "1000")
    page = tmp_path / "many.html"
    page.write_text("<p>一、总体情况</p>" + "<b>x</b>" * 1001, encoding="utf-8")
    with pytest.raises(DecodeError, match="more than 1,000 elements"):
        read_html(page)


def test_word_file_built_from_the_template_passes_the_checks(tmp_path: Path) -> None:
    document = render_docx(SEEDS[0], tmp_path / "ok.docx")
    assert read_docx(document).text.startswith("高庄镇人民政府2024年政府信息公开工作年度报告\n")
    assert os.listdir(tmp_path) == ["ok.docx"]


def test_damaged_word_files_are_refused_with_a_message(tmp_path: Path) -> None:
    """Bytes flipped and files cut short anywhere (CRC errors, unsupported zip versions, bad
    XML): each either reads or is refused as damaged; nothing else escapes."""
    import random

    original = render_docx(SEEDS[0], tmp_path / "ok.docx").read_bytes()
    chance = random.Random(2)
    damaged = tmp_path / "damaged.docx"
    outcomes = set()
    for case in range(300):
        data = bytearray(original)
        for _ in range(chance.randint(1, 20)):
            data[chance.randrange(len(data))] = chance.randrange(256)
        if case % 5 == 0:
            data = data[:chance.randrange(len(data))]
        damaged.write_bytes(bytes(data))
        try:
            read_docx(damaged)
            outcomes.add("read")
        except DecodeError:
            outcomes.add("refused")
    assert outcomes == {"read", "refused"}


def test_tag_soup_never_escapes(tmp_path: Path) -> None:
    import random

    from gipr_lint.reading.parser import parse

    atoms = ["<p>", "</p>", "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>",
             "<td rowspan=3>", "<td colspan=2>", "<th colspan='x'>", "<div class=share>",
             "</div>", "<br>", "&nbsp;", "&#x3000;", "&amp", "&bogus;", "<!--", "-->",
             "<script>", "</script>", "一、总体情况", "二、主动公开政府信息情况",
             "六、其他需要报告的事项",
             "某县2024年政府信息公开工作年度报告", "0", "12", " ", "\n", "<", ">", '"', "'",
             '<a href="', "<span>", "</span>", "<o:p>", "</o:p>", "<![CDATA[", "<!DOCTYPE html>",
             "</", "<td rowspan=0>", "<tr><td>总计</td><td>5</td>", "\u3000", "\x00"]
    chance = random.Random(1)
    page = tmp_path / "soup.html"
    for _ in range(500):
        page.write_text("".join(chance.choice(atoms) for _ in range(chance.randint(1, 60))),
                        encoding="utf-8")
        try:
            source = read_html(page)
        except DecodeError:
            continue
        parse(source)
        for offset in range(len(source.text) + 1):
            source.origin_at(offset)


def test_default_element_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from gipr_lint.reading.readers.html_scan import max_elements

    monkeypatch.delenv("GIPR_LINT_MAX_HTML_ELEMENTS", raising=False)
    assert max_elements() == 1_000_000


def test_word_text_box_is_read_once(tmp_path: Path) -> None:
    """Word writes a text box as DrawingML and again as a VML fallback: read it once."""
    box = ("<w:txbxContent><w:p><w:r><w:t>某县2024年政府信息公开工作年度报告</w:t></w:r></w:p>"
           "</w:txbxContent>")
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    xml = (f'<?xml version="1.0"?><w:document {W} {mc}><w:body><w:p><w:r><mc:AlternateContent>'
           f"<mc:Choice Requires=\"wps\"><w:drawing>{box}</w:drawing></mc:Choice>"
           f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
           "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:body></w:document>")
    text = read_docx(make_docx(tmp_path / "box.docx", {"word/document.xml": xml})).text
    assert text == "某县2024年政府信息公开工作年度报告\n一、总体情况\n"


def test_planted_external_entity_appears_in_no_output(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from gipr_lint.cli import main

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-PASSWORD", encoding="utf-8")
    doctype = f'<!DOCTYPE r [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    make_docx(tmp_path / "a.docx", {"word/document.xml": doctype + REPORT_XML.replace(
        "一、总体情况", "一、总体情况&xxe;")})
    (tmp_path / "b.html").write_text(doctype + "<p>某县2024年政府信息公开工作年度报告</p>"
                                     "<p>一、总体情况&xxe;</p><p>六、其他需要报告的事项</p>",
                                     encoding="utf-8")
    for fmt in ("full", "concise", "json", "sarif", "github"):
        main(["--isolated", "--format", fmt, str(tmp_path / "a.docx"), str(tmp_path / "b.html")])
        out, err = capsys.readouterr()
        assert "TOP-SECRET" not in out + err, fmt
    for name in ("a.docx", "b.html"):
        main(["parse", str(tmp_path / name)])
        out, err = capsys.readouterr()
        assert "TOP-SECRET" not in out + err


def test_deep_word_xml_is_refused_without_recursion(tmp_path: Path) -> None:
    depth = 100_000
    body = "<w:sdt><w:sdtContent>" * depth + "<w:p><w:r><w:t>x</w:t></w:r></w:p>" + \
        "</w:sdtContent></w:sdt>" * depth
    xml = f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>'
    assert "damaged" in refused(make_docx(tmp_path / "deep.docx", {"word/document.xml": xml}))


def test_word_table_of_100000_cells(tmp_path: Path) -> None:
    row = "<w:tr>" + "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>" * 100 + "</w:tr>"
    xml = (f'<?xml version="1.0"?><w:document {W}><w:body><w:p><w:r><w:t>一、总体情况</w:t>'
           f"</w:r></w:p><w:tbl>{row * 1000}</w:tbl></w:body></w:document>")
    lines = read_docx(make_docx(tmp_path / "cells.docx", {"word/document.xml": xml})).text \
        .splitlines()
    assert len(lines) == 1001 and lines[1] == "|" + " 1 |" * 100
