"""Small text helpers shared by the built-in rule packs (prose paragraphs, CJK classes, quoting).

Kept deliberately small; every helper is pure and cheap. ``quote`` and ``cjk_numeral`` are the
public API's (:mod:`gipr_lint.api`), re-exported here for the pack's modules.
"""

from __future__ import annotations

from collections.abc import Iterator

from gipr_lint.api import (
    Paragraph,
    Report,
    RuleContext,
    Section,
    Span,
    cjk_numeral,
    compile_re,
    quote,
    translator,
)

_ = translator("gipr_lint_national")

__all__ = [
    "HAN",
    "cjk_numeral",
    "holds_any",
    "is_prose",
    "line_span",
    "paragraph_text",
    "prose_paragraphs",
    "quote",
    "section_label",
    "section_text",
    "year_starts",
]

#: A regex character-class body for Han ideographs (CJK Unified, Extension A, Compatibility).
#: Use it as ``f"[{HAN}]"``; it deliberately excludes CJK punctuation.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# Sentence punctuation, full- or half-width: a line without any is a heading or a table row.
_SENTENCE_PUNCTUATION = compile_re(r"[，。；！？、,;]")
_MIN_HAN = 6
# At least _MIN_HAN Han characters (matched from the start of the text).
_ENOUGH_HAN = compile_re(f"(?:[^{HAN}]*[{HAN}]){{{_MIN_HAN}}}")

def section_label(number: int) -> str:
    """How a section is named in messages: ``section 三``."""
    return _("section {numeral}").format(numeral=cjk_numeral(number))


def is_prose(text: str) -> bool:
    """Whether ``text`` reads as running Chinese sentences rather than a heading or table row.

    Prose has sentence punctuation (，。；、 or half-width , ;) and at least six Han characters.
    Headings such as "（3） 完善工作机制 规范公开流程" and table rows have no such punctuation,
    so text rules that must not touch them can skip them.
    """
    return (_SENTENCE_PUNCTUATION.search(text) is not None
            and _ENOUGH_HAN.match(text) is not None)


def prose_paragraphs(report: Report, *, containing: str = "",
                     context: RuleContext | None = None) -> Iterator[Paragraph]:
    """The report's prose paragraphs (preamble and sections, document order), see :func:`is_prose`.

    With ``containing``, only paragraphs holding at least one of its characters (a cheap
    pre-filter). Never yields the title, section headings, tables, debris or the signature: those
    are not paragraphs in the model. With ``context``, which paragraphs are prose is found once
    per report (several rules ask).
    """
    if context is not None:
        prose = context.memo(("gipr_lint_national", "prose paragraphs"),
                             lambda: [p for p in report.paragraphs() if is_prose(p.text)])
        if not containing:
            yield from prose
        else:
            yield from (p for p in prose if holds_any(p.text, containing))
        return
    for paragraph in report.paragraphs():
        text = paragraph.text
        if containing and not holds_any(text, containing):
            continue
        if is_prose(text):
            yield paragraph


def holds_any(text: str, needles: str | tuple[str, ...]) -> bool:
    """Whether ``text`` holds one of ``needles`` (characters, or words): an ``in`` test for
    each, quicker for a few than a search for their class or alternation (which steps through
    the text one character at a time), and written as a loop since ``any()`` over a generator
    costs more than the tests."""
    for needle in needles:  # noqa: SIM110 (see the docstring)
        if needle in text:
            return True
    return False


#: Characters beyond which a report is large (see :func:`paragraph_text`): a hundred times a
#: normal report's, whose rules' memos stay small.
_LARGE_REPORT = 1_000_000


def paragraph_text(report: Report, context: RuleContext) -> str:
    """Every paragraph's text (:meth:`Report.paragraphs`) joined by line breaks, made once per
    report: a rule looks for what it needs there first and reads the paragraphs one by one only
    when something is there. (Text that is in a paragraph is in this string.)

    For a very large report the string is made again for each rule instead: kept, it would
    stay beside every later rule's own work, a copy of nearly the whole text, and raise the
    peak memory of the lint by that much; made again, it costs a join per rule."""
    if len(report.text) > _LARGE_REPORT:
        return "\n".join([p.text for p in report.paragraphs()])
    return context.memo(("gipr_lint_national", "paragraph text"),
                        lambda: "\n".join([p.text for p in report.paragraphs()]))


def section_text(section: Section) -> str:
    """A section's paragraphs joined by line breaks (tables and the heading left out)."""
    return "\n".join(paragraph.text for paragraph in section.paragraphs)


def line_span(text: str, span: Span) -> Span:
    """The whole line(s) holding ``span``, including the final line break when there is one."""
    start = text.rfind("\n", 0, span.start) + 1
    newline = text.find("\n", span.end)
    end = len(text) if newline == -1 else newline + 1
    return Span(start, end)


#: Where a year (19xx or 20xx) starts, as two patterns that open with a literal: a search
#: skips to a literal at C speed, while one opening with the alternation ``(?:19|20)`` is tried
#: at every character (several times slower over a report's text). Neither consumes more than
#: its two digits, and the second of them ("9", "0") starts no year: so every start is found,
#: those of overlapping years ("202020") too.
_YEARS_FROM = (compile_re(r"19(?=\d{2})"), compile_re(r"20(?=\d{2})"))


def year_starts(text: str) -> list[int]:
    """Every offset of ``text`` where ``(?:19|20)\\d{2}`` matches, in order (overlapping
    years too)."""
    starts = [match.start() for pattern in _YEARS_FROM for match in pattern.finditer(text)]
    starts.sort()
    return starts
