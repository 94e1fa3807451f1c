"""Building the model's cells and spans without their dataclass ``__init__`` (issue 15).

:class:`~gipr_lint.model.Cell` and :class:`~gipr_lint.reading.source.Span` are frozen dataclasses
with slots: their generated ``__init__`` sets each field through ``object.__setattr__`` (the
class forbids plain assignment), about 0.4 µs a cell and its span. A table reader builds a few
hundred of them per report, so here each field is set by its slot's own descriptor on an
instance made by ``object.__new__``: the same object (same class, fields, equality and hash) at
half the cost. Only for the readers' hot loops; everything else calls the classes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gipr_lint.model import Cell, Marker, Paragraph
from gipr_lint.reading.source import Span

__all__ = ["CellPlace", "new_cell", "new_cells", "new_paragraph", "new_span"]

_new = object.__new__


def _setter(cls: type, field: str) -> Any:
    """The ``__set__`` of ``cls``'s slot for ``field`` (a frozen class forbids plain setting)."""
    return cls.__dict__[field].__set__


#: The fields each builder sets: a test checks they are all the class's fields.
FIELDS_SET = {Span: ("start", "end"), Cell: ("raw", "value", "span", "blank"),
              Paragraph: ("text", "span", "marker")}

_set_start, _set_end = (_setter(Span, name) for name in FIELDS_SET[Span])
_set_raw, _set_value, _set_span, _set_blank = (_setter(Cell, name) for name in FIELDS_SET[Cell])
_set_paragraph_text, _set_paragraph_span, _set_paragraph_marker = (
    _setter(Paragraph, name) for name in FIELDS_SET[Paragraph])


def new_span(start: int, end: int) -> Span:
    """``Span(start, end)``."""
    span = _new(Span)
    _set_start(span, start)
    _set_end(span, end)
    return span  # type: ignore[no-any-return]


def new_cell(raw: str, value: int | float | None, start: int, end: int,
             blank: bool = False) -> Cell:
    """``Cell(raw, value, Span(start, end), blank)``."""
    span = _new(Span)
    _set_start(span, start)
    _set_end(span, end)
    cell = _new(Cell)
    _set_raw(cell, raw)
    _set_value(cell, value)
    _set_span(cell, span)
    _set_blank(cell, blank)
    return cell  # type: ignore[no-any-return]


#: A cell as (raw, value, start, end, blank), its offsets from some base.
CellPlace = tuple[str, "int | float | None", int, int, bool]


def new_cells(places: Sequence[CellPlace], base: int) -> tuple[Cell, ...]:
    """``new_cell(raw, value, base + start, base + end, blank)`` for each place, built in one
    loop (a remembered table row becomes its cells here, a few hundred a report)."""
    cells: list[Cell] = []
    append = cells.append
    for raw, value, start, end, blank in places:
        span = _new(Span)
        _set_start(span, base + start)
        _set_end(span, base + end)
        cell = _new(Cell)
        _set_raw(cell, raw)
        _set_value(cell, value)
        _set_span(cell, span)
        _set_blank(cell, blank)
        append(cell)
    return tuple(cells)


def new_paragraph(text: str, start: int, end: int, marker: Marker | None) -> Paragraph:
    """``Paragraph(text, Span(start, end), marker)``."""
    span = _new(Span)
    _set_start(span, start)
    _set_end(span, end)
    paragraph = _new(Paragraph)
    _set_paragraph_text(paragraph, text)
    _set_paragraph_span(paragraph, span)
    _set_paragraph_marker(paragraph, marker)
    return paragraph  # type: ignore[no-any-return]
