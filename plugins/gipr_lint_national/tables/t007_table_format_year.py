"""T007 table-format-year."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity, translator
from gipr_lint_national.tables._common import (
    _HEADERS_2021,
    _MARKERS_2019,
    _ROWS_2019_ONLY,
    _ROWS_2021_ONLY,
    _first_marker,
    _table_name,
)

_ = translator("gipr_lint_national")


class WrongFormat(Rule):
    """The 2019 tables in a report for 2021 or later, or the 2021 tables in one for 2019/2020.

    Reports for 2021 onward use the format of 国办公开办函〔2021〕30号; those for 2019 and 2020
    the 2019 format (国办公开办函〔2019〕60号). Old tables in a new report are an error; the new
    tables in a 2019/2020 report (the 2021 format did not exist yet) a warning. The finding
    points at the first header or row only the used format has (e.g. 本年新制作数量,
    其他对外管理服务事项, （六）其他处理), else at the table. Silent when the year is unknown.

    Fails::

        某某镇人民政府2023年政府信息公开工作年度报告
        信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量
        规章 | 0 | 0 | 0
        规范性文件 | 0 | 0 | 0

    Passes::

        某某镇人民政府2023年政府信息公开工作年度报告
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 0 | 0 | 0
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
                yield self.finding(span, _("{table}: expected the 2021 format "
                                           "(国办公开办函〔2021〕30号) in a report for {year}, "
                                           "found the 2019 format").format(
                    table=_table_name(kind), year=year))
            elif table.format == "2021" and year in (2019, 2020):
                span = _first_marker(table, _HEADERS_2021 if kind == "active" else (),
                                     _ROWS_2021_ONLY.get(kind, ()))
                yield self.finding(span, _("{table}: expected the 2019 format "
                                           "(国办公开办函〔2019〕60号) in a report for {year}, "
                                           "found the 2021 format").format(
                    table=_table_name(kind), year=year), severity=Severity.WARNING)

