"""Statistics tables: rows, columns and the arithmetic identities of tables 二, 三 and 四.

The arithmetic rules (T001–T004) share one engine (:mod:`gipr_lint_rules._identities`) that
checks identities declared as data: the national ones from :mod:`gipr_lint.templates`, plus any a
plugin returns from ``gipr_lint_templates``. A provincial pack adds an identity without a rule by
giving it one of the codes T001–T004, or reports it under its own code with a four-line
:class:`IdentityRule` subclass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar

from gipr_lint.diagnostics import Edit, Finding, Fix, Severity
from gipr_lint.hookspecs import hookimpl
from gipr_lint.reading.layout.compact import compact
from gipr_lint.model import AgencyKind, Cell, Problem, Report, Row, Table, TextPiece
from gipr_lint.rules import Rule, RuleContext
from gipr_lint.reading.source import Span
from gipr_lint.templates import (
    ACTIVE_2019_MARKERS,
    ACTIVE_BLOCKS,
    REQUEST_COLUMNS,
    REQUEST_ROWS,
    REVIEW_COLUMNS,
    TABLE_NUMERALS,
    request_row_name,
)
from gipr_lint_rules._identities import cell_issue, failures, identity_set, number_text

__all__ = ["TOWNSHIP_FEE_LIMIT", "IdentityRule"]

GIPR_LINT_API = 1

#: Above this many 万元 a township's 行政事业性收费 is taken for a figure written in 元 (T009).
TOWNSHIP_FEE_LIMIT = 1000.0

_TABLE_NAMES = {kind: f"table {numeral}" for kind, numeral in TABLE_NUMERALS.items()}


# --------------------------------------------------------------------------- naming helpers

def _row_name(table: Table, row: Row) -> str:
    """How messages name a row: the official label (with its group for table-三 sub-rows)."""
    if table.kind == "requests":
        template = next((r for r in REQUEST_ROWS.get(table.format, ()) if r.key == row.key), None)
        if template is not None:
            return request_row_name(template)
    if table.kind == "active":
        return row.official_label
    return row.label


def _column_names(table: Table, row: Row) -> tuple[str, ...]:
    if table.kind == "requests":
        return REQUEST_COLUMNS
    if table.kind == "review":
        return REVIEW_COLUMNS
    for block in ACTIVE_BLOCKS.get(table.format, ()):
        if any(r.key == row.key for r in block.rows):
            return tuple(header for _, header in block.columns)
    return ()


def _where(table: Table, row: Row, index: int | None = None) -> str:
    """``table 三, "一、本年新收…", column "自然人"``."""
    text = f'{_TABLE_NAMES[table.kind]}, "{_row_name(table, row)}"'
    names = _column_names(table, row)
    if index is not None and index < len(names):
        text += f', column "{names[index]}"'
    return text


# --------------------------------------------------------------------------- T001–T004

class IdentityRule(Rule):
    """Reports the identities whose ``code`` is this rule's code (see ``_identities``).

    A plugin reporting its identities under its own code subclasses this with ``code``,
    ``name``, ``severity`` and ``summary`` and nothing else.
    """

    #: Whether a failure carries an unsafe fix rewriting the total to the computed sum.
    offers_fix: ClassVar[bool] = False

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        identities = identity_set(context.templates)
        errors = [message for code, message in identities.errors if code in (None, self.code)]
        if errors:
            raise ValueError("; ".join(errors))
        for failure in failures(report, identities, self.code):
            fix = None
            expected = failure.expected
            span = failure.cell.span
            if self.offers_fix and span.end > span.start and float(expected).is_integer() \
                    and expected >= 0:
                text = number_text(expected)
                fix = Fix((Edit(span, text),),
                          f"replace {failure.cell.raw} with the computed sum {text}", safe=False)
            yield self.finding(span, failure.message, fix=fix)


class RowTotal(IdentityRule):
    """A table-三 row's 总计 differs from the sum of its six applicant columns.

    For every row of table 三, 总计 must equal 自然人 + 商业企业 + 科研机构 + 社会公益组织 +
    法律服务机构 + 其他. The finding points at the row's 总计 cell; an unsafe fix rewrites it
    to the sum, though the wrong number may as well be one of the six. Rows with an unread or
    invalid cell are skipped (T005 reports the cell).

    Fails::

        一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 5

    Passes::

        一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 1 | 5
    """

    code = "T001"
    name = "request-row-total"
    severity = Severity.ERROR
    summary = "Table 三 row total differs from the sum of the applicant columns"
    offers_fix = True


class OutcomeTotal(IdentityRule):
    """A table-三 （七）总计 cell differs from the sum of the outcome rows in its column.

    In every column, （七）总计 must equal the sum of the outcome rows （一） through （六）: the
    numbered sub-rows of （三）–（六）, not the group labels (in the 2019 format （六）其他处理 is
    one row). The finding points at the （七）总计 cell; an unsafe fix rewrites it to the sum.

    Fails::

        （一）予以公开 | 3 | 0 | 0 | 0 | 0 | 0 | 3
        （二）部分公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1
        …
        （七）总计     | 3 | 0 | 0 | 0 | 0 | 0 | 3

    Passes::

        （七）总计     | 4 | 0 | 0 | 0 | 0 | 0 | 4
    """

    code = "T002"
    name = "request-outcome-total"
    severity = Severity.ERROR
    summary = "Table 三 （七）总计 differs from the sum of the outcome rows"
    offers_fix = True


class PrintedIdentity(IdentityRule):
    """The identity printed in table 三's header fails: 一 + 二 ≠ （七）总计 + 四.

    The header note says 第一项加第二项之和，等于第三项加第四项之和: in every column, 本年新收 +
    上年结转 must equal （七）总计 + 结转下年度继续办理. The finding points at the column's
    四、结转下年度继续办理 cell, the balancing figure, and says what 一 + 二 − （七）总计 gives;
    no fix is offered, since any of the four numbers may be the wrong one.

    Fails::

        一、本年新收政府信息公开申请数量 | 4 | … | 4
        二、上年结转政府信息公开申请数量 | 0 | … | 0
        （七）总计                       | 4 | … | 4
        四、结转下年度继续办理           | 1 | … | 1

    Passes::

        四、结转下年度继续办理           | 0 | … | 0
    """

    code = "T003"
    name = "request-balance"
    severity = Severity.ERROR
    summary = "Table 三: 一 + 二 differs from （七）总计 + 四"


class ReviewTotal(IdentityRule):
    """A table-四 group's 总计 differs from 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

    Table 四 has three groups of five cells (行政复议, 未经复议直接起诉, 复议后起诉); in each the
    fifth, 总计, is the sum of the first four. The finding points at the group's 总计 cell; an
    unsafe fix rewrites it to the sum.

    Fails::

        行政复议: 结果维持 0 · 结果纠正 1 · 其他结果 0 · 尚未审结 0 · 总计 2

    Passes::

        行政复议: 结果维持 0 · 结果纠正 1 · 其他结果 0 · 尚未审结 0 · 总计 1
    """

    code = "T004"
    name = "review-total"
    severity = Severity.ERROR
    summary = "Table 四 总计 differs from the sum of the four results"
    offers_fix = True


# --------------------------------------------------------------------------- T005

_CELL_COUNTS = re.compile(r": (\d+) cells, expected (\d+)")
_SKIP = re.compile(r"[\s|｜\"“”'‘’:：]*")
_WORD = re.compile(r"[^\s|｜]{1,9}")
#: The longest text taken for a bad cell's content; anything longer is the next label.
_MAX_BAD_CELL = 8


def _bad_text(text: str, start: int, limit: int) -> Span | None:
    """The short run of text at ``start`` (after separators) that stopped the cell reader."""
    skipped = _SKIP.match(text, start, limit)
    position = skipped.end() if skipped else start
    if text.count("\n", start, position) > 2:
        return None
    word = _WORD.match(text, position, limit)
    if word is None or len(word.group()) > _MAX_BAD_CELL:
        return None
    return Span(word.start(), word.end())


def _next_label(table: Table, after: int) -> int:
    starts = [row.label_span.start for row in table.rows if row.label_span.start > after]
    return min(starts, default=table.span.end + 200)


class InvalidCell(Rule):
    """A cell that is not a non-negative whole number where one is required, or a row or cell
    that is missing.

    Every cell of tables 二, 三 and 四 holds a count, except 本年增/减 (2019 table 二, may be
    negative) and the money columns (本年收费金额, 采购总金额: decimals allowed). Text where a
    number belongs, decimals and negative counts are errors. So are rows with too few or too many
    cells, digits run together that cannot be told apart, and rows missing from a table: their
    numbers cannot be checked, and the arithmetic rules skip them. Where a row stops early at
    text that is not a number, the finding points at that text.

    Fails::

        第二十条第（五）项
        信息内容 | 本年处理决定数量
        行政许可 | 无数据

    Passes::

        行政许可 | 0
    """

    code = "T005"
    name = "invalid-cell"
    severity = Severity.ERROR
    summary = "Table cell that is not a valid number, or a missing row or cell"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        covered: set[Span] = set()
        for problem in report.problems:
            if problem.kind == "row-shape":
                yield from self._row_shape(report, problem, covered)
            elif problem.kind == "ambiguous-cells":
                covered.add(problem.span)
                yield self.finding(problem.span, self._ambiguous(problem))
        for table in report.tables.values():
            yield from self._missing_rows(table)
            for row, index, cell in table.cells():
                if cell.value is None:
                    if row.label_span not in covered and cell.span not in covered:
                        covered.add(row.label_span)
                        yield self.finding(cell.span, f"{_where(table, row, index)}: expected a "
                                                      "number, found a cell that could not be read")
                    continue
                issue = cell_issue(table.kind, table.format, row.key, index, cell)
                if issue:
                    yield self.finding(cell.span, f"{_where(table, row, index)}: expected "
                                                  f'{issue}, found "{cell.raw}"')

    @staticmethod
    def _ambiguous(problem: Problem) -> str:
        label, _, rest = problem.message.partition(": ")
        return (f'"{label}": {rest} with spaces or "|"' if rest.endswith("separate the cells")
                else problem.message)

    def _row_shape(self, report: Report, problem: Problem,
                   covered: set[Span]) -> Iterator[Finding]:
        covered.add(problem.span)
        for table in report.tables.values():
            rows = [row for row in table.rows if row.label_span == problem.span]
            if not rows:
                continue
            padded = next(((row, index, cell) for row in rows
                           for index, cell in enumerate(row.cells)
                           if cell.value is None and not cell.raw), None)
            if padded is not None:
                row, index, cell = padded
                bad = _bad_text(report.text, cell.span.start, _next_label(table, cell.span.start))
                if bad is not None:
                    yield self.finding(bad, f"{_where(table, row, index)}: expected a number, "
                                            f'found "{report.text[bad.start:bad.end]}"')
                    return
            yield self.finding(problem.span, self._shape_message(table, rows[0], problem))
            return
        yield self.finding(problem.span, f"table row: {problem.message}")

    @staticmethod
    def _shape_message(table: Table, row: Row, problem: Problem) -> str:
        where = f'{_TABLE_NAMES[table.kind]}, "{_row_name(table, row)}"'
        if table.kind == "review":
            where = f"{_TABLE_NAMES[table.kind]}"
        counts = _CELL_COUNTS.search(problem.message)
        if counts is None:
            return f"{where}: expected numbers after the label, found none"
        found, expected = counts.groups()
        if int(found) > int(expected):
            return (f"{where}: expected {expected} cells, found {found}; the extra cells are "
                    "ignored")
        return (f"{where}: expected {expected} cells, found {found}; the missing cells are not "
                "checked")

    def _missing_rows(self, table: Table) -> Iterator[Finding]:
        if not table.missing_rows:
            return
        if table.kind == "requests":
            order = [row.key for row in REQUEST_ROWS.get(table.format, ())]
            names = {r.key: request_row_name(r) for r in REQUEST_ROWS.get(table.format, ())}
        else:
            rows = [r for block in ACTIVE_BLOCKS.get(table.format, ()) for r in block.rows]
            order = [r.key for r in rows]
            names = {r.key: r.official for r in rows}
        present = {row.key: row for row in table.rows}
        groups: dict[str | None, list[str]] = {}  # next present row (None: the table's end)
        for key in table.missing_rows:
            later = order[order.index(key) + 1:] if key in order else []
            groups.setdefault(next((k for k in later if k in present), None), []).append(key)
        last = table.rows[-1].label_span if table.rows else Span(table.span.start,
                                                                   table.span.start)
        for following, keys in groups.items():
            span = present[following].label_span if following is not None else last
            where = "before this one" if following is not None else "after this one"
            shown = [f'"{names.get(key, key)}"' for key in keys]
            if len(keys) == 1:
                what, whose = f"a row {shown[0]} {where}", "its"
            else:
                listed = ", ".join(shown[:3]) + (f" … {shown[-1]}" if len(keys) > 3 else "")
                what, whose = f"{len(keys)} rows {where} ({listed})", "their"
            yield self.finding(span, f"{_TABLE_NAMES[table.kind]}: expected {what}, found none; "
                                     f"{whose} numbers are not checked")


# --------------------------------------------------------------------------- T006

class BlankCell(Rule):
    """A cell left blank or written "-", "—", "/" or "无", read as 0.

    The official tables want a number in every cell; a blank or a dash is read as 0, which is
    what the writer most likely meant, but a reader cannot be sure. One finding per row, at its
    first such cell; an unsafe fix writes 0 into the cells that hold a mark.

    Fails::

        行政许可 | —

    Passes::

        行政许可 | 0
    """

    code = "T006"
    name = "blank-cell"
    severity = Severity.WARNING
    summary = "Blank or dash cell read as 0"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        for table in report.tables.values():
            for row in table.rows:
                blanks = [(i, c) for i, c in enumerate(row.cells) if c.blank]
                if not blanks:
                    continue
                names = _column_names(table, row)
                columns = ", ".join(names[i] if i < len(names) else str(i + 1) for i, _ in blanks)
                marks = sorted({f'"{c.raw}"' if c.raw else "empty" for _, c in blanks})
                count = "1 cell is" if len(blanks) == 1 else f"{len(blanks)} cells are"
                edits = tuple(Edit(c.span, "0") for _, c in blanks if c.span.end > c.span.start)
                fix = Fix(edits, "write 0", safe=False) if edits else None
                yield self.finding(
                    blanks[0][1].span,
                    f'{_TABLE_NAMES[table.kind]}, "{_row_name(table, row)}": expected a number, '
                    f"found {' / '.join(marks)}: {count} read as 0 ({columns}); write 0",
                    fix=fix)


# --------------------------------------------------------------------------- T007

_MARKERS_2019 = tuple(compact(m) for m in ACTIVE_2019_MARKERS)
_HEADERS_2021 = tuple(compact(header) for block in ACTIVE_BLOCKS["2021"]
                      for _, header in block.columns
                      if compact(header) not in {compact(h) for b in ACTIVE_BLOCKS["2019"]
                                                 for _, h in b.columns})
_ROWS_2019_ONLY = {"active": ("other_services", "procurement"), "requests": ("other",)}
_ROWS_2021_ONLY = {"requests": ("other.no_correction",)}


def _first_marker(table: Table, headers: Sequence[str], rows: Sequence[str]) -> Span:
    """Where a table first shows one format: a header naming it, a row only it has, or the
    table's start."""
    spans = [h.span for h in table.headers if any(m in compact(h.text) for m in headers)]
    spans += [row.label_span for row in table.rows if row.key in rows]
    return min(spans, default=Span(table.span.start, table.span.start))


