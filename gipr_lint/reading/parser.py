"""Parsing a report: layout recovery, then the Lark grammar, then the model.

:func:`parse` never raises on report content: whatever the text, it returns a (possibly partial)
:class:`~gipr_lint.model.Report` whose ``problems`` say where the text stopped fitting.
"""

from __future__ import annotations

from gipr_lint.model import Problem, Report
from gipr_lint.reading.builder import build_report
from gipr_lint.reading.grammar import parse_pieces
from gipr_lint.reading.layout import recover
from gipr_lint.reading.source import Source, Span

__all__ = ["parse", "parse_text"]


def parse(source: Source) -> Report:
    """Parse a decoded report."""
    if not source.text.strip():
        return Report(source=source, problems=(Problem("the file is empty", Span(0, 0), "empty"),))
    layout = recover(source)
    parsed = parse_pieces(layout.pieces)
    return build_report(source, parsed.tree, [*layout.problems, *parsed.problems], parsed.outline)


def parse_text(text: str, path: str = "<string>") -> Report:
    """Parse report text (a convenience for tests and the REPL)."""
    return parse(Source.from_text(text, path))
