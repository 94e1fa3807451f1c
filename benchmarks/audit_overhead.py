"""The whole audit against linting alone. Run by hand:
``python benchmarks/audit_overhead.py [N] [JOBS]`` (default 1,000 reports, 2 processes).

Target (issue 12): the audit of 1,000 reports (every rule, the cross-report rules X001–X005 with
their per-report summaries, and the HTML page) takes ≤ 1.2× the time of linting them alone
(every rule but X, JSON output). The corpus is that of ``lint_speed.py``: the fixtures copied
N/10 times with a changed number, plus, for every copy, the report of the year before (so the
cross-year rules have pairs to compare); best of three interleaved runs each, wall and CPU time
(the CPU time is the steadier figure on a shared machine).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import FIXTURES, ROOT, precompile


def make_corpus(directory: Path, count: int) -> None:
    texts = [path.read_text(encoding="utf-8") for path in FIXTURES]
    for index in range(count // 2):
        text = texts[index % len(texts)].replace("2024年", f"2024年{index % 7}", 1)
        (directory / f"report-{index:05d}.txt").write_text(text, encoding="utf-8")
        earlier = text.replace("2024", "2023")
        (directory / f"report-{index:05d}-previous.txt").write_text(earlier, encoding="utf-8")


def measure(arguments: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, all processes) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "gipr_lint", *arguments],
                            capture_output=True, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise SystemExit(f"gipr-lint failed ({result.returncode}): {result.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    jobs = sys.argv[2] if len(sys.argv) > 2 else "2"
    precompile()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "reports"
        corpus.mkdir()
        make_corpus(corpus, count)
        page = Path(tmp) / "audit.html"
        lint = ["check", "--isolated", "--ignore", "X", "--format", "json", "-o",
                str(Path(tmp) / "lint.json"), "-j", jobs, str(corpus)]
        audit = ["check", "--isolated", "--format", "html", "-o", str(page), "-j", jobs,
                 str(corpus)]
        runs_alone, runs_whole = [], []
        for _ in range(3):  # interleaved, so that load from elsewhere hits both alike
            runs_alone.append(measure(lint))
            runs_whole.append(measure(audit))
        size = page.stat().st_size / 1e6
    alone, whole = min(runs_alone), min(runs_whole)
    cpu_alone, cpu_whole = min(c for _, c in runs_alone), min(c for _, c in runs_whole)
    print(f"{count} reports, -j {jobs}: linting alone {alone[0]:.1f} s wall, {cpu_alone:.1f} s "
          f"CPU; whole audit {whole[0]:.1f} s wall, {cpu_whole:.1f} s CPU; ratio "
          f"{whole[0] / alone[0]:.2f}× wall, {cpu_whole / cpu_alone:.2f}× CPU (target ≤ 1.2×); "
          f"page {size:.1f} MB")


if __name__ == "__main__":
    main()
