"""The stable JSON output (``version`` 1), documented in ``docs/cli.md``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from gipr_lint.formatters import severity_counts

#: Bumped only when a key is removed or changes meaning; keys may be added.
JSON_VERSION = 1


def _report(result: Any) -> dict[str, Any]:
    report = result.report
    return {
        "agency": report.agency.text if report.agency else None,
        "agency_kind": str(report.agency_kind.value),
        "year": report.year,
        "format": report.format,
    }


def to_dict(results: Sequence[Any]) -> dict[str, Any]:
    files = []
    for result in results:
        if result.report is None:
            continue
        previous = getattr(result, "previous", None)
        files.append({
            "path": result.path,
            "report": _report(result),
            **({} if previous is None else {"compared_with": {
                "path": previous.path, "agency": previous.agency, "year": previous.year,
                "history": previous.history}}),
            "diagnostics": [{
                "code": d.code, "name": d.name, "severity": d.severity.value,
                "message": d.message, "line": d.line, "column": d.column,
                "end_line": d.end_line, "end_column": d.end_column,
                **({"related": list(d.related)} if d.related else {}),
            } for d in result.diagnostics],
        })
    counts = severity_counts(results)
    return {"version": JSON_VERSION, "files": files,
            "summary": {"files": len(files), "error": counts["error"],
                        "warning": counts["warning"], "info": counts["info"]}}


def write(results: Sequence[Any], out: TextIO, context: Any) -> None:
    json.dump(to_dict(results), out, ensure_ascii=False, indent=2)
    out.write("\n")
