"""The canonical report grammar, generated from the templates.

The templates (:mod:`gipr_lint.templates`: the national data file and the rows a pack adds through
the ``gipr_lint_templates`` hook) are the one source of what a table holds. This module writes
them out as a Lark grammar: each table of each format is its rows in template order, each row
its own label terminal followed by as many cells as its template has columns, and table 四 the
template's groups times its columns; each section's body is its sub-items in runs counting on
from 1 (see ``_SUB_HEAD``). The layout recovery (:mod:`gipr_lint.reading.layout`)
emits one terminal per recognised piece (:class:`Vocabulary` names them) and the LALR parser
decides order and shape.

``grammars/report.lark`` is this grammar for the national templates, committed so that it can be
read without running anything (a test keeps it up to date); ``gipr-lint parse --grammar`` prints
the grammar in effect with the loaded packs' rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from gipr_lint.regex import compile_re
from gipr_lint.templates import (
    REQUEST_COLUMNS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    RowTemplate,
    Templates,
    request_row_name,
)

__all__ = ["SUB_CAP", "SUB_STYLES", "TABLE_SECTIONS", "Vocabulary", "generate", "vocabulary"]

#: The section each table belongs in: table 二 in section 二, 三 in 三, 四 in 四.
TABLE_SECTIONS: dict[str, int] = {"active": 2, "requests": 3, "review": 4}

#: The sub-heading styles the grammar counts (model ``Marker.style``) and their terminals' infix:
#: （一） is ``SUB_CJK_1``, （1） ``SUB_ARABIC_1``.
SUB_STYLES: dict[str, str] = {"paren-cjk": "CJK", "paren-arabic": "ARABIC"}

#: The highest sub-heading value the grammar counts; a sub-heading numbered above it is a plain
#: paragraph (no report seen goes past a dozen; each value is a few parser states per section).
SUB_CAP = 20

#: The bodies of the sections (the grammar's ``_body_<context>``): sections 一, 五 and 六 hold
#: no table of their own, 二 to 四 each hold theirs, a section set aside holds any.
_CONTEXTS = ("plain", "2", "3", "4", "stray")

#: The items of each section body (see ``_HEAD``).
_ITEMS = {"plain": "PARAGRAPH | DEBRIS | _table_elsewhere",
          "2": "PARAGRAPH | DEBRIS | _table_elsewhere | active_table",
          "3": "PARAGRAPH | DEBRIS | _table_elsewhere | requests_table",
          "4": "PARAGRAPH | DEBRIS | _table_elsewhere | review_table",
          "stray": "PARAGRAPH | DEBRIS | _table_elsewhere | _table"}

_SUB_HEAD = """
// Sub-items: a paragraph opening with a parenthesised marker （一） or （1） (numbered up to
// {cap}) is a terminal SUB_<STYLE>_<N> (SUB_CJK_2 is （二）, SUB_ARABIC_3 is （3）). In a section,
// after its opening paragraphs, sub-items come in runs of one style counting on from 1
// (_sub_<body>_<style>_<n>: the run up to n); a new run restarts at 1. Inside a run's item,
// a run of the other style may nest (（一）（1）（2）（二）), after the item's own paragraphs (what
// follows a nested sub-item is its own); it has no deeper nesting. Each
// body is that of its section, so a table keeps its place in the sub-items. When a sub-heading
// does not fit (a skipped or repeated value, another style carrying on the count), the
// recovery (gipr_lint.reading.grammar) feeds the markers the grammar wanted before it as
// zero-width phantoms, so that the found marker becomes the new baseline, and the recovered
// error is a typed problem of the outline (kind subheading-sequence; S004 reports it)."""

#: Formats, in the order the grammar states them.
_FORMATS = ("2021", "2019")

