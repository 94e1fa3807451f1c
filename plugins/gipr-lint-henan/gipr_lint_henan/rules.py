"""The rules of the Henan example pack (code prefix ``HEN``)."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import (
    Finding,
    IdentityRule,
    Report,
    Rule,
    RuleContext,
    Severity,
    Span,
    compile_re,
    translator,
)

_ = translator("gipr_lint_henan")

__all__ = ["RULES", "NormativeDocumentsPublished", "OverviewLength", "ProvincialBasis"]

#: The provincial regulation a Henan report cites next to the national 条例.
PROVINCIAL_BASIS = "河南省政府信息公开办法"

_SPACE = compile_re(r"\s+")


def _where(report: Report) -> Span:
    """Where a finding about the whole report goes: the title, else the start."""
    return report.title.span if report.title is not None else Span(0, 0)


class ProvincialBasis(Rule):
    """The report does not cite the provincial regulation, 《河南省政府信息公开办法》.

    Henan reports give the provincial 办法 as a basis of the work next to the national
    《中华人民共和国政府信息公开条例》, usually in the preamble or 总体情况. Whitespace inside
    the title (a line wrap) is ignored. The finding points at the report's title.

    Fails::

        孟州市西虢镇人民政府2020年政府信息公开工作年度报告
        一、总体情况
        西虢镇根据《中华人民共和国政府信息公开条例》，……

    Passes::

        高庄镇人民政府2024年政府信息公开工作年度报告
        按照《中华人民共和国政府信息公开条例》《河南省政府信息公开办法》规定和上级要求，……
    """

    code = "HEN001"
    name = "provincial-basis"
    severity = Severity.WARNING
    summary = "The report does not cite 《河南省政府信息公开办法》"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        if PROVINCIAL_BASIS in _SPACE.sub("", report.text):
            return
        yield self.finding(_where(report), _("the report does not cite 《{basis}》; name it as a "
                                             "basis next to the 条例").format(
                                                 basis=PROVINCIAL_BASIS))


class OverviewLength(Rule):
    """总体情况 (section 一) is longer than the ``overview-max-chars`` option allows.

    Some provinces ask for a short overview and put the detail in the later sections. The
    characters of section 一's paragraphs are counted without whitespace; the limit is the
    ``overview-max-chars`` option in ``[tool.gipr-lint.henan]`` (default 1500; 0 turns the rule
    off). The finding points at the section's heading.

    Fails::

        # gipr-lint.toml: [henan] overview-max-chars = 20
        一、总体情况
        2024年，我镇认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政府信息公开工作。

    Passes::

        # gipr-lint.toml: [henan] overview-max-chars = 20
        一、总体情况
        2024年，我镇持续推进公开工作。
    """

    code = "HEN002"
    name = "overview-length"
    severity = Severity.WARNING
    summary = "总体情况 is longer than the configured limit"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        limit = int(context.options.get("overview-max-chars", 1500))
        section = report.section(1)
        if limit <= 0 or section is None:
            return
        length = sum(len(_SPACE.sub("", paragraph.text)) for paragraph in section.paragraphs)
        if length > limit:
            yield self.finding(section.heading.span,
                               _("总体情况 has {length} characters; the limit is {limit} "
                                 "(option overview-max-chars)").format(length=length,
                                                                       limit=limit))


class NormativeDocumentsPublished(IdentityRule):
    """A 2019-format table 二 shows 规范性文件 made but not published in the year.

    A normative document that is not published cannot be applied, so 本年新公开数量 must
    equal 本年新制作数量 in the 规范性文件 row. The identity itself is data, in the pack's
    ``templates.toml`` (hook ``gipr_lint_templates``); this class only names the rule that
    reports it. The finding points at the 本年新公开数量 cell.

    Fails::

        信息内容	本年新制作数量	本年新公开数量	对外公开总数量
        规范性文件	3	2	10

    Passes::

        信息内容	本年新制作数量	本年新公开数量	对外公开总数量
        规范性文件	3	3	10
    """

    code = "HEN003"
    name = "normative-documents-published"
    severity = Severity.ERROR
    summary = "规范性文件 made in the year were not all published (2019 format)"


#: Every rule of the pack, in code order.
RULES: list[type[Rule]] = [ProvincialBasis, OverviewLength, NormativeDocumentsPublished]
