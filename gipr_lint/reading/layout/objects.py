"""Building the model's cells and spans without their dataclass ``__init__`` (issue 15).

:class:`~gipr_lint.model.Cell` and :class:`~gipr_lint.reading.source.Span` are frozen dataclasses
with slots: their generated ``__init__`` sets each field through ``object.__setattr__`` (the
class forbids plain assignment), about 0.4 µs a cell and its span. A table reader builds a few
hundred of them per report, so here each field is set by its slot's own descriptor on an
instance made by ``object.__new__``: the same object (same class, fields, equality and hash) at
half the cost. Only for the readers' hot loops; everything else calls the classes.
"""

from __future__ import annotations

from typing import Any

from gipr_lint.model import Cell, Marker, Paragraph
from gipr_lint.reading.source import Span

__all__ = ["new_cell", "new_paragraph", "new_span"]

_new = object.__new__
_slot: dict[str, Any] = {**{f"span.{n}": Span.__dict__[n] for n in ("start", "end")},
                         **{f"cell.{n}": Cell.__dict__[n] for n in ("raw", "value", "span",
                                                                    "blank")}}
_set_start = _slot["span.start"].__set__
_set_end = _slot["span.end"].__set__
_set_raw = _slot["cell.raw"].__set__
_set_value = _slot["cell.value"].__set__
_set_span = _slot["cell.span"].__set__
_set_blank = _slot["cell.blank"].__set__


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



_set_paragraph_text = Paragraph.__dict__["text"].__set__
_set_paragraph_span = Paragraph.__dict__["span"].__set__
_set_paragraph_marker = Paragraph.__dict__["marker"].__set__


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
