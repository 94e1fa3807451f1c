"""Render a report into a PDF laid out as published 年报 are, for the PDF reader's tests.

The layout follows PDFs exported from Word/WPS on government portals: a title wrapped over two
centered lines, body paragraphs with a two-character first-line indent, a running header (the
title) from page 2 on and a page number in the footer, and ruled tables in the official template
layout: table 二 as one 4-column table with the 第二十条 items as merged rows, table 三 with the
multi-level header (申请人情况 / 自然人 · 法人或其他组织 / 商业企业 … / 总计) over seven number
columns and its labels in three merged columns, table 四 with 15 columns and three header rows.
Table 三 breaks across two pages inside the （四）无法提供 group, which cuts that merged label
in two ("（四）无" / "法提供"), as Word does when a merged cell crosses a page break.

Text comes from the seed's own parse (prose lines as written, table cells as read), so the PDF
says what the text version says. Uses reportlab and its built-in CJK font STSong-Light (not
embedded; text extraction gives Unicode through the UniGB-UCS2-H CMap).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from gipr_lint.model import Report
from gipr_lint.reading.parser import parse
from gipr_lint.reading.source import Source
from gipr_lint.templates import (
    ACTIVE_BLOCKS,
    REQUEST_COLUMNS,
    REQUEST_GROUPS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
)

FONT = "STSong-Light"
PAGE_W, PAGE_H = 595.0, 842.0
LEFT, RIGHT, TOP, BOTTOM = 56.0, 539.0, 70.0, 70.0
BODY, TITLE, TABLE = 12.0, 18.0, 9.0
PAD = 2.0
_TOKEN = re.compile(r"[A-Za-z0-9_./:@%+\-]+|\s|.")


def _font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def width(text: str, size: float) -> float:
    from reportlab.pdfbase import pdfmetrics

    return float(pdfmetrics.stringWidth(text, FONT, size))


def wrap(text: str, size: float, room: float, first_indent: float = 0.0) -> list[str]:
    """Greedy line breaking that never breaks inside a run of ASCII letters or digits."""
    lines: list[str] = []
    line, used, limit = "", 0.0, room - first_indent
    for token in _TOKEN.findall(text):
        w = width(token, size)
        if line and used + w > limit and not token.isspace():
            lines.append(line)
            line, used, limit = "", 0.0, room
        line += token
        used += w
    if line or not lines:
        lines.append(line)
    return lines


def balanced(text: str, size: float, room: float) -> list[str]:
    """Cell text over as few lines as needed, the characters spread evenly ("结果"/"维持")."""
    if "\n" in text:
        return [part for piece in text.split("\n") for part in balanced(piece, size, room)]
    per_line = max(1, int(room // size))
    count = -(-len(text) // per_line) if text else 1
    if count == 1 and width(text, size) <= room:
        return [text]
    step = -(-len(text) // count)
    return [text[i:i + step] for i in range(0, len(text), step)] or [""]


#: a cell part on one page: x0, top, x1, bottom and its lines (x, baseline, text)
Box = tuple[float, float, float, float, list[tuple[float, float, str]]]


@dataclass
class TCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    align: str = "center"


@dataclass
class TableSpec:
    widths: list[float]
    cells: list[TCell]
    rows: int
    size: float = TABLE
    header_rows: int = 0
    #: a row index before which the page breaks (table 三's page break)
    break_before: int | None = None
    #: repeat the header rows at the top of the continuation (Word's "repeat header rows")
    repeat_header: bool = False
    #: fill each cell's lines in turn, as Word does, instead of spreading the characters evenly
    fill: bool = False


@dataclass
class Options:
    """How to render: a cell to overwrite, a repeated table header, the footer style."""

    #: ``{(table kind, row key, column index): text}``, e.g. a wrong 总计
    cells: Mapping[tuple[str, str, int], str] = field(default_factory=dict)
    repeat_header: bool = False
    footer: str = "dash"  # "dash": "- 3 -"; "of": "第 3 页 共 6 页"
    title_lines: int = 2
    #: table 三 in the official Word template's column widths (labels 39, 47 and 170 pt, numbers
    #: 35 pt) at 10.5 pt, its cells' lines filled as Word fills them
    word_widths: bool = False


class Canvas:
    """A reportlab canvas with a flowing y cursor, running header and page numbers."""

    def __init__(self, out: io.BytesIO, header: str, footer: str, total: int) -> None:
        from reportlab.pdfgen import canvas

        _font()
        self.c = canvas.Canvas(out, pagesize=(PAGE_W, PAGE_H), invariant=True)
        self.header, self.footer, self.total = header, footer, total
        self.page = 1
        self.y = PAGE_H - TOP
        self._furniture()

    def _furniture(self) -> None:
        c = self.c
        if self.page > 1 and self.header:
            c.setFont(FONT, 9)
            c.drawCentredString(PAGE_W / 2, PAGE_H - 40, self.header)
            c.line(LEFT, PAGE_H - 44, RIGHT, PAGE_H - 44)
        c.setFont(FONT, 10)
        label = (f"- {self.page} -" if self.footer == "dash"
                 else f"第 {self.page} 页 共 {self.total} 页")
        c.drawCentredString(PAGE_W / 2, 36, label)

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.y = PAGE_H - TOP
        self._furniture()

    def need(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.new_page()

    def text_line(self, text: str, size: float, x: float, *, center: bool = False) -> None:
        lead = size * 1.5
        self.need(lead)
        self.c.setFont(FONT, size)
        baseline = self.y - size * 1.1
        if center:
            self.c.drawCentredString(x, baseline, text)
        else:
            self.c.drawString(x, baseline, text)
        self.y -= lead

    def paragraph(self, text: str, *, indent: bool = True) -> None:
        first = 2 * BODY if indent else 0.0
        for index, line in enumerate(wrap(text, BODY, RIGHT - LEFT, first)):
            self.text_line(line, BODY, LEFT + (first if index == 0 else 0.0))

    def right_line(self, text: str) -> None:
        self.need(BODY * 1.5)
        self.c.setFont(FONT, BODY)
        self.c.drawRightString(RIGHT - 2 * BODY, self.y - BODY * 1.1, text)
        self.y -= BODY * 1.5

    def table(self, spec: TableSpec) -> None:
        """Draw a ruled table, breaking it across pages (merged cells and their text too)."""
        lead = spec.size * 1.3
        xs = [LEFT]
        for w in spec.widths:
            xs.append(xs[-1] + w)
        heights = [lead + 2 * PAD] * spec.rows
        lines: list[list[str]] = []
        for cell in spec.cells:
            room = xs[cell.col + cell.colspan] - xs[cell.col] - 2 * PAD
            lines.append([part for piece in cell.text.split("\n")
                          for part in wrap(piece, spec.size, room)] if spec.fill
                         else balanced(cell.text, spec.size, room))
            if cell.rowspan == 1:
                heights[cell.row] = max(heights[cell.row], len(lines[-1]) * lead + 2 * PAD)
        for cell, text in zip(spec.cells, lines, strict=True):
            if cell.rowspan > 1:
                span = range(cell.row, cell.row + cell.rowspan)
                short = len(text) * lead + 2 * PAD - sum(heights[r] for r in span)
                if short > 0:
                    heights[span[-1]] += short
        place: list[tuple[int, float]] = []
        repeats: list[tuple[int, float]] = []  # pages (and top y) where the header repeats
        page, y = self.page, self.y
        for r in range(spec.rows):
            if spec.break_before == r or y - heights[r] < BOTTOM:
                page, y = page + 1, PAGE_H - TOP
                if spec.repeat_header and r >= spec.header_rows:
                    repeats.append((page, y))
                    y -= sum(heights[:spec.header_rows])
            place.append((page, y))
            y -= heights[r]
        items: dict[int, list[Box]] = {}
        for cell, text in zip(spec.cells, lines, strict=True):
            placements = [place]
            if cell.row < spec.header_rows:
                for rpage, ry in repeats:
                    tops, acc = [], ry
                    for h in range(spec.header_rows):
                        tops.append((rpage, acc))
                        acc -= heights[h]
                    placements.append(tops)
            for where in placements:
                for page_no, box in self._segments(cell, text, xs, heights, where, lead,
                                                   spec.size):
                    items.setdefault(page_no, []).append(box)
        last = max(items)
        while True:
            self._draw(items.get(self.page, []), spec.size)
            if self.page >= last:
                break
            self.new_page()
        self.y = y - 6

    @staticmethod
    def _segments(cell: TCell, text: list[str], xs: list[float], heights: list[float],
                  place: list[tuple[int, float]], lead: float, size: float
                  ) -> list[tuple[int, tuple[float, float, float, float,
                                             list[tuple[float, float, str]]]]]:
        segments: list[tuple[int, float, float]] = []  # page, top, bottom
        for r in range(cell.row, cell.row + cell.rowspan):
            page, top = place[r]
            bottom = top - heights[r]
            if segments and segments[-1][0] == page:
                segments[-1] = (page, segments[-1][1], bottom)
            else:
                segments.append((page, top, bottom))
        x0, x1 = xs[cell.col], xs[cell.col + cell.colspan]
        remaining = list(text)
        out = []
        for n, (page, top, bottom) in enumerate(segments):
            final = n == len(segments) - 1
            capacity = (len(remaining) if final
                        else max(0, int((top - bottom - 2 * PAD) / lead + 1e-6)))
            here, remaining = remaining[:capacity], remaining[capacity:]
            block = len(here) * lead
            start = top - PAD if len(segments) > 1 else top - (top - bottom - block) / 2
            texts = []
            for k, line in enumerate(here):
                baseline = start - k * lead - size * 1.05
                x = x0 + PAD if cell.align == "left" else (x0 + x1 - width(line, size)) / 2
                texts.append((x, baseline, line))
            out.append((page, (x0, top, x1, bottom, texts)))
        return out

    def _draw(self, boxes: list[tuple[float, float, float, float,
                                      list[tuple[float, float, str]]]], size: float) -> None:
        c = self.c
        c.setLineWidth(0.6)
        c.setFont(FONT, size)
        for x0, top, x1, bottom, texts in boxes:
            c.rect(x0, bottom, x1 - x0, top - bottom)
            for x, y, line in texts:
                c.drawString(x, y, line)

    def save(self) -> None:
        self.c.showPage()
        self.c.save()


# ----------------------------------------------------------------------------- tables

_REQUEST_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_GROUP_OF = {g.key.removeprefix("group."): g.official for g in REQUEST_GROUPS[1:]}
_GROUP_OF["other"] = "（六）其他处理"


def _label(report: Report, row: object) -> str:
    """A row label as the seed writes it (the parse may leave a closing quote out)."""
    text = report.source.text
    end = row.label_span.end  # type: ignore[attr-defined]
    while end < len(text) and text[end] in "”’)）":
        end += 1
    return text[row.label_span.start:end]  # type: ignore[attr-defined]


def _value(report: Report, options: Options, kind: str, key: str, index: int, raw: str) -> str:
    return options.cells.get((kind, key, index), raw)


def _spans(count: int, total: int = 3) -> list[int]:
    if count <= 0:
        return []
    base = [total // count] * count
    base[-1] += total - sum(base)
    return base


def active_table(report: Report, options: Options) -> TableSpec:
    table = report.tables["active"]
    cells: list[TCell] = []
    row = 0
    for block in ACTIVE_BLOCKS[table.format]:
        rows = [table.row(t.key) for t in block.rows]
        present = [r for r in rows if r is not None]
        if not present:
            continue
        cells.append(TCell(block.item, row, 0, colspan=4))
        row += 1
        cells.append(TCell("信息内容", row, 0))
        col = 1
        for (_, header), span in zip(block.columns, _spans(len(block.columns)), strict=True):
            cells.append(TCell(header, row, col, colspan=span))
            col += span
        row += 1
        for r in present:
            cells.append(TCell(_label(report, r), row, 0, align="left"))
            col = 1
            for index, (cell, span) in enumerate(zip(r.cells, _spans(len(r.cells)), strict=True)):
                text = _value(report, options, "active", r.key, index, cell.raw)
                cells.append(TCell(text, row, col, colspan=span))
                col += span
            row += 1
    return TableSpec([151.0, 110.0, 111.0, 111.0], cells, row)


def request_table(report: Report, options: Options) -> TableSpec:
    table = report.tables["requests"]
    cells = [TCell(_REQUEST_NOTE, 0, 0, rowspan=3, colspan=3),
             TCell("申请人情况", 0, 3, colspan=7),
             TCell("自然人", 1, 3, rowspan=2), TCell("法人或其他组织", 1, 4, colspan=5),
             TCell("总计", 1, 9, rowspan=2)]
    cells += [TCell(name, 2, 4 + i) for i, name in enumerate(REQUEST_COLUMNS[1:6])]
    row = 3
    outcome_start: int | None = None
    group: str | None = None
    group_start = 0
    break_before: int | None = None

    def close_group(end: int) -> None:
        if group is not None:
            cells.append(TCell(_GROUP_OF[group], group_start, 1, rowspan=end - group_start,
                               align="left"))

    for r in table.rows:
        outer = r.key in ("new", "carried_over", "carry_forward")
        prefix = r.key.split(".")[0] if "." in r.key else None
        if prefix != group:
            close_group(row)
            group, group_start = prefix, row
        if outer:
            if outcome_start is not None:
                cells.append(TCell("三、本年度办理结果", outcome_start, 0,
                                   rowspan=row - outcome_start, align="left"))
                outcome_start = None
            cells.append(TCell(_label(report, r), row, 0, colspan=3, align="left"))
        else:
            if outcome_start is None:
                outcome_start = row
            if prefix is None:
                cells.append(TCell(_label(report, r), row, 1, colspan=2, align="left"))
            else:
                cells.append(TCell(_label(report, r), row, 2, align="left"))
        if r.key == "unable.needs_creation":
            break_before = row
        for index, cell in enumerate(r.cells):
            text = _value(report, options, "requests", r.key, index, cell.raw)
            cells.append(TCell(text, row, 3 + index))
        row += 1
    close_group(row)
    if outcome_start is not None:
        cells.append(TCell("三、本年度办理结果", outcome_start, 0, rowspan=row - outcome_start,
                           align="left"))
    if options.word_widths:
        return TableSpec([39.0, 47.0, 170.0] + [35.0] * 7, cells, row, size=10.5,
                         header_rows=3, break_before=break_before,
                         repeat_header=options.repeat_header, fill=True)
    return TableSpec([36.0, 40.0, 134.0] + [39.0] * 7, cells, row, header_rows=3,
                     break_before=break_before, repeat_header=options.repeat_header)


def _review_headers(report: Report) -> list[str]:
    """The seed's own header cells when they split into the 19 of the layout, else official."""
    table = report.tables["review"]
    raw = "\n".join(h.text for h in table.headers)
    tokens = [t.strip() for t in re.split(r"[|\t]", raw) if t.strip()]
    if len(tokens) == 19:
        return tokens
    groups = [name for _, name in REVIEW_GROUPS]
    return ["行政复议", "行政诉讼", *REVIEW_COLUMNS, groups[1], groups[2], *REVIEW_COLUMNS * 2]


