"""Render a seed report (tests/fixtures/*.txt) the way it is published: a portal page and a Word
file laid out like the official template. Used by the reader tests and the benchmark.

Tables of the 2021 format are laid out as in the official template (a copy beside this file,
official-2021-format-template.docx, which the Word files also start from):
table 二 one 4-column table with the 第二十条 headings as merged rows, table 三 with the 勾稽
note merged over three columns and three rows and the labels in merged columns, table 四 with
two header rows. Other tables (the 2019 format) keep the seed's own rows, a run of empty
trailing cells becoming one merged cell.

The page layouts follow published portal pages (a TRS/UEditor article page with the 信息公开
metadata table, a 字号/打印/关闭 bar as on shanghai.gov.cn's 2022 年报 page, an older page laid
out with nested tables, a CMS fragment). ``python -m tests.readers.render DIR`` writes them all.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from gipr_lint.model import Report
from gipr_lint.reading.parser import parse
from gipr_lint.reading.source import read_source

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "tests" / "fixtures").glob("*.txt"))
#: The official template (国办公开办函〔2021〕30号), as published; the Word fixtures start from it.
TEMPLATE = Path(__file__).with_name("official-2021-format-template.docx")


@dataclass
class Spec:
    """One cell of a rendered table: text, spans, and whether it holds a number."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    number: bool = False


Row = list[Spec]


def _label(report: Report, kind: str, key: str, official: str) -> str:
    """The seed's own wording of a row label (reworded labels stay reworded)."""
    row = report.tables[kind].row(key)
    return row.label if row else official


def _values(report: Report, kind: str, key: str, width: int) -> list[Spec]:
    row = report.tables[kind].row(key)
    cells = [cell.raw for cell in row.cells] if row else []
    cells += [""] * (width - len(cells))
    return [Spec(raw, number=True) for raw in cells[:width]]


def active_2021(report: Report) -> list[Row]:
    rows: list[Row] = []
    blocks = [
        ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
         [("规章", "rules"), ("行政规范性文件", "normative_documents")], 3),
        ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("行政许可", "licensing")], 1),
        ("第二十条第（六）项", ["信息内容", "本年处理决定数量"],
         [("行政处罚", "penalty"), ("行政强制", "enforcement")], 1),
        ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"],
         [("行政事业性收费", "fees")], 1),
    ]
    for heading, header, body, width in blocks:
        rows.append([Spec(heading, colspan=4)])
        rows.append([Spec(header[0])] + ([Spec(h) for h in header[1:]] if width == 3
                                         else [Spec(header[1], colspan=3)]))
        for label, key in body:
            values = _values(report, "active", key, width)
            if width == 1:
                values[0].colspan = 3
            rows.append([Spec(_label(report, "active", key, label)), *values])
    return rows


_GROUPS = [
    ("（三）不予公开", ["denied.state_secret", "denied.prohibited_by_law", "denied.three_safeties",
                    "denied.third_party", "denied.internal_affairs", "denied.process_info",
                    "denied.enforcement_file", "denied.query_item"]),
    ("（四）无法提供", ["unable.not_held", "unable.needs_creation", "unable.unclear"]),
    ("（五）不予处理", ["not_processed.petition", "not_processed.duplicate",
                    "not_processed.publication", "not_processed.excessive",
                    "not_processed.confirmation"]),
    ("（六）其他处理", ["other.no_correction", "other.no_fee", "other.other"]),
]


def requests_2021(report: Report) -> list[Row]:
    table = report.tables["requests"]

    def label(key: str) -> str:
        row = table.row(key)
        return row.label if row else key

    rows: list[Row] = [
        [Spec("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3,
              colspan=3), Spec("申请人情况", colspan=7)],
        [Spec("自然人", rowspan=2), Spec("法人或其他组织", colspan=5), Spec("总计", rowspan=2)],
        [Spec("商业企业"), Spec("科研机构"), Spec("社会公益组织"), Spec("法律服务机构"),
         Spec("其他")],
        [Spec(label("new"), colspan=3), *_values(report, "requests", "new", 7)],
        [Spec(label("carried_over"), colspan=3), *_values(report, "requests", "carried_over", 7)],
    ]
    body = 2 + sum(len(keys) for _, keys in _GROUPS) + 1
    rows.append([Spec("三、本年度办理结果", rowspan=body), Spec(label("granted"), colspan=2),
                 *_values(report, "requests", "granted", 7)])
    rows.append([Spec(label("partially_granted"), colspan=2),
                 *_values(report, "requests", "partially_granted", 7)])
    for group, keys in _GROUPS:
        for index, key in enumerate(keys):
            head = [Spec(group, rowspan=len(keys))] if index == 0 else []
            rows.append([*head, Spec(label(key)), *_values(report, "requests", key, 7)])
    rows.append([Spec(label("total"), colspan=2), *_values(report, "requests", "total", 7)])
    rows.append([Spec(label("carry_forward"), colspan=3),
                 *_values(report, "requests", "carry_forward", 7)])
    return rows


