"""Applying the fixes rules attach to their findings, and writing files back safely."""

from __future__ import annotations

import codecs
import contextlib
import difflib
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from gipr_lint.diagnostics import Diagnostic, Edit
from gipr_lint.reading.source import Source

if TYPE_CHECKING:
    from gipr_lint.linting.engine import FileResult

__all__ = ["MAX_PASSES", "FixOutcome", "apply_fixes", "encode", "fix_until_stable",
           "replacement_text", "unified_diff", "write_atomic"]

#: How many times :func:`fix_until_stable` lints and fixes at most (ruff uses 100; a report's
#: fixes rarely need more than two passes, and each pass re-parses the whole report).
MAX_PASSES = 20


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
        text = text[:edit.span.start] + replacement_text(source, edit) + text[edit.span.end:]
    return text, applied


def replacement_text(source: Source, edit: Edit) -> str:
    """The text ``edit`` puts in: a line break in it follows the file's line-ending style."""
    replacement = edit.replacement
    if source.newline == "\r\n" and "\n" in replacement and "\r\n" not in replacement:
        replacement = replacement.replace("\n", "\r\n")
    return replacement


@dataclass(frozen=True)
class FixOutcome:
    """What :func:`fix_until_stable` did: the final text, how many fixes it applied over how
    many passes, the lint result of the final text, and whether it stopped because no fix
    applied any more (``False``: the pass limit was reached or fixes went round in a cycle)."""

    text: str
    applied: int
    passes: int
    result: FileResult
    converged: bool


def fix_until_stable(source: Source, lint: Callable[[Source], FileResult], *,
                     unsafe: bool = False, first: FileResult | None = None,
                     max_passes: int = MAX_PASSES) -> FixOutcome:
    """Apply fixes, lint the fixed text again and repeat until no fix applies (at most
    ``max_passes`` times), like ``ruff --fix``: a fix left out of one pass because it overlapped
    another is applied in the next, and a fix that makes a new finding is followed up.

    ``lint`` lints a :class:`Source` (the same settings every time); ``first`` is the result
    of linting ``source`` when the caller has it already. Running this on its own output
    changes nothing.
    """
    result = first if first is not None else lint(source)
    current = source
    seen = {source.text}
    applied = passes = 0
    converged = False
    while passes < max_passes:
        text, count = apply_fixes(current, result.diagnostics, unsafe=unsafe)
        if count == 0 or text == current.text:
            converged = True
            break
        passes += 1
        applied += count
        current = Source.from_text(text, source.path, encoding=source.encoding, bom=source.bom)
        result = lint(current)
        if text in seen:  # fixes undoing each other: stop rather than go round
            break
        seen.add(text)
    return FixOutcome(text=current.text, applied=applied, passes=passes, result=result,
                      converged=converged)


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.span.start == a.span.end or b.span.start == b.span.end:
        return a.span.start == b.span.start
    return a.span.start < b.span.end and b.span.start < a.span.end


def encode(source: Source, text: str, original: bytes = b"") -> bytes:
    """Encode ``text`` the way ``source`` was encoded: same encoding, BOM kept. For UTF-16 the
    byte order of ``original`` (the file's old bytes, or just their start) is kept too."""
    if source.encoding == "utf-16":
        if original.startswith(codecs.BOM_UTF16_BE):
            return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    data = text.encode(source.encoding)
    if source.bom and source.encoding == "utf-8":
        data = codecs.BOM_UTF8 + data
    return data


def write_atomic(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (a temporary file in the same directory,
    flushed to disk, then ``os.replace``), keeping the file's permissions. A symbolic link is
    followed: its target is replaced, the link stays."""
    path = Path(os.path.realpath(path))
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
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
