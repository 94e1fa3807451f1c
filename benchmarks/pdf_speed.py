"""PDF reading speed. Run by hand: ``python benchmarks/pdf_speed.py [RUNS]``.

Target (issue 9): a 6-page PDF report in ≤ 0.5 s, including reading the PDF, parsing and all
rules. The PDF is seed 000 rendered as published (tests/readers/pdf_render.py, needs the
``test`` extra for reportlab) with its section 一 prose repeated until it fills 6 pages; the
rendering is not timed. Prints the median and the slowest of RUNS (default 10) in-process runs
(after one warm-up, which also pays the one-time import of pdfplumber), their CPU time (on a
shared, loaded machine wall time says little), the reading alone, and one cold run of the
command line.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import FIXTURES, ROOT, precompile

sys.path.insert(0, str(ROOT))

from gipr_lint.linting.config import build_settings
from gipr_lint.linting.engine import lint_path
from gipr_lint.linting.plugin_manager import load_plugins
from gipr_lint.reading.readers.pdf import read_pdf
from tests.readers.pdf_render import render_report

TARGET = 0.5


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    precompile()
    plugins = load_plugins()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        lines = FIXTURES[0].read_text(encoding="utf-8").splitlines(keepends=True)
        prose = lines[3:8]
        while True:
            path.write_bytes(render_report("".join(lines)))
            import pdfplumber

            with pdfplumber.open(path) as pdf:
                pages = len(pdf.pages)
            if pages >= 6:
                break
            lines[8:8] = prose
        settings = build_settings({}, root=Path(folder))
        result = lint_path(path, settings, plugins)  # warm-up
        assert result.error is None, result.error
        totals, cpus, reads = [], [], []
        for _ in range(runs):
            started, cpu = time.perf_counter(), _cpu()
            lint_path(path, settings, plugins)
            totals.append(time.perf_counter() - started)
            cpus.append(_cpu() - cpu)
            started = time.perf_counter()
            read_pdf(path)
            reads.append(time.perf_counter() - started)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "gipr_lint", "check", str(path), "--isolated",
                        "--format", "concise"], capture_output=True, cwd=ROOT, check=False)
        cold = time.perf_counter() - started
    median = statistics.median(totals)
    print(f"{pages}-page PDF, {len(result.diagnostics)} findings")
    print(f"read + parse + all rules: median {median * 1000:.0f} ms, slowest "
          f"{max(totals) * 1000:.0f} ms over {runs} runs (target ≤ {TARGET * 1000:.0f} ms): "
          f"{'OK' if median <= TARGET else 'TOO SLOW'}")
    print(f"  CPU time (this process and the reading child): median "
          f"{statistics.median(cpus) * 1000:.0f} ms; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} CPUs (wall time grows with the load, CPU time does not)")
    print(f"reading the PDF alone: median {statistics.median(reads) * 1000:.0f} ms")
    print(f"cold command line (start, import pdfplumber, lint): {cold * 1000:.0f} ms")


if __name__ == "__main__":
    main()
