"""T008 reworded-label."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import (
    REVIEW_COLUMNS,
    Finding,
    Report,
    Rule,
    RuleContext,
    Severity,
    translator,
)
from gipr_lint_national._text import quote
from gipr_lint_national.tables._common import _cut_short_headers, _table_name

_ = translator("gipr_lint_national")


class RewordedLabel(Rule):
    """A row or column label worded differently from the official template.

    Rewordings seen in published reports (不再受理 for 不再处理, 其他法律和行政法规禁止公开,
    规范性文件 in a 2021 table) are recognised so the numbers are read, but the official tables
    are to be reproduced as issued: the finding says the official label. Table-四 column headers
    cut short in pipe or tab tables ("结果 | 其他 | 尚未") are reported once per table.

    Fails::

        1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        2.其他法律和行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0

    Passes::

        1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0
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
                                       _('{table}: expected the official label "{label}", found '
                                         '"{found}"').format(table=_table_name(table.kind),
                                                             label=row.official_label,
                                                             found=row.label.strip()))
            if table.kind == "review":
                for header in table.headers:
                    cut = _cut_short_headers(header)
                    if cut:
                        found = _(", ").join(quote(report.text[s.start:s.end], 200)
                                             for s in cut[:4])
                        more = _(", ") + "…" if len(cut) > 4 else ""
                        yield self.finding(cut[0], _("{table}: expected the column headers "
                                                     "{headers}, found {count} cut short "
                                                     "({found})").format(
                            table=_table_name("review"), headers=" · ".join(REVIEW_COLUMNS),
                            count=len(cut), found=found + more))

