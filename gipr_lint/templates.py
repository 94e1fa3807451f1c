"""The official table templates of the 2019 and 2021 formats, as data.

A template lists a table's rows in order with their official labels, the known rewordings seen in
real reports, and the columns each row has. The arithmetic identities of a table are data too
(:class:`Identity`), checked by one engine in the T rules. The national templates are the data
file ``gipr_lint/data/templates.toml``; a pack adds a row, an identity or a section requirement
with data only (hook ``gipr_lint_templates``): :class:`Templates` is the national set with the
packs' additions, which the table readers, the identity engine and the requirement rules read.

Row and column ids are part of the stable JSON output (``docs/json.md``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from gipr_lint.cache_dir import parsed_toml
from gipr_lint.i18n import N_
from gipr_lint.regex import compile_re

__all__ = [
    "ACTIVE_BLOCKS",
    "EXTENSION_KINDS",
    "NATIONAL",
    "REQUEST_COLUMNS",
    "REQUEST_GROUPS",
    "REQUEST_ROWS",
    "REVIEW_COLUMNS",
    "REVIEW_GROUPS",
    "TABLE_NUMERALS",
    "ActiveBlock",
    "CellRef",
    "Identity",
    "RowTemplate",
    "SectionRequirement",
    "TemplateError",
    "Templates",
    "current",
    "national_identities",
    "request_row_name",
    "request_rows",
    "template_row_keys",
    "template_row_name",
    "using",
]


@dataclass(frozen=True, slots=True)
class RowTemplate:
    """One row of a template.

    ``label`` is the official wording without its numbering; ``numbering`` is the official
    numbering ("一、", "（一）", "1."); ``variants`` are rewordings seen in published reports,
    recognised but flagged (T008). ``optional_suffix`` is a parenthetical note that may be left out.
    """

    key: str
    label: str
    numbering: str = ""
    variants: tuple[str, ...] = ()
    optional_suffix: str = ""

    @property
    def official(self) -> str:
        return f"{self.numbering}{self.label}{self.optional_suffix}"


@dataclass(frozen=True, slots=True)
class ActiveBlock:
    """A block of table 二: its 第二十条 item, its column headers and ids, and its rows."""

    item: str
    columns: tuple[tuple[str, str], ...]  # (column id, official header)
    rows: tuple[RowTemplate, ...]

    @property
    def column_ids(self) -> tuple[str, ...]:
        return tuple(column_id for column_id, _ in self.columns)


#: A cell named by ``(table kind, row key, column index)``, e.g. ``("requests", "new", 6)``.
CellRef = tuple[str, str, int]


@dataclass(frozen=True, slots=True)
class Identity:
    """``total + sum(with_total) == sum(parts)`` over cells named ``(table, row key, column
    index)``; a failure is reported at ``total``.

    A template's identities are checked by the T rules; ``code`` is the rule that reports a
    failure (T001–T004 for the national ones, a plugin's own code for its additions).
    ``with_total`` puts more cells on the total's side (一 + 二 = （七）总计 + 四 is
    ``total=四, with_total=(（七）总计,), parts=(一, 二)``). ``message`` is a ``str.format``
    template with ``{found}`` (the total), ``{expected}`` (``sum(parts) - sum(with_total)``),
    ``{arithmetic}`` (that sum written out) and ``{description}``, plus the named ``values``;
    empty means a generic one. ``message`` and ``description`` are translated when reported (in
    the reporting rule's gettext domain, then gipr-lint's), so they are message ids.
    ``formats`` limits the identity to tables of those formats (empty: any format).
    """

    code: str
    description: str
    total: CellRef
    parts: tuple[CellRef, ...]
    with_total: tuple[CellRef, ...] = ()
    message: str = ""
    formats: tuple[str, ...] = ()
    #: More named values for ``message`` (``(("row", "一、本年新收…"),)``), not translated.
    values: tuple[tuple[str, str], ...] = ()


_DATA = "data/templates.toml"


def _load_national() -> dict[str, Any]:
    """The national templates file shipped in the package (``gipr_lint/data/templates.toml``),
    parsed (or its parse kept in the cache, see :func:`~gipr_lint.cache_dir.parsed_toml`)."""
    try:  # beside this module, as in every ordinary install (importlib.resources costs ~2 ms)
        text = (Path(__file__).parent / _DATA).read_text(encoding="utf-8")
    except OSError:  # a zipped install: only importlib.resources can read it
        from importlib import resources

        text = resources.files("gipr_lint").joinpath(_DATA).read_text(encoding="utf-8")
    return parsed_toml(text)


def row_template(data: Mapping[str, Any]) -> RowTemplate:
    """A row as the templates file writes it: ``{key, label, numbering, variants,
    optional-suffix}``."""
    return RowTemplate(str(data["key"]), str(data["label"]), str(data.get("numbering", "")),
                       tuple(str(v) for v in data.get("variants", ())),
                       str(data.get("optional-suffix", "")))


_NATIONAL = _load_national()
_FORMAT_NAMES = ("2021", "2019")

#: Table 二 blocks per format. Column ids: see docs/json.md.
ACTIVE_BLOCKS: Mapping[str, tuple[ActiveBlock, ...]] = MappingProxyType({
    format_: tuple(ActiveBlock(block["item"], tuple((c[0], c[1]) for c in block["columns"]),
                               tuple(row_template(row) for row in block["rows"]))
                   for block in _NATIONAL["active"]["blocks"][format_])
    for format_ in _FORMAT_NAMES
})

#: Headers that only the 2019 table 二 has; any of them means the 2019 tables were used.
ACTIVE_2019_MARKERS: tuple[str, ...] = tuple(_NATIONAL["active"]["markers-2019"])

#: How each table is numbered in the format (and in messages): table 二, 三, 四.
TABLE_NUMERALS: Mapping[str, str] = MappingProxyType(dict(_NATIONAL["numerals"]))

#: Table 三 columns, in order.
REQUEST_COLUMNS: tuple[str, ...] = tuple(_NATIONAL["requests"]["columns"])

#: Table 三 rows per format, in order. Group labels (三、本年度办理结果, （三）不予公开 …) are not
#: rows: they carry no numbers (see :data:`REQUEST_GROUPS`).
REQUEST_ROWS: Mapping[str, tuple[RowTemplate, ...]] = MappingProxyType({
    format_: tuple(row_template(row) for row in _NATIONAL["requests"]["rows"]
                   if format_ in row.get("formats", _FORMAT_NAMES))
    for format_ in _FORMAT_NAMES
})

#: Group labels of table 三: (official text, numbering).
REQUEST_GROUPS: tuple[RowTemplate, ...] = tuple(
    row_template(group) for group in _NATIONAL["requests"]["groups"])

#: Row keys of table 三 that are outcomes, summed into （七）总计.
OUTCOME_PREFIXES: tuple[str, ...] = tuple(_NATIONAL["requests"]["outcome-prefixes"])


def template_row_keys(kind: str, format_: str) -> list[str]:
    """The row keys of table ``kind`` (``active``, ``requests``, ``review``) in template order,
    the rows of the current set's packs included (:func:`current`)."""
    templates = current()
    if kind == "requests":
        return [row.key for row in templates.request_rows.get(format_, ())]
    if kind == "active":
        return [row.key for block in templates.active_blocks.get(format_, ())
                for row in block.rows]
    return [key for key, _ in REVIEW_GROUPS]