_HEAD = """\
// The canonical structure of a 政府信息公开工作年度报告 (2019 and 2021 formats).
//
// GENERATED from the table templates (gipr_lint/data/templates.toml, and the rows a pack adds
// through the gipr_lint_templates hook) by gipr_lint.reading.canonical: do not edit by hand.
// `gipr-lint parse --grammar` prints the grammar in effect with the loaded packs.
//
// The terminals are not lexed from characters: gipr_lint.reading.layout recovers them from the
// text in whatever layout it came (pipe or tab tables, one cell per line, cells run together, a
// page flattened to one line) and gipr_lint.reading.grammar feeds them to this LALR parser as
// tokens. Each table opens with a zero-width token naming its kind and format at its first
// label; each row label is its own terminal, so the rows come in template order, each with the
// template's number of cells. The grammar is built with strict=True (no conflicts).

start: preamble _sections_6 (signature DEBRIS*)?

// Before the first section heading: the title, an opening paragraph, web-page debris. A table
// here means its section heading was lost; it is kept, and S001 reports the missing heading.
// A sub-heading here (SUB_*, below) is a paragraph like any other.
preamble: (TITLE | PARAGRAPH | _sub_item | DEBRIS | _table)*

// The six sections in order, each once, each under its heading SECTION_1 … SECTION_6 (一、总体情况
// … 六、其他需要报告的事项); any may be missing. When the parser rejects a heading, the recovery
// (gipr_lint.reading.grammar) looks ahead over all the headings and sets aside the fewest: a
// section's second heading comes again as SECTION_REPEATED, a heading out of order as
// SECTION_MISPLACED (rolling the parser back if it had accepted it). Their text is kept as a
// section, and the recovered errors are the structural findings (Report.outline).
_sections_0: stray_section*
_sections_1: _sections_0 (section_1 stray_section*)?
_sections_2: _sections_1 (section_2 stray_section*)?
_sections_3: _sections_2 (section_3 stray_section*)?
_sections_4: _sections_3 (section_4 stray_section*)?
_sections_5: _sections_4 (section_5 stray_section*)?
_sections_6: _sections_5 (section_6 stray_section*)?
//
// Each table belongs in its section: table 二 in 二, 三 in 三, 四 in 四. A table the parser meets
// anywhere else (most often because its own section's heading was lost, which S001 reports)
// is kept: its opener comes again as <OPENER>_ELSEWHERE, and the recovered error is a
// typed problem of the outline (kind table-section). A section set aside (SECTION_MISPLACED,
// SECTION_REPEATED) takes any table: its number is not the grammar's to know.
section_1: SECTION_1 _body_plain -> section
section_2: SECTION_2 _body_2 -> section
section_3: SECTION_3 _body_3 -> section
section_4: SECTION_4 _body_4 -> section
section_5: SECTION_5 _body_plain -> section
section_6: SECTION_6 _body_plain -> section
stray_section: (SECTION_MISPLACED | SECTION_REPEATED) _body_stray -> section
// A section's items are paragraphs, debris and tables met outside their section; in 二, 三
// and 四 also the section's own table, in a section set aside any table. They are written out
// in each body below rather than named by a rule, so that the parser takes each item in one
// step (a section has many).
_table: active_table | requests_table | review_table
_table_elsewhere: active_table_elsewhere | requests_table_elsewhere | review_table_elsewhere

// A cell (CELL) is a number, a blank written as -, —, / or 无, or a cell that could not be read
// (missing, or digits that could not be split); the token's Cell says which. A table closes
// with a zero-width TABLE_END after its last item, so that what may follow a table (sections,
// sub-items) is looked ahead at once, at its end, not at every row.

signature: SIGNATURE_AGENCY? SIGNATURE_DATE
"""


_NOT_NAME = compile_re(r"[^A-Za-z0-9]+")
#: A named row width (see :func:`_cell_widths`).
_CELLS_NAMED = compile_re(r"_cells_(\d+)\b")


def _name(text: str) -> str:
    return _NOT_NAME.sub("_", text).strip("_").upper()


