"""The objects the reading pipeline builds without their dataclass ``__init__`` (issue 15) are
the objects the classes' own ``__init__`` makes: every field set, equal values."""

from __future__ import annotations

import dataclasses

from gipr_lint.model import Heading, Marker
from gipr_lint.reading.layout import headings
from gipr_lint.reading.source import Span


def test_a_moved_heading_sets_every_field_and_equals_one_made_whole() -> None:
    for cls, names in headings.MOVED_FIELDS.items():
        assert names == tuple(field.name for field in dataclasses.fields(cls)), cls
    found = headings._heading_in_line("  一、总体情况")
    assert found is not None and found.heading.marker is not None
    moved = headings._moved(found, 100)
    heading = found.heading
    marker = heading.marker
    assert marker is not None
    assert moved == headings.HeadingMatch(found.number, Heading(
        heading.text, Span(heading.span.start + 100, heading.span.end + 100),
        Marker(marker.text, marker.style, marker.value,
               Span(marker.span.start + 100, marker.span.end + 100)),
        heading.title, Span(heading.title_span.start + 100, heading.title_span.end + 100),
        heading.official_title, heading.match))
    unnumbered = headings._heading_in_line("总体情况")
    assert unnumbered is not None
    assert headings._moved(unnumbered, 7).heading.marker is None
    assert headings._moved(unnumbered, 7).heading.span == Span(7, 11)