class WrongFormat(Rule):
    """The 2019 tables in a report for 2021 or later, or the 2021 tables in one for 2019/2020.

    Reports for 2021 onward use the format of 国办公开办函〔2021〕30号; those for 2019 and 2020
    the 2019 format (国办公开办函〔2019〕60号). Old tables in a new report are an error; the new
    tables in a 2019/2020 report (the 2021 format did not exist yet) a warning. The finding
    points at the first header or row only the used format has (e.g. 本年新制作数量,
    其他对外管理服务事项, （六）其他处理), else at the table. Silent when the year is unknown.

    Fails::

        某某镇人民政府2023年政府信息公开工作年度报告
        …
        信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量

    Passes::

        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
    """

    code = "T007"
    name = "table-format-year"
    severity = Severity.ERROR
    summary = "Tables of the wrong format for the report's year"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        year = report.year
        if year is None:
            return
        for kind in ("active", "requests"):
            table = report.table(kind)
            if table is None:
                continue
            if table.format == "2019" and year >= 2021:
                span = _first_marker(table, _MARKERS_2019 if kind == "active" else (),
                                     _ROWS_2019_ONLY.get(kind, ()))
                yield self.finding(span, f"{_TABLE_NAMES[kind]}: expected the 2021 format "
                                         f"(国办公开办函〔2021〕30号) in a report for {year}, "
                                         "found the 2019 format")
            elif table.format == "2021" and year in (2019, 2020):
                span = _first_marker(table, _HEADERS_2021 if kind == "active" else (),
                                     _ROWS_2021_ONLY.get(kind, ()))
                yield self.finding(span, f"{_TABLE_NAMES[kind]}: expected the 2019 format "
                                         f"(国办公开办函〔2019〕60号) in a report for {year}, "
                                         "found the 2021 format", severity=Severity.WARNING)