@dataclass
class Vocabulary:
    """The terminals of the generated grammar for one template set.

    ``openers`` maps ``(table kind, format)`` to the table's opening terminal; ``rows`` maps
    ``(table kind, format, row key)`` to the row's label terminal; ``labels`` maps every
    terminal a row's cells follow (the row labels and table 四's header) to the number of cells
    the grammar gives it and whether they may all be left out (a table whose numbers were lost);
    ``shown`` says how a terminal is named in a structure problem; ``elsewhere`` maps each
    table opener to the opener of the same table met outside its section; ``checked`` maps each
    table kind to the terminal that stands for a whole table of that kind found to fit
    (``_CHECKED_HEAD``); ``shapes`` gives, for each table and format, each row's place in the
    template, its number of cells and whether they may all be left out, by row key.
    """

    openers: dict[tuple[str, str], str] = field(default_factory=dict)
    rows: dict[tuple[str, str, str], str] = field(default_factory=dict)
    labels: dict[str, tuple[int, bool]] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)
    elsewhere: dict[str, str] = field(default_factory=dict)
    rules: list[str] = field(default_factory=list)
    declared: list[str] = field(default_factory=list)
    #: each sub-heading terminal's style (model ``Marker.style``) and value
    subs: dict[str, tuple[str, int]] = field(default_factory=dict)
    #: the terminal of each sub-heading (style, value) the grammar counts
    sub_terminals: dict[tuple[str, int], str] = field(default_factory=dict)
    checked: dict[str, str] = field(default_factory=dict)
    shapes: dict[tuple[str, str], dict[str, tuple[int, int, bool]]] = field(
        default_factory=dict)

    def row_terminal(self, kind: str, format_: str, key: str, rule: str, width: int,
                     optional: bool) -> str:
        base = f"{kind.upper()}_{format_}_{_name(key)}"
        terminal = base
        if terminal in self.labels or not _name(key):
            terminal = f"{base}_{len(self.labels)}"
        self.rows[(kind, format_, key)] = terminal
        self.labels[terminal] = (width, optional)
        self.declared.append(terminal)
        self.shown[terminal] = rule
        return terminal


def _run(name: str, terminal: str, body: str) -> Iterator[str]:
    """A run of sub-items of one style: ``name`` holds the run up to its last item, each
    ``name_<n>`` the run up to ``n`` (left-recursive: a run of any length stays linear)."""
    yield f"{name}: " + " | ".join(f"{name}_{n}" for n in range(1, SUB_CAP + 1))
    yield f"{name}_1: {terminal}_1 {body}"
    yield from (f"{name}_{n}: {name}_{n - 1} {terminal}_{n} {body}"
                for n in range(2, SUB_CAP + 1))


def _subitem_rules(vocabulary: Vocabulary) -> list[str]:
    """The rules of each section body: opening items, then runs of sub-items (see _SUB_HEAD)."""
    lines = [_SUB_HEAD.format(cap=SUB_CAP)]
    for style, infix in SUB_STYLES.items():
        for value in range(1, SUB_CAP + 1):
            terminal = f"SUB_{infix}_{value}"
            vocabulary.subs[terminal] = (style, value)
            vocabulary.sub_terminals[(style, value)] = terminal
            vocabulary.shown[terminal] = "paragraph"
    lines.append("_sub_item: " + "\n         | ".join(
        " | ".join(f"SUB_{infix}_{n}" for n in range(1, SUB_CAP + 1))
        for infix in SUB_STYLES.values()))
    for context in _CONTEXTS:
        item = f"({_ITEMS[context]})"
        tops = [f"_sub_{context}_{infix.lower()}" for infix in SUB_STYLES.values()]
        lines.append(f"_body_{context}: {item}* (" + " | ".join(f"{top}+" for top in tops) + ")?")
        for top, infix in zip(tops, SUB_STYLES.values(), strict=True):
            lines.extend(_run(top, f"SUB_{infix}", f"{top}_body"))
            nested = [f"{top}_{other.lower()}" for other in SUB_STYLES.values() if other != infix]
            lines.append(f"{top}_body: {item}* ({' | '.join(nested)})*")
            for name, other in zip(nested, (o for o in SUB_STYLES.values() if o != infix),
                                   strict=True):
                lines.extend(_run(name, f"SUB_{other}", f"{name}_body"))
                lines.append(f"{name}_body: {item}*")
    return lines


_CHECKED_HEAD = """
// A table whose items the reader found to fit this grammar as they stand (rows in template
// order, each with its number of cells, fillers only between them) comes first as one token
// <KIND>_TABLE_CHECKED standing for the whole table, followed by its own tokens: the parser
// shifts the one and passes over the others (most of a report's tokens). Where the checked
// token does not fit (a table outside its section), the parser reads the table's own tokens
// instead, so that the recovery meets them as it would without it. The checked terminal
// starts the same rule as the openers, so every state acts alike on both until one is shifted."""


