"""A004 outdated-wording."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import (
    Edit,
    Finding,
    Fix,
    Report,
    Rule,
    RuleContext,
    Severity,
    Span,
    translator,
)
from gipr_lint_national._prose_numbers import Citations, sentence_bounds
from gipr_lint_national._text import quote
from gipr_lint_national.wording._common import (
    _CURRENT_POVERTY,
    _HISTORICAL,
    _OLD_60,
    _POVERTY,
    _RIGHT_30,
    _THIRTEENTH,
    _WRONG_30,
    Piece,
    _pieces,
    _plan_name,
)

_ = translator("gipr_lint_national")


class OutdatedWording(Rule):
    """A wrong or outdated basis, plan name or policy wording.

    Flags the wrong 文号 "国办发〔2021〕30号" (the 2021 format is 国办公开办函〔2021〕30号; a safe
    fix corrects it), 国办公开办函〔2019〕60号 cited in a report for 2021 or later, "十三五" as a
    current plan in a report for 2022 or later, and 扶贫/脱贫攻坚 wording in a report for 2022 or
    later (each occurrence; the work has been 巩固拓展脱贫攻坚成果/乡村振兴 since 2021). Prefers
    silence to a false alarm: 十三五 in a historical mention ("“十三五”期间", "回顾…") and any
    of these inside a cited title 《…》 are fine, and so is "巩固拓展脱贫攻坚成果".

    Fails::

        桐柏县产业集聚区管理委员会2023年政府信息公开工作年度报告
        …及时公布扶持扶贫项目、国家教育事业发展“十三五”规划等教育政策。

    Passes::

        桐柏县产业集聚区管理委员会2023年政府信息公开工作年度报告
        …及时公布巩固拓展脱贫攻坚成果相关政策、“十四五”规划等政策。
    """

    code = "A004"
    name = "outdated-wording"
    severity = Severity.WARNING
    summary = "A wrong or outdated basis, plan name or policy wording"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        year = report.year
        for piece in _pieces(report):
            text = piece.text
            if "国办" in text:
                yield from self._bases(piece, year)
            if year is None or year < 2022:
                continue
            if "十三五" in text:
                yield from self._thirteenth(piece, year, Citations(text))
            if "扶贫" in text or "脱贫攻坚" in text:
                yield from self._poverty(piece, year, Citations(text))

    def _bases(self, piece: Piece, year: int | None) -> Iterator[Finding]:
        base = piece.span.start
        for match in _WRONG_30.finditer(piece.text):
            span = Span(base + match.start(), base + match.end())
            fix = Fix((Edit(span, _RIGHT_30),),
                      _("replace with {text}").format(text=quote(_RIGHT_30)))
            yield self.finding(span, _("wrong 文号 {found}; expected {expected}").format(
                found=quote(match.group()), expected=quote(_RIGHT_30)), fix=fix)
        if year is None or year < 2021:
            return
        for match in _OLD_60.finditer(piece.text):
            yield self.finding(
                Span(base + match.start(), base + match.end()),
                _("outdated basis {found} (the 2019 format) in a {year} report; expected "
                  "{expected}").format(found=quote(match.group()), year=year,
                                       expected=quote(_RIGHT_30)))

    def _thirteenth(self, piece: Piece, year: int, citations: Citations
                    ) -> Iterator[Finding]:
        text = piece.text
        historical: dict[tuple[int, int], bool] = {}  # per sentence: many matches share one
        for match in _THIRTEENTH.finditer(text):
            bounds = sentence_bounds(text, match.start())
            if bounds not in historical:
                historical[bounds] = _HISTORICAL.search(text, *bounds) is not None
            if historical[bounds] or citations.covers(match.span()):
                continue
            yield self.finding(
                Span(piece.span.start + match.start(), piece.span.start + match.end()),
                _('outdated plan name "十三五" (2016–2020) in a {year} report; expected "{plan}" '
                  "or a historical mention").format(year=year, plan=_plan_name(year)))

    def _poverty(self, piece: Piece, year: int, citations: Citations) -> Iterator[Finding]:
        text = piece.text
        for match in _POVERTY.finditer(text):
            word = match.group()
            if word == "脱贫攻坚" and (text.startswith("成果", match.end())
                                   or _CURRENT_POVERTY.search(text, max(0, match.start() - 8),
                                                              match.start())):
                continue
            if citations.covers(match.span()):
                continue
            yield self.finding(
                Span(piece.span.start + match.start(), piece.span.start + match.end()),
                _("outdated since 2021: {word} in a {year} report; expected the current wording "
                  "(巩固拓展脱贫攻坚成果, 乡村振兴, 帮扶)").format(word=quote(word), year=year))

