"""The parsed report as JSON (``gipr-lint parse --format json``) and as a tree.

The JSON shape is documented in ``docs/json.md`` and kept stable: keys are only ever added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gipr_lint.model import Report, Row, Table
from gipr_lint.templates import current

if TYPE_CHECKING:
    from rich.tree import Tree

__all__ = ["JSON_VERSION", "report_to_dict", "report_tree"]

JSON_VERSION = 1


def _active_columns(format_: str) -> dict[str, tuple[str, ...]]:
    """Table 二's column ids by row key, in the templates the report was read with (a pack's
    rows included)."""
    return {row.key: block.column_ids for block in current().active_blocks[format_]
            for row in block.rows}


def _table_dict(table: Table) -> dict[str, Any]:
    if table.kind == "active":
        columns = _active_columns(table.format)
        return {row.key: dict(zip(columns.get(row.key, ()), row.values(), strict=False))
                for row in table.rows}
    return {row.key: list(row.values()) for row in table.rows}


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain data: facts, sections, tables, signature and problems."""
    source = report.source

    def line(offset: int) -> int:
        return source.position(offset)[0]

    signature = report.signature
    return {
        "version": JSON_VERSION,
        "path": report.path,
        "encoding": source.encoding,
        "title": report.title.text if report.title else None,
        "agency": report.agency.text if report.agency else None,
        "agency_origin": report.agency_origin,
        "agency_kind": report.agency_kind.value,
        "year": report.year,
        "format": report.format,
        "sections": [
            {"number": section.number, "title": section.heading.title,
             "official_title": section.title, "line": line(section.heading.span.start)}
            for section in report.sections
        ],
        "tables": {kind: _table_dict(table) for kind, table in report.tables.items()},
        "periods": [{"start": period.start.isoformat(), "end": period.end.isoformat(),
                     "text": period.text, "line": line(period.span.start)}
                    for period in report.periods],
        "missing_rows": {kind: list(table.missing_rows)
                         for kind, table in report.tables.items() if table.missing_rows},
        "signature": None if signature is None else {
            "agency": signature.agency.text if signature.agency else None,
            "date": signature.date.isoformat() if signature.date else None,
            "line": line(signature.span.start),
        },
        "debris": [{"kind": d.kind, "text": d.text, "line": line(d.span.start)}
                   for d in report.debris],
        "problems": [
            {"message": problem.message, "line": source.position(problem.span.start)[0],
             "column": source.position(problem.span.start)[1]}
            for problem in report.problems
        ],
    }


def _row_text(row: Row) -> str:
    values = " ".join("?" if c.value is None else str(c.value) for c in row.cells)
    note = " [reworded]" if row.reworded else ""
    return f"{row.key}: {values}{note}"


def report_tree(report: Report) -> Tree:
    """The report as a :class:`rich.tree.Tree` (``gipr-lint parse --format tree``)."""
    from rich.markup import escape
    from rich.tree import Tree

    source = report.source

    def at(offset: int) -> str:
        line, column = source.position(offset)
        return f"[dim]{line}:{column}[/dim]"

    from gipr_lint.i18n import translator

    _ = translator("gipr_lint")
    none = "—"
    root = Tree(f"[bold]{escape(report.path)}[/bold]")
    facts = root.add(_("facts"))
    facts.add(_("title: {title}").format(
        title=escape(report.title.text) if report.title else none))
    facts.add(_("agency: {agency} ({kind}, from {origin})").format(
        agency=escape(report.agency.text) if report.agency else none,
        kind=report.agency_kind.value, origin=report.agency_origin or none))
    facts.add(_("year: {year}   format: {format}").format(year=report.year or none,
                                                         format=report.format or none))
    for debris in report.debris:
        root.add(f"{at(debris.span.start)} " + _("debris ({kind}): {text}").format(
            kind=debris.kind, text=escape(debris.text)))
    for section in report.sections:
        branch = root.add(f"{at(section.heading.span.start)} [bold]{escape(section.heading.text)}"
                          "[/bold] → " + _("section {number}").format(number=section.number))
        for paragraph in section.paragraphs:
            preview = paragraph.text if len(paragraph.text) <= 30 else paragraph.text[:30] + "…"
            branch.add(f"{at(paragraph.span.start)} {escape(preview)}")
    for kind, table in report.tables.items():
        branch = root.add(f"{at(table.span.start)} " + _("table {kind} ({format} format)").format(
            kind=kind, format=table.format))
        for row in table.rows:
            branch.add(f"{at(row.label_span.start)} {escape(_row_text(row))}")
        for key in table.missing_rows:
            branch.add("[red]" + _("missing row {key}").format(key=key) + "[/red]")
    if report.signature is not None:
        agency = report.signature.agency.text if report.signature.agency else none
        root.add(f"{at(report.signature.span.start)} " + _("signature: {agency} {date}").format(
            agency=escape(agency), date=report.signature.date or none))
    for problem in report.problems:
        root.add(f"{at(problem.span.start)} [red]" + _("problem:") + "[/red] "
                 + escape(problem.message))
    return root
