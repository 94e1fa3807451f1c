"""X005 near-duplicate."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from gipr_lint.api import (
    Batch,
    BatchFinding,
    BatchRule,
    ReportSummary,
    RuleContext,
    Severity,
    near_duplicates,
    translator,
)
from gipr_lint_national.crossyear._common import option

_ = translator("gipr_lint_national")

#: Reports with less prose than this (characters) are not compared: too little to tell.
MIN_PROSE_CHARS = 300


class NearDuplicate(BatchRule):
    """Two agencies' reports of the same year are largely the same text (雷同).

    The prose of every linted report (tables left out, the agency's own name blanked, figures
    ignored) is sketched with MinHash; reports of the same year whose estimated similarity is at
    least ``near-duplicate-threshold`` (``[tool.gipr-lint.crossyear]``, default 0.8) are
    reported, each pointing at the other file. Reports of the same agency (by normalised name;
    e.g. the web page and the PDF of one report), reports whose agency is not known, and
    reports with little prose are not compared. The search is sub-quadratic (LSH banding),
    so it runs on a national batch; each report is paired with its closest earlier match.

    Fails::

        a.txt  甲镇人民政府2024年政府信息公开工作年度报告 … (text)
        b.txt  乙镇人民政府2024年政府信息公开工作年度报告 … (the same text, names swapped)

    Passes::

        b.txt  乙镇人民政府2024年政府信息公开工作年度报告 … (its own text)
    """

    code = "X005"
    compares = True
    name = "near-duplicate"
    severity = Severity.WARNING
    summary = "Two agencies' reports of the same year are largely the same text"

    def check_batch(self, batch: Batch, context: RuleContext) -> Iterator[BatchFinding]:
        threshold = option(context.options, "near-duplicate-threshold", 0.8)
        by_year: dict[int, list[ReportSummary]] = defaultdict(list)
        agencies: dict[int, set[str | None]] = defaultdict(set)
        for report in batch:
            if report.year is not None and report.signature and \
                    report.prose_chars >= MIN_PROSE_CHARS:
                by_year[report.year].append(report)
                agencies[report.year].add(report.key)
        for year, reports in by_year.items():
            if len(agencies[year] - {None}) < 2:
                continue  # reports of one agency (or of none known): no pair can be reported
            items = [(index, report.signature) for index, report in enumerate(reports)]
            for first, second, similarity in near_duplicates(items, threshold):
                a, b = reports[first], reports[second]
                if a.key is None or b.key is None or a.key == b.key:
                    continue  # one agency (or cannot tell): two copies of one report
                yield self._finding(b, a, similarity)
                yield self._finding(a, b, similarity)

    def _finding(self, report: ReportSummary, other: ReportSummary,
                 similarity: float) -> BatchFinding:
        message = _("the text is about {percent}% the same as {agency}'s {year} report "
                    "({file})").format(percent=int(similarity * 100), agency=other.agency,
                                       year=other.year, file=other.path)
        return self.batch_finding(report, report.anchor, message, related=[other])
