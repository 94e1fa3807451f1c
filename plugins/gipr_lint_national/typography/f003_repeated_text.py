"""F003 repeated-text."""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import (
    Edit,
    Finding,
    Fix,
    Paragraph,
    Report,
    Rule,
    RuleContext,
    Severity,
    Span,
    compile_re,
    translator,
)
from gipr_lint_national._prose_numbers import Citations
from gipr_lint_national._text import HAN, prose_paragraphs, quote

_ = translator("gipr_lint_national")

#: A word of two to four Han characters written twice: "审核审核", "进一步进一步".
_DOUBLED_WORD = compile_re(rf"([{HAN}]{{2,4}})\1")

#: Characters that official Chinese never doubles, and what may follow a legitimate pair
#: (的的确确, 是是非非, 为了了解 …): the pair is skipped when the next character is listed.
_DOUBLED_CHARACTER = {"的": "确", "与": "", "已": "", "被": "", "向": "", "性": ""}
#: Where one of them is written twice.
_DOUBLED_PAIR = compile_re(f"([{''.join(_DOUBLED_CHARACTER)}])\\1")

#: Two-character verbs whose ABAB reduplication is good Chinese ("研究研究").
_ABAB = frozenset({"研究", "讨论", "考虑", "商量", "了解", "学习", "检查", "整理", "交流",
                   "总结", "锻炼", "休息", "调查", "打扫", "收拾", "活动", "比较"})


#: How many paragraphs are searched together (see :meth:`RepeatedText.check`): enough to make
#: one search of a normal report's prose, few enough that a huge report's prose is never
#: copied whole into one string.
_PARAGRAPHS_AT_ONCE = 512


def _joined_by_piece(paragraphs: list[Paragraph]) -> Iterator[str]:
    """The paragraphs' texts joined by line breaks, :data:`_PARAGRAPHS_AT_ONCE` at a time."""
    size = _PARAGRAPHS_AT_ONCE
    for first in range(0, len(paragraphs), size):
        yield "\n".join([paragraph.text for paragraph in paragraphs[first:first + size]])


#: How many characters :func:`_doubles_a_word` compares at a time (see there).
_WINDOW = 1 << 15
#: The longest doubled word (four characters, twice) less one: how far windows overlap.
_OVERLAP = 7


