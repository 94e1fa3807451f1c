"""Severities, what a rule reports (:class:`Finding`) and what users see (:class:`Diagnostic`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from gipr_lint.reading.document import Origin, describe
from gipr_lint.reading.source import Source, Span

__all__ = ["Diagnostic", "Edit", "Finding", "Fix", "Severity"]


class Severity(str, Enum):
    """How much a finding matters; ``off`` disables a rule in configuration."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1, "off": 0}[self.value]

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Read a severity name; raises ``ValueError`` naming the accepted ones."""
        try:
            return cls(str(value).lower())
        except ValueError:
            accepted = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r} (accepted: {accepted})") from None


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text in ``span`` with ``replacement``."""

    span: Span
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """Edits that resolve a finding. ``safe`` fixes are applied by ``--fix``; others need
    ``--unsafe-fixes``."""

    edits: tuple[Edit, ...]
    description: str
    safe: bool = True


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule yields: a place, a message, and optionally its own severity and a fix.

    ``severity`` overrides the rule's default for this one finding (e.g. a rule that is an error
    in one case and a warning in another); a user's configured severity overrides both.
    """

    span: Span
    message: str
    severity: Severity | None = None
    fix: Fix | None = None


#: The ``__set__`` of each slot of :class:`Finding`, in field order.
_F_SPAN, _F_MESSAGE, _F_SEVERITY, _F_FIX = (Finding.__dict__[name].__set__
                                            for name in Finding.__slots__)


def new_finding(span: Span, message: str, severity: Severity | None = None,
                fix: Fix | None = None) -> Finding:
    """``Finding(span, message, severity, fix)`` without the frozen dataclass's ``__init__``
    (each field set through ``object.__setattr__``): the slots set by their own descriptors
    on an instance made by ``object.__new__``, half the cost (:meth:`Rule.finding` makes every
    finding of the built-in rules here). The same object: a test checks it equals the class's
    own."""
    finding = object.__new__(Finding)
    _F_SPAN(finding, span)
    _F_MESSAGE(finding, message)
    _F_SEVERITY(finding, severity)
    _F_FIX(finding, fix)
    return finding


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding resolved against its file: rule, final severity and 1-based positions.

    ``end_column`` is exclusive, as in LSP and SARIF. Positions are in the file the user has:
    for a text file and for an HTML page (read by the HTML reader) the line and column in that
    file. A Word or PDF file has no lines to jump to: there ``line``/``column`` are positions in
    the report's canonical text (``gipr-lint parse --format text``) and ``where`` names the
    place in the file (``"table 3, row 5, column 2"``, ``"paragraph 12"``, ``"page 2, line
    14"``); ``origin`` is that place as data (:class:`~gipr_lint.reading.document.Origin`).
    ``span`` is always an offset range of the canonical text. ``related`` names the other files
    a cross-report finding compared this one with (paths).
    """

    path: str
    code: str
    name: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    span: Span
    fix: Fix | None = None
    origin: Origin | None = None
    where: str | None = None
    related: tuple[str, ...] = ()

    @classmethod
    def at(cls, source: Source, *, code: str, name: str, severity: Severity, message: str,
           span: Span, fix: Fix | None = None, related: tuple[str, ...] = ()) -> Diagnostic:
        if not source.origins and cls is Diagnostic:  # a text file: lines and columns say where
            return in_text(source, code, name, severity, message, span, fix, related)
        line, column = source.position(span.start)
        end_line, end_column = source.position(max(span.end, span.start))
        origin = source.origin_at(span.start)
        if source.kind == "html" and origin is not None and origin.line and origin.column:
            end = source.origin_at(max(span.end - 1, span.start))
            line, column = origin.line, origin.column
            if end is not None and end.line and end.column and (end.line, end.column) >= (
                    line, column):
                end_line, end_column = end.line, end.column + (1 if span.end > span.start
                                                               else 0)
            else:
                end_line, end_column = line, column + (1 if span.end > span.start else 0)
        return cls(path=source.path, code=code, name=name, severity=severity, message=message,
                   line=line, column=column, end_line=end_line, end_column=end_column,
                   span=span, fix=fix, origin=origin, where=describe(origin, source.kind),
                   related=related)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


def in_text(source: Source, code: str, name: str, severity: Severity, message: str,
            span: Span, fix: Fix | None = None, related: tuple[str, ...] = ()) -> Diagnostic:
    """:meth:`Diagnostic.at` for a file without origins (a text file), its arguments by
    position (the engine makes every diagnostic of a text file here: keywords cost more).

    A span ending on the line it starts on (nearly every one) has its end's column from its
    start's, without a second search of the line starts."""
    start, end = span.start, span.end
    line, column = source.position(start)
    starts = source.line_starts
    if (0 <= start <= end <= len(source.text)
            and (line >= len(starts) or end < starts[line])):  # (starts[line]: the next line's)
        end_line, end_column = line, column + end - start
    else:
        end_line, end_column = source.position(max(end, start))
    return _made(source.path, code, name, severity, message, line, column, end_line,
                 end_column, span, fix, related)


#: The ``__set__`` of each slot of :class:`Diagnostic`, in field order.
(_PATH, _CODE, _NAME, _SEVERITY, _MESSAGE, _LINE, _COLUMN, _END_LINE, _END_COLUMN, _SPAN, _FIX,
 _ORIGIN, _WHERE, _RELATED) = (Diagnostic.__dict__[name].__set__
                               for name in Diagnostic.__slots__)


def _made(path: str, code: str, name: str, severity: Severity, message: str, line: int,
          column: int, end_line: int, end_column: int, span: Span, fix: Fix | None,
          related: tuple[str, ...]) -> Diagnostic:
    """A text file's ``Diagnostic`` (no origin, no ``where``) without the dataclass
    ``__init__``: a frozen class's sets each of its fourteen fields through
    ``object.__setattr__``, about twice the cost of setting each slot by its own descriptor on
    an instance made by ``object.__new__`` (the same object: class, fields, equality and hash;
    as :mod:`gipr_lint.reading.layout.objects` makes cells). The fields are set one by one,
    not in a loop over the setters: the loop's own steps cost a third of the setting. A test
    checks the result equals the class's own."""
    diagnostic = object.__new__(Diagnostic)
    _PATH(diagnostic, path)
    _CODE(diagnostic, code)
    _NAME(diagnostic, name)
    _SEVERITY(diagnostic, severity)
    _MESSAGE(diagnostic, message)
    _LINE(diagnostic, line)
    _COLUMN(diagnostic, column)
    _END_LINE(diagnostic, end_line)
    _END_COLUMN(diagnostic, end_column)
    _SPAN(diagnostic, span)
    _FIX(diagnostic, fix)
    _ORIGIN(diagnostic, None)
    _WHERE(diagnostic, None)
    _RELATED(diagnostic, related)
    return diagnostic
