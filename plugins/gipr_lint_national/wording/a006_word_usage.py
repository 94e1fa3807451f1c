"""A006 word-usage."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from gipr_lint.api import (
    Edit,
    Finding,
    Fix,
    Report,
    Rule,
    RuleContext,
    Severity,
    Span,
    compile_re,
    parsed_toml,
    translator,
)
from gipr_lint_national._prose_numbers import Citations
from gipr_lint_national._text import paragraph_text, quote

_ = translator("gipr_lint_national")

#: The built-in substitutions, as data.
DATA_FILE = Path(__file__).with_name("word_usage.toml")


@dataclass(frozen=True, slots=True)
class Substitution:
    """A misused word and its replacement(s); ``pattern`` finds it when context matters.
    ``required`` is text every match holds (``None``: not known), a cheap first look."""

    wrong: str
    right: tuple[str, ...]
    pattern: re.Pattern[str]
    required: str | None = None


_SPECIAL = ".^$*+?{}[]\\|()"
_QUANTIFIERS = "?*{"


def _lookaround_end(pattern: str, start: int) -> int | None:
    """The end of the lookaround group opening at ``start`` (``(?=``, ``(?!``, ``(?<=``,
    ``(?<!``), or ``None`` when the group there is anything else."""
    if not pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), start):
        return None
    depth, index, in_class = 0, start, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return None


def required_text(pattern: re.Pattern[str]) -> str | None:
    """The longest run of plain characters every match of ``pattern`` holds, read off its top
    level (lookarounds skipped), or ``None`` when the pattern is anything more complex: an
    alternation, a group, a class, flags. ``"(?<![公发])布署(?!名)"`` holds "布署"."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    text = pattern.pattern
    best = run = ""
    index = 0
    while index < len(text):
        char = text[index]
        if char == "(":
            end = _lookaround_end(text, index)
            if end is None or text[end:end + 1] in (*_QUANTIFIERS, "+"):
                return None
            index, run = end, ""
            continue
        if char == "\\":
            char = text[index + 1:index + 2]
            if not char or char.isalnum():
                return None  # a class such as \d, or a back reference
            step = 2
        elif char in _SPECIAL:
            return None
        else:
            step = 1
        after = text[index + step:index + step + 1]
        if after and after in _QUANTIFIERS:
            return None  # an optional or repeated character: leave such patterns alone
        run += char
        if after == "+":
            return None
        best = max(best, run, key=len)
        index += step
    return best or None


@lru_cache(maxsize=8)
def _finder(required: tuple[str | None, ...]) -> re.Pattern[str]:
    """A pattern finding any of the ``required`` texts; one that matches everywhere when an
    entry has none."""
    if None in required:
        return compile_re("")
    # longest first, then in code-point order: the same pattern in every process (a set's
    # order changes with hash randomisation, and each new order is a new cached program)
    words = sorted({word for word in required if word}, key=lambda word: (-len(word), word))
    return compile_re("|".join(re.escape(word) for word in words))


def _substitution(wrong: str, right: str, pattern: str | None = None) -> Substitution:
    wrong, right = wrong.strip(), right.strip()
    if not wrong or not right:
        raise ValueError(f"substitution {wrong!r} -> {right!r} needs both words")
    choices = tuple(choice.strip() for choice in right.split("|") if choice.strip())
    compiled = compile_re(pattern or re.escape(wrong))
    return Substitution(wrong, choices, compiled, required_text(compiled))


@cache
def builtin_substitutions() -> tuple[Substitution, ...]:
    """The substitutions of ``word_usage.toml``."""
    data = parsed_toml(DATA_FILE.read_text(encoding="utf-8"))
    return tuple(_substitution(item["wrong"], item["right"], item.get("pattern"))
                 for item in data.get("substitution", ()))


def _from_option(values: Iterable[object]) -> Iterator[Substitution]:
    for value in values:
        wrong, separator, right = str(value).partition("=")
        if not separator:
            raise ValueError(f"option word-usage: expected \"wrong=right\", got {value!r}")
        yield _substitution(wrong, right)


def _from_packs(templates: Sequence[object]) -> Iterator[Substitution]:
    for item in templates:
        if isinstance(item, Mapping) and item.get("kind") == "substitution":
            yield _substitution(str(item.get("wrong", "")), str(item.get("right", "")),
                                item.get("pattern"))


def substitutions(context: RuleContext) -> tuple[Substitution, ...]:
    """The built-in substitutions, then the packs' (hook ``gipr_lint_templates``), then the
    user's (option ``word-usage``)."""
    extra = (*_from_packs(context.templates.extensions),
             *_from_option(context.options.get("word-usage", ())))
    return builtin_substitutions() + extra


class WordUsage(Rule):
    """A misused word or idiom of official writing.

    Reads the prose for the substitutions of a data file (``word_usage.toml``, like Vale's
    substitution rules or textlint's prh dictionaries): 截止 before a date for 截至 ("截止2023年
    12月31日"), 布署 for 部署, 按步就班 for 按部就班, 再接再励 for 再接再厉 and others. Users
    add their own with ``word-usage = ["wrong=right", …]`` in ``[tool.gipr-lint.wording]``; a
    rule pack returns ``{"kind": "substitution", "wrong": …, "right": …}`` items from its
    ``gipr_lint_templates`` hook. Text inside a cited title 《…》 is left alone. The fix is safe
    when there is one replacement; where the right word depends on the meaning ("亟须|急需")
    the message lists the choices and no fix is offered.

    Fails::

        截止2023年12月31日，我局通过官方网站发布政务类信息34条。

    Passes::

        截至2023年12月31日，我局通过官方网站发布政务类信息34条。
    """

    code = "A006"
    name = "word-usage"
    severity = Severity.WARNING
    summary = "A misused word or idiom of official writing"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        # only the entries whose required text is somewhere in the prose are looked for
        prose = paragraph_text(report, context)
        entries = substitutions(context)
        if _finder(tuple(entry.required for entry in entries)).search(prose) is None:
            return  # none of the required texts is there (and every entry has one)
        entries = tuple(entry for entry in entries
                        if entry.required is None or entry.required in prose)
        for paragraph in report.paragraphs():
            text, base = paragraph.text, paragraph.span.start
            citations: Citations | None = None
            found: list[Finding] = []
            for entry in entries:
                if entry.required is not None and entry.required not in text:
                    continue
                for match in entry.pattern.finditer(text):
                    citations = citations or Citations(text)
                    if citations.covers(match.span()):
                        continue
                    found.append(self._finding(entry, Span(base + match.start(),
                                                           base + match.end()), match.group()))
            yield from sorted(found, key=lambda finding: finding.span.start)

    def _finding(self, entry: Substitution, span: Span, word: str) -> Finding:
        expected = " / ".join(quote(choice) for choice in entry.right)
        fix = None
        if len(entry.right) == 1:
            fix = Fix((Edit(span, entry.right[0]),),
                      _("Replace with {expected}").format(expected=quote(entry.right[0])))
        return self.finding(span, _("misused word {found}; expected {expected}").format(
            found=quote(word), expected=expected), fix=fix)
