"""The report grammar at work: its parse table built once per template set, recovered pieces fed
to it, misfits recovered from.

The grammar states the canonical report; it is generated from the templates
(:mod:`gipr_lint.reading.canonical`; ``grammars/report.lark`` is the national one). Its terminals
come from :mod:`gipr_lint.reading.layout`, not from a character lexer: :func:`tokens` turns the
recovered pieces into tokens that carry the piece they stand for (``token.payload``). Lark
analyses the grammar into an LALR table (kept between runs by
:mod:`~gipr_lint.reading.grammar_cache`); :class:`_Driver` runs it over the tokens. A table
whose items fit the grammar as they stand (most do) is one :class:`CheckedTable` token for the
driver, its own tokens made only if it does not fit where it stands (:func:`_table_tokens`).

When the pieces do not fit, :func:`parse_pieces` recovers where the parser stops and goes on: a
linter never gives up on a whole file. A row that ended early is padded with unread cells, an
extra cell is dropped (both are problems at that place); a section heading that does not fit the
order is set aside after a look-ahead over all the headings (:class:`_Outline`), rolling the
parser back when a heading it had accepted must go; a sub-heading that breaks its run is
repaired with phantom markers and noted (:meth:`_Recovery.subitem`); other misfits are dropped and
reported.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import islice, pairwise, repeat
from typing import TYPE_CHECKING, Any

from gipr_lint.model import Cell, Marker, Paragraph, Problem, TableKind
from gipr_lint.reading.canonical import TABLE_SECTIONS, Vocabulary, generate, vocabulary
from gipr_lint.reading.grammar_cache import cached_lark, cached_table
from gipr_lint.reading.layout import Piece
from gipr_lint.reading.layout.headings import HeadingMatch
from gipr_lint.reading.layout.signature import SignatureMatch
from gipr_lint.reading.layout.tables import TableItem, TableRead
from gipr_lint.reading.source import Span
from gipr_lint.templates import TABLE_NUMERALS, Templates, current

if TYPE_CHECKING:
    from lark import Lark

__all__ = ["CheckedTable", "Parsed", "PieceToken", "grammar_text", "load_parse_table",
           "parse_pieces", "report_parser", "tokens"]

_CELL_TYPES = frozenset({"CELL"})
_HEADER_TYPES = {"active": "ACTIVE_HEADER", "requests": "REQUEST_HEADER", "review": "REVIEW_HEADER"}
_PIECE_TYPES = {"title": "TITLE", "debris": "DEBRIS", "paragraph": "PARAGRAPH"}
#: The items besides rows that table 二 and table 三 hold between their rows (the grammar's
#: ``_active_filler`` and ``_request_filler``).
_FILLERS = {"active": frozenset({"header", "block"}), "requests": frozenset({"header", "group"})}


class PieceToken:
    """A token of the report grammar: a terminal's name (``type``), the text it covers, its place,
    and the recovered piece, table item or cell it stands for (``payload``). A plain slotted
    object rather than a Lark ``Token`` (a ``str``): a report has hundreds of them and nothing
    reads them as strings; it has what Lark's own parser needs (the test of the parser cache
    feeds it to Lark)."""

    __slots__ = ("end_pos", "payload", "start_pos", "type", "value")
    line = column = end_line = end_column = None  # what Lark borrows for its end token

    def __init__(self, type_: str, value: str, start_pos: int, end_pos: int,
                 payload: object) -> None:
        self.type = type_
        self.value = value
        self.start_pos = start_pos
        self.end_pos = end_pos
        self.payload = payload

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"PieceToken({self.type!r}, {self.value!r})"


class CheckedTable(PieceToken):
    """The token standing for a whole table whose items fit the grammar as they stand (see
    :func:`_fits`): ``payload`` is the :class:`TableRead`, and the ``inside`` tokens after it
    in the stream are the table's own (its opener to its end), which the parser passes over
    when it shifts this one and reads instead when this one does not fit. Zero-width at the
    table's start, like the opener."""

    __slots__ = ("inside",)

    def __init__(self, type_: str, table: TableRead, inside: int) -> None:
        self.type = type_
        self.value = ""
        self.start_pos = self.end_pos = table.span.start
        self.payload = table
        self.inside = inside


def _token(type_: str, span: Span, text: str, payload: object) -> PieceToken:
    return PieceToken(type_, text, span.start, span.end, payload)


def grammar_text(templates: Templates | None = None) -> str:
    """The grammar's source for ``templates`` (the current set when left out)."""
    return generate(current() if templates is None else templates)


def __getattr__(name: str) -> Any:
    if name == "_PieceLexer":  # imported only when wanted: it imports Lark
        from gipr_lint.reading.piece_lexer import PieceLexer

        return PieceLexer
    raise AttributeError(name)


def _options() -> dict[str, Any]:
    return {"parser": "lalr", "lexer": __getattr__("_PieceLexer"), "strict": True,
            "propagate_positions": False, "maybe_placeholders": False}


