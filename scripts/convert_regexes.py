"""Rewrite every ``re.compile(`` call of the core and the packs into ``compile_re(`` (issue 15).

:func:`gipr_lint.regex.compile_re` is ``re.compile`` with the compiled program kept across
runs. This script makes the code base use it: in each ``.py`` file under ``gipr_lint/`` and
``plugins/`` it replaces the *code* ``re.compile(`` (tokens, never text inside strings or
comments) by ``compile_re(``, adds the import (``from gipr_lint.regex import compile_re`` in the
core, ``from gipr_lint.api import compile_re`` in a pack, which may import only the API), and
lets ruff sort the imports and drop an ``import re`` that is no longer used. ``compile_re`` is
exactly as long as ``re.compile``, so no line grows.

Idempotent: a converted file has no ``re.compile(`` left and is not touched again, so it can be
re-run after merging branches that added patterns. ``gipr_lint/regex.py`` itself keeps
``re.compile`` (its fallback). Usage: ``python scripts/convert_regexes.py [--check]`` from the
repository root (``--check``: only list the files that would change, exit 1 if any).
"""

from __future__ import annotations

import ast
import io
import subprocess
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("gipr_lint", "plugins")
SKIPPED = {ROOT / "gipr_lint" / "regex.py", ROOT / "gipr_lint" / "cache_dir.py"}
NAME = "compile_re"


def _calls(source: str) -> list[tuple[int, int]]:
    """(line, column) of each ``re`` that starts a code ``re.compile(``."""
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)
              if t.type not in (tokenize.NL, tokenize.COMMENT)]
    found = []
    for index in range(len(tokens) - 3):
        first, dot, name, paren = tokens[index:index + 4]
        before = tokens[index - 1] if index else None
        if (first.type == tokenize.NAME and first.string == "re"
                and dot.string == "." and name.string == "compile" and paren.string == "("
                and not (before is not None and before.string == ".")):
            found.append(first.start)
    return found


def _import_line(path: Path) -> str:
    module = "gipr_lint.regex" if path.is_relative_to(ROOT / "gipr_lint") else "gipr_lint.api"
    return f"from {module} import {NAME}\n"


def _imports_name(tree: ast.Module) -> bool:
    return any(isinstance(node, ast.ImportFrom) and any(a.name == NAME for a in node.names)
               for node in tree.body)


def convert(path: Path) -> bool:
    """Convert one file; whether it changed."""
    source = path.read_text(encoding="utf-8")
    calls = _calls(source)
    if not calls:
        return False
    lines = source.splitlines(keepends=True)
    for line, column in sorted(calls, reverse=True):  # right to left keeps the columns valid
        text = lines[line - 1]
        assert text[column:column + len("re.compile")] == "re.compile", (path, line)
        lines[line - 1] = text[:column] + NAME + text[column + len("re.compile"):]
    tree = ast.parse(source)
    if not _imports_name(tree):
        first_use = min(line for line, _ in calls)
        imports = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))
                   and node.lineno < first_use]
        if not imports:
            raise SystemExit(f"{path}: no import before the first re.compile; convert by hand")
        after = max(node.end_lineno or node.lineno for node in imports)
        lines.insert(after, _import_line(path))
    path.write_text("".join(lines), encoding="utf-8")
    return True


def main() -> int:
    check = "--check" in sys.argv[1:]
    files = sorted(path for folder in FOLDERS for path in (ROOT / folder).rglob("*.py")
                   if path not in SKIPPED and ".venv" not in path.parts
                   and "build" not in path.parts)
    if check:
        pending = [path for path in files if _calls(path.read_text(encoding="utf-8"))]
        for path in pending:
            print(path.relative_to(ROOT))
        return 1 if pending else 0
    changed = [path for path in files if convert(path)]
    if changed:
        # sort the new import into place and drop each ``import re`` left unused
        subprocess.run([sys.executable, "-m", "ruff", "check", "--quiet", "--fix",
                        "--select", "I001,F401", *map(str, changed)], cwd=ROOT, check=False)
    for path in changed:
        print(f"converted {path.relative_to(ROOT)}")
    print(f"{len(changed)} file(s) converted")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