# --------------------------------------------------------------------------- T008

_REVIEW_FIELD = re.compile(r"[^|｜\t]+")
_CUT_SHORT = frozenset({"结果", "其他", "尚未"})
_SECOND_HALVES = frozenset({"维持", "纠正", "审结"})


def _cut_short_headers(header: TextPiece) -> list[Span]:
    """Table-四 header cells cut short ("结果" for 结果维持), when the header is split into
    cells by pipes or tabs and no cell holds the missing halves (a header wrapped over two
    rows)."""
    if not any(sep in header.text for sep in "|｜\t"):
        return []
    cut: list[Span] = []
    for match in _REVIEW_FIELD.finditer(header.text):
        words = compact(match.group())
        if words in _SECOND_HALVES:
            return []
        if words in _CUT_SHORT:
            inner = match.group()
            offset = match.start() + len(inner) - len(inner.lstrip())
            start = header.span.start + offset
            cut.append(Span(start, start + len(inner.strip())))
    return cut


class RewordedLabel(Rule):
    """A row or column label worded differently from the official template.

    Rewordings seen in published reports (不再受理 for 不再处理, 其他法律和行政法规禁止公开,
    规范性文件 in a 2021 table) are recognised so the numbers are read, but the official tables
    are to be reproduced as issued: the finding says the official label. Table-四 column headers
    cut short in pipe or tab tables ("结果 | 其他 | 尚未") are reported once per table.

    Fails::

        2.其他法律和行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0

    Passes::

        2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    """

    code = "T008"
    name = "reworded-label"
    severity = Severity.WARNING
    summary = "Table label worded differently from the official template"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        for table in report.tables.values():
            for row in table.rows:
                if row.reworded:
                    yield self.finding(row.label_span,
                                       f'{_TABLE_NAMES[table.kind]}: expected the official label '
                                       f'"{row.official_label}", found "{row.label.strip()}"')
            if table.kind == "review":
                for header in table.headers:
                    cut = _cut_short_headers(header)
                    if cut:
                        found = ", ".join(f'"{report.text[s.start:s.end]}"' for s in cut[:4])
                        more = ", …" if len(cut) > 4 else ""
                        yield self.finding(cut[0], "table 四: expected the column headers "
                                                   f"{' · '.join(REVIEW_COLUMNS)}, found "
                                                   f"{len(cut)} cut short ({found}{more})")