@lru_cache(maxsize=8)
def _lark_for(templates: Templates) -> Lark:
    return cached_lark(grammar_text(templates), **_options())


def report_parser(templates: Templates | None = None) -> Lark:
    """The Lark LALR parser for ``templates`` (the current set when left out), built once per
    set. Parsing runs its table (:func:`_parser_for`), not this object."""
    return _lark_for(current() if templates is None else templates)


def load_parse_table(templates: Templates | None = None) -> None:
    """Load (or build and save) the parse table that :func:`parse_pieces` runs for ``templates``
    (the current set when left out), as the first report would: for measuring start-up."""
    _parser_for(current() if templates is None else templates)


class Node:
    """A node of the parse tree: the grammar rule (or its alias) and its children, nodes and
    tokens; the rules whose names start with ``_`` are inlined into their parent, as in Lark."""

    __slots__ = ("children", "data")

    def __init__(self, data: str, children: list[Node | PieceToken]) -> None:
        self.data = data
        self.children = children

    def __repr__(self) -> str:
        return f"Node({self.data!r}, {self.children!r})"


class Misfit(Exception):
    """A token the grammar has no place for where it stands."""


#: The version of :class:`_Table`'s layout, part of the cache key: change it with the layout.
_TABLE_FORMAT = 6

#: A rule of the compiled table: how many values it takes, the nonterminal it makes, the node
#: name it builds (``None`` for an inlined rule) and, for each value taken, whether it is an
#: inlined rule's list to splice in (``None`` when none is).
_Rule = tuple[int, str, "str | None", "tuple[bool, ...] | None"]


class _Table:
    """Lark's LALR analysis of the grammar as plain data: per state, each symbol's action (a
    state to shift to, or ``~i`` to reduce by rule ``i``).

    The actions are kept packed (one array of symbol numbers, one of actions, and where each
    state's run starts), and a state's lookup dictionary is made the first time the parser
    reaches it (:meth:`row`): the grammar has a couple of thousand states, a report visits a few
    hundred, and a cold run loads the table from the cache on every start."""

    __slots__ = ("actions", "end", "offsets", "rows", "rules", "start", "symbols", "targets")

    def __init__(self, symbols: tuple[str, ...], offsets: array[int], targets: array[int],
                 actions: array[int], rules: tuple[_Rule, ...], start: int, end: int) -> None:
        self.symbols = symbols
        self.offsets = offsets
        self.targets = targets
        self.actions = actions
        self.rules = rules
        self.start = start
        self.end = end
        #: each state's actions by symbol name, made on first use (:meth:`row`)
        self.rows: list[dict[str, int] | None] = [None] * (len(offsets) - 1)

    def row(self, state: int) -> dict[str, int]:
        """The actions of ``state`` by symbol name."""
        made = self.rows[state]
        if made is None:
            low, high = self.offsets[state], self.offsets[state + 1]
            symbols = self.symbols
            made = self.rows[state] = dict(zip([symbols[i] for i in self.targets[low:high]],
                                               self.actions[low:high], strict=True))
        return made

    def __getstate__(self) -> tuple[object, ...]:
        return (self.symbols, self.offsets, self.targets, self.actions, self.rules, self.start,
                self.end)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.__init__(*state)  # type: ignore[misc]


def _compile(parser: Lark) -> _Table:
    """Lark's LALR analysis as a :class:`_Table`."""
    table = parser.parser.parser.parser.parse_table
    numbers: dict[object, int] = {}
    rules: list[_Rule] = []
    symbol_numbers: dict[str, int] = {}
    offsets, targets, actions = array("i", [0]), array("i"), array("i")
    for state in range(len(table.states)):
        for symbol, (action, argument) in table.states.get(state, {}).items():
            name = str(symbol)
            targets.append(symbol_numbers.setdefault(name, len(symbol_numbers)))
            if action.name == "Shift":
                actions.append(argument)
                continue
            if argument not in numbers:
                numbers[argument] = len(rules)
                origin = str(argument.origin.name)
                node = None if origin.startswith("_") else str(argument.alias or origin)
                splices = tuple(not term.is_term and term.name.startswith("_")
                                for term in argument.expansion)
                spliced = splices if any(splices) else None
                rules.append((len(argument.expansion), origin, node, spliced))
            actions.append(~numbers[argument])
        offsets.append(len(targets))
    return _Table(tuple(symbol_numbers), offsets, targets, actions, tuple(rules),
                  table.start_states["start"], table.end_states["start"])


@lru_cache(maxsize=8)
def _parser_for(templates: Templates) -> _Table:
    """The parse table of ``templates``' generated grammar. Analysing the grammar takes about
    0.1 s, loading a saved table a millisecond or two:
    :func:`~gipr_lint.reading.grammar_cache.cached_table` keeps it between runs, keyed on the
    grammar text (a pack's rows make another grammar) and the Lark and Python versions."""
    text = grammar_text(templates)
    return cached_table(text, _Table, lambda: _compile(_build_lark(text)), **_options_named())


