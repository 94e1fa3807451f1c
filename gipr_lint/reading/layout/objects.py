"""Building the model's cells and spans without their dataclass ``__init__`` (issue 15).

:class:`~gipr_lint.model.Cell` and :class:`~gipr_lint.reading.source.Span` are frozen dataclasses
with slots: their generated ``__init__`` sets each field through ``object.__setattr__`` (the
class forbids plain assignment), about 0.4 µs a cell and its span. A table reader builds a few
hundred of them per report, so here each object is made as an instance of its class's *twin*
(:func:`twin`): a plain class with the very same slots, whose fields are set by ordinary
assignment (the interpreter's fastest attribute store), and which then becomes an instance of
the model's class by assigning ``__class__`` (allowed between classes of one memory layout).
The same object (same class, fields, equality and hash) at a third of the cost. A twin is made
by calling it (``_SpanTwin()``): it has no ``__init__`` of its own, and the call takes the
interpreter's direct path for a type, a quarter cheaper than ``object.__new__(_SpanTwin)``. Only
for the readers' and the builder's hot paths; everything else calls the classes.

A class whose objects are only ever made from their fields gets its builder from :func:`maker`;
the builders that make more than one object at a time (a cell and its span, a row's cells) are
written out below.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from gipr_lint.model import Cell, Marker, Paragraph
from gipr_lint.reading.source import Span

__all__ = ["CellPlace", "maker", "new_cell", "new_cells", "new_paragraph", "new_span", "twin"]

_new = object.__new__
_T = TypeVar("_T")


def twin(cls: type) -> Any:
    """A plain class with ``cls``'s slots, in order, that is not frozen: an instance of it, its
    fields set, becomes an instance of ``cls`` by ``instance.__class__ = cls``. ``cls`` must be a
    slotted dataclass whose only base is ``object`` (checked here, on a trial instance)."""
    made = type(f"_{cls.__name__}Twin", (), {"__slots__": cls.__slots__})  # type: ignore[attr-defined]
    trial: Any = _new(made)
    trial.__class__ = cls  # raises TypeError unless the layouts are the same
    return made


#: The fields each builder sets: a test checks they are all the class's fields.
FIELDS_SET = {Span: ("start", "end"), Cell: ("raw", "value", "span", "blank"),
              Paragraph: ("text", "span", "marker")}

_SpanTwin, _CellTwin, _ParagraphTwin = twin(Span), twin(Cell), twin(Paragraph)


def maker(cls: type[_T]) -> Callable[..., _T]:
    """A builder of ``cls`` objects: called with the values of ``cls``'s fields, in order and
    by position, it returns the object ``cls(*values)`` would (same class, fields, equality,
    hash and repr), made as an instance of its :func:`twin` whose slots are set one by one and
    which then becomes a ``cls``. Every field is set, whatever fields the class has.

    The builder is written out as Python text and compiled, as :mod:`dataclasses` writes an
    ``__init__``, so that it runs the plain assignments a hand-written one would (a loop of
    ``setattr`` calls would cost more than the frozen ``__init__`` it replaces)."""
    names = [field.name for field in dataclasses.fields(cls)]  # type: ignore[arg-type]
    lines = [f"def make({', '.join(names)}):", "    made = Twin()",
             *(f"    made.{name} = {name}" for name in names),
             "    made.__class__ = Made", "    return made"]
    namespace: dict[str, Any] = {"Twin": twin(cls), "Made": cls}
    exec("\n".join(lines), namespace)  # (text made of the class's field names only)
    make: Callable[..., _T] = namespace["make"]
    make.__name__ = make.__qualname__ = f"new_{cls.__name__}"
    make.__doc__ = f"``{cls.__name__}(*fields)``, made by its twin (:func:`maker`)."
    return make


#: ``Span(start, end)``.
new_span: Callable[[int, int], Span] = maker(Span)


def new_cell(raw: str, value: int | float | None, start: int, end: int,
             blank: bool = False) -> Cell:
    """``Cell(raw, value, Span(start, end), blank)``."""
    cell = _CellTwin()
    cell.raw = raw
    cell.value = value
    cell.span = new_span(start, end)
    cell.blank = blank
    cell.__class__ = Cell
    return cell  # type: ignore[no-any-return]


#: A cell as (raw, value, start, end, blank), its offsets from some base.
CellPlace = tuple[str, "int | float | None", int, int, bool]


def new_cells(places: Sequence[CellPlace], base: int) -> tuple[Cell, ...]:
    """``new_cell(raw, value, base + start, base + end, blank)`` for each place, built in one
    loop (a remembered table row becomes its cells here, a few hundred a report)."""
    cells: list[Cell] = []
    append = cells.append
    for raw, value, start, end, blank in places:
        span = _SpanTwin()
        span.start = base + start
        span.end = base + end
        span.__class__ = Span
        cell = _CellTwin()
        cell.raw = raw
        cell.value = value
        cell.span = span
        cell.blank = blank
        cell.__class__ = Cell
        append(cell)
    return tuple(cells)


def new_paragraph(text: str, start: int, end: int, marker: Marker | None) -> Paragraph:
    """``Paragraph(text, Span(start, end), marker)``."""
    paragraph = _ParagraphTwin()
    paragraph.text = text
    paragraph.span = new_span(start, end)
    paragraph.marker = marker
    paragraph.__class__ = Paragraph
    return paragraph  # type: ignore[no-any-return]