def _doubles_a_word(text: str) -> bool:
    """Whether ``text`` holds a word of two to four Han characters written twice: whether
    :data:`_DOUBLED_WORD` matches anywhere in it.

    The search would try the pattern at every Han character, and on a report's prose that
    costs more than the rest of the rule. Here the text's UTF-16 code units are read as one
    large integer and XOR-ed with themselves shifted by two, three and four characters: a run
    of ``k`` zero units at a unit boundary is where ``k`` characters equal the ``k`` after them.
    Such runs are rare (a "2020"), and the pattern is tried only there. (The integer work and
    ``bytes.find`` run at C speed over the whole text; windows keep their copies small on a
    large report. A text with characters beyond the BMP, whose code units are not its
    characters, is searched as before.)
    """
    for first in range(0, max(len(text) - _OVERLAP, 1), _WINDOW):
        window = text[first:first + _WINDOW + _OVERLAP]
        raw = window.encode("utf-16-le", "surrogatepass")
        if len(raw) != 2 * len(window):
            if _DOUBLED_WORD.search(window):
                return True
            continue
        units = int.from_bytes(raw, "little")
        for length in (2, 3, 4):
            same = (units ^ (units >> (16 * length))).to_bytes(len(raw), "little")
            zeros = bytes(2 * length)
            at = same.find(zeros)
            while at != -1:
                if at % 2 == 0 and _DOUBLED_WORD.match(window, at // 2, at // 2 + 2 * length):
                    return True
                at = same.find(zeros, at + 1)
    return False


#: Terms of the report that open with a word that also ends an agency's name: "县政府政府信息
#: 公开工作" is the agency (县政府) and then the term (政府信息公开), not 政府 written twice.
_TERMS_AFTER_AGENCY = ("政府信息",)
#: What the name of a government ends with before its 政府 (县政府, 人民政府, 自治区政府, 各级
#: 政府): "重视政府政府信息" has no agency before the term, and 政府 is written twice.
_BEFORE_AGENCY_WORD = frozenset("县市区乡镇省州旗盟民级")


def _legitimate(text: str, start: int, word: str) -> bool:
    """Whether ``word`` written twice at ``start`` is a legitimate form."""
    if word in _ABAB or word.startswith("一"):  # 一步一步, 一个一个
        return True
    if (start > 0 and text[start - 1] in _BEFORE_AGENCY_WORD
            and text.startswith(tuple(term for term in _TERMS_AFTER_AGENCY
                                      if term.startswith(word) and len(term) > len(word)),
                                start + len(word))):
        return True
    # part of an AABB form around it (实实在在, 明明白白): the pair before or after doubles
    return len(word) == 1 and start >= 2 and text[start - 2] == text[start - 1]


class RepeatedText(Rule):
    """A character or word written twice by mistake.

    Flags a word of two to four characters written twice ("审核审核", "情况情况",
    "进一步进一步") and function characters that Chinese never doubles ("的的", "性性"),
    in prose paragraphs. The reduplications of good Chinese are left alone: 逐步、常常、人人、一一、
    年年、件件 (characters are only checked from a short list), AABB forms (认认真真, 的的确确),
    verbs written ABAB ("研究研究"), 一X一X ("一步一步") and an agency's name followed by a
    term of the report that opens with its last word ("乡政府政府信息公开工作"; without a
    government's name before it, "重视政府政府信息" is 政府 twice). Text inside a cited title
    《…》 is skipped. The fix, deleting the second copy, is safe.

    Fails::

        及时发布本单位财政预决算信息和预算执行情况情况和三公经费情况。

    Fails::

        我局高度重视政府政府信息公开工作。

    Passes::

        逐步完善信息发布机制，做到件件有回应、事事有落实。

    Passes::

        2024年，乡政府政府信息公开工作稳步推进。
    """

    code = "F003"
    name = "repeated-text"
    severity = Severity.WARNING
    summary = "A character or word written twice by mistake"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        paragraphs = list(prose_paragraphs(report, context=context))
        # Most reports double nothing: one look at all the prose first spares each
        # paragraph its own searches. (A line break is neither Han nor a listed character, so
        # no match spans two paragraphs: none here means none in any paragraph.)
        if not any(_DOUBLED_PAIR.search(joined) or _doubles_a_word(joined)
                   for joined in _joined_by_piece(paragraphs)):
            return
        for paragraph in paragraphs:
            text, base = paragraph.text, paragraph.span.start
            citations: Citations | None = None
            for start, word in self._doubles(text):
                end = start + 2 * len(word)
                citations = citations or Citations(text)
                if citations.covers((start, end)):
                    continue
                second = Span(base + start + len(word), base + end)
                yield self.finding(
                    Span(base + start, base + end),
                    _("{word} written twice in {context}; expected it once").format(
                        word=quote(word), context=quote(text[max(0, start - 4):end + 4])),
                    fix=Fix((Edit(second, ""),), _("Delete the second {word}").format(
                        word=quote(word))))

    @staticmethod
    def _doubles(text: str) -> Iterator[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        for match in _DOUBLED_WORD.finditer(text):
            word = match.group(1)
            if not _legitimate(text, match.start(), word):
                found.append((match.start(), word))
        pair = _DOUBLED_PAIR.search(text)
        while pair is not None:  # every index, overlapping pairs ("的的的") too
            index = pair.start()
            pair = _DOUBLED_PAIR.search(text, index + 1)
            char = text[index]
            following = text[index + 2:index + 3]
            if following and following in _DOUBLED_CHARACTER[char]:
                continue
            if _legitimate(text, index, char):
                continue
            if index + 3 < len(text) + 1 and text[index + 2:index + 4] == char * 2:
                continue
            if not any(start <= index < start + 2 * len(word) for start, word in found):
                found.append((index, char))
        yield from sorted(found)