def _options_named() -> dict[str, Any]:
    """The Lark options, as the cache key names them (no lexer class to import)."""
    return {"parser": "lalr", "lexer": "pieces", "strict": True, "propagate_positions": False,
            "maybe_placeholders": False, "table": _TABLE_FORMAT}


def _build_lark(text: str) -> Lark:
    from lark import Lark

    return Lark(text, **_options())


class _Driver:
    """An LALR parser over a compiled :class:`_Table`, fed one token at a time.

    Lark analyses the grammar (and its cache keeps the analysis); this loop runs the table,
    building :class:`Node` trees as it reduces. It is Lark's interactive parser cut to what the
    recovery needs (feed, copy, end) and several times cheaper per token, which matters at a few
    hundred tokens per report. Lists of inlined rules are extended in place (a long run of
    paragraphs stays linear), so :meth:`copy` copies the lists still on the stack.
    """

    __slots__ = ("states", "table", "values")

    def __init__(self, table: _Table, states: list[int], values: list[object]) -> None:
        self.table = table
        self.states = states
        self.values = values

    @classmethod
    def start(cls, table: _Table) -> _Driver:
        return cls(table, [table.start], [])

    def copy(self) -> _Driver:
        """A parser in this one's state that feeding either one leaves the other alone."""
        return _Driver(self.table, list(self.states),
                       [v[:] if type(v) is list else v for v in self.values])

    def feed(self, token: PieceToken) -> None:
        """Shift ``token`` (reducing first as the table says), or raise :class:`Misfit` when the
        grammar has no place for it here."""
        if not self.run([token], 0, 1):
            raise Misfit(token.type)

    def run(self, stream: list[PieceToken], start: int, stop: int) -> int:
        """Feed ``stream[start:stop]`` and return the index of the first token the grammar has
        no place for (``stop`` when all fit); a :class:`CheckedTable` shifted stands for the
        tokens after it that it covers. The misfit token is not shifted; the reductions its
        arrival called for stay made, as in Lark's own parser (a roll-back uses a copy taken
        before the token). One loop over many tokens: this is the parse's hot path."""
        rows, row, rules = self.table.rows, self.table.row, self.table.rules
        states = self.states
        values: list[Any] = self.values
        taken: list[Any]
        end = self.table.end
        # the state on top of the stack, kept in a local as well: an index from the end of a
        # list is the interpreter's slow path, and each action reads the top
        state = states[-1]
        index = start
        while index < stop:
            token = stream[index]
            type_ = token.type
            while True:
                action = (rows[state] or row(state)).get(type_)
                if action is None:
                    return index
                if action >= 0:
                    states.append(action)
                    state = action
                    values.append(token)
                    if type(token) is CheckedTable:  # a whole table: pass over its own tokens
                        index += token.inside
                    break
                size, origin, name, spliced = rules[~action]
                if size == 1:
                    del states[-1]
                    last = values.pop()
                    taken = last if spliced is not None else [last]
                elif size == 2 and spliced is not None:
                    # the common shapes: a list growing on the left, an item and its list
                    del states[-2:]
                    right = values.pop()
                    left = values.pop()
                    if spliced[0]:
                        taken = left
                        if spliced[1]:
                            taken += right
                        else:
                            taken.append(right)
                    else:
                        taken = [left, *right]
                elif size:
                    taken = values[-size:]
                    del states[-size:]
                    del values[-size:]
                    if spliced is not None:
                        children: list[Any] = []
                        for child, splice in zip(taken, spliced, strict=True):
                            if not splice:
                                children.append(child)
                            elif children:
                                children += child
                            else:
                                children = child
                        taken = children
                else:
                    taken = []
                if size:
                    state = states[-1]
                state = (rows[state] or row(state))[origin]
                states.append(state)
                values.append(taken if name is None else Node(name, taken))
                if type_ == "$END" and state == end:
                    break
            index += 1
        return stop

    def accepts(self, type_: str) -> bool:
        """Whether a token of ``type_`` would be shifted here, found without changing this
        parser: the reductions its arrival calls for are made on a copy of the states only (an
        LALR table may reduce before it finds that a token does not fit)."""
        row, rules = self.table.row, self.table.rules
        states = list(self.states)
        while True:
            action = row(states[-1]).get(type_)
            if action is None:
                return False
            if action >= 0:
                return True
            size, origin = rules[~action][:2]
            if size:
                del states[-size:]
            states.append(row(states[-1])[origin])

    def end(self) -> Node:
        """The tree, when the tokens fed so far make a whole report; else :class:`Misfit`."""
        self.feed(_END)
        tree = self.values[-1]
        assert isinstance(tree, Node)
        return tree


_END = PieceToken("$END", "", 0, 0, None)


