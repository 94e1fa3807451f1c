"""The identity engine of the T rules: table arithmetic checked as data.

An identity (:class:`gipr_lint.templates.Identity`) says ``total + sum(with_total) ==
sum(parts)`` over cells named ``(table kind, row key, column)``. The national identities of a
format come from :func:`gipr_lint.templates.national_identities`; plugins add their own through
the ``gipr_lint_templates`` hook, as data. An item of that hook's list is read here when it is

* an :class:`~gipr_lint.templates.Identity`, or
* a mapping (a TOML/JSON-friendly dict)::

      {
          "kind": "identity",          # may be left out when "total" is given
          "code": "T002",              # the rule that reports a failure (see below)
          "description": "（七）总计 includes 3.其他 of the province's extra row",
          "total": ["requests", "total", "总计"],
          "parts": [["requests", "granted", 6], ["requests", "partially_granted", 6]],
          "with-total": [],            # optional: more cells on the total's side
          "message": "...",            # optional str.format template, see Identity
          "formats": ["2021"],         # optional: only tables of these formats
      }

  A cell is ``[table, row, column]``: ``table`` is ``active`` (table 二), ``requests`` (三) or
  ``review`` (四); ``row`` a row key (``docs/json.md``; table 四's rows are ``review``,
  ``litigation_direct``, ``litigation_after_review``); ``column`` a 0-based index or the
  column's name (a header of :data:`~gipr_lint.templates.REQUEST_COLUMNS` or
  :data:`~gipr_lint.templates.REVIEW_COLUMNS`, or a table-二 column id such as ``amount``).

A row a pack adds (``"kind": "row"``) may be named in its identities. An identity is reported by
the rule whose code it carries: T001–T004, or a pack's own rule subclassing :class:`IdentityRule`
(``from gipr_lint.api import IdentityRule``; no ``check`` code needed). A malformed identity is
reported by that rule (as E999, naming it). An identity whose cells are missing, unread or
invalid (T005 reports those) is skipped: one bad cell gives one diagnostic, not a cascade. So
is a failing identity with a blank cell ("", "/", "—": T006), whose 0 is a reading, not a
number the report states: the sum cannot be told.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any, ClassVar

from gipr_lint.diagnostics import Edit, Finding, Fix
from gipr_lint.i18n import rule_domain, translator
from gipr_lint.model import Cell, Report
from gipr_lint.rules import Rule, RuleContext
from gipr_lint.templates import (
    REQUEST_COLUMNS,
    REQUEST_ROWS,
    REVIEW_COLUMNS,
    CellRef,
    Identity,
    Templates,
    current,
)

#: Core code: its messages are gipr-lint's own (domain ``gipr_lint``), whichever pack reports.
_ = translator("gipr_lint")

__all__ = ["Failure", "IdentityRule", "IdentitySet", "cell_issue", "failure_message", "failures",
           "identity_set", "number_text"]

_FORMATS = tuple(REQUEST_ROWS)
_TOLERANCE = 1e-6


# --------------------------------------------------------------------------- cell validity

@lru_cache(maxsize=16)  # Templates compare and hash by identity: a cheap key
def _active_column_ids(templates: Templates) -> dict[tuple[str, str], tuple[str, ...]]:
    """``(format, row key)`` → the column ids of the first table-二 block holding the row (a
    pack's rows included), made once per template set."""
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for format_, blocks in templates.active_blocks.items():
        for block in blocks:
            for row in block.rows:
                found.setdefault((format_, row.key), block.column_ids)
    return found


def _active_column_id(format_: str, row_key: str, index: int) -> str | None:
    ids = _active_column_ids(current()).get((format_, row_key))
    return ids[index] if ids is not None and index < len(ids) else None


def cell_issue(kind: str, format_: str, row_key: str, index: int, cell: Cell) -> str | None:
    """What is wrong with a readable cell, as "expected …" text, or ``None`` when it is fine.

    Every cell holds a non-negative whole number, except table 二's ``change`` (本年增/减, may be
    negative) and ``amount`` columns (money, decimals allowed). Unread cells (``value is None``)
    are not judged here.
    """
    value = cell.value
    if value is None or (type(value) is int and value >= 0 and not cell.raw.endswith("元")):
        return None  # the common case, fine in every column
    column = _active_column_id(format_, row_key, index) if kind == "active" else None
    if column == "amount":
        return _("a non-negative amount") if value < 0 else None
    if isinstance(value, float):
        return _("a whole number")
    if value < 0 and column != "change":
        return _("a non-negative whole number")
    if cell.raw.endswith("元"):
        return _("a count, not an amount of money")
    return None


# --------------------------------------------------------------------------- loading

@dataclass
class IdentitySet:
    """The identities to check, by format (``None``: any format) and reporting code."""

    by_format: dict[str | None, dict[str, list[Identity]]] = field(default_factory=dict)
    #: Problems in plugin data: ``(code or None, message)``.
    errors: list[tuple[str | None, str]] = field(default_factory=list)

    def add(self, identity: Identity) -> None:
        for format_ in identity.formats or (None,):
            self.by_format.setdefault(format_, {}).setdefault(identity.code, []).append(identity)

    def for_code(self, code: str, formats: Iterable[str]) -> Iterator[tuple[str | None,
                                                                            Identity]]:
        """The identities ``code`` reports that apply to tables of ``formats``."""
        for format_ in (*formats, None):
            for identity in self.by_format.get(format_, {}).get(code, ()):
                yield format_, identity


_TABLES = ("active", "requests", "review")


def _column_index(templates: Templates, table: str, row: str, column: object,
                  formats: Sequence[str]) -> int:
    """A column named by index or name, as an index; raises ``ValueError``."""
    if isinstance(column, bool) or not isinstance(column, (int, str)):
        raise ValueError(f"column {column!r} is neither an index nor a name")
    if table in ("requests", "review"):
        names = REQUEST_COLUMNS if table == "requests" else REVIEW_COLUMNS
        if isinstance(column, int):
            if not 0 <= column < len(names):
                raise ValueError(f"column {column} is out of range 0–{len(names) - 1}")
            return column
        if column not in names:
            raise ValueError(f"unknown column {column!r} (known: {', '.join(names)})")
        return names.index(column)
    found: set[int] = set()
    for format_ in formats:
        for block in templates.active_blocks[format_]:
            if not any(r.key == row for r in block.rows):
                continue
            count = len(block.columns)
            if isinstance(column, int):
                if not 0 <= column < count:
                    raise ValueError(f"column {column} is out of range for row {row!r}")
                found.add(column)
            else:
                matches = [i for i, (cid, header) in enumerate(block.columns)
                           if column in (cid, header)]
                if not matches:
                    raise ValueError(f"row {row!r} has no column {column!r} in the "
                                     f"{format_} format")
                found.update(matches)
    if len(found) != 1:
        raise ValueError(f"column {column!r} of row {row!r} differs between formats; "
                         "give \"formats\"")
    return found.pop()


def _cell_ref(templates: Templates, value: object, formats: Sequence[str]) -> CellRef:
    if not isinstance(value, (list, tuple)) or len(value) != 3:
        raise ValueError(f"{value!r} is not a [table, row, column] cell")
    table, row, column = value
    if table not in _TABLES:
        raise ValueError(f"unknown table {table!r} (known: {', '.join(_TABLES)})")
    if row not in templates.row_keys(table):
        raise ValueError(f"unknown row {row!r} of table {table!r}")
    return (table, row, _column_index(templates, table, row, column, formats))


def _identity_from_mapping(templates: Templates, data: Mapping[str, Any]) -> Identity:
    known = {"kind", "code", "description", "total", "parts", "with-total", "with_total",
             "message", "formats"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"unknown keys {unknown}")
    code, description = data.get("code"), data.get("description", "")
    if not isinstance(code, str) or not code:
        raise ValueError("\"code\" must name the rule that reports a failure, e.g. \"T002\"")
    if not isinstance(description, str):
        raise ValueError("\"description\" must be a string")
    formats = tuple(data.get("formats") or ())
    if any(f not in _FORMATS for f in formats):
        raise ValueError(f"\"formats\" must be a list of {', '.join(_FORMATS)}")
    within = formats or _FORMATS
    parts = data.get("parts")
    if not isinstance(parts, (list, tuple)) or not parts:
        raise ValueError("\"parts\" must be a non-empty list of cells")
    with_total = data.get("with-total", data.get("with_total", ()))
    message = data.get("message", "")
    if not isinstance(message, str):
        raise ValueError("\"message\" must be a string")
    return Identity(code, description, _cell_ref(templates, data.get("total"), within),
                    tuple(_cell_ref(templates, p, within) for p in parts),
                    tuple(_cell_ref(templates, p, within) for p in with_total or ()), message,
                    formats)


def _plugin_identity(templates: Templates, item: object) -> Identity | None:
    """The identity an extension item declares, ``None`` when it is not one; raises
    ``ValueError`` for a malformed identity."""
    if isinstance(item, Identity):
        return item
    if not isinstance(item, Mapping):
        return None
    kind = item.get("kind")
    if kind != "identity" and (kind is not None or "total" not in item):
        return None
    return _identity_from_mapping(templates, item)


@lru_cache(maxsize=16)
def identity_set(templates: Templates) -> IdentitySet:
    """The national identities (over the packs' rows too) plus the packs' own
    (``RuleContext.templates``); built once per template set."""
    identities = IdentitySet()
    for format_ in _FORMATS:
        for identity in templates.identities(format_):
            identities.add(identity)
    for number, item in enumerate(templates.extensions, 1):
        try:
            extension = _plugin_identity(templates, item)
        except (ValueError, TypeError) as exc:
            code = item.get("code") if isinstance(item, Mapping) else None
            text = repr(item)
            text = text if len(text) <= 80 else text[:77] + "..."
            identities.errors.append((code if isinstance(code, str) else None,
                                      f"template extension #{number} {text}: {exc}"))
            continue
        if extension is not None:
            identities.add(extension)
    return identities


# --------------------------------------------------------------------------- checking

@dataclass(frozen=True, slots=True)
class Failure:
    """An identity that does not hold: the total cell, what it says and what the parts give."""

    identity: Identity
    cell: Cell
    found: int | float
    expected: int | float
    arithmetic: str

    @property
    def message(self) -> str:
        """The message in the current language, translated in gipr-lint's own domain (which
        holds the national identities' messages); a rule reports :func:`failure_message` in
        its pack's domain."""
        return failure_message(self, "gipr_lint")


def failure_message(failure: Failure, domain: str) -> str:
    """The message of ``failure`` in the current language.

    The identity's ``message`` (or the generic one) and ``description`` are looked up in
    ``domain`` (the reporting rule's pack) and then in gipr-lint's own catalog, which holds the
    national identities' messages (:mod:`gipr_lint.templates`).
    """
    own, core = translator(domain), translator("gipr_lint")

    def translate(text: str) -> str:
        translated = own(text)
        return core(text) if translated == text else translated

    identity = failure.identity
    template = translate(identity.message) if identity.message else _(
        "{description}: found {found}, expected {expected} ({arithmetic})")
    description = translate(identity.description) if identity.description else identity.code
    return template.format(**dict(identity.values), found=number_text(failure.found),
                           expected=number_text(failure.expected),
                           arithmetic=failure.arithmetic, description=description)


def number_text(value: int | float) -> str:
    """A number as messages write it: no trailing zeros."""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


#: The number of every cell an identity names, by the cell's place (``None``: missing, unread
#: or invalid). A list indexed by small numbers rather than a dict keyed by cell references: a
#: reference is a tuple, whose hash Python computes again at every lookup.
_Numbers = list["int | float | None"]

#: A getter of the numbers of some cells (by their places), always as a tuple.
_Getter = Callable[[_Numbers], tuple["int | float | None", ...]]

#: An identity prepared for checking in a format's numbers: the format (``None``: any), the
#: identity, its total's place, a getter of its parts' numbers and one of the numbers on the
#: total's side (``None`` when there are none, as for most).
_Check = tuple["str | None", Identity, int, _Getter, "_Getter | None"]


class _Prepared:
    """An identity set prepared for checking: a place for every cell its identities name, the
    places of a row's cells, and each code's identities as checks."""

    def __init__(self, identities: IdentitySet) -> None:
        self.identities = identities
        self.places: dict[CellRef, int] = {}
        for by_code in identities.by_format.values():
            for listed in by_code.values():
                for identity in listed:
                    for ref in (identity.total, *identity.parts, *identity.with_total):
                        self.places.setdefault(ref, len(self.places))
        #: :meth:`row`'s answers so far, by ``(kind, key, count)``.
        self.known_rows: dict[tuple[str, str, int], tuple[tuple[int, int], ...]] = {}
        self._checks: dict[tuple[str | None, tuple[str, ...]], list[_Check]] = {}
        #: Every reporting code, in the order the identities name them first.
        self.codes = tuple(dict.fromkeys(code for by_code in identities.by_format.values()
                                         for code in by_code))

    def row(self, kind: str, key: str, count: int) -> tuple[tuple[int, int], ...]:
        """``(column index, place)`` of the cells an identity names among ``count`` cells of
        row ``key`` of table ``kind``."""
        found = self.known_rows.get((kind, key, count))
        if found is None:
            if len(self.known_rows) > 4096:
                self.known_rows.clear()
            places = self.places
            found = self.known_rows[(kind, key, count)] = tuple(
                (index, places[(kind, key, index)]) for index in range(count)
                if (kind, key, index) in places)
        return found

    def checks(self, code: str | None, formats: tuple[str, ...]) -> list[_Check]:
        """:meth:`IdentitySet.for_code` as checks; ``code`` ``None``: every code's, one code's
        after another."""
        found = self._checks.get((code, formats))
        if found is None:
            found = []
            for one in (code,) if code is not None else self.codes:
                for format_, identity in self.identities.for_code(one, formats):
                    minus = self._getter(identity.with_total) if identity.with_total else None
                    found.append((format_, identity, self.places[identity.total],
                                  self._getter(identity.parts), minus))
            self._checks[(code, formats)] = found
        return found

    def _getter(self, refs: tuple[CellRef, ...]) -> _Getter:
        places = [self.places[ref] for ref in refs]
        return itemgetter(*places) if len(places) > 1 else _one_getter(places[0])


def _one_getter(place: int) -> Callable[[_Numbers], tuple[int | float | None, ...]]:
    return lambda numbers: (numbers[place],)


_PREPARED: dict[int, _Prepared] = {}


def _prepared(identities: IdentitySet) -> _Prepared:
    found = _PREPARED.get(id(identities))
    if found is None or found.identities is not identities:
        if len(_PREPARED) > 16:
            _PREPARED.clear()
        found = _PREPARED[id(identities)] = _Prepared(identities)
    return found


def _views(report: Report, prepared: _Prepared) -> dict[str | None, _Numbers]:
    """The number of every readable, valid cell an identity names, by place: for each format
    those of that format's tables, and (``None``) of every table."""
    views: dict[str | None, _Numbers] = {}
    size = len(prepared.places)
    known = prepared.known_rows  # (the lookup inlined: a method call per row costs more)
    for kind, table in report.tables.items():
        format_ = table.format
        numbers = views.get(format_)
        if numbers is None:
            numbers = views[format_] = [None] * size
        for row in table.rows:
            row_cells = row.cells
            places = known.get((kind, row.key, len(row_cells)))
            if places is None:
                places = prepared.row(kind, row.key, len(row_cells))
            if row.plain:  # every cell read and valid (most rows): no cell to look at
                for index, place in places:
                    numbers[place] = row_cells[index].value
                continue
            for index, place in places:
                cell = row_cells[index]
                value = cell.value
                if value is None:
                    continue
                # the common case first ("元" in a cell is quicker to test than where it is)
                if ((type(value) is int and value >= 0 and "元" not in cell.raw)
                        or not cell_issue(kind, format_, row.key, index, cell)):
                    numbers[place] = value
    if len(views) == 1:
        views[None] = next(iter(views.values()))
    else:  # a table is one kind: no place is in two of them
        merged: _Numbers = [None] * size
        for numbers in views.values():
            for place, value in enumerate(numbers):
                if value is not None:
                    merged[place] = value
        views[None] = merged
    return views


def _cell(report: Report, ref: CellRef) -> Cell:
    """The cell whose number :func:`_views` holds for ``ref``: the last valid one (a table
    may repeat a row)."""
    kind, key, index = ref
    table = report.tables[kind]
    for row in reversed(table.rows):
        if row.key == key and index < len(row.cells):
            cell = row.cells[index]
            if cell.value is not None and not cell_issue(kind, table.format, key, index, cell):
                return cell
    raise LookupError(ref)


def _is_blank(report: Report, ref: CellRef) -> bool:
    try:
        return _cell(report, ref).blank
    except LookupError:  # a cell the report does not have
        return False


def _blank_may_close(report: Report, identity: Identity, total: float, expected: float) -> bool:
    """Whether a cell of ``identity`` left blank ("", "/", "—"), read as 0, may hold the number
    that makes the failing identity hold: then it cannot tell (T006 reports the blank). A
    blank total may be any number; a blank part only raises the sum, so it may close a gap
    only where the total is above the sum ("4 | / | 9": yes; "4 | 3 | / | 2": no, no number
    of applications brings 4 + 3 down to 2); a blank on the total's side only lowers it."""
    if _is_blank(report, identity.total):
        return True
    if total > expected and any(_is_blank(report, ref) for ref in identity.parts):
        return True
    return expected > total and any(_is_blank(report, ref) for ref in identity.with_total)


def failures(report: Report, identities: IdentitySet, code: str,
             context: RuleContext | None = None) -> Iterator[Failure]:
    """The identities reported by ``code`` that fail in ``report``, in identity order.

    With ``context``, every code's identities are checked at once, once per report, and each
    rule takes its own from the result: the rules ask in turn, and the work a check needs
    first (the report's formats, its cells read into places) is then done once, not per code.
    """
    if not report.tables:
        return iter(())
    if context is None:
        found = _failures(report, identities, code)
    else:
        found = context.memo((__name__, "failures", id(identities)),
                             lambda: _failures(report, identities, None))
    return iter(found.get(code, ()))


def _failures(report: Report, identities: IdentitySet, code: str | None
              ) -> dict[str, list[Failure]]:
    """The failing identities of ``code`` (``None``: of every code), by code, each code's in
    identity order."""
    formats = tuple(sorted({table.format for table in report.tables.values()}))
    prepared = _prepared(identities)
    views = _views(report, prepared)
    found: dict[str, list[Failure]] = {}
    for format_, identity, place, parts_of, minus_of in prepared.checks(code, formats):
        numbers = views[format_]
        total = numbers[place]
        if total is None:
            continue  # a cell missing, unread or invalid
        parts = parts_of(numbers)
        minus: tuple[int | float | None, ...] = ()
        try:  # (a missing, unread or invalid part is None: the sum fails, rarely)
            expected = sum(parts)  # type: ignore[arg-type]
            if minus_of is not None:  # (most identities have nothing on the total's side)
                minus = minus_of(numbers)
                expected -= sum(minus)  # type: ignore[arg-type]
        except TypeError:
            continue
        if abs(total - expected) > _TOLERANCE:
            if _blank_may_close(report, identity, total, expected):
                continue  # a blank read as 0 may be the number that fits: cannot tell
            arithmetic = " + ".join(number_text(v) for v in parts)  # type: ignore[arg-type]
            if minus:
                arithmetic += "".join(f" − {number_text(v)}" for v in minus)  # type: ignore[arg-type]
            found.setdefault(identity.code, []).append(Failure(
                identity, _cell(report, identity.total), total, expected, arithmetic))
    return found


class IdentityRule(Rule):
    """Reports the identities whose ``code`` is this rule's code (national ones and the packs').

    A pack reporting its identities under its own code subclasses this with ``code``, ``name``,
    ``severity`` and ``summary`` and nothing else; the identities themselves are data
    (hook ``gipr_lint_templates``).
    """

    #: Whether a failure carries an unsafe fix rewriting the total to the computed sum.
    offers_fix: ClassVar[bool] = False

    def check(self, report: Report, context: RuleContext) -> Iterable[Finding]:
        identities = identity_set(context.templates)
        if identities.errors:  # (nearly never: the plugins' data is nearly always right)
            errors = [message for code, message in identities.errors
                      if code in (None, self.code)]
            if errors:
                raise ValueError("; ".join(errors))
        for failure in failures(report, identities, self.code, context):
            fix = None
            expected = failure.expected
            span = failure.cell.span
            if self.offers_fix and span.end > span.start and float(expected).is_integer() \
                    and expected >= 0:
                text = number_text(expected)
                fix = Fix((Edit(span, text),),
                          _("replace {found} with the computed sum {sum}").format(
                              found=failure.cell.raw, sum=text), safe=False)
            yield self.finding(span, failure_message(failure, rule_domain(type(self))), fix=fix)
