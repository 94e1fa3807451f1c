"""Content: required topics, outdated bases, template placeholders, web-page debris."""

from __future__ import annotations

import re
from collections.abc import Iterable

from gipr_lint.diagnostics import Finding, Severity
from gipr_lint.hookspecs import hookimpl
from gipr_lint.model import Report
from gipr_lint.rules import Rule, RuleContext
from gipr_lint_rules._text import HAN, section_text

GIPR_LINT_API = 1

#: The five aspects of 总体情况 and the words that count as touching each.
_ASPECTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("主动公开", re.compile(r"主动公开|(?:公开|公布|发布)[^。；，,;\n]{0,8}?\d+\s*"
                        r"(?:条|件|篇|项)")),
    ("依申请公开", re.compile(r"依申请|申请公开|公开申请|信息申请")),
    ("政府信息管理", re.compile(r"信息管理|审查|审核|公开指南|公开目录|存档|归档|动态更新|"
                          r"动态调整|解读|规范性文件")),
    ("平台建设", re.compile(r"平台|网站|门户|网页|专栏|新媒体|公众号|微信|微博|公开栏|公示栏|"
                        r"宣传栏|查阅点|查阅场所|查阅室|政务服务中心|政务服务大厅")),
    ("监督保障", re.compile(r"监督|考核|培训|评议|责任追究|问责|督查|督导|保障")),
)

# Some text: at least four Han characters.
_SOME_TEXT = re.compile(f"(?:[^{HAN}]*[{HAN}]){{4}}")


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
        missing = [name for name, pattern in _ASPECTS if pattern.search(text) is None]
        if missing:
            yield self.finding(section.heading.span,
                               f"总体情况 does not mention {'、'.join(missing)}; expected all five "
                               "aspects: 主动公开、依申请公开、政府信息管理、平台建设、监督保障")


_PROBLEM_WORDS = re.compile(r"问题|不足|差距|短板|薄弱|欠缺|有待|不够|不到位|不高|不强|不及时|"
                            r"不全面|不规范|滞后|尚需|仍需|需要进一步|困难")
_MEASURE_WORDS = re.compile(r"改进|措施|下一步|将|计划|加强|强化|提升|提高|推进|完善|整改|今后|"
                            r"继续|进一步|持续")


class ProblemsAndImprovements(Rule):
    """Section 五 is empty, or names no problems or no improvements.

    Section 五 (存在的主要问题及改进情况) states both the main problems and how they will be
    or were improved. Reported: a section 五 with no text, one with no word of a problem (问题,
    不足, 差距, 有待, 不够 …), and one with no word of a measure (改进, 措施, 下一步, 将, 加强,
    进一步 …). Only the section's own text counts, not its heading. Keyword-based and generous,
    so it prefers silence to a false alarm: "问题" anywhere counts as a problem named.

    Fails::

        五、存在的主要问题及改进情况
        无。

    Passes::

        五、存在的主要问题及改进情况
        一是信息更新不够及时。下一步，我镇将加强信息发布审核。
    """

    code = "R002"
    name = "problems-and-improvements"
    severity = Severity.WARNING
    summary = "Section 五 is empty or lacks the problems or the improvements"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        section = report.section(5)
        if section is None:
            return
        text = section_text(section)
        span = section.heading.span
        if _SOME_TEXT.match(text) is None:
            yield self.finding(span, "section 五 is empty; expected the main problems and the "
                                     "improvements")
            return
        if _PROBLEM_WORDS.search(text) is None:
            yield self.finding(span, "section 五 names no problems (问题, 不足, 差距 …); "
                                     "expected the main problems as well as the improvements")
        if _MEASURE_WORDS.search(text) is None:
            yield self.finding(span, "section 五 names no improvements (改进, 措施, 下一步 …); "
                                     "expected the improvements as well as the problems")


_FEE_WORDS = re.compile(r"处理费|收费|收取|费用|缴费|交费")


class ProcessingFee(Rule):
    """Section 六 does not state the 信息处理费 collected.

    Since the 2021 format (国办公开办函〔2021〕30号) and the 《政府信息公开信息处理费管理办法》
    (国办函〔2020〕109号, in force 2021-01-01), section 六 states the 信息处理费 collected: an
    amount, or that none was. Any of 处理费, 收费, 收取, 费用 in section 六 counts as the
    statement (whether the amount is plausible is not judged). Checked for reports of 2021 or
    later (or in the 2021 format when the year is unknown); a fee statement elsewhere in the
    report does not count. Silent when section 六 is missing (S001).

    Fails::

        六、其他需要报告的事项
        无其他需要报告事项

    Passes::

        六、其他需要报告的事项
        截至2024年12月31日，收取信息处理费0元。
    """

    code = "R003"
    name = "processing-fee"
    severity = Severity.WARNING
    summary = "Section 六 does not state the 信息处理费 collected"

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        section = report.section(6)
        if section is None:
            return
        if report.year is not None and report.year < 2021:
            return
        if report.year is None and report.format != "2021":
            return
        if _FEE_WORDS.search(section_text(section)) is None:
            yield self.finding(section.heading.span,
                               "section 六 does not state the 信息处理费 collected; expected "
                               'an amount or that none was collected ("本年度未收取信息处理费")')


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    """The rules of this pack."""
    return [OverviewAspects, ProblemsAndImprovements, ProcessingFee]