def _fits(table: TableRead, words: Vocabulary) -> int:
    """How many tokens of its own the table has (:func:`_own_tokens`) when they fit the grammar
    as they stand, wherever the table itself may stand; 0 when they do not. Table 四 is its
    header and then its cells, all or none; in the others the rows come in template order,
    each with the cells the grammar gives it (a row of table 三 may have none), the fillers
    between them have no cells, and nothing else is there."""
    items = table.items
    if table.kind == "review":
        width = words.labels[_HEADER_TYPES["review"]][0]
        cells = sum([len(item.cells) for item in items])
        fits = (bool(items) and items[0].kind == "header" and cells in (0, width)
                and all(item.kind == "values" for item in items[1:]))
        return 3 + cells if fits else 0  # the opener, the header, the cells, the end
    fillers = _FILLERS[table.kind]
    shapes = words.shapes.get((table.kind, table.format), {})  # none: a format without rows
    last = -1
    count = 2 + len(items)  # the opener, a token per item, the end: and each row's cells
    for item in items:
        if item.kind == "row":
            assert item.template is not None
            place, width, optional = shapes[item.template.key]
            cells = len(item.cells)
            if place <= last or (cells != width and (cells or not optional)):
                return 0
            last = place
            count += cells
        elif item.kind not in fillers or item.cells:
            return 0
    return count


def _table_tokens(table: TableRead, words: Vocabulary, stream: list[PieceToken]) -> None:
    """Append the tokens of a table. One that fits (:func:`_fits`) is its :class:`CheckedTable`
    token and as many places for its own tokens (the last its end), which :func:`_read_inside`
    fills should the parser have to read them: most tables fit, and their own tokens are most
    of a report's."""
    inside = _fits(table, words)
    if inside:
        stream.append(CheckedTable(words.checked[table.kind], table, inside))
        stream.extend(repeat(_COVERED, inside - 1))
        end = table.span.end  # the end itself, for what looks at the stream's last token
        stream.append(PieceToken("TABLE_END", "", end, end, None))
    else:
        stream += _own_tokens(table, words)


def _own_tokens(table: TableRead, words: Vocabulary) -> list[PieceToken]:
    """A table's own tokens: its opener, then each item (header, block, group, row label)
    followed by its cells, then its zero-width end. Written as one loop: a table has many."""
    own: list[PieceToken] = []
    append = own.append
    start = table.span.start
    append(PieceToken(words.openers[(table.kind, table.format)], "", start, start, table))
    rows = words.rows
    for item in table.items:
        kind = item.kind
        if kind == "row":
            assert item.template is not None
            type_: str | None = rows[(table.kind, table.format, item.template.key)]
        elif kind == "header":
            type_ = _HEADER_TYPES[table.kind]
        elif kind == "block":
            type_ = "ACTIVE_BLOCK"
        elif kind == "group":
            type_ = "REQUEST_GROUP"
        else:
            type_ = None  # table 四's values: cells only
        if type_ is not None:
            append(PieceToken(type_, item.text, item.span.start, item.span.end, item))
        for cell in item.cells:
            span = cell.span
            append(PieceToken("CELL", cell.raw, span.start, span.end, cell))
    end = table.span.end
    append(PieceToken("TABLE_END", "", end, end, None))
    return own


#: What holds the places of a checked table's own tokens until they are read (a token of no
#: terminal, neither a cell nor a row label, carrying nothing: what the recovery looks back
#: over sees the checked table's token before it, as it would see the table's opener).
_COVERED = PieceToken("COVERED", "", 0, 0, None)


def _read_inside(stream: list[PieceToken], at: int, words: Vocabulary) -> None:
    """Fill the places after the checked table at ``at`` with the table's own tokens."""
    checked = stream[at]
    assert isinstance(checked, CheckedTable) and isinstance(checked.payload, TableRead)
    if stream[at + 1] is _COVERED:  # (a table has at least its opener and its end)
        stream[at + 1:at + 1 + checked.inside] = _own_tokens(checked.payload, words)


def tokens(pieces: list[Piece], words: Vocabulary | None = None) -> list[PieceToken]:
    """The token stream for a list of recovered pieces, in the terminals of ``words`` (those of
    the current template set when left out), with every checked table's own tokens read. A
    parser takes either a :class:`CheckedTable` or the tokens it covers, not both: Lark
    (:func:`report_parser`) is fed the stream without one or the other."""
    words = vocabulary(current()) if words is None else words
    stream = _tokens(pieces, words)[0]
    for at, token in enumerate(stream):
        if type(token) is CheckedTable:
            _read_inside(stream, at, words)
    return stream


