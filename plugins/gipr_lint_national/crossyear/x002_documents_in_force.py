"""X002 documents-in-force."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import (
    Batch,
    BatchFinding,
    BatchRule,
    ReportSummary,
    RuleContext,
    Severity,
    translator,
)
from gipr_lint_national.crossyear._common import active_column, active_label, number, read

_ = translator("gipr_lint_national")

_DOCUMENT_ROWS = ("rules", "normative_documents")
_PROJECT_ROWS = ("licensing", "other_services", "penalty", "enforcement", "fees")


class DocumentsInForce(BatchRule):
    """The stock of documents in force does not follow from last year's.

    2021 format (table 二, 第二十条第（一）项), for 规章 and for 行政规范性文件: last year's
    现行有效件数 + this year's 本年制发件数 − 本年废止件数 must equal this year's 现行有效件数.

    2019 format, which has other columns: for 规章 and 规范性文件, last year's 对外公开总数量 +
    this year's 本年新公开数量 must equal this year's 对外公开总数量 (a running total); and for
    the rows with 上一年项目数量 (行政许可, 其他对外管理服务事项, 行政处罚, 行政强制,
    行政事业性收费), this year's 上一年项目数量 must equal last year's 上一年项目数量 + 本年增/减.

    Nothing is checked when the two reports use different formats, or a cell could not be read.
    A warning by default: some bodies recount their documents (a clean-up of old files), which
    the report should then explain. The finding points at this year's cell.

    Fails::

        sy2023.txt  规章 | 1 | 0 | 6
        sy2024.txt  规章 | 2 | 1 | 6      (6 + 2 − 1 = 7)

    Passes::

        sy2023.txt  规章 | 1 | 0 | 6
        sy2024.txt  规章 | 2 | 1 | 7
    """

    code = "X002"
    compares = True
    name = "documents-in-force"
    severity = Severity.WARNING
    summary = "现行有效件数 does not follow from last year's and this year's changes"

    def check_batch(self, batch: Batch, context: RuleContext) -> Iterator[BatchFinding]:
        for report, previous in batch.pairs():
            if report.format is None or report.format != previous.format:
                continue
            if report.format == "2021":
                yield from self._stock_2021(report, previous)
            elif report.format == "2019":
                yield from self._stock_2019(report, previous)

    def _stock_2021(self, report: ReportSummary,
                    previous: ReportSummary) -> Iterator[BatchFinding]:
        for row in _DOCUMENT_ROWS:
            issued = read(report, "active", row, 0)
            repealed = read(report, "active", row, 1)
            now = read(report, "active", row, 2)
            before = read(previous, "active", row, 2)
            if issued is None or repealed is None or now is None or before is None:
                continue
            expected = before.value + issued.value - repealed.value
            if now.value == expected:
                continue
            message = _("现行有效件数 of {row} is {value}, but {year}'s 现行有效件数 {previous} + "
                        "本年制发件数 {issued} − 本年废止件数 {repealed} = {expected} ({file})"
                        ).format(row=active_label("2021", row), value=number(now.value),
                                 year=previous.year, previous=number(before.value),
                                 issued=number(issued.value), repealed=number(repealed.value),
                                 expected=number(expected), file=previous.path)
            yield self.batch_finding(report, now.span, message, related=[previous])

    def _stock_2019(self, report: ReportSummary,
                    previous: ReportSummary) -> Iterator[BatchFinding]:
        for row in _DOCUMENT_ROWS:
            added = read(report, "active", row, 1)
            now = read(report, "active", row, 2)
            before = read(previous, "active", row, 2)
            if added is None or now is None or before is None:
                continue
            expected = before.value + added.value
            if now.value == expected:
                continue
            message = _("对外公开总数量 of {row} is {value}, but {year}'s 对外公开总数量 "
                        "{previous} + 本年新公开数量 {added} = {expected} ({file})"
                        ).format(row=active_label("2019", row), value=number(now.value),
                                 year=previous.year, previous=number(before.value),
                                 added=number(added.value), expected=number(expected),
                                 file=previous.path)
            yield self.batch_finding(report, now.span, message, related=[previous])
        for row in _PROJECT_ROWS:
            count = active_column("2019", row, "previous_count")
            change = active_column("2019", row, "change")
            if count is None or change is None:
                continue
            now = read(report, "active", row, count)
            before = read(previous, "active", row, count)
            delta = read(previous, "active", row, change)
            if now is None or before is None or delta is None:
                continue
            expected = before.value + delta.value
            if now.value == expected:
                continue
            message = _("上一年项目数量 of {row} is {value}, but {year}'s 上一年项目数量 "
                        "{previous} + 本年增/减 {change} = {expected} ({file})"
                        ).format(row=active_label("2019", row), value=number(now.value),
                                 year=previous.year, previous=number(before.value),
                                 change=number(delta.value), expected=number(expected),
                                 file=previous.path)
            yield self.batch_finding(report, now.span, message, related=[previous])