def review_table(report: Report, options: Options) -> TableSpec:
    table = report.tables["review"]
    h = _review_headers(report)
    cells = [TCell(h[0], 0, 0, colspan=5), TCell(h[1], 0, 5, colspan=10)]
    cells += [TCell(h[2 + i], 1, i, rowspan=2) for i in range(5)]
    cells += [TCell(h[7], 1, 5, colspan=5), TCell(h[8], 1, 10, colspan=5)]
    cells += [TCell(h[9 + i], 2, 5 + i) for i in range(10)]
    col = 0
    for r in table.rows:
        for index, cell in enumerate(r.cells):
            cells.append(TCell(_value(report, options, "review", r.key, index, cell.raw), 3, col))
            col += 1
    return TableSpec([483.0 / 15] * 15, cells, 4, size=8.0, header_rows=3)


# ----------------------------------------------------------------------------- report

def _title_lines(report: Report, count: int) -> list[str]:
    title = report.title.text.strip() if report.title else ""
    if count < 2 or len(title) < 16:
        return [title]
    agency = report.agency.text if report.agency else ""
    cut = len(agency) if agency and title.startswith(agency) else title.find("政府信息公开")
    if cut <= 0 or cut >= len(title):
        cut = len(title) // 2
    return [title[:cut], title[cut:]]