def review_2021(report: Report) -> list[Row]:
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    values = [v for key in ("review", "litigation_direct", "litigation_after_review")
              for v in _values(report, "review", key, 5)]
    return [
        [Spec("行政复议", colspan=5), Spec("行政诉讼", colspan=10)],
        [*(Spec(r, rowspan=2) for r in results), Spec("未经复议直接起诉", colspan=5),
         Spec("复议后起诉", colspan=5)],
        [Spec(r) for r in results * 2],
        values,
    ]


_SEPARATOR = re.compile(r"\t| ?\| ?")


def generic(lines: list[str]) -> list[Row]:
    """The seed's own rows; trailing empty fields merge into the last filled cell."""
    rows: list[Row] = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            continue
        fields = _SEPARATOR.split(line)
        if line.endswith("|"):
            fields.pop()  # the closing separator
        trailing = 0
        while len(fields) > 1 and not fields[-1].strip():
            fields.pop()
            trailing += 1
        row = [Spec(field.strip(), number=bool(re.fullmatch(r"[\d.,\s-]*", field)))
               for field in fields]
        row[-1].colspan += trailing
        rows.append(row)
    return rows


def layout(seed: Path) -> tuple[Report, list[tuple[str, object]]]:
    """The seed as blocks: ``("p", text)`` and ``("table", rows)`` in order."""
    source = read_source(seed)
    report = parse(source)
    spans = {}
    for kind, table in report.tables.items():
        first = source.position(table.span.start)[0]
        last = source.position(max(table.span.end - 1, table.span.start))[0]
        spans[first] = (kind, last)
    lines = source.text.split("\n")
    blocks: list[tuple[str, object]] = []
    number = 1
    while number <= len(lines):
        if number in spans:
            kind, last = spans[number]
            table = report.tables[kind]
            official = kind != "review" or "结果维持结果纠正其他结果尚未审结总计" in "".join(
                "".join(h.text.split()) for h in table.headers)
            if table.format == "2021" and official:
                rows = {"active": active_2021, "requests": requests_2021,
                        "review": review_2021}[kind](report)
            else:
                rows = generic(lines[number - 1:last])
            blocks.append(("table", rows))
            number = last + 1
            continue
        text = lines[number - 1].strip()
        if text:
            blocks.append(("p", text))
        number += 1
    return report, blocks


# --- HTML -----------------------------------------------------------------------------------

_STYLE = ('style="font-family:仿宋_GB2312;font-size:16pt;mso-bidi-font-size:12.0pt;'
          'line-height:28pt;mso-line-height-rule:exactly;color:#333333;letter-spacing:0pt;'
          'mso-font-kerning:1.0pt;background:#FFFFFF;mso-shading:#FFFFFF;"')


def _split(text: str) -> str:
    """A label broken into <span>/<font> pieces, as pasted from Word: "三", "、本", "年"…"""
    out = []
    pieces = [text[:1], text[1:3], text[3:4], text[4:]]
    for index, piece in enumerate(p for p in pieces if p):
        escaped = html.escape(piece, quote=False)
        out.append(f"<font face=\"仿宋\">{escaped}</font>" if index % 2
                   else f"<span {_STYLE}>{escaped}</span>")
    return "".join(out)


def _cell_html(spec: Spec) -> str:
    attrs = ""
    if spec.rowspan > 1:
        attrs += f' rowspan="{spec.rowspan}"'
    if spec.colspan > 1:
        attrs += f" colspan={spec.colspan}"
    if not spec.text:
        inner = '<p class="MsoNormal"><span lang="EN-US">&nbsp;<o:p></o:p></span></p>'
    elif spec.number:
        inner = (f'<p class="MsoNormal" align="center"><span lang="EN-US" {_STYLE}>'
                 f"{html.escape(spec.text)}<o:p></o:p></span></p>")
    else:
        inner = f'<p class="MsoNormal" align="center">{_split(spec.text)}</p>'
    return f'<td width="64" valign="center"{attrs} style="border:solid windowtext 1.0pt">' \
           f"{inner}</td>"


def _paragraph_html(text: str, index: int) -> str:
    escaped = html.escape(text, quote=False)
    if re.match(r"[一二三四五六]、", text):
        return f'<p class="MsoNormal" style="text-indent:32pt"><b>{_split(text)}</b></p>'
    if index % 3 == 0:
        return f"<p style=\"text-indent:2em\">\u3000\u3000{escaped}</p>"
    if index % 3 == 1:
        return f'<p class="MsoNormal">&nbsp;&nbsp;&nbsp;<span {_STYLE}>{escaped}</span></p>'
    return f"<div>{escaped}<br></div>"