def _tokens(pieces: list[Piece], words: Vocabulary
            ) -> tuple[list[PieceToken], list[int], list[int]]:
    """The token stream, and the indexes of its section headings and of its sub-headings."""
    stream: list[PieceToken] = []
    headings: list[int] = []
    sub_headings: list[int] = []
    subs = words.sub_terminals
    for piece in pieces:
        kind = piece.kind
        if kind == "table":
            assert isinstance(piece.data, TableRead)
            _table_tokens(piece.data, words, stream)
        elif kind == "signature":
            signature = piece.data
            assert isinstance(signature, SignatureMatch)
            if signature.agency is not None:
                agency = signature.agency
                stream.append(_token("SIGNATURE_AGENCY", agency.span, agency.text, agency))
            date = signature.date_text
            assert date is not None  # a 落款 is found by its date
            stream.append(_token("SIGNATURE_DATE", date.span, date.text, signature))
        elif kind == "heading":
            assert isinstance(piece.data, HeadingMatch)
            headings.append(len(stream))
            stream.append(_token(f"SECTION_{piece.data.number}", piece.span, "", piece.data))
        elif kind == "paragraph":
            marker = piece.data.marker  # type: ignore[attr-defined]  # a Paragraph's
            if marker is not None and (marker.style, marker.value) in subs:
                sub_headings.append(len(stream))
                type_ = subs[(marker.style, marker.value)]
            else:
                type_ = "PARAGRAPH"
            stream.append(PieceToken(type_, "", piece.span.start, piece.span.end, piece.data))
        else:
            stream.append(_token(_PIECE_TYPES[kind], piece.span, "", piece.data))
    return stream, headings, sub_headings