def _render(source: Source, report: Report, options: Options, total: int
            ) -> tuple[bytes, int]:
    out = io.BytesIO()
    header = report.title.text.strip() if report.title else ""
    canvas = Canvas(out, header, options.footer, total)
    line_of = source.position
    title_line = line_of(report.title.span.start)[0] if report.title else 0
    headings = {line_of(s.heading.span.start)[0] for s in report.sections}
    tables: dict[int, tuple[int, str]] = {}  # first line -> (last line, kind)
    for section in report.sections:
        kind = {2: "active", 3: "requests", 4: "review"}.get(section.number)
        if kind and kind in report.tables:
            first = line_of(section.heading.span.start)[0] + 1
            tables[first] = (line_of(report.tables[kind].span.end)[0], kind)
    signature = set()
    if report.signature is not None:
        start, _ = line_of(report.signature.span.start)
        end, _ = line_of(max(report.signature.span.start, report.signature.span.end - 1))
        signature = set(range(start, end + 1))
    builders = {"active": active_table, "requests": request_table, "review": review_table}
    number = 1
    while number <= source.line_count:
        text = source.line_text(number).strip()
        if number in tables:
            last, kind = tables[number]
            canvas.table(builders[kind](report, options))
            number = last + 1
            continue
        if number == title_line:
            for line in _title_lines(report, options.title_lines):
                canvas.text_line(line, TITLE, PAGE_W / 2, center=True)
            canvas.y -= 6
        elif not text:
            pass
        elif number in headings:
            canvas.paragraph(text, indent=False)
        elif number in signature:
            canvas.right_line(text)
        else:
            canvas.paragraph(text)
        number += 1
    pages = canvas.page
    canvas.save()
    return out.getvalue(), pages


def render_report(text: str, options: Options | None = None) -> bytes:
    """The PDF of a text report (see the module docstring for the layout)."""
    options = options or Options()
    source = Source.from_text(text, "seed.txt")
    report = parse(source)
    _, pages = _render(source, report, options, 0)
    return _render(source, report, options, pages)[0]


def render_file(seed: Path, out: Path, options: Options | None = None) -> None:
    out.write_bytes(render_report(seed.read_text(encoding="utf-8"), options))
