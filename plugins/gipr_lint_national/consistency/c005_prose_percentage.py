"""C005 prose-percentage."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gipr_lint.api import (
    Finding,
    Paragraph,
    Report,
    Rule,
    RuleContext,
    Severity,
    Span,
    compile_re,
    translator,
)
from gipr_lint_national._text import paragraph_text, quote

_ = translator("gipr_lint_national")

_UNIT_KINDS = {"件": "item", "条": "item", "篇": "item", "份": "item", "个": "item", "项": "item",
               "宗": "item", "次": "time", "人": "person"}
_UNITS = "|".join(_UNIT_KINDS)

#: (A count's look-behind, not a digit or a point before it, is written after its first digit:
#: a pattern that starts with a digit is searched for digits at C speed, one that starts with a
#: look-behind is tried at every character.)
#: A count and the share stated beside it: "258件，占33.9%", "2条,占比4.5%".
_SHARE = compile_re(
    rf"(?P<count>\d(?<![\d.]\d)\d*)\s*(?P<unit>{_UNITS})\s*[，,、]?\s*"
    r"(?P<of>(?:占|占比|比例为|比重为)[^，,。；;\d%％]{0,12}?)\s*(?P<pct>\d+(?:\.\d+)?)\s*[%％]")

#: What may stand between 占 and the percentage for the share to be of the stated total:
#: "占", "占比", "占总数的", "占全部答复的"; "占政策文件的" names another base.
_OF_THE_TOTAL = compile_re(r"(?:占比?|比例为|比重为)(?:全年|全部|所有|总)?"
                           r"(?:信息|申请|答复|办理|办结)?(?:总数|总量|数量|总)?的?"
                           r"(?:比例|比重)?(?:为|达)?")

#: A stated total: "共…44条", "累计公开政府信息44条".
_TOTAL = compile_re(rf"(?:共|总计|合计|累计|共计|总数|总量)[^。；;，,\d]{{0,25}}?"
                    rf"(?<![\d.])(?P<n>\d+)\s*(?P<unit>{_UNITS})(?!\s*[余多])")

#: Any count, a possible base of a share.
_COUNT = compile_re(rf"(?P<n>\d(?<![\d.]\d)\d*)\s*(?P<unit>{_UNITS})")

#: The share is of every reply (table 三 （七）总计).
_OF_ALL_REPLIES = compile_re(r"(?:全部|所有|总)[^，,。；;]{0,4}(?:答复|办理|办结|处理)")


class ProsePercentage(Rule):
    """A percentage in the prose that does not match the counts beside it.

    Reads a count with its share ("政府网站公开信息2条，占比4.5%") and the total it is a share of:
    the nearest total stated before it in the paragraph or the one before ("累计公开政府信息44
    条"), or, when the text says it is a share of all replies ("占全部答复的33.9%") and states no
    total, table 三's （七）总计. The stated percentage may be rounded or cut to its decimals;
    it is flagged when it is off by a whole unit of its last digit or more — and when no other
    count stated before it, nor table 三's （七）总计, gives the stated share (the base may be
    another count: "答复申请34430件…予以公开10538件，占30.61%"). Silent when no total can be
    found.

    Fails::

        累计公开政府信息44条，其中政府网站公开信息2条，占比45%。

    Passes::

        累计公开政府信息44条，其中政府网站公开信息2条，占比4.5%。
    """

    code = "C005"
    name = "prose-percentage"
    severity = Severity.WARNING
    summary = "A percentage that does not match its counts"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        prose = paragraph_text(report, context)  # (made once per report for several rules)
        if "%" not in prose and "％" not in prose:
            return  # no percentage anywhere: no paragraph to read (most reports)
        previous: Paragraph | None = None
        for paragraph in report.paragraphs():
            text = paragraph.text
            if "%" in text or "％" in text:
                for match in _SHARE.finditer(text):
                    finding = self._check(report, paragraph, previous, match)
                    if finding is not None:
                        yield finding
            previous = paragraph

    def _check(self, report: Report, paragraph: Paragraph, previous: Paragraph | None,
               match: re.Match[str]) -> Finding | None:
        if _OF_THE_TOTAL.fullmatch(match.group("of").strip()) is None:
            return None
        kind = _UNIT_KINDS[match.group("unit")]
        total, where = self._prose_total(paragraph.text[:match.start()], kind), "text"
        if total is None and previous is not None:
            total = self._prose_total(previous.text, kind)
        if total is None and _OF_ALL_REPLIES.search(match.group("of")):
            total, where = self._replies(report), "table"
        if total is None or total <= 0:
            return None
        count, stated = int(match.group("count")), match.group("pct")
        decimals = len(stated.partition(".")[2])
        computed = count * 100 / total
        if abs(computed - float(stated)) < 10 ** -decimals:
            return None
        # another count stated before it may be the base ("收到申请34290件；答复34430件…
        # 予以公开10538件，占30.61%"), and so may table 三's （七）总计: any that fits means
        # the text may be right
        others = [int(m.group("n")) for m in _COUNT.finditer(paragraph.text[:match.start()])
                  if _UNIT_KINDS[m.group("unit")] == kind]
        if previous is not None:
            others += [int(m.group("n")) for m in _COUNT.finditer(previous.text)
                       if _UNIT_KINDS[m.group("unit")] == kind]
        others.append(self._replies(report) or 0)
        if any(other > 0 and abs(count * 100 / other - float(stated)) < 10 ** -decimals
               for other in others):
            return None
        base = paragraph.span.start
        message = (_("{count} of {total} is {computed}%, but the text says {stated}%")
                   if where == "text" else
                   _("{count} of the {total} replies of table 三 （七）总计 is {computed}%, but "
                     "the text says {stated}%"))
        return self.finding(Span(base + match.start(), base + match.end()), message.format(
            count=quote(match.group("count") + match.group("unit")), total=total,
            computed=f"{computed:.{max(decimals, 1)}f}", stated=stated))

    @staticmethod
    def _prose_total(text: str, kind: str) -> int | None:
        found = None
        for match in _TOTAL.finditer(text):
            if _UNIT_KINDS[match.group("unit")] == kind:
                found = int(match.group("n"))
        return found

    @staticmethod
    def _replies(report: Report) -> int | None:
        table = report.table("requests")
        row = table.row("total") if table is not None else None
        if row is None or not row.cells:
            return None
        value = row.cells[-1].value
        return int(value) if isinstance(value, int) else None