def _longest_increasing(numbers: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of ``numbers`` (lists are short:
    one number per section)."""
    if not numbers:
        return set()
    best = [1] * len(numbers)
    previous = [-1] * len(numbers)
    for i, value in enumerate(numbers):
        for j in range(i):
            if numbers[j] < value and best[j] + 1 > best[i]:
                best[i], previous[i] = best[j] + 1, j
    index = max(range(len(numbers)), key=lambda i: (best[i], -i))
    kept = set()
    while index != -1:
        kept.add(index)
        index = previous[index]
    return kept


def _payload_as_heading(token: PieceToken) -> HeadingMatch:
    payload = token.payload
    assert isinstance(payload, HeadingMatch)
    return payload


def _heading_of(section: Node) -> HeadingMatch:
    token = section.children[0]
    assert isinstance(token, PieceToken)
    return _payload_as_heading(token)


def _marker_of(token: PieceToken) -> Marker:
    payload = token.payload
    assert isinstance(payload, Paragraph) and payload.marker is not None
    return payload.marker


def _span(token: PieceToken) -> Span:
    return Span(token.start_pos or 0, token.end_pos or 0)


_KEPT_HEADINGS = frozenset(f"SECTION_{number}" for number in range(1, 7))


class _Outline:
    """The recovery of the section headings: the grammar states the six sections in order, each
    once; a heading that does not fit is set aside here, when the parser meets it.

    At the first heading the parser rejects, the recovery looks ahead over all the report's
    headings: a section's second heading becomes ``SECTION_REPEATED``; of the first headings,
    the longest run in the order 一 to 六 is kept and the others become ``SECTION_MISPLACED``
    (the fewest set aside: 六 一 二 三 四 五 has one misplaced heading, not five). When a heading
    set aside was already accepted, the parser is rolled back to the copy taken before it
    (:func:`parse_pieces`). Sections the recovered parse lacks are missing. The problems are the
    outline's (``Report.outline``).
    """

    def __init__(self, stream: list[PieceToken], headings: list[int]) -> None:
        self.stream = stream
        self.headings = headings
        self.problems: list[Problem] = []
        self.decided = False
        self.dropped: list[int] = []
        seen: set[int] = set()
        #: the headings of a section that had one before
        self.repeats: set[int] = set()
        numbers = [self._number(at) for at in headings]
        for at, number in zip(headings, numbers, strict=True):
            if number in seen:
                self.repeats.add(at)
            seen.add(number)
        #: whether the headings come in order, each once: then none is ever set aside (one that
        #: does not fit is dropped), so the parser needs no copies to come back to
        self.in_order = all(a < b for a, b in pairwise(numbers))

    def _number(self, index: int) -> int:
        return _payload_as_heading(self.stream[index]).number

    def _set_aside(self, index: int, type_: str) -> None:
        token = self.stream[index]
        token.type = type_
        number = self._number(index)
        if type_ == "SECTION_REPEATED":
            self.problems.append(Problem(f"section {number} appears a second time",
                                         _span(token), "section-repeated", expected=number,
                                         found=number))
        else:
            self.problems.append(Problem(f"section {number} is out of order", _span(token),
                                         "section-order", found=number))

    def misfit(self, index: int) -> int | None:
        """The heading at ``index`` does not fit: set aside what must be, and say from which
        index to feed again (``None`` when setting aside cannot help: the headings were fitted
        already, and this one does not fit for another reason, such as coming after the 落款)."""
        if self.decided or self.stream[index].type not in _KEPT_HEADINGS:
            return None
        self.decided = True
        firsts = [at for at in self.headings if at not in self.repeats]
        kept = _longest_increasing([self._number(at) for at in firsts])
        aside = [at for i, at in enumerate(firsts) if i not in kept]
        for at in self.headings:
            if at in self.repeats:
                self._set_aside(at, "SECTION_REPEATED")
        for at in aside:
            self._set_aside(at, "SECTION_MISPLACED")
        return min((at for at in (*self.repeats, *aside) if at <= index), default=None)

    def outline(self, tree: Node, placement: list[Problem]) -> list[Problem]:
        """The outline's problems once the parse is done: the headings set aside, the sections
        of 一 to 六 that the recovered parse holds no heading for (neither in its place nor set
        aside), each placed before the next section kept, and the tables met outside their
        section (``placement``)."""
        present = {_heading_of(node).number for node in tree.children
                   if isinstance(node, Node) and node.data == "section"}
        present.update(self._number(at) for at in self.dropped)
        problems = [*self.problems, *placement]
        missing = [number for number in range(1, 7) if number not in present]
        if missing:  # (most reports have all six: where the kept headings are is not needed)
            kept = [(self._number(at), self.stream[at].start_pos) for at in self.headings
                    if self.stream[at].type in _KEPT_HEADINGS]
            end = self.stream[-1].end_pos if self.stream else 0
            for number in missing:
                at = min((start for later, start in kept if later > number), default=end)
                problems.append(Problem(f"section {number} is missing", Span(at, at),
                                        "section-missing", expected=number, found=0))
        return sorted(problems, key=lambda p: p.span) if problems else problems


#: What the recovery has noted: problems, rows reported, tables moved, sub-item problems (see
#: :meth:`_Recovery.mark`).
_Mark = tuple[int, set[int], int, int]


class _Recovery:
    """Repairs the token stream where it does not fit the grammar, noting each repair."""

    def __init__(self, stream: list[PieceToken], words: Vocabulary,
                 headings: list[int] | None = None, sub_headings: list[int] | None = None
                 ) -> None:
        self.stream = stream
        self.words = words
        self.problems: list[Problem] = []
        #: tables met outside their section (the outline's ``table-section`` problems), and the
        #: openers relabelled for them with their own terminal, to undo on a roll-back
        self.placement: list[Problem] = []
        self._moved: list[tuple[int, str]] = []
        #: sub-headings that break their sequence (the outline's ``subheading-sequence``)
        self.sequence: list[Problem] = []
        #: the section headings and sub-headings of the stream (:meth:`_last_subs`)
        self.headings = headings or []
        self.sub_headings = sub_headings or []
        self._subs_seen = self._subs_at = 0
        self._subs_section = -1
        self._subs_last: dict[str, int] = {}
        self._reported_rows: set[int] = set()
        self._cell_counts: dict[int, int] = {}

    @cached_property
    def _last_non_cell(self) -> list[int]:
        """For each index of the stream (and its end), the index of the last token before it
        that is not a cell, -1 if none: found once, so that noting each of many extra cells
        does not walk back over the cells before it. The places of a checked table's tokens
        not read (:data:`_COVERED`, then its end) hold no cell: each looks back to the one before
        it, so they are passed over at once."""
        last, found = -1, []
        stream, at, count = self.stream, 0, len(self.stream)
        while at < count:
            token = stream[at]
            found.append(last)
            if token.type not in _CELL_TYPES:
                last = at
            if type(token) is CheckedTable and stream[at + 1] is _COVERED:
                found += range(at, at + token.inside)
                at = last = at + token.inside
            at += 1
        found.append(last)
        return found

    def read_inside(self, at: int) -> None:
        """The checked table at ``at`` does not fit where it stands: fill in its own tokens for
        the parser to read, and what :attr:`_last_non_cell` found in their places (only there:
        the places before them and after them look back to the same tokens)."""
        _read_inside(self.stream, at, self.words)
        found = vars(self).get("_last_non_cell")
        checked = self.stream[at]
        if found is None or not isinstance(checked, CheckedTable):
            return
        last = at
        for place in range(at + 1, at + 1 + checked.inside):
            found[place] = last
            if self.stream[place].type not in _CELL_TYPES:
                last = place

    def _cells_after(self, label: int) -> int:
        """How many cell tokens follow the token at ``label`` (counted once per label)."""
        if label not in self._cell_counts:
            cells = 0
            for following in islice(self.stream, label + 1, None):
                if following.type not in _CELL_TYPES:
                    break
                cells += 1
            self._cell_counts[label] = cells
        return self._cell_counts[label]

    def _row_label(self, index: int) -> tuple[PieceToken, int] | None:
        """The row label the token at ``index`` belongs to, and how many cells follow it."""
        back = self._last_non_cell[min(index, len(self.stream))]
        if back < 0 or self.stream[back].type not in self.words.labels:
            return None
        return self.stream[back], self._cells_after(back)

    def _note_row(self, index: int, extra: str = "") -> None:
        found = self._row_label(index)
        if found is None:
            return
        label, cells = found
        if id(label) in self._reported_rows:
            return
        self._reported_rows.add(id(label))
        payload = label.payload
        # the width the grammar gives the label: a row's template columns, or table 四's
        # fifteen cells after its header (whose reader item carries no count of its own)
        expected = self.words.labels[label.type][0]
        key = payload.template.key if isinstance(payload, TableItem) and payload.template else None
        kind = self._table_kind(back_from=index)
        name = self._label_name(label, kind)
        self.problems.append(Problem(f"{name}: {cells} cells, expected {expected}{extra}",
                                     Span(label.start_pos or 0, label.end_pos or 0), "row-shape",
                                     table=kind, row=key, expected=expected, found=cells))

    @staticmethod
    def _label_name(label: PieceToken, kind: TableKind | None) -> str:
        """How a problem names the label whose cells are miscounted: a row by its own words;
        a table header (table 四's cells follow its header, not a row label) by its table,
        not by the header's text, which runs over every column heading."""
        payload = label.payload
        if isinstance(payload, TableItem) and payload.kind == "header" and kind is not None:
            return f"table {TABLE_NUMERALS[kind]}"
        return label.value.strip() or "表格"

    def _table_kind(self, back_from: int) -> TableKind | None:
        for token in reversed(self.stream[:back_from]):
            if isinstance(token.payload, TableRead):
                return token.payload.kind
        return None

    def mark(self) -> _Mark:
        """What has been noted so far, to come back to (:meth:`reset`) when the parser is rolled
        back to an earlier copy."""
        return len(self.problems), set(self._reported_rows), len(self._moved), len(self.sequence)

    def reset(self, mark: _Mark) -> None:
        del self.problems[mark[0]:]
        self._reported_rows = set(mark[1])
        for index, type_ in self._moved[mark[2]:]:
            self.stream[index].type = type_
        del self._moved[mark[2]:]
        del self.placement[mark[2]:]
        del self.sequence[mark[3]:]

    def elsewhere(self, parser: _Driver, index: int, token: PieceToken, section: int) -> bool:
        """A table opener that does not fit: when it is a table outside its own section, keep
        the table (its opener fed as ``<OPENER>_ELSEWHERE``) and note where it is."""
        table = token.payload
        opener = token.type
        if not isinstance(table, TableRead) or opener not in self.words.elsewhere:
            return False
        token.type = self.words.elsewhere[opener]
        try:
            parser.feed(token)
        except Misfit:
            token.type = opener
            return False
        self._moved.append((index, opener))
        own = TABLE_SECTIONS[table.kind]
        self.placement.append(Problem(
            f"table {TABLE_NUMERALS[table.kind]} is in section {section or 'none'}, not in "
            f"section {own}", table.span, "table-section", table=table.kind, expected=own,
            found=section))
        return True

    def repair(self, parser: _Driver, index: int, token: PieceToken | None) -> bool:
        """``token`` (``None`` for the end of input) does not fit: make it fit or drop it, and
        say whether it was kept.

        A row that ended early is padded with unread cells up to the width the grammar gives its
        label (:class:`~gipr_lint.reading.canonical.Vocabulary`); an extra cell is dropped; any
        other piece that does not fit where it stands is dropped and reported.
        """
        return self.fit(parser, index, token) or self.drop(index, token)

    def fit(self, parser: _Driver, index: int, token: PieceToken | None) -> bool:
        """Make ``token`` fit by padding the row before it, if that row ended early."""
        type_ = token.type if token is not None else "$END"
        found = self._row_label(index)
        if found is None or type_ in _CELL_TYPES:
            return False
        label, cells = found
        width, optional = self.words.labels[label.type]
        if cells >= width or (not cells and optional):
            return False
        self._note_row(index)
        anchor = self.stream[index - 1].end_pos or 0 if index > 0 else 0
        for _ in range(width - cells):
            parser.feed(_token("CELL", Span(anchor, anchor), "",
                               Cell("", None, Span(anchor, anchor))))
        if token is None:
            return True
        try:
            parser.feed(token)
            return True
        except Misfit:  # it does not fit after the row either (a sub-heading may, repaired)
            return token.type in self.words.subs and self.subitem(parser, index, token)

    def _last_subs(self, index: int) -> dict[str, int]:
        """The index of the last sub-heading of each style before ``index`` in its section.
        Sub-headings that do not fit come in stream order (but after a roll-back), so the
        sub-headings are read on from where the last call stopped: once over in all."""
        if index < self._subs_seen:
            self._subs_at, self._subs_section, self._subs_last = 0, -1, {}
        self._subs_seen = index
        subs, at_list, headings = self.words.subs, self.sub_headings, self.headings
        last = self._subs_last
        while self._subs_at < len(at_list) and at_list[self._subs_at] < index:
            at = at_list[self._subs_at]
            section = bisect_left(headings, at)
            if section != self._subs_section:
                self._subs_section = section
                last.clear()
            last[subs[self.stream[at].type][0]] = at
            self._subs_at += 1
        return dict(last) if bisect_left(headings, index) == self._subs_section else {}

    def subitem(self, parser: _Driver, index: int, token: PieceToken) -> bool:
        """A sub-heading that does not fit its run: say whether it breaks the sequence, feed the
        markers the grammar wanted before it as phantoms (zero-width tokens standing for no
        text) so that it becomes the run's new baseline, and feed it; ``False`` when a
        sub-heading cannot stand here at all (it is then a paragraph that does not fit).

        The readings, in the order tried: the section's first sub-heading may open at any value;
        a marker of the style of the run it stands in (the last sub-heading's style) that the
        grammar did not take skips or repeats a value; a marker of the other style carrying on
        that style's last count (a nested run going on under the next item, （一）（1）（2）（二）
        （3）) fits; one carrying on the count of the run it stands in breaks it (（二）（3）); any
        other value fits neither reading and is let be (silence rather than a guess).
        """
        words = self.words
        style, value = words.subs[token.type]
        if value == 1:  # a run may start anywhere a paragraph may stand
            return False
        last = self._last_subs(index)
        marks = {at_style: _marker_of(self.stream[at]) for at_style, at in last.items()}
        current = max(last, key=last.__getitem__) if last else None
        same = marks.get(style)
        previous: Marker | None = None
        if current is None:
            pass
        elif style == current:
            assert same is not None
            previous = same
        elif same is not None and value == same.value + 1:
            pass
        elif value == marks[current].value + 1:
            previous = marks[current]
        start = 1
        if same is not None and same.value + 1 < value:
            going_on = words.sub_terminals.get((style, same.value + 1))
            if going_on is not None and parser.accepts(going_on):
                start = same.value + 1
        if not parser.accepts(words.sub_terminals[(style, start)]):
            return False
        at = token.start_pos
        for missing in range(start, value):
            parser.feed(PieceToken(words.sub_terminals[(style, missing)], "", at, at, None))
        parser.feed(token)
        if previous is not None:
            found = _marker_of(token)
            self.sequence.append(Problem(
                f"sub-heading {found.text} breaks the sequence after {previous.text}; expected "
                f"the value {previous.value + 1}", found.span, "subheading-sequence",
                expected=previous.value + 1, found=value, markers=(previous, found)))
        return True

    def drop(self, index: int, token: PieceToken | None) -> bool:
        """Leave out ``token``, noting why; returns ``False`` (not kept)."""
        type_ = token.type if token is not None else "$END"
        if type_ in _CELL_TYPES:
            self._note_row(index, "; the extra cells are ignored")
            return False
        if type_ == "TABLE_END":  # a table that could not be closed: what follows says why
            return False
        if token is not None:
            span = Span(token.start_pos or 0, token.end_pos or 0)
            piece = self.words.shown.get(type_, type_.lower().replace("_", " "))
            self.problems.append(Problem(f"unexpected {piece} here", span, "structure",
                                         text=piece))
        return False


@dataclass
class Parsed:
    """A parse: the tree, the problems met in the pieces (rows that do not fit, stray pieces),
    and the outline's problems (sections missing, repeated, out of order; tables outside their
    section)."""

    tree: Node
    problems: list[Problem]
    outline: list[Problem]


def parse_pieces(pieces: list[Piece], templates: Templates | None = None) -> Parsed:
    """Parse recovered pieces into a tree, repairing where they do not fit."""
    templates = current() if templates is None else templates
    words = vocabulary(templates)
    stream, headings, sub_headings = _tokens(pieces, words)
    outline = _Outline(stream, headings)
    recovery = _Recovery(stream, words, headings, sub_headings)
    parser = _Driver.start(_parser_for(templates))
    saved: dict[int, tuple[_Driver, _Mark]] = {}
    upcoming = iter(headings)
    next_heading = next(upcoming, count := len(stream))
    index = 0
    while index < count:
        watching = not (outline.decided or outline.in_order)
        if index == next_heading:
            next_heading = next(upcoming, count)
            if watching:  # a copy to come back to, should this heading be set aside
                saved[index] = (parser.copy(), recovery.mark())
        stop = next_heading if watching else count
        index = parser.run(stream, index, stop)
        if index == stop:
            continue
        token = stream[index]
        if type(token) is CheckedTable:  # the table as one does not fit here: read its tokens
            recovery.read_inside(index)
            index += 1
            continue
        if type(token.payload) is HeadingMatch:
            if not recovery.fit(parser, index, token):
                again = outline.misfit(index)
                if again is not None:  # set aside: feed again from before that heading
                    copy, mark = saved[again]
                    parser = copy.copy()
                    recovery.reset(mark)
                    index = again
                    upcoming = (at for at in headings if at > again)
                    next_heading = again
                    continue
                recovery.drop(index, token)
                outline.dropped.append(index)
        elif not recovery.fit(parser, index, token) and not (
                token.type in words.subs and recovery.subitem(parser, index, token)):
            section = _section_at(stream, headings, index)
            if not recovery.elsewhere(parser, index, token, section):
                recovery.drop(index, token)
        index += 1
    try:
        tree = parser.end()
    except Misfit:
        recovery.repair(parser, count, None)
        tree = parser.end()
    return Parsed(tree, recovery.problems,
                  outline.outline(tree, [*recovery.placement, *recovery.sequence]))


def _section_at(stream: list[PieceToken], headings: list[int], index: int) -> int:
    """The number of the section the token at ``index`` stands in (0 before the first)."""
    at = bisect_left(headings, index) - 1
    return _payload_as_heading(stream[headings[at]]).number if at >= 0 else 0
