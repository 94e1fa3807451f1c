"""Applying the fixes rules attach to their findings, and writing files back safely."""

from __future__ import annotations

import codecs
import contextlib
import difflib
import os
import tempfile
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path

from gipr_lint.diagnostics import Diagnostic, Edit
from gipr_lint.source import Source

__all__ = ["apply_fixes", "encode", "unified_diff", "write_atomic"]


def apply_fixes(source: Source, diagnostics: Iterable[Diagnostic], *,
                unsafe: bool = False) -> tuple[str, int]:
    """The text with every applicable fix applied, and how many fixes were applied.

    Safe fixes always apply, unsafe ones only with ``unsafe``. A fix whose edits overlap an
    earlier (by position) fix's edits is left out; edits are applied back to front. A line
    break in a replacement follows the file's line-ending style.
    """
    chosen: list[Edit] = []
    applied = 0
    fixes = [d.fix for d in diagnostics if d.fix is not None and (d.fix.safe or unsafe)]
    fixes.sort(key=lambda fix: min((e.span.start for e in fix.edits), default=0))
    for fix in fixes:
        edits = sorted(fix.edits, key=lambda e: (e.span.start, e.span.end))
        if any(_overlaps(edit, other) for edit in edits for other in chosen):
            continue
        if any(_overlaps(a, b) for a, b in pairwise(edits)):
            continue
        chosen.extend(edits)
        applied += 1
    text = source.text
    for edit in sorted(chosen, key=lambda e: (e.span.start, e.span.end), reverse=True):
        replacement = edit.replacement
        if source.newline == "\r\n" and "\n" in replacement and "\r\n" not in replacement:
            replacement = replacement.replace("\n", "\r\n")
        text = text[:edit.span.start] + replacement + text[edit.span.end:]
    return text, applied


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.span.start == a.span.end or b.span.start == b.span.end:
        return a.span.start == b.span.start
    return a.span.start < b.span.end and b.span.start < a.span.end


def encode(source: Source, text: str) -> bytes:
    """Encode ``text`` the way ``source`` was encoded: same encoding, BOM kept."""
    if source.encoding == "utf-16":
        return text.encode("utf-16")  # writes a BOM in the machine's byte order
    data = text.encode(source.encoding)
    if source.bom and source.encoding == "utf-8":
        data = codecs.BOM_UTF8 + data
    return data


def write_atomic(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (a temporary file in the same directory, then
    ``os.replace``), keeping the file's permissions."""
    path = Path(path)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        with contextlib.suppress(OSError):
            os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def unified_diff(source: Source, text: str) -> str:
    """A unified diff from the source's text to ``text``."""
    return "".join(difflib.unified_diff(
        source.text.splitlines(keepends=True), text.splitlines(keepends=True),
        fromfile=f"a/{source.path}", tofile=f"b/{source.path}"))
