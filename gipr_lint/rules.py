"""The rule base class every rule plugin subclasses.

A rule is a small class::

    class SelfReference(Rule):
        '''Self-reference that does not fit the agency kind.

        Fails::

            高庄镇人民政府2024年政府信息公开工作年度报告
            …2025年我局将加大政府信息公开工作力度…

        Passes::

            …2025年我镇将加大政府信息公开工作力度…
        '''

        code = "A001"
        name = "self-reference"
        severity = Severity.ERROR
        summary = "Self-reference that does not fit the agency kind"

        def check(self, report, context):
            yield self.finding(span, "我局 in a township report; expected 我镇")

The docstring's ``Fails::`` and ``Passes::`` blocks are shown by ``gipr-lint rule CODE`` and
generate ``docs/rules.md``.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from gipr_lint.diagnostics import Finding, Fix, Severity, new_finding
from gipr_lint.model import Report
from gipr_lint.reading.source import Span
from gipr_lint.regex import compile_re
from gipr_lint.templates import NATIONAL, Templates

__all__ = ["CODE_PATTERN", "NAME_PATTERN", "Rule", "RuleContext", "collect_rules",
           "docstring_markdown", "rule_examples"]

#: A rule code: one or more capital letters, then three digits (``T001``, ``HEN001``).
CODE_PATTERN = compile_re(r"^[A-Z]+[0-9]{3}$")
#: A rule name: kebab-case.
NAME_PATTERN = compile_re(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


_T = TypeVar("_T")

#: What :meth:`RuleContext.memo` finds for a key not computed yet.
_MISSING: Any = object()


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know beyond the report.

    ``options`` is the rule's plugin's own table, ``[tool.gipr-lint.<plugin>]`` in the user's
    configuration (empty when absent). ``templates`` is the table templates of the run
    (:class:`~gipr_lint.templates.Templates`): the national ones with every loaded pack's rows,
    identities and section requirements (hook ``gipr_lint_templates``).
    ``deadlines`` maps an agency kind (``township``, ``department``, ``government``) to the
    publication deadline ``"MM-DD"`` plugins set (hook ``gipr_lint_deadlines``); a kind that
    is absent keeps the national date (or none, for townships).

    Each report gets its own context (sharing the same options), whose :meth:`memo` keeps what
    several rules compute from the report while that report is linted.
    """

    options: Mapping[str, Any] = field(default_factory=dict)
    templates: Templates = field(default_factory=lambda: NATIONAL)
    deadlines: Mapping[str, str] = field(default_factory=dict)
    _memo: dict[Hashable, Any] = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """``compute()``, computed once per report: the rules of a report share the value.

        ``key`` names the value for every rule of every pack: start it with your pack's name
        (``("gipr_lint_national.years", "openers")``). Use it instead of module-level caches, which
        outlive the report and are shared between threads.
        """
        value = self._memo.get(key, _MISSING)  # (a raised KeyError would cost more)
        if value is _MISSING:
            value = self._memo[key] = compute()
        return value  # type: ignore[no-any-return]

    def for_report(self, memo: dict[Hashable, Any]) -> RuleContext:
        """This context with a fresh per-report ``memo`` store (the engine calls this).

        (Made as a copy of this context's fields: the frozen dataclass's ``__init__`` sets each
        through ``object.__setattr__``, half again the cost, and a report gets one per plugin.)
        """
        context = object.__new__(type(self))
        context.__dict__.update(self.__dict__, _memo=memo)
        return context


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement :meth:`check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    #: ``False`` for rules that run only when selected (``select``/``extend-select``).
    enabled_by_default: ClassVar[bool] = True
    #: The gettext domain translating ``summary`` and the docstring's first paragraph;
    #: ``None``: the rule's top-level package (see :mod:`gipr_lint.i18n`).
    i18n_domain: ClassVar[str | None] = None

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        """Yield the findings for one report."""
        raise NotImplementedError

    @staticmethod
    def finding(span: Span, message: str, *, severity: Severity | None = None,
                fix: Fix | None = None) -> Finding:
        """Shorthand for :class:`~gipr_lint.diagnostics.Finding`."""
        return new_finding(span, message, severity, fix)


def collect_rules(package: str) -> list[type[Rule]]:
    """Every rule class defined in the modules of ``package``, ordered by code.

    A pack keeps one rule per module and returns ``collect_rules(__name__)`` from its
    ``gipr_lint_rules`` hook, so that a rule added as a module is registered with no list to
    keep up to date. Modules whose names start with ``_`` hold shared helpers and are skipped.
    """
    found: dict[str, type[Rule]] = {}
    parent = importlib.import_module(package)
    for name in _public_modules(parent.__path__):
        module = importlib.import_module(f"{package}.{name}")
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, Rule)
                    and value.__module__ == module.__name__ and "code" in vars(value)):
                found[value.code] = value
    return [found[code] for code in sorted(found)]


def _public_modules(path: Iterable[str]) -> Iterator[str]:
    """The names of the modules and packages in the folders ``path`` (a package's
    ``__path__``) that do not start with ``_``, as and in the order
    :func:`pkgutil.iter_modules` names them (each folder's entries sorted; a name once).

    Read here from one listing per folder: ``iter_modules`` sorts the import suffixes again for
    every file name and lists every subfolder (``__pycache__`` too), ~2 ms of every start for
    the built-in pack's nine folders. What is not a folder (a zip file) is left to it."""
    from importlib.machinery import all_suffixes

    suffixes = sorted(all_suffixes(), key=len, reverse=True)  # ".cpython-311-...so" first
    seen: set[str] = set()
    names: list[str | None]
    for folder in path:
        try:
            entries = sorted(os.listdir(folder))
        except NotADirectoryError:  # a zip file: pkgutil knows the other importers
            import pkgutil

            names = [info.name for info in pkgutil.iter_modules([folder])]
        except OSError:
            continue
        else:
            names = [_module_name(folder, entry, suffixes) for entry in entries]
        for name in names:
            if name and not name.startswith("_") and name not in seen:
                seen.add(name)
                yield name


def _module_name(folder: str, entry: str, suffixes: list[str]) -> str | None:
    """The module that ``entry`` of ``folder`` is (a file with an import suffix, or a folder
    with an ``__init__`` module), else ``None``; ``None`` too for a name starting with ``_``,
    never collected (helpers, ``__init__``, and ``__pycache__``, which is not listed)."""
    if entry.startswith("_"):
        return None
    for suffix in suffixes:
        if entry.endswith(suffix):
            name = entry[: -len(suffix)]
            return name if "." not in name else None
    if "." in entry:
        return None
    try:
        inside = os.listdir(os.path.join(folder, entry))
    except OSError:  # not a folder
        return None
    return entry if any(f"__init__{suffix}" in inside for suffix in suffixes) else None


# --------------------------------------------------------------------------- documentation

_LITERAL = compile_re(r"^(\w[\w ]*)::\s*$")


def _doc_parts(doc: str) -> list[str | tuple[str, str]]:
    """A docstring as lines of prose and ``(label, text)`` literal blocks (``Fails::`` and an
    indented block under it)."""
    import inspect  # only documentation needs these (a lint never does): not at import
    import textwrap

    lines = inspect.cleandoc(doc).splitlines()
    parts: list[str | tuple[str, str]] = []
    i = 0
    while i < len(lines):
        match = _LITERAL.match(lines[i])
        if not match:
            parts.append(lines[i])
            i += 1
            continue
        i += 1
        block: list[str] = []
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith((" ", "\t"))):
            block.append(lines[i])
            i += 1
        parts.append((match.group(1), textwrap.dedent("\n".join(block)).strip("\n")))
    return parts


def docstring_markdown(doc: str, *, label: str = "**{}:**") -> str:
    """A rule docstring with its ``Fails::``/``Passes::`` (any ``Label::``) blocks as fenced
    ``text`` code blocks, each under ``label`` (``"**Fails:**"``), ending with a line break.
    docs/rules.md, ``gipr-lint rule`` and the editor's hover text all use it."""
    out: list[str] = []
    for part in _doc_parts(doc):
        if isinstance(part, str):
            out.append(part)
            continue
        out += [label.format(part[0]), "", "```text", *part[1].splitlines(), "```", ""]
    return "\n".join(out).strip() + "\n"


def rule_examples(rule: type[Rule]) -> list[tuple[str, str]]:
    """The rule's documented examples in order: ``("Fails", text)`` and ``("Passes", text)``
    pairs from its docstring (tests run them: a Fails example must give a finding of the rule,
    a Passes example none)."""
    return [part for part in _doc_parts(rule.__doc__ or "")
            if isinstance(part, tuple) and part[0] in ("Fails", "Passes")]