def template_row_name(kind: str, format_: str, key: str) -> str:
    """How messages name a row of table ``kind``: the official label with its numbering (with
    its group for table-三 sub-rows), or ``key`` for a row the template does not know. A pack's
    rows of the current set (:func:`current`) are known too."""
    templates = current()
    if kind == "requests":
        row = next((r for r in templates.request_rows.get(format_, ()) if r.key == key), None)
        return request_row_name(row) if row is not None else key
    if kind == "active":
        return next((r.official for block in templates.active_blocks.get(format_, ())
                     for r in block.rows if r.key == key), key)
    return dict(REVIEW_GROUPS).get(key, key)


def request_rows(format_: str) -> tuple[RowTemplate, ...]:
    """Table 三 rows of a format (``"2019"`` or ``"2021"``)."""
    return REQUEST_ROWS[format_]


def outcome_keys(format_: str, rows: tuple[RowTemplate, ...] | None = None) -> tuple[str, ...]:
    """Table 三 row keys summed into （七）总计 in a format (of ``rows``: the national ones when
    left out)."""
    return tuple(row.key for row in (REQUEST_ROWS[format_] if rows is None else rows)
                 if row.key.startswith(OUTCOME_PREFIXES))


#: Table 四: three groups of five cells, in the printed order.
REVIEW_GROUPS: tuple[tuple[str, str], ...] = tuple(
    (key, label) for key, label in _NATIONAL["review"]["groups"])