# --------------------------------------------------------------------------- T009

def _fee_cell(report: Report) -> Cell | None:
    table = report.table("active")
    if table is None or table.format != "2021":
        return None
    row = table.row("fees")
    return row.cells[0] if row is not None and row.cells else None


_FEE_HEADER = re.compile(r"(?:本年)?收费金额[^|｜\t\n]{0,16}")


def _fee_header(text: str, table: Table) -> TextPiece | None:
    """The fee column's header as written, looked for between the row before 行政事业性收费
    and its label (a header in 元 is not recognised as the official one)."""
    fees = table.row("fees")
    if fees is None:
        return None
    before = [max((c.span.end for c in row.cells), default=row.label_span.end)
              for row in table.rows if row.label_span.start < fees.label_span.start]
    start = max(before, default=table.span.start)
    match = _FEE_HEADER.search(text, start, fees.label_span.start)
    if match is None:
        return None
    words = match.group().rstrip()
    return TextPiece(words, Span(match.start(), match.start() + len(words)))


class FeeUnit(Rule):
    """The fee (行政事业性收费, 本年收费金额) written in 元 instead of 万元.

    The 2021 table 二 gives the fee in 万元 (10,000 yuan). A cell written "1200元", or a fee
    column header saying 元, is an error. A township's fee above a limit (default 1000 万元, i.e.
    10 million yuan; option ``township-fee-limit`` of the ``tables`` plugin) is most likely a
    figure in 元 and gets a warning. The 2019 table 二 has no fee amount and is not checked.

    Fails::

        第二十条第（八）项
        信息内容 | 本年收费金额（单位：万元）
        行政事业性收费 | 1200元

    Passes::

        行政事业性收费 | 0.12
    """

    code = "T009"
    name = "fee-unit"
    severity = Severity.ERROR
    summary = "Fee amount written in 元 instead of 万元"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        table = report.table("active")
        if table is None or table.format != "2021":
            return
        header = _fee_header(report.text, table)
        if header is not None and "元" in header.text and "万元" not in compact(header.text):
            yield self.finding(header.span, 'table 二: expected the fee in 万元 '
                                            '("本年收费金额（单位：万元）"), found the header '
                                            f'"{header.text}"')
        cell = _fee_cell(report)
        if cell is None or cell.value is None:
            return
        if cell.raw.endswith("元") and not cell.raw.endswith("万元"):
            in_wan = number_text(round(cell.value / 10000, 6))
            yield self.finding(cell.span, f'table 二, "行政事业性收费": expected the fee in 万元, '
                                          f'found "{cell.raw}"; write {in_wan}')
            return
        limit = _option(context.options, "township-fee-limit", TOWNSHIP_FEE_LIMIT)
        if report.agency_kind is AgencyKind.TOWNSHIP and cell.value > limit:
            yield self.finding(
                cell.span, f'table 二, "行政事业性收费": expected a township\'s fee in 万元 of at '
                           f"most {number_text(limit)}, found {number_text(cell.value)} 万元; "
                           "was it written in 元?", severity=Severity.WARNING)


