"""SARIF 2.1.0 (``--format sarif``), e.g. for GitHub code scanning.

Columns are Unicode code points (``run.columnKind = unicodeCodePoints``), matching the other
formats; ``endColumn`` is exclusive, as SARIF defines it. An HTML page's findings carry the line
and column in the page; a Word or PDF file's carry no region (the file has no lines) but a
logical location naming the place (``table 3, row 5, column 2``), also at the start of the
message.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

from gipr_lint.formatters import place_before

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    if path == "-":
        return "stdin"
    if PurePath(path).is_absolute():
        return Path(path).as_uri()
    return quote(PurePath(path).as_posix())


def _rule(code: str, rule: Any, plugin: str | None) -> dict[str, Any]:
    from gipr_lint.i18n import rule_summary

    doc = inspect.cleandoc(rule.__doc__ or rule.summary)
    entry: dict[str, Any] = {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule_summary(rule)},
        "fullDescription": {"text": doc},
        "help": {"text": doc},
        "defaultConfiguration": {"level": _LEVEL[str(rule.severity.value
                                                     if hasattr(rule.severity, "value")
                                                     else rule.severity)]},
    }
    if plugin:
        entry["properties"] = {"plugin": plugin}
    return entry


def to_dict(results: Sequence[Any], context: Any) -> dict[str, Any]:
    rules = dict(context.rules)
    index = {code: number for number, code in enumerate(rules)}
    sarif_results = []
    for result in results:
        for d in result.diagnostics:
            location: dict[str, Any] = {"physicalLocation": {
                "artifactLocation": {"uri": _uri(d.path)},
                "region": {"startLine": d.line, "startColumn": d.column,
                           "endLine": d.end_line, "endColumn": d.end_column},
            }}
            message = d.message
            if d.where:
                # a Word or PDF file: no lines; name the place (the region is not in the file)
                del location["physicalLocation"]["region"]
                location["logicalLocations"] = [{"fullyQualifiedName": d.where,
                                                 "kind": "element"}]
                message = place_before(d.where, d.message)
            item: dict[str, Any] = {
                "ruleId": d.code,
                "level": _LEVEL[d.severity.value],
                "message": {"text": message},
                "locations": [location],
            }
            if d.code in index:
                item["ruleIndex"] = index[d.code]
            related = getattr(d, "related", ())
            if related:  # a cross-report finding: the reports it was compared with
                item["relatedLocations"] = [
                    {"id": number, "physicalLocation": {"artifactLocation": {"uri": _uri(path)}},
                     "message": {"text": "compared with"}}
                    for number, path in enumerate(related)]
            sarif_results.append(item)
    driver = {
        "name": "gipr-lint",
        "version": context.version,
        "informationUri": "https://pypi.org/project/gipr-lint/",
        "rules": [_rule(code, rule, context.rule_plugin.get(code))
                  for code, rule in rules.items()],
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints",
                      "results": sarif_results}]}


def write(results: Sequence[Any], out: TextIO, context: Any) -> None:
    json.dump(to_dict(results, context), out, ensure_ascii=False, indent=2)
    out.write("\n")