def _with_elsewhere(vocabulary: Vocabulary, rule: str, openers: list[str]) -> list[str]:
    """``rule`` with its alternatives (each an opener and the table's body, then the checked
    table's token), and the same table opened outside its section (``<rule>_elsewhere``, built
    as ``rule``)."""
    kind = rule.removesuffix("_table")
    checked = vocabulary.checked[kind] = f"{kind.upper()}_TABLE_CHECKED"
    elsewhere = []
    for alternative in openers:
        opener, _, body = alternative.partition(" ")
        vocabulary.elsewhere[opener] = f"{opener}_ELSEWHERE"
        elsewhere.append(f"{opener}_ELSEWHERE {body} -> {rule}")
    indent = " " * (len(rule) + 10)
    return [f"{rule}: " + f"\n{' ' * len(rule)}| ".join([*openers, checked]),
            f"{rule}_elsewhere: " + f"\n{indent}| ".join(elsewhere)]


def _cells(count: int) -> str:
    return f"_cells_{count}"


def _cell_widths(text: str) -> set[int]:
    """The widths of the ``_cells_N`` rules ``text`` names: what ``\\b_cells_(\\d+)\\b``
    finds, with the boundary before it checked on each candidate. A pattern opening with ``\\b``
    is tried at every position of the ~60 KB grammar (1.2 ms of every start); one opening
    with its literal skips to the candidates (0.2 ms)."""
    widths = set()
    for match in _CELLS_NAMED.finditer(text):
        before = text[match.start() - 1] if match.start() else " "
        if not (before.isalnum() or before == "_"):  # (what \w is)
            widths.add(int(match[1]))
    return widths


def _cell_rules(widths: set[int]) -> list[str]:
    """One inlined rule per row width: the rows of a width share their cells' parser states."""
    return [f"_cells_{width}: {' '.join(['CELL'] * width)}" for width in sorted(widths)]


def _ordered(vocabulary: Vocabulary, table: str, format_: str, filler: str,
             rows: list[tuple[RowTemplate, int, str]], cells_optional: bool) -> Iterator[str]:
    """The rules for a table's rows in template order: ``_<table>_<format>_<i>`` holds row ``i``
    (or not) and then the rest, so that a row may be missing but never comes out of order."""
    prefix = f"_{table}_{format_}"
    for index, (row, width, shown) in enumerate(rows):
        terminal = vocabulary.row_terminal(table, format_, row.key, shown, width, cells_optional)
        vocabulary.shapes.setdefault((table, format_), {})[row.key] = (index, width,
                                                                       cells_optional)
        rule = terminal.lower()
        cells = f"({_cells(width)})?" if cells_optional else _cells(width)
        yield f"// {row.key}: {shown} ({width} cells)"
        yield f"{rule}: {terminal} {cells}"
        before = f"{prefix}_{index - 1} " if index else ""
        yield f"{prefix}_{index}: {before}({rule} {filler}*)?"


def generate(templates: Templates) -> str:
    """The grammar text for ``templates``."""
    return _generated(templates)[0]


def vocabulary(templates: Templates) -> Vocabulary:
    """The terminals of the grammar for ``templates``."""
    return _generated(templates)[1]