def render_html(seed: Path, charset: str = "utf-8", style: str = "portal") -> bytes:
    """A saved portal page carrying the seed; tables with merged cells.

    ``portal``: a TRS/UEditor-style page (nav, breadcrumb, 信息公开 metadata table, title,
    publication line, share widget, related list, footer, scripts). ``legacy``: an older page
    laid out with nested tables (the article in a cell, a 字号 大 中 小 bar, the whole report
    inside an outer layout table, GB2312 declared), as many county portals still serve.
    ``fragment``: the article alone as a CMS exports it (no ``<html>``, UTF-8 with a BOM).
    """
    _, blocks = layout(seed)
    first = next(i for i, (kind, value) in enumerate(blocks)
                 if kind == "p" and re.search(r"(年度报告|年报)\s*$", str(value))
                 and ">" not in str(value))
    title = blocks[first][1]
    # what the seed's copy held above the title (a breadcrumb) is the page's own breadcrumb
    crumbs = " ".join(html.escape(str(value)) for _, value in blocks[:first])
    body = []
    for index, (kind, value) in enumerate(blocks[first + 1:], 1):
        if kind == "p":
            body.append(_paragraph_html(str(value), index))
        else:
            rows = "\n".join("<tr>" + "".join(_cell_html(s) for s in row) + "</tr>"
                             for row in value)  # type: ignore[attr-defined]
            body.append('<div align="center"><table class="MsoNormalTable" border="1" '
                        f'cellspacing="0" cellpadding="0" width="600">\n<tbody>{rows}</tbody>'
                        "</table></div>")
    if style == "legacy":
        return _legacy_page(str(title), body, charset)
    if style == "fragment":
        return ("\ufeff<div class=\"TRS_Editor\"><p align=\"center\"><strong>"
                f"{html.escape(str(title))}</strong></p>\n" + "\n".join(body)
                + "</div>").encode("utf-8")
    meta_charset = {"utf-8": "utf-8", "gbk": "gbk"}[charset]
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
 "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={meta_charset}" />