REVIEW_COLUMNS: tuple[str, ...] = tuple(_NATIONAL["review"]["columns"])


# --------------------------------------------------------------------------- identities

def request_row_name(row: RowTemplate) -> str:
    """A table-三 row as messages name it: numbering and label, the group for sub-rows."""
    group = next((g for g in REQUEST_GROUPS[1:]
                  if row.key.startswith(g.key.removeprefix("group.") + ".")), None)
    prefix = f"{group.numbering}{group.label} " if group is not None else ""
    return f"{prefix}{row.numbering}{row.label}"


def _national_identities(format_: str, rows: tuple[RowTemplate, ...] | None = None
                         ) -> tuple[Identity, ...]:
    rows = REQUEST_ROWS[format_] if rows is None else rows
    applicants = range(len(REQUEST_COLUMNS) - 1)
    total_column = len(REQUEST_COLUMNS) - 1
    identities: list[Identity] = []
    for row in rows:
        name = request_row_name(row)
        identities.append(Identity(
            "T001", f"table 三 row total: {name}",
            ("requests", row.key, total_column),
            tuple(("requests", row.key, c) for c in applicants),
            message=N_('总计 of "{row}" is {found}, but the six applicant columns add up to '
                       "{expected}"), formats=(format_,), values=(("row", name),)))
    outcomes = outcome_keys(format_, rows)
    for c, column in enumerate(REQUEST_COLUMNS):
        identities.append(Identity(
            "T002", f"table 三 outcome total: {column}", ("requests", "total", c),
            tuple(("requests", key, c) for key in outcomes),
            message=N_('（七）总计 in column "{column}" is {found}, but the outcome rows '
                       "（一）–（六） add up to {expected}"), formats=(format_,),
            values=(("column", column),)))
    for c, column in enumerate(REQUEST_COLUMNS):
        identities.append(Identity(
            "T003", f"table 三 printed identity 一 + 二 = （七）总计 + 四: {column}",
            ("requests", "carry_forward", c),
            (("requests", "new", c), ("requests", "carried_over", c)),
            with_total=(("requests", "total", c),),
            message=N_('四、结转下年度继续办理 in column "{column}" is {found}, but 一 + 二 − '
                       "（七）总计 = {arithmetic} = {expected} "
                       "(一 + 二 must equal （七）总计 + 四)"),
            formats=(format_,), values=(("column", column),)))
    for key, label in REVIEW_GROUPS:
        identities.append(Identity(
            "T004", f"table 四 group total: {label}", ("review", key, 4),
            tuple(("review", key, c) for c in range(4)),
            message=N_("总计 of {group} is {found}, but 结果维持 + 结果纠正 + 其他结果 + 尚未审结 "
                       "add up to {expected}"), formats=(format_,), values=(("group", label),)))
    return tuple(identities)


_NATIONAL_IDENTITIES = {format_: _national_identities(format_) for format_ in REQUEST_ROWS}


def national_identities(format_: str) -> tuple[Identity, ...]:
    """The arithmetic identities of tables 三 and 四 in a format (``"2019"`` or ``"2021"``):
    row totals (T001), outcome totals (T002), the printed identity (T003), table-四 group totals
    (T004). Every identity carries ``formats=(format_,)``."""
    return _NATIONAL_IDENTITIES[format_]


# --------------------------------------------------------------------------- extensions

#: The kinds of item a pack's ``gipr_lint_templates`` hook may return (see docs/plugins.md).
EXTENSION_KINDS = ("identity", "row", "requirement", "substitution")
_ROW_KEYS = frozenset({"kind", "table", "key", "label", "numbering", "variants",
                       "optional-suffix", "after", "formats"})
