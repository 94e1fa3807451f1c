"""R001 overview-aspects."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity, translator
from gipr_lint_national._text import section_text
from gipr_lint_national.content._common import _ASPECTS, touches

_ = translator("gipr_lint_national")


class OverviewAspects(Rule):
    """总体情况 does not touch all five aspects it should cover.

    Section 一 (总体情况) reports on five aspects: 主动公开, 依申请公开, 政府信息管理,
    政府信息公开平台建设 and 监督保障. Each counts as touched when the section mentions it or a
    usual synonym anywhere (平台建设: 平台, 网站, 政务新媒体, 公开栏 …; 监督保障: 监督, 考核,
    培训, 责任追究 …; 主动公开 also "公布信息74条"). Keyword-based, so it prefers silence to a
    false alarm: a passing mention counts, and whether the aspect is really reported on is not
    judged. Silent when section 一 is missing (S001).

    Fails::

        一、总体情况
        （一）主动公开：本年主动公开政府信息83条。
        （二）依申请公开：本年共收到申请4件。

    Passes::

        一、总体情况
        （一）主动公开 … （二）依申请公开 … （三）政府信息管理 …
        （四）政府信息公开平台建设 … （五）监督保障 …
    """

    code = "R001"
    name = "overview-aspects"
    severity = Severity.INFO
    summary = "总体情况 does not touch all five aspects"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        section = report.section(1)
        if section is None:
            return
        text = section_text(section)
        missing = [name for name, words, pattern in _ASPECTS if not touches(text, words, pattern)]
        if missing:
            yield self.finding(section.heading.span,
                               _("总体情况 does not mention {missing}; expected all five aspects: "
                                 "主动公开、依申请公开、政府信息管理、平台建设、监督保障").format(
                                   missing="、".join(missing)))

