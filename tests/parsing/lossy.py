"""Rewrite a report into the lossy forms text reaches the linter in (issue 10).

- ``concatenated``: a scraper that joins every cell with no separator, the whole table on a line;
- ``spaced``: a scraper that inserts spaces irregularly, inside labels and inside digit runs;
- ``pdftotext``: ``pdftotext -layout`` output: space-aligned columns, labels wrapped over two or
  three lines with the numbers on the first or the last of them, page numbers and a running
  head inside the tables, the title split over two lines, digits spaced from 年, paragraphs
  wrapped mid-sentence;
- ``markdown``: a Markdown/OCR conversion: pipe tables with a ``---`` rule, a stray header row in
  the middle, an empty column, a row broken across a blank line.

Each writer renders a table from the model (labels as the report wrote them, group labels where
the template has them, cells as read) and splices it over the original table. Randomness comes
from a seeded :class:`random.Random`, so a failure can be replayed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import PurePath

from gipr_lint.model import Report, Table
from gipr_lint.templates import (
    ACTIVE_BLOCKS,
    REQUEST_COLUMNS,
    REQUEST_GROUPS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    outcome_keys,
)

Rows = list[list[str]]  # each row: label (or "") then cell texts

_GROUP_BEFORE = {"granted": 0, "denied.state_secret": 1, "unable.not_held": 2,
                 "not_processed.petition": 3, "other.no_correction": 4}
_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _label(raw: str) -> str:
    return " ".join(raw.split())


Values = dict[str, dict[str, list[str]]]  # table kind -> row key -> cell texts


def table_rows(table: Table, values: Values | None = None) -> tuple[Rows, int]:
    """The table as rows of text, and how many leading rows are column headers; ``values``
    replaces the cells of the rows it names."""
    mine = (values or {}).get(table.kind, {})

    def cells(row: object) -> list[str]:
        key = row.key  # type: ignore[attr-defined]
        return mine[key] if key in mine else [c.raw for c in row.cells]  # type: ignore[attr-defined]

    if table.kind == "active":
        rows: Rows = []
        by_key = {row.key: row for row in table.rows}
        for block in ACTIVE_BLOCKS[table.format]:
            rows.append([block.item])
            rows.append(["信息内容", *(header for _, header in block.columns)])
            for template in block.rows:
                row = by_key.get(template.key)
                if row is not None:
                    rows.append([_label(row.label), *cells(row)])
        return rows, 0
    if table.kind == "requests":
        rows = [[_NOTE, "申请人情况"], ["自然人", "法人或其他组织", "总计"],
                list(REQUEST_COLUMNS[1:6])]
        for row in table.rows:
            label = _label(row.label)
            group = _GROUP_BEFORE.get(row.key)
            if group is not None and (table.format == "2021" or group < 4):
                template = REQUEST_GROUPS[group]
                if not label.startswith(template.numbering) and template.label not in label:
                    label = f"{template.numbering}{template.label}{label}"
            if row.key == "granted" and "本年度办理结果" not in label:
                label = "三、本年度办理结果" + label
            rows.append([label, *cells(row)])
        return rows, 3
    flat = [cell for row in table.rows for cell in cells(row)]
    return [["行政复议", "行政诉讼"], [*REVIEW_COLUMNS, "未经复议直接起诉", "复议后起诉"],
            [*REVIEW_COLUMNS, *REVIEW_COLUMNS], ["", *flat]], 3


# --------------------------------------------------------------------------- filled tables

_COUNTS = (0, 0, 0, 0, 1, 2, 3, 5, 7, 10, 12, 19, 23, 40, 105, 230)


def _count(rng: random.Random, busy: bool) -> int:
    return rng.choice(_COUNTS) if busy else rng.choice((0, 0, 0, 0, 0, 0, 1, 2))


def random_values(report: Report, rng: random.Random) -> Values:
    """Tables 二, 三 and 四 filled with plausible non-zero counts that keep every identity
    (each row's 总计, the outcome totals, 一 + 二 = （七） + 四, table 四's group totals)."""
    values: Values = {}
    requests = report.tables.get("requests")
    if requests is not None:
        keys = [row.key for row in requests.rows]
        outcomes = [k for k in outcome_keys(requests.format) if k in keys]
        columns: dict[str, list[int]] = {key: [0] * 6 for key in keys}
        for column in range(6):
            busy = column == 0 or rng.random() < 0.3
            new, carried = _count(rng, busy), _count(rng, False)
            handled = rng.randint(0, new + carried)
            left = handled
            for key in outcomes[:-1]:
                share = rng.choice((0, 0, 0, left // 2, left)) if left else 0
                columns[key][column] = share
                left -= share
            if outcomes:
                columns[outcomes[-1]][column] = left
            columns.setdefault("new", [0] * 6)[column] = new
            columns.setdefault("carried_over", [0] * 6)[column] = carried
            columns.setdefault("total", [0] * 6)[column] = handled
            columns.setdefault("carry_forward", [0] * 6)[column] = new + carried - handled
        values["requests"] = {key: [str(v) for v in (*six, sum(six))]
                              for key, six in columns.items() if key in keys}
    if "review" in report.tables:
        review: dict[str, list[str]] = {}
        for key, _ in REVIEW_GROUPS:
            four = [_count(rng, rng.random() < 0.4) for _ in range(4)]
            review[key] = [str(v) for v in (*four, sum(four))]
        values["review"] = review
    active = report.tables.get("active")
    if active is not None:
        values["active"] = {row.key: [str(_count(rng, True)) if c.raw.isdigit() else c.raw
                                      for c in row.cells] for row in active.rows
                            if all(c.value is not None for c in row.cells)}
    return values



# --------------------------------------------------------------------------- the forms

def concatenated(rows: Rows, headers: int, rng: random.Random) -> str:
    """Every cell and label joined with no separator, the whole table on one line."""
    return "".join("".join(row) for row in rows) + "\n"


def _spaced_word(word: str, rng: random.Random) -> str:
    out = []
    for index, char in enumerate(word):
        if index and rng.random() < 0.12:
            out.append(" " * rng.choice((1, 1, 2)))
        out.append(char)
    return "".join(out)


def spaced(rows: Rows, headers: int, rng: random.Random) -> str:
    """One row a line; spaces inserted at random inside labels and header words, and between
    cells only sometimes (a scraper inserts them at element boundaries, never inside a
    number): "230 000023", "0 0 0 0 0 00", "社会公益 组织"."""
    lines = []
    for row in rows:
        parts = [_spaced_word(row[0], rng)] if row[0] else []
        for cell in row[1:]:
            parts.append(rng.choice(("", "", " ", "  ")) + cell)
        lines.append("".join(parts))
    return "\n".join(lines) + "\n"


_WRAP = 9  # label column width in characters (pdftotext wraps long labels)


def _wrap(label: str, width: int) -> list[str]:
    """``label`` in lines of ``width`` characters; an ordinal stays with the words after it."""
    lines = [label[i:i + width] for i in range(0, len(label), width)] or [""]
    return lines


def pdftotext(rows: Rows, headers: int, rng: random.Random) -> str:
    """Space-aligned columns; labels wrapped over lines with the numbers on the first or the
    last line; a page break (running head, page number) somewhere in the table."""
    lines: list[str] = []
    break_at = rng.randrange(headers + 1, len(rows)) if len(rows) > headers + 1 else len(rows)
    for index, row in enumerate(rows):
        if index == break_at:
            lines += ["", f"- {rng.randrange(2, 9)} -", "\f政府信息公开工作年度报告", ""]
        label, cells = row[0], row[1:]
        numbers = "".join(" " * rng.choice((2, 3, 5)) + cell for cell in cells)
        if index < headers or not cells:
            # header rows: each header wrapped into its own column, two characters a line
            columns = [_wrap(word, 4) for word in row if word]
            depth = max(len(c) for c in columns)
            for line in range(depth):
                lines.append("  ".join((c[line] if line < len(c) else "").ljust(9)
                                       for c in columns).rstrip())
            continue
        group = re.match(r"(?:三、本年度办理结果)?(?:（[三四五六]）\w{4})?", label)
        if group is not None and group.group() and group.end() < len(label):
            lines.append(" " * rng.choice((0, 2)) + group.group())  # a merged group cell
            label = label[group.end():]
        wrapped = _wrap(label, _WRAP)
        on_last = len(wrapped) > 1 and rng.random() < 0.5
        for line, piece in enumerate(wrapped):
            holds = line == (len(wrapped) - 1 if on_last else 0)
            indent = " " * rng.choice((0, 2, 4))
            lines.append(indent + piece.ljust(_WRAP * 2 + 2) + (numbers if holds else ""))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def markdown(rows: Rows, headers: int, rng: random.Random) -> str:
    """A pipe table with a ``---`` rule after the header, a stray copy of the header row in the
    middle, an empty column at the end, and one row broken across a blank line."""
    def line(row: list[str]) -> str:
        return "| " + " | ".join(row) + " |  |"

    width = max(len(row) for row in rows)
    first = rows[0] + [""] * (width - len(rows[0]))
    out = [line(first), "|" + "---|" * (width + 1)]
    body = rows[1:]
    stray = rng.randrange(len(body) // 2, len(body)) if len(body) > 2 else len(body)
    broken = rng.randrange(0, len(body)) if body else -1
    for index, row in enumerate(body):
        if index == stray:
            out.append(line(first))
        if index == broken and len(row) > 2:
            half = len(row) // 2
            out.append("| " + " | ".join(row[:half]) + " |")
            out.append("")
            out.append("| " + " | ".join(row[half:]) + " |  |")
            continue
        out.append(line(row))
    return "\n".join(out) + "\n\n"


FORMS: dict[str, Callable[[Rows, int, random.Random], str]] = {
    "concatenated": concatenated,
    "spaced": spaced,
    "pdftotext": pdftotext,
    "markdown": markdown,
}


# --------------------------------------------------------------------------- whole documents

_YEAR = re.compile(r"(\d{4})年")


def _pdftotext_prose(text: str, rng: random.Random) -> str:
    """Prose as pdftotext gives it: digits spaced from 年, lines wrapped mid-sentence."""
    out = []
    for line in text.split("\n"):
        line = _YEAR.sub(r"\1 年", line)
        if len(line) > 40 and not line.lstrip().startswith(("一", "二", "三", "四", "五", "六")):
            width = rng.choice((34, 36, 38))
            out.extend(line[i:i + width] for i in range(0, len(line), width))
        else:
            out.append(line)
    return "\n".join(out)


def _split_title(text: str, report: Report) -> str:
    """The title over two lines, the agency on the first: "洪泽区人民政府" / "2023 年…报告"."""
    if report.title is None:
        return text
    title = report.title
    words = text[title.span.start:title.span.end]
    at = re.search(r"\d{4}", words)
    if at is None or at.start() == 0:
        return text
    split = words[:at.start()].rstrip() + "\n" + words[at.start():]
    return text[:title.span.start] + split + text[title.span.end:]


def rewrite(report: Report, form: str, seed: int = 0, values: Values | None = None) -> str:
    """The report's text with every table written in ``form`` (with ``values`` in place of the
    cells where given); for ``pdftotext`` the prose, title and years are made pdftotext-like
    too."""
    writer = FORMS[form]
    # seeded by the file name, not its path: the same text wherever the checkout is
    rng = random.Random(f"{PurePath(report.path).name}:{form}:{seed}")
    text = report.text
    pieces: list[tuple[int, int, str]] = []
    for table in report.tables.values():
        rows, headers = table_rows(table, values)
        pieces.append((table.span.start, table.span.end, writer(rows, headers, rng)))
    pieces.sort(reverse=True)
    if form == "pdftotext":
        text = _split_title(text, report)  # before every table: shifts them all alike
    out = []
    cursor = len(text)
    offset = len(text) - len(report.text)
    for start, end, table_text in pieces:
        out.append(_post(text[end + offset:cursor], form, rng))
        out.append(table_text)
        cursor = start + offset
    out.append(_post(text[:cursor], form, rng))
    return "".join(reversed(out))


def _post(prose: str, form: str, rng: random.Random) -> str:
    return _pdftotext_prose(prose, rng) if form == "pdftotext" else prose
