"""S006 web-debris."""

from __future__ import annotations

from collections.abc import Iterable

from gipr_lint.api import Edit, Finding, Fix, Report, Rule, RuleContext, Severity, translator
from gipr_lint_national._text import line_span, quote
from gipr_lint_national.structure._common import _CONVERSION_DEBRIS, _DEBRIS_NAMES

_ = translator("gipr_lint_national")


class WebDebris(Rule):
    """Web-page debris left in the report.

    Text copied from a web page often brings the page's furniture along: breadcrumbs
    ("您当前所在位置: 首页 > …"), page metadata ("来源:…时间:…浏览量:", "索 引 号: …"), share
    and QR-code prompts, read-aloud buttons, download and related-links lists, print buttons;
    and from a PDF, page numbers
    ("- 3 -", "第3页") left between paragraphs or table rows. Each piece the parser recognised
    is reported at its span, with a safe fix deleting it (the whole line with its line break
    when the piece is the whole line). Debris phrases the parser does not know are not found.
    A line opening "来源：" is the page's source field when another field of the page's
    metadata is on it, when it is empty, or, between the title and the first section, when a
    site's or an agency's name alone follows; in a section, or followed by words about figures
    ("来源：镇党政办公室统计数据"), it is the report's own sentence.

    Fails::

        您当前所在位置: 首页 > 政府信息公开 > 政府信息公开年报
        桐柏县产业集聚区管理委员会2023年政府信息公开工作年度报告
        扫一扫在手机打开当前页

    Passes::

        桐柏县产业集聚区管理委员会2023年政府信息公开工作年度报告
    """

    code = "S006"
    name = "web-debris"
    severity = Severity.WARNING
    summary = "Web-page debris left in the report"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        text = report.text
        for debris in report.debris:
            line = line_span(text, debris.span)
            whole_line = (not text[line.start:debris.span.start].strip()
                          and not text[debris.span.end:line.end].strip())
            span = line if whole_line else debris.span
            kind = _(_DEBRIS_NAMES[debris.kind]) if debris.kind in _DEBRIS_NAMES else debris.kind
            message = (_("conversion debris ({kind}) {text} left in the report")
                       if debris.kind in _CONVERSION_DEBRIS else
                       _("web-page debris ({kind}) {text} left in the report"))
            fix = Fix((Edit(span, ""),), _("Delete the line") if whole_line else
                      _("Delete the debris"))
            yield self.finding(debris.span, message.format(kind=kind, text=quote(debris.text)),
                               fix=fix)

