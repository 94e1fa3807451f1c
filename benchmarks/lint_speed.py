"""Linter throughput and cold start. Run by hand: ``python benchmarks/lint_speed.py [N]``.

Targets (issue: the linter): ≥ 150 reports/s per process with all built-in rules, ≥ 1.8× that
with ``-j 2``, one file ≤ 0.3 s wall. Lints a temporary directory of N (default 1000) reports: the
fixtures, each copied N/5 times with its numbers changed so no two files are the same.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import FIXTURES, ROOT, precompile


def make_corpus(directory: Path, count: int) -> None:
    texts = [path.read_text(encoding="utf-8") for path in FIXTURES]
    for index in range(count):
        text = texts[index % len(texts)].replace("2024年", f"2024年{index % 7}", 1)
        (directory / f"report-{index:05d}.txt").write_text(text, encoding="utf-8")


def wall(arguments: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "gipr_lint", *arguments],
                            capture_output=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"gipr-lint failed ({result.returncode}): {result.stderr.decode()}")
    return elapsed


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    precompile()
    directory = Path(tempfile.mkdtemp(prefix="gipr-lint-bench-"))
    try:
        make_corpus(directory, count)
        serial = wall(["check", str(directory), "--format", "concise", "--isolated", "-j", "1"])
        parallel = wall(["check", str(directory), "--format", "concise", "--isolated", "-j", "2"])
        print(f"{count} reports, -j 1: {serial:.2f} s = {count / serial:.0f} reports/s "
              f"(target ≥ 150)")
        print(f"{count} reports, -j 2: {parallel:.2f} s = {count / parallel:.0f} reports/s, "
              f"speed-up {serial / parallel:.2f}× (target ≥ 1.8×)")
        one = [wall(["check", str(FIXTURES[0]), "--isolated"]) for _ in range(5)]
        print(f"one file, cold: median {statistics.median(one):.3f} s, min {min(one):.3f} s "
              f"(target ≤ 0.3 s)")
    finally:
        shutil.rmtree(directory)


if __name__ == "__main__":
    main()
