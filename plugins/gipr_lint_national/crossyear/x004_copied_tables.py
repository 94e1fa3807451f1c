"""X004 copied-tables."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import (
    TABLE_NUMERALS,
    Batch,
    BatchFinding,
    BatchRule,
    RuleContext,
    Severity,
    translator,
)

_ = translator("gipr_lint_national")


class CopiedTables(BatchRule):
    """Table 三 or 四 is last year's, cell for cell, with non-zero figures.

    A year's requests, reviews and lawsuits are never exactly last year's: a table 三 or 四 with
    every cell equal to last year's, some of them non-zero, was copied forward. Tables of zeros
    (common in small bodies) are not reported, nor tables of different formats or with a cell
    that could not be read. The finding points at this year's table.

    Fails::

        sy2023.txt  一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 …
        sy2024.txt  一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 …
                    (and every other cell of table 三 as in 2023)

    Passes::

        sy2024.txt  一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 …
    """

    code = "X004"
    compares = True
    name = "copied-tables"
    severity = Severity.WARNING
    summary = "Table 三 or 四 is identical to last year's, with non-zero figures"

    def check_batch(self, batch: Batch, context: RuleContext) -> Iterator[BatchFinding]:
        for report, previous in batch.pairs():
            for kind in ("requests", "review"):
                table = report.tables.get(kind)
                before = previous.tables.get(kind)
                if table is None or before is None or table.format != before.format:
                    continue
                if not (table.complete and before.complete):
                    continue
                figures = report.figures.get(kind, ())
                if not figures or figures != previous.figures.get(kind):
                    continue
                nonzero = sum(1 for value in figures if value)
                if not nonzero:
                    continue
                message = _("table {table} is identical to {year}'s ({file}), cell for cell, "
                            "with {count} non-zero figures").format(
                    table=TABLE_NUMERALS[kind], year=previous.year, file=previous.path,
                    count=nonzero)
                yield self.batch_finding(report, table.span, message, related=[previous])