@lru_cache(maxsize=8)
def _generated(templates: Templates) -> tuple[str, Vocabulary]:
    vocabulary = Vocabulary()
    vocabulary.shown.update({name: "section heading" for name in (
        *(f"SECTION_{number}" for number in range(1, 7)), "SECTION_MISPLACED",
        "SECTION_REPEATED")})
    lines = [_HEAD, _CHECKED_HEAD]
    declared = ["TITLE PARAGRAPH DEBRIS",
                " ".join(f"SECTION_{number}" for number in range(1, 7)),
                "SECTION_MISPLACED SECTION_REPEATED", "ACTIVE_BLOCK ACTIVE_HEADER",
                "REQUEST_HEADER REQUEST_GROUP REVIEW_HEADER REVIEW_TABLE",
                "CELL TABLE_END SIGNATURE_AGENCY SIGNATURE_DATE"]

    # table 二
    lines.append("// Table 二 (主动公开政府信息情况): blocks of 第二十条 items, each with its "
                 "columns;\n// a row has as many cells as its block has columns.")
    openers = []
    body: list[str] = []
    for format_ in _FORMATS:
        opener = f"ACTIVE_TABLE_{format_}"
        vocabulary.openers[("active", format_)] = opener
        last = sum(len(block.rows) for block in templates.active_blocks.get(format_, ())) - 1
        openers.append(f"{opener} _active_filler* _active_{format_}_{last} TABLE_END")
        rows = [(row, len(block.columns), f"active label {min(max(len(block.columns), 1), 3)}")
                for block in templates.active_blocks.get(format_, ()) for row in block.rows]
        body.append(f"// table 二, {format_} format: "
                    + "; ".join(f"{block.item} ({len(block.columns)} columns: "
                                f"{', '.join(h for _, h in block.columns)})"
                                for block in templates.active_blocks.get(format_, ())))
        body.extend(_ordered(vocabulary, "active", format_, "_active_filler", rows, False))
    lines.extend(_with_elsewhere(vocabulary, "active_table", openers))
    lines.append("_active_filler: ACTIVE_BLOCK | ACTIVE_HEADER")
    lines.extend(body)

    # table 三
    lines.append(f"\n// Table 三 (收到和处理政府信息公开申请情况): rows of {len(REQUEST_COLUMNS)} "
                 f"cells: {', '.join(REQUEST_COLUMNS)}.\n// Group labels carry no cells. A row "
                 "with no cells at all is a table whose numbers were lost (an image).")
    openers = []
    body = []
    for format_ in _FORMATS:
        opener = f"REQUESTS_TABLE_{format_}"
        vocabulary.openers[("requests", format_)] = opener
        last = len(templates.request_rows.get(format_, ())) - 1
        openers.append(f"{opener} _request_filler* _requests_{format_}_{last} TABLE_END")
        rows = [(row, len(REQUEST_COLUMNS), "request label")
                for row in templates.request_rows.get(format_, ())]
        body.append(f"// table 三, {format_} format: {len(rows)} rows")
        body.extend(f"// {row.key}: {request_row_name(row)}" for row, _, _ in rows)
        body.extend(line for line in _ordered(vocabulary, "requests", format_, "_request_filler",
                                              rows, True) if not line.startswith("//"))
    lines.extend(_with_elsewhere(vocabulary, "requests_table", openers))
    lines.append("_request_filler: REQUEST_HEADER | REQUEST_GROUP")
    lines.extend(body)

    # table 四
    width = len(REVIEW_GROUPS) * len(REVIEW_COLUMNS)
    lines.append(f"\n// Table 四 (行政复议、行政诉讼情况): the header, then one row of {width} "
                 f"cells:\n// {', '.join(label for _, label in REVIEW_GROUPS)}, each "
                 f"{' '.join(REVIEW_COLUMNS)}.")
    vocabulary.openers[("review", "2021")] = "REVIEW_TABLE"
    vocabulary.openers[("review", "2019")] = "REVIEW_TABLE"
    vocabulary.labels["REVIEW_HEADER"] = (width, True)
    lines.extend(_with_elsewhere(vocabulary, "review_table",
                                 ["REVIEW_TABLE REVIEW_HEADER review_values? TABLE_END"]))
    lines.append(f"review_values: {_cells(width)}")

    lines.extend(_subitem_rules(vocabulary))

    widths = _cell_widths("\n".join(lines))
    lines.append("\n// The cells of a row of each width.")
    lines.extend(_cell_rules(widths))

    declared.append(" ".join(vocabulary.openers[("active", f)] for f in _FORMATS))
    declared.append(" ".join(vocabulary.openers[("requests", f)] for f in _FORMATS))
    declared.append(" ".join(vocabulary.elsewhere.values()))
    declared.append(" ".join(vocabulary.checked.values()))
    subs = list(vocabulary.subs)
    declared.extend(" ".join(subs[i:i + 10]) for i in range(0, len(subs), 10))
    declared.extend(" ".join(vocabulary.declared[i:i + 4])
                    for i in range(0, len(vocabulary.declared), 4))
    lines.append("")
    lines.extend(f"%declare {names}" for names in declared)
    return "\n".join(lines) + "\n", vocabulary
