"""X003 copied-problems."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import (
    Batch,
    BatchFinding,
    BatchRule,
    RuleContext,
    Severity,
    containment,
    shingles,
    translator,
)
from gipr_lint_national.crossyear._common import option

_ = translator("gipr_lint_national")

#: Sections 五 with fewer shingles than this ("无。", one short sentence) are not compared.
MIN_SHINGLES = 30


class CopiedProblems(BatchRule):
    """Section 五 (存在的主要问题及改进情况) is largely last year's text.

    The share of this year's section 五 (in 4-character shingles, ignoring spaces, punctuation
    and figures, so a changed year does not hide a copy) that is found in last year's section 五
    is compared with ``copied-problems-threshold`` (``[tool.gipr-lint.crossyear]``, default
    0.8; some provinces score "more than 50 % repeated" as a defect, set 0.5 there). Sections
    shorter than about 30 characters are not compared. The finding covers this year's section 五
    and names last year's file.

    Fails::

        sy2023.txt  五、存在的主要问题及改进情况
                    信息公开的主动性不够，公开内容不够全面。2024年我镇将加强培训。
        sy2024.txt  五、存在的主要问题及改进情况
                    信息公开的主动性不够，公开内容不够全面。2025年我镇将加强培训。

    Passes::

        sy2024.txt  五、存在的主要问题及改进情况
                    政策解读形式单一，图解和视频解读少。2025年我镇将丰富解读形式。
    """

    code = "X003"
    compares = True
    name = "copied-problems"
    severity = Severity.WARNING
    summary = "Section 五 largely repeats last year's"

    def check_batch(self, batch: Batch, context: RuleContext) -> Iterator[BatchFinding]:
        threshold = option(context.options, "copied-problems-threshold", 0.8)
        for report, previous in batch.pairs():
            if report.problems_span is None or not previous.problems_text:
                continue
            mine = shingles(report.problems_text, 4)
            if len(mine) < MIN_SHINGLES:
                continue
            share = containment(mine, shingles(previous.problems_text, 4))
            if share < threshold or share == 0:
                continue
            message = _("{percent}% of section 五 repeats {year}'s section 五 ({file})").format(
                percent=int(share * 100), year=previous.year, file=previous.path)
            yield self.batch_finding(report, report.problems_span, message, related=[previous])