_REQUIREMENT_KEYS = frozenset({"kind", "code", "section", "description", "any-of", "message"})
_SUBSTITUTION_KEYS = frozenset({"kind", "wrong", "right", "pattern"})


class TemplateError(ValueError):
    """A template extension item that cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class SectionRequirement:
    """A pack's requirement on a section: it must mention at least one of ``any_of``.

    Reported by the rule whose code is ``code`` (a
    :class:`~gipr_lint.linting.requirements.RequirementRule` subclass of the pack) at the section's
    heading. ``message`` is a ``str.format`` template with ``{section}`` (the section's heading
    text) and ``{words}`` (``any_of`` joined by "、"); empty means a generic one.
    """

    code: str
    section: int
    any_of: tuple[str, ...]
    description: str = ""
    message: str = ""


def _strings(value: object, what: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)) \
            or not all(isinstance(v, str) and v for v in value):
        raise TemplateError(f'"{what}" must be a list of non-empty strings')
    return tuple(value)


def _text(data: Mapping[str, Any], name: str, *, required: bool = True) -> str:
    value = data.get(name, "")
    if not isinstance(value, str) or (required and not value):
        raise TemplateError(f'"{name}" must be a{" non-empty" if required else ""} string')
    return value


def _unknown_keys(data: Mapping[str, Any], known: frozenset[str]) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise TemplateError(f"unknown keys {unknown} (known: {', '.join(sorted(known))})")


def _requirement(data: Mapping[str, Any]) -> SectionRequirement:
    _unknown_keys(data, _REQUIREMENT_KEYS)
    section = data.get("section")
    if isinstance(section, bool) or not isinstance(section, int) or not 1 <= section <= 6:
        raise TemplateError('"section" must be a section number, 1 to 6')
    return SectionRequirement(_text(data, "code"), section, _strings(data.get("any-of"), "any-of"),
                              _text(data, "description", required=False),
                              _text(data, "message", required=False))


def _check_substitution(data: Mapping[str, Any]) -> None:
    """A misused word for A006: ``wrong``, ``right`` (choices separated by ``|``) and an
    optional ``pattern`` (a regular expression); kept as the item, read by the rule."""
    _unknown_keys(data, _SUBSTITUTION_KEYS)
    _text(data, "wrong")
    _text(data, "right")
    pattern = _text(data, "pattern", required=False)
    try:
        compile_re(pattern)
    except re.error as exc:
        raise TemplateError(f'"pattern" is not a regular expression: {exc}') from None


@dataclass(frozen=True, eq=False)
class Templates:
    """The templates a run uses: the national ones with every loaded pack's extensions.

    ``active_blocks`` and ``request_rows`` are the rows per format (the pack rows included), which
    the table readers look for; ``extensions`` every item the packs returned, in load order (the
    identities among them are read by :mod:`gipr_lint.linting.identities`); ``requirements`` the
    section requirements. Built with :meth:`extended`; :data:`NATIONAL` has no extension.
    """

    active_blocks: Mapping[str, tuple[ActiveBlock, ...]] = field(
        default_factory=lambda: ACTIVE_BLOCKS)
    request_rows: Mapping[str, tuple[RowTemplate, ...]] = field(
        default_factory=lambda: REQUEST_ROWS)
    extensions: tuple[object, ...] = ()
    requirements: tuple[SectionRequirement, ...] = ()

    def row_keys(self, table: str) -> frozenset[str]:
        """Every row key of ``table`` (``active``, ``requests`` or ``review``), any format."""
        if table == "requests":
            return frozenset(row.key for rows in self.request_rows.values() for row in rows)
        if table == "review":
            return frozenset(key for key, _ in REVIEW_GROUPS)
        return frozenset(row.key for blocks in self.active_blocks.values() for block in blocks
                         for row in block.rows)

    def identities(self, format_: str) -> tuple[Identity, ...]:
        """The national identities of a format over this set's rows (a pack's table-三 row gets
        its row total, T001, too)."""
        rows = self.request_rows[format_]
        return national_identities(format_) if rows is REQUEST_ROWS[format_] \
            else _national_identities(format_, rows)

    def extended(self, items: Sequence[object]) -> Templates:
        """This set with a pack's items added; raises :class:`TemplateError` naming the first
        item that is not a known extension (kinds: :data:`EXTENSION_KINDS`)."""
        active = {f: list(blocks) for f, blocks in self.active_blocks.items()}
        requests = {f: list(rows) for f, rows in self.request_rows.items()}
        requirements = list(self.requirements)
        for number, item in enumerate(items, 1):
            try:
                kind = _kind(item)
                if kind == "row":
                    assert isinstance(item, Mapping)
                    _add_row(item, active, requests)
                elif kind == "requirement":
                    assert isinstance(item, Mapping)
                    requirements.append(_requirement(item))
                elif kind == "substitution":
                    assert isinstance(item, Mapping)
                    _check_substitution(item)
            except TemplateError as exc:
                text = repr(item)
                text = text if len(text) <= 80 else text[:77] + "..."
                raise TemplateError(f"template extension #{number} {text}: {exc}") from None
        return Templates(MappingProxyType({f: tuple(b) for f, b in active.items()}),
                         MappingProxyType({f: tuple(r) for f, r in requests.items()}),
                         (*self.extensions, *items), tuple(requirements))


def _kind(item: object) -> str:
    if isinstance(item, Identity):
        return "identity"
    if isinstance(item, SectionRequirement):
        return "requirement"
    if not isinstance(item, Mapping):
        raise TemplateError(f"expected a table (mapping) with a \"kind\", found "
                            f"{type(item).__name__}")
    kind = item.get("kind")
    if kind is None and "total" in item:
        return "identity"  # the identity format before "kind" was required
    if kind not in EXTENSION_KINDS:
        raise TemplateError(f"unknown kind {kind!r} (known: {', '.join(EXTENSION_KINDS)})")
    return str(kind)


def _add_row(data: Mapping[str, Any], active: dict[str, list[ActiveBlock]],
             requests: dict[str, list[RowTemplate]]) -> None:
    """Put a pack's row after the row named by ``after``, in each format that has that row."""
    _unknown_keys(data, _ROW_KEYS)
    table, after = data.get("table"), _text(data, "after")
    if table not in ("active", "requests"):
        raise TemplateError('"table" must be "active" (table 二) or "requests" (table 三)')
    row = RowTemplate(_text(data, "key"), _text(data, "label"),
                      _text(data, "numbering", required=False),
                      _strings(data.get("variants", []), "variants") if data.get("variants")
                      else (), _text(data, "optional-suffix", required=False))
    formats = data.get("formats")
    if formats is not None:
        formats = _strings(formats, "formats")
        if any(f not in _FORMAT_NAMES for f in formats):
            raise TemplateError(f'"formats" must be a list of {", ".join(_FORMAT_NAMES)}')
    added = False
    for format_ in formats or _FORMAT_NAMES:
        if table == "requests":
            rows = requests[format_]
            keys = [r.key for r in rows]
            if row.key in keys:
                raise TemplateError(f"table 三 already has a row {row.key!r}")
            if after in keys:
                rows.insert(keys.index(after) + 1, row)
                added = True
            continue
        blocks = active[format_]
        if any(r.key == row.key for b in blocks for r in b.rows):
            raise TemplateError(f"table 二 already has a row {row.key!r}")
        for index, block in enumerate(blocks):
            keys = [r.key for r in block.rows]
            if after in keys:
                rows_ = list(block.rows)
                rows_.insert(keys.index(after) + 1, row)
                blocks[index] = ActiveBlock(block.item, block.columns, tuple(rows_))
                added = True
    if not added:
        raise TemplateError(f"no row {after!r} to put the row after in table "
                            f"{TABLE_NUMERALS[table]}")


#: The national templates, no extension.
NATIONAL = Templates()

_current: ContextVar[Templates] = ContextVar("gipr_lint_templates", default=NATIONAL)


def current() -> Templates:
    """The templates of the report being read (set by :func:`using`; :data:`NATIONAL` outside)."""
    return _current.get()


@contextmanager
def using(templates: Templates) -> Iterator[None]:
    """Read reports with ``templates`` inside the block (the engine wraps parsing in it)."""
    token = _current.set(templates)
    try:
        yield
    finally:
        _current.reset(token)
