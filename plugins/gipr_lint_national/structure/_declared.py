"""The structure a report declares in its preamble: "本报告共分6个部分：总体情况、……" (S010, S008).

A declaration is a sentence that says what the report contains ("全文包括…", "本报告由…组成",
"内容包括…") followed by a list of parts. The list is read for the official sections it names
(each by its key words, so the known rewordings count), the pre-2019 parts it names (概述,
不予公开, 收费及减免), a stated count ("六部分", "6个部分") and 问题/改进 written as two parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gipr_lint.api import Report, RuleContext, Span, compile_re
from gipr_lint_national._prose_numbers import parse_number

#: What opens a declaration, and the list after it up to the end of the sentence.
_DECLARATION = compile_re(
    r"(?:全文|本报告|报告|本年度报告|年报|主要内容|内容)[^。；;]{0,12}?"
    r"(?:包括|包含|由|分为|分成|共分)(?P<list>[^。]{8,300})")

#: The official sections by the words that name them (rewordings included).
_PARTS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, compile_re(r"总体情况|总体工作情况|基本情况")),
    (2, compile_re(r"主动公开")),
    (3, compile_re(r"依申请公开|收到和处理|处理政府信息公开申请")),
    (4, compile_re(r"复议|诉讼")),
    (5, compile_re(r"问题|不足|改进|整改")),
    (6, compile_re(r"其[他它][^、，,；;。]{0,6}事项|需要(?:报告|汇报|说明)")),
)

#: Parts only the pre-2019 report has.
_OLD_PART = compile_re(r"概述|不予公开政府信息[^、，,；;]{0,6}|[^、，,；;]{0,12}(?:收费|减免|费用)"
                       r"[^、，,；;]{0,6}")

#: 问题 and 改进 as two items of the list.
#: A second opener inside the list ("本报告包括信访局编制，全文包括…"): the list starts after it.
_INNER_OPENER = compile_re(r"(?:全文|内容)(?:主要)?(?:包括|包含|分为)")

_SPLIT_PROBLEMS = compile_re(r"问题(?:情况)?\s*[、，,；;]\s*(?:工作)?(?:改进|整改)")

_COUNT = compile_re(r"(?P<n>[一二三四五六七八九十]|\d{1,2})\s*个?\s*(?:部分|方面|章节)")

_LIST_END = compile_re(r"(?:等|这|共)?\s*(?:[一二三四五六七八九十]|\d{1,2})\s*个?\s*"
                       r"(?:部分|方面|章节)")


@dataclass(frozen=True, slots=True)
class Declaration:
    """A declared structure: where its list is, the sections and old parts it names."""

    text: str
    span: Span
    sections: frozenset[int]
    old_parts: tuple[str, ...]
    count: int | None
    split_problems: bool

    @property
    def pre_2019(self) -> bool:
        """The whole declared structure is the pre-2019 one (seven parts, or two old parts)."""
        return bool(self.old_parts) and (self.count == 7 or len(self.old_parts) >= 2)


#: What ends a paragraph's last sentence: a paragraph ending otherwise was broken by the page
#: mid-sentence ("…、政府信息公开工" / "作存在的主要问题…"), and its sentence goes on in the next.
_SENTENCE_ENDS = ("。", "；", ";", "！", "？", "!", "?", "：", ":")


def _pieces(report: Report) -> Iterator[tuple[str, int]]:
    if report.title is not None:
        yield report.title.text, report.title.span.start
    # the preamble's paragraphs, those broken mid-sentence read on into the next (as the
    # source has them: the line break between stays, positions stay the source's)
    preamble = report.preamble
    index = 0
    while index < len(preamble):
        opening = closing = preamble[index]
        while (index + 1 < len(preamble)
               and not closing.text.rstrip().endswith(_SENTENCE_ENDS)):
            index += 1
            closing = preamble[index]
        yield report.source.text[opening.span.start:closing.span.end], opening.span.start
        index += 1
    first = report.section(1)
    if first is not None:
        for paragraph in first.paragraphs[:3]:
            yield paragraph.text, paragraph.span.start


def declarations(report: Report, context: RuleContext | None = None) -> list[Declaration]:
    """Every declared structure in the title, the preamble and the opening of section 一 that
    names at least three official sections ("…情况"); found once per report when ``context``
    is given (S008 and S010 both ask). The list is shared: do not change it."""
    if context is not None:
        return context.memo((__name__, "declarations"), lambda: declarations(report))
    found: list[Declaration] = []
    seen: set[int] = set()
    for text, base in _pieces(report):
        for match in _DECLARATION.finditer(text):
            start = match.start("list")
            for inner in _INNER_OPENER.finditer(text, start, match.end("list")):
                start = inner.end()
            if base + start in seen:
                continue
            listed = text[start:match.end("list")]
            sections = frozenset(number for number, pattern in _PARTS if pattern.search(listed))
            counts = [parse_number(m.group("n")) for m in _COUNT.finditer(listed)]
            count = counts[-1] if counts else None
            if len(sections) < 3 or "情况" not in listed:
                continue  # not a list of the report's parts ("培训内容包括主动公开、…")
            end = match.end("list")
            tail = _LIST_END.search(listed)
            if tail is not None:
                end = start + tail.start() if tail.start() > 0 else end
            body = text[start:end].rstrip("，,、；; ")
            old = tuple(m.group().strip("、，,；; 和及以") for m in _OLD_PART.finditer(listed))
            seen.add(base + start)
            found.append(Declaration(body, Span(base + start, base + start + len(body)),
                                     sections, old, count,
                                     _SPLIT_PROBLEMS.search(listed) is not None))
    return found
