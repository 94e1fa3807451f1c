"""``--fix`` and ``--diff``: applying the fixes findings carry."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from gipr_lint.cli.common import error
from gipr_lint.i18n import translator

if TYPE_CHECKING:
    from gipr_lint.linting.config import Settings
    from gipr_lint.linting.engine import FileResult
    from gipr_lint.linting.plugin_manager import PluginSet
    from gipr_lint.reading.source import Source

__all__ = ["apply_fixes", "refuse_unfixable"]

_ = translator("gipr_lint")


def refuse_unfixable(results: list[FileResult], args: argparse.Namespace,
                     stdin: set[int]) -> bool:
    """Say so for every file --fix/--diff cannot rewrite (a web page, Word or PDF file);
    return whether there was one."""
    found = False
    for index, result in enumerate(results):
        if index in stdin or result.source is None or result.source.kind == "text":
            continue
        kinds = {"html": _("a web page"), "docx": _("a Word file"), "pdf": _("a PDF file")}
        kind = kinds.get(result.source.kind) or _("a {kind} file").format(
            kind=result.source.kind)
        option = "--diff" if args.diff else "--fix"
        # In the user's language: a clerk drafting in Word meets it first.
        error(_("{path}: {option}: cannot rewrite {kind}; gipr-lint fixes plain-text reports "
                "only: correct the findings in the original document").format(
                    path=result.path, option=option, kind=kind))
        found = True
    return found


def apply_fixes(results: list[FileResult], args: argparse.Namespace, plugin_set: PluginSet,
                 resolver: Any, out: TextIO, stdin: set[int]) -> tuple[list[FileResult], int]:
    """Apply (or with --diff, print) fixes; return the re-linted results and the fix count.

    Each file is fixed until no fix applies any more (see
    :func:`gipr_lint.editor.fixes.fix_until_stable`), so a second ``--fix`` changes nothing. Only
    files read by the plain-text reader are written back; ``stdin`` holds the indexes of the
    results read from standard input, whose text goes to standard output, fixed or not (so
    that an editor piping a buffer through ``--fix -`` always gets the buffer back).
    """
    from gipr_lint.editor.fixes import encode, fix_until_stable, unified_diff, write_atomic
    from gipr_lint.linting.builtin import TextReader
    from gipr_lint.linting.engine import lint_source

    total = 0
    fixed_results = []
    for index, result in enumerate(results):
        source = result.source
        from_stdin = index in stdin
        if source is None or not any(d.fix for d in result.diagnostics):
            if from_stdin and source is not None and not args.diff:
                sys.stdout.write(source.text)
            fixed_results.append(result)
            continue
        if not from_stdin and source.kind != "text":
            fixed_results.append(result)  # said by refuse_unfixable
            continue
        if not from_stdin and not isinstance(plugin_set.reader_for(result.path), TextReader):
            error(_("{path}: not fixed: fixes are written back to plain-text files only")
                  .format(path=result.path))
            fixed_results.append(result)
            continue
        settings = resolver.settings_for(Path(result.path))

        def relint(fixed: Source, settings: Settings = settings) -> FileResult:
            return lint_source(fixed, settings, plugin_set)

        outcome = fix_until_stable(source, relint, unsafe=args.unsafe_fixes, first=result)
        if outcome.applied == 0 or outcome.text == source.text:
            if from_stdin and not args.diff:
                sys.stdout.write(source.text)
            fixed_results.append(result)
            continue
        if not outcome.converged:
            error(_("{path}: fixes did not settle after {passes} passes; some findings are "
                    "left unfixed").format(path=result.path, passes=outcome.passes))
        total += outcome.applied
        if args.diff:
            out.write(unified_diff(source, outcome.text))
            fixed_results.append(result)
            continue
        if from_stdin:
            sys.stdout.write(outcome.text)
        else:
            with open(result.path, "rb") as handle:
                head = handle.read(4)
            write_atomic(result.path, encode(source, outcome.text, head))
        fixed_results.append(outcome.result)
    return fixed_results, total