def _option(options: Mapping[str, Any], name: str, default: float) -> float:
    value = options.get(name, default)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else default


# --------------------------------------------------------------------------- T010

#: Words with 区 or 县 that do not name a county-level division.
_NOT_COUNTY = re.compile(r"自治区|地区|开发区|新区|园区|集聚区|试验区|实验区|示范区|保税区|合作区"
                         r"|功能区|景区|社区|片区|辖区|城区|矿区|区域|县级市")
_COUNTY = re.compile(r"[\u4e00-\u9fff][县区]")


def _below_rule_making(report: Report) -> str | None:
    """Why the agency cannot make 规章 ("a township", "a county-level body"), or ``None`` when
    it may or its level is unknown."""
    if report.agency_kind is AgencyKind.TOWNSHIP:
        return "a township"
    if report.agency is None or report.agency_kind not in (AgencyKind.GOVERNMENT,
                                                          AgencyKind.DEPARTMENT):
        return None
    name = _NOT_COUNTY.sub("", report.agency.text)
    return "a county-level body" if _COUNTY.search(name) else None


class RulesWithoutPower(Rule):
    """Non-zero 规章 counts from a body without rule-making power.

    Only State Council departments, provincial governments and the governments of 设区的市 and
    自治州 make 规章 (立法法 第九十三条). A township, or a body whose name shows the county
    level (…县…, …区… but not 开发区, 自治区 and the like), reporting 规章 has most likely
    counted 行政规范性文件 or other documents in the wrong row. Silent when the level cannot be
    told from the name (县级市 look like 设区的市).

    Fails::

        高庄镇人民政府2024年政府信息公开工作年度报告
        …
        规章 | 2 | 0 | 2

    Passes::

        规章 | 0 | 0 | 0
    """

    code = "T010"
    name = "rules-without-power"
    severity = Severity.WARNING
    summary = "规章 reported by a body without rule-making power"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        table = report.table("active")
        row = table.row("rules") if table is not None else None
        if row is None:
            return
        nonzero = [cell for cell in row.cells if cell.value]
        if not nonzero:
            return
        who = _below_rule_making(report)
        if who is None:
            return
        agency = f" ({report.agency.text})" if report.agency is not None else ""
        counts = " · ".join(cell.raw or "0" for cell in row.cells)
        yield self.finding(nonzero[0].span,
                           f'table 二, "规章": expected 0 from {who}{agency}, which cannot make '
                           f"规章, found {counts}; are these 行政规范性文件?")


# --------------------------------------------------------------------------- plugin hooks

RULES: tuple[type[Rule], ...] = (RowTotal, OutcomeTotal, PrintedIdentity, ReviewTotal,
                                 InvalidCell, BlankCell, WrongFormat, RewordedLabel, FeeUnit,
                                 RulesWithoutPower)


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    """The rules of this pack."""
    return list(RULES)


@hookimpl
def gipr_lint_options() -> dict[str, tuple[Any, Any, str]]:
    """The pack's options: ``[tool.gipr-lint.tables]``."""
    return {"township-fee-limit": (float, TOWNSHIP_FEE_LIMIT,
                                   "T009: a township's fee above this many 万元 is taken for "
                                   "a figure written in 元")}
