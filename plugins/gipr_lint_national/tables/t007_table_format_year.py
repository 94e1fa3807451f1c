"""T007 table-format-year."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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
    其他对外管理服务事项, （六）其他处理), else at the table. Each table is judged on its own:
    in a mixed-format report (table 二 of the 2021 format, table 三 with the 2019 row set and its
    one （六）其他处理 row) the finding is on the table of the wrong format, and says the report
    mixes formats. When the year is unknown, a 2021-format table dates the report to 2021 or
    later and a 2019-format table beside it is the finding; otherwise silent.

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
        formats = {kind: table.format for kind in ("active", "requests")
                   if (table := report.table(kind)) is not None}
        if year is None:
            if set(formats.values()) != {"2019", "2021"}:
                return
            yield from self._mixed_undated(report, formats)
            return
        for kind in ("active", "requests"):
            table = report.table(kind)
            if table is None:
                continue
            if table.format == "2019" and year >= 2021:
                span = _first_marker(table, _MARKERS_2019 if kind == "active" else (),
                                     _ROWS_2019_ONLY.get(kind, ()))
                other = next((k for k, f in formats.items() if k != kind and f == "2021"), None)
                if other is not None:
                    yield self.finding(span, _(
                        "{table}: expected the 2021 format (国办公开办函〔2021〕30号) in a report "
                        "for {year}, found the 2019 format; the report mixes formats ({other} "
                        "follows the 2021 format)").format(
                            table=_table_name(kind), year=year, other=_table_name(other)))
                    continue
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


    def _mixed_undated(self, report: Report, formats: Mapping[str, str]
                       ) -> Iterable[Finding]:
        """A report of unknown year with tables of both formats: the 2021 format proves 2021
        or later, so the 2019-format table is the finding."""
        for kind, format_ in formats.items():
            table = report.table(kind)
            if format_ != "2019" or table is None:
                continue
            other = next(k for k, f in formats.items() if f == "2021")
            span = _first_marker(table, _MARKERS_2019 if kind == "active" else (),
                                 _ROWS_2019_ONLY.get(kind, ()))
            yield self.finding(span, _(
                "{table}: found the 2019 format, but {other} follows the 2021 format "
                "(国办公开办函〔2021〕30号); the report mixes formats").format(
                    table=_table_name(kind), other=_table_name(other)))
