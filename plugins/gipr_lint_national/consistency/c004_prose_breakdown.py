"""C004 prose-breakdown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gipr_lint.api import Finding, Report, Rule, RuleContext, Severity, Span, compile_re, translator
from gipr_lint_national._prose_numbers import Citations
from gipr_lint_national._text import holds_any, paragraph_text, prose_paragraphs, quote

_ = translator("gipr_lint_national")

#: Units of counts that add up, by kind: documents/items, times, sessions, people.
_UNIT_KINDS = {"件": "item", "条": "item", "篇": "item", "份": "item", "个": "item", "项": "item",
               "宗": "item", "次": "time", "场": "session", "期": "session", "人": "person",
               "人次": "person"}
_UNITS = "人次|" + "|".join(unit for unit in _UNIT_KINDS if unit != "人次")

#: (A count's look-behind, not a digit or a point before it, is written after its first digit:
#: a pattern that starts with a digit is searched for digits at C speed, one that starts with a
#: look-behind is tried at every character.)
#: A count followed at once by the word that opens its parts: "126条，其中…", "13件（含…".
_TOTAL = compile_re(
    rf"(?P<total>\d(?<![\d.]\d)\d*)\s*(?P<unit>{_UNITS})\s*(?P<sep>[，,。]?\s*[（(]?)\s*"
    r"(?P<trigger>其中|具体包括|包括|分别为|分别是|含)\s*[，,：:]?")

#: A part: a count with its unit, not approximate ("20余条") and not a rate ("4.5%").
_PART = compile_re(rf"(?P<n>\d(?<![\d.]\d)\d*)\s*(?P<unit>{_UNITS})(?!\s*(?:工作日|日|天|月|年))")

#: Anything that makes the parts more than a plain list: nested parts, rates, comparisons,
#: approximate numbers, another total.
_NOT_A_PLAIN_LIST = compile_re(r"其中|包括|含|内有|分别|[%％]|占|同比|增长|增加|减少|下降|较|比上"
                               r"|余|多|以上|以下|左右|约|近|累计|共计|合计|总计|；|;|各|每")

_EXHAUSTIVE = ("分别为", "分别是")

#: Where the sentence of a total begins: the parts after 其中 may belong to what it says before.
_SENTENCE_END = compile_re(r"[。！？!?；;\n]")
#: How far before a total another count is looked for.
_LOOKBACK = 60

#: The words of :data:`_TOTAL`'s trigger (具体包括 holds 包括): a text without one has no total.
_TRIGGERS = ("其中", "包括", "分别为", "分别是", "含")


def _has_trigger(text: str) -> bool:
    """Whether ``text`` holds a word that opens the parts of a total (``in`` tests: quicker than
    the search for a total, which stops at every digit)."""
    return holds_any(text, _TRIGGERS)


@dataclass(frozen=True, slots=True)
class _Part:
    value: int
    label: str


class ProseBreakdown(Rule):
    """A total in the prose whose parts do not add up.

    Reads a count followed at once by its parts — "信息126条，其中…78条，…35条", "规章13件（含新
    制定5件，修改4件，废止4件）", "…分别为…" — and flags parts that add up to more than the
    total, or to a different number when the parts are stated to be all of it ("分别为", or a
    last part "其他…"). Only plain lists are read: parts with units of the same kind (件/条/个…,
    次, 场, 人), none approximate ("20余条"), nested ("其中…内有…"), compared ("同比增加"),
    counted for each of several ("各5条") or given as a rate, all in the sentence of the total,
    and a total that is the only count of its kind before them in its sentence ("收到申请38件，
    上年结转9件，其中…" may break down either or both). Anything else means silence.

    Fails::

        全年发布信息100条，其中部门工作信息78条，人大建议提案35条。

    Passes::

        主动公开市政府规章13件（含新制定5件，修改4件，废止4件）。
    """

    code = "C004"
    name = "prose-breakdown"
    severity = Severity.WARNING
    summary = "A total in the prose whose parts do not add up"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        if not _has_trigger(paragraph_text(report, context)):
            return  # looked for in the whole prose first: most reports have no breakdown
        for paragraph in prose_paragraphs(report, containing="其含包分", context=context):
            text, base = paragraph.text, paragraph.span.start
            if not _has_trigger(text):
                continue
            citations: Citations | None = None
            for match in _TOTAL.finditer(text):
                citations = citations or Citations(text)
                if citations.covers(match.span()):
                    continue
                if self._follows_another_count(text, match):
                    continue
                found = self._breakdown(text, match)
                if found is None:
                    continue
                parts, end = found
                total = int(match.group("total"))
                added = sum(part.value for part in parts)
                exhaustive = (match.group("trigger") in _EXHAUSTIVE
                              or parts[-1].label.lstrip("，,、 ").startswith(("其他", "其它")))
                if added > total or (exhaustive and added != total):
                    unit = match.group("unit")
                    yield self.finding(Span(base + match.start("total"), base + end), _(
                        "the parts after {trigger} add up to {sum}{unit} ({parts}), but the "
                        "total stated is {total}{unit}").format(
                            trigger=quote(match.group("trigger")), sum=added, unit=unit,
                            parts=" + ".join(str(part.value) for part in parts), total=total))

    @staticmethod
    def _follows_another_count(text: str, match: re.Match[str]) -> bool:
        """Whether the sentence names another count of the total's kind before it ("收到申请38件，
        上年结转9件，其中予以公开11件"): 其中 may then open the parts of them all, and which total
        is meant cannot be told."""
        start = match.start("total")
        # (a window before the total, not the whole sentence: the other count stands close to
        # it, and a long paragraph of many totals stays linear)
        opening = max(0, start - _LOOKBACK)
        for end in _SENTENCE_END.finditer(text, opening, start):
            opening = end.end()
        kind = _UNIT_KINDS[match.group("unit")]
        return any(_UNIT_KINDS[part.group("unit")] == kind
                   for part in _PART.finditer(text, opening, start))

    @staticmethod
    def _breakdown(text: str, match: re.Match[str]) -> tuple[list[_Part], int] | None:
        """The parts after a total and where they end; ``None`` when they are not a plain
        list."""
        sep, trigger = match.group("sep"), match.group("trigger")
        parenthesised = "（" in sep or "(" in sep
        if trigger == "含" and not parenthesised:
            return None
        start = match.end()
        stop = compile_re(r"[）)]" if parenthesised else r"[。！？!?\n]")
        closing = stop.search(text, start)
        end = closing.start() if closing else len(text)
        region = text[start:end]
        if _NOT_A_PLAIN_LIST.search(region):
            return None
        kind = _UNIT_KINDS[match.group("unit")]
        parts: list[_Part] = []
        label_start = 0
        last_end = start
        for part in _PART.finditer(region):
            if _UNIT_KINDS[part.group("unit")] != kind:
                return None
            parts.append(_Part(int(part.group("n")), region[label_start:part.start()]))
            label_start = part.end()
            last_end = start + part.end()
        if len(parts) < 2:
            return None
        return parts, last_end
