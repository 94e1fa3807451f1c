"""Shared helpers for the benchmarks: the fixtures, a 10 KB report, timing."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("*.txt"))


def report_of_size(size: int = 10 * 1024) -> str:
    """A real report (seed 000) grown to ``size`` UTF-8 bytes by repeating its own prose in
    section 一, so the tables and structure stay those of a real report."""
    text = FIXTURES[0].read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    prose = lines[3:8]
    while len("".join(lines).encode("utf-8")) < size:
        lines[8:8] = prose
    return "".join(lines)


def precompile() -> None:
    """Compile the sources to bytecode first, as ``pip install`` does: a cold start measured on
    a checkout with ``PYTHONDONTWRITEBYTECODE`` set would otherwise include compiling every
    module on every start, which no installed gipr-lint pays."""
    import compileall

    for folder in ("gipr_lint", "plugins"):
        compileall.compile_dir(ROOT / folder, quiet=1)


def rate(function: Callable[[], object], seconds: float = 3.0) -> tuple[float, int]:
    """Calls per second of ``function`` over about ``seconds`` (after one warm-up call)."""
    function()
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        function()
        count += 1
    return count / (time.perf_counter() - start), count