<title>{html.escape(str(title))}_政府信息公开年报_人民政府门户网站</title>
<link rel="stylesheet" href="/css/style.css" />
<script type="text/javascript" src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; if (a < b && c > d) {{ document.write("<div>一、总体情况</div>"); }}
</script>
<style>.nav li {{ float: left; }} p > span {{ color: #333; }}</style>
</head>
<body>
<div class="top-bar"><a href="/">首页</a> | <a href="/wza">无障碍</a> | 繁體</div>
<div class="header"><img src="/images/logo.png" alt="人民政府门户网站" /></div>
<ul class="nav">
<li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/zxft">政民互动</a></li><li><a href="/bsfw">办事服务</a></li></ul>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt;
<a href="/zwgk/ndbg">政府信息公开年报</a> {crumbs}</div>
<div class="main">
<div class="left-menu"><h3>政府信息公开年报</h3><ul><li>2024年政府信息公开工作年度报告</li>
<li>2023年政府信息公开工作年度报告</li></ul></div>
<div class="content">
<table class="xxgk-info" width="100%"><tr><td>索引号：</td><td>11410522MB1234567X/2025-00012</td>
<td>发布机构：</td><td>人民政府办公室</td></tr><tr><td>生成日期：</td><td>2025-01-20</td>
<td>公开方式：</td><td>主动公开</td></tr></table>
<div class="article">
<h1 class="article-title">{html.escape(str(title))}</h1>
<div class="article-info">发布时间：2025-01-20 09:30 来源：办公室
浏览次数：<span id="hits">128</span>
<a href="javascript:window.print()">【打印】</a></div>
<div class="TRS_Editor" id="zoom">
{chr(10).join(body)}
</div>
<div class="bdsharebuttonbox share">分享到：<a class="bds_weixin">微信</a>
<a class="bds_tsina">微博</a></div>
</div>
<div class="related"><h4>相关阅读</h4><ul><li>二、主动公开政府信息情况说明</li>
<li>2023年度政府信息公开工作年度报告</li></ul></div>
</div>
</div>
<div class="footer">主办单位：人民政府办公室 网站标识码：4105220001
<script>var x = "<p>六、其他需要报告的事项</p>";</script>
<p>ICP备案号：豫ICP备00000000号</p></div>
<script type="text/javascript" src="/js/hits.js?id=1234"></script>
</body>
</html>
"""
    encoding = "gb18030" if charset == "gbk" else "utf-8"
    return page.encode(encoding)


# --- Word -----------------------------------------------------------------------------------


_built: dict[Path, bytes] = {}


def render_docx(seed: Path, target: Path) -> Path:
    """A Word file laid out like the official template: the seed's paragraphs and its tables
    with merged header and label cells (2021 format) or the seed's own rows (2019). Built once
    per seed and run, then copied."""
    if seed not in _built:
        _build_docx(seed, target)
        _built[seed] = target.read_bytes()
    target.write_bytes(_built[seed])
    return target


def _build_docx(seed: Path, target: Path) -> None:
    import docx
    from docx.shared import Pt

    _, blocks = layout(seed)
    document = docx.Document(str(TEMPLATE))
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    section = document.sections[0]
    section.header.paragraphs[0].text = "政府信息公开工作年度报告（页眉）"
    section.footer.paragraphs[0].text = "第 1 页"
    for kind, value in blocks:
        if kind == "p":
            paragraph = document.add_paragraph()
            run = paragraph.add_run(str(value))
            run.font.size = Pt(16)
            continue
        rows: list[Row] = value  # type: ignore[assignment]
        _docx_table(document, rows)
    document.save(str(target))


def _docx_table(document: object, rows: list[Row]) -> None:
    """Lay ``rows`` out on a grid and merge the cells their spans cover."""
    grid: dict[tuple[int, int], Spec] = {}
    placed: list[tuple[int, int, Spec]] = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for spec in row:
            while (r, c) in grid:
                c += 1
            for dr in range(spec.rowspan):
                for dc in range(spec.colspan):
                    grid[(r + dr, c + dc)] = spec
            placed.append((r, c, spec))
            c += spec.colspan
            width = max(width, c)
    table = document.add_table(rows=len(rows), cols=width)  # type: ignore[attr-defined]
    for r, c, spec in placed:
        cell = table.cell(r, c)
        if spec.rowspan > 1 or spec.colspan > 1:
            cell = cell.merge(table.cell(r + spec.rowspan - 1, c + spec.colspan - 1))
        cell.text = spec.text if spec.text else "\u3000"


def _legacy_page(title: str, body: list[str], charset: str) -> bytes:
    declared = "gb2312" if charset == "gbk" else "utf-8"
    page = f"""<HTML><HEAD><TITLE>{html.escape(title)}</TITLE>
<META http-equiv=Content-Type content="text/html; charset={declared}">
<SCRIPT language=javascript src="/js/common.js"></SCRIPT>
<SCRIPT>function doZoom(size){{document.getElementById('zoom').style.fontSize=size+'px';}}
</SCRIPT></HEAD>
<BODY leftMargin=0 topMargin=0>
<TABLE cellSpacing=0 cellPadding=0 width=1000 align=center border=0>
<TR><TD><IMG src="/images/banner.jpg" width=1000 height=160></TD></TR>
<TR><TD class=menu><A href="/">网站首页</A> | <A href="/zwgk/">政务公开</A> |
<A href="/hdjl/">互动交流</A> | <A href="/bsfw/">办事服务</A></TD></TR>
<TR><TD height=30 class=position>您现在的位置：<A href="/">首页</A> &gt;&gt;
<A href="/zwgk/">政务公开</A> &gt;&gt; 年度报告</TD></TR>
<TR><TD vAlign=top>
<TABLE cellSpacing=0 cellPadding=0 width="96%" align=center border=0>
<TR><TD align=center height=60 class=title><FONT size=5><B>{html.escape(title)}</B></FONT></TD></TR>
<TR><TD align=center class=fontsize>【字号：<A href="javascript:doZoom(16)">大</A>
<A href="javascript:doZoom(14)">中</A> <A href="javascript:doZoom(12)">小</A>】
【<A href="javascript:window.print()">打印本页</A>】
【<A href="javascript:window.close()">关闭窗口</A>】</TD></TR>
<TR><TD id=zoom class=bt_content>
{chr(10).join(body)}
</TD></TR></TABLE>
</TD></TR>
<TR><TD class=bottom align=center>版权所有：人民政府 地址：人民路1号 电话：0372-0000000<BR>
技术支持：信息中心</TD></TR></TABLE>
</BODY></HTML>
"""
    return page.encode("gb18030" if charset == "gbk" else "utf-8")


def main(argv: list[str] | None = None) -> None:
    """``python -m tests.readers.render DIR``: write every seed as pages and Word files into
    DIR, to try the readers by hand (``gipr-lint DIR``)."""
    import sys

    target = Path((argv if argv is not None else sys.argv[1:] or ["formats"])[0])
    target.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS:
        (target / f"{seed.stem}.html").write_bytes(render_html(seed, "gbk"))
        (target / f"{seed.stem}-legacy.html").write_bytes(render_html(seed, "gbk", "legacy"))
        (target / f"{seed.stem}-fragment.html").write_bytes(render_html(seed, "utf-8",
                                                                          "fragment"))
        render_docx(seed, target / f"{seed.stem}.docx")
    print(f"wrote {len(SEEDS) * 4} files to {target}/")


if __name__ == "__main__":
    main()
