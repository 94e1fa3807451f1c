"""Baselines: record today's findings, then show only new ones.

A finding is matched on its code, its file's path (relative to the baseline file's directory)
and the text around it (the span plus :data:`CONTEXT` characters each side, whitespace
collapsed), never on line numbers, so edits elsewhere in a report do not bring old findings
back. Matching counts: a finding recorded twice suppresses at most two. The file format is
described in ``docs/cli.md``.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from gipr_lint.diagnostics import Diagnostic
from gipr_lint.i18n import translator
from gipr_lint.linting.engine import FileResult
from gipr_lint.reading.source import Source

__all__ = ["BASELINE_VERSION", "CONTEXT", "BaselineError", "filter_new", "load_baseline",
           "write_baseline"]

BASELINE_VERSION = 1
#: Characters of text recorded on each side of a finding's span.
CONTEXT = 10

Key = tuple[str, str, str]

_ = translator("gipr_lint")


class BaselineError(Exception):
    """The baseline file cannot be read or is not a gipr-lint baseline."""


def context_text(diagnostic: Diagnostic, source: Source) -> str:
    start = max(0, diagnostic.span.start - CONTEXT)
    end = min(len(source.text), diagnostic.span.end + CONTEXT)
    return " ".join(source.text[start:end].split())


def _path(path: str, base: Path) -> str:
    if path == "-":
        return path
    return Path(os.path.relpath(Path(path).absolute(), base.absolute())).as_posix()


def _keys(results: Sequence[FileResult], base: Path) -> Counter[Key]:
    keys: Counter[Key] = Counter()
    for result in results:
        if result.source is None:
            continue
        for diagnostic in result.diagnostics:
            keys[(diagnostic.code, _path(result.path, base),
                  context_text(diagnostic, result.source))] += 1
    return keys


def write_baseline(path: Path, results: Sequence[FileResult]) -> int:
    """Record every diagnostic of ``results`` in ``path``; return how many."""
    keys = _keys(results, path.parent)
    data: dict[str, Any] = {"version": BASELINE_VERSION, "tool": "gipr-lint", "findings": [
        {"code": code, "path": file, "context": context, "count": count}
        for (code, file, context), count in sorted(keys.items())]}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return sum(keys.values())


def load_baseline(path: Path) -> Counter[Key]:
    """The recorded findings of a baseline file, with their counts."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))  # Notepad writes a BOM
    except OSError as exc:
        reason = _(exc.strerror) if exc.strerror else str(exc)
        raise BaselineError(f"{path}: " + _("cannot read: {reason}").format(reason=reason)) \
            from None
    except ValueError as exc:
        raise BaselineError(f"{path}: " + _("not a JSON baseline: {reason}").format(
            reason=exc)) from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION \
            or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: " + _("not a gipr-lint baseline (version {version})")
                            .format(version=BASELINE_VERSION))
    keys: Counter[Key] = Counter()
    try:
        for entry in data["findings"]:
            keys[(entry["code"], entry["path"], entry["context"])] += int(entry.get("count", 1))
    except (KeyError, TypeError, ValueError) as exc:
        raise BaselineError(f"{path}: " + _("malformed finding entry: {reason}").format(
            reason=repr(exc))) from None
    return keys


def filter_new(results: Sequence[FileResult], baseline: Counter[Key], base: Path
               ) -> list[FileResult]:
    """``results`` without the diagnostics the baseline records (each entry used once)."""
    remaining = Counter(baseline)
    out = []
    for result in results:
        if result.source is None:
            out.append(result)
            continue
        kept = []
        path = _path(result.path, base)
        for diagnostic in result.diagnostics:
            key = (diagnostic.code, path, context_text(diagnostic, result.source))
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                kept.append(diagnostic)
        # Everything else the result knows (its tables read, the report it was compared with)
        # is kept: the summary line and the JSON summary count the tables of every file linted.
        out.append(replace(result, diagnostics=kept, rendered=None))
    return out
