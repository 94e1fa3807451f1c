"""Parser throughput and cold start. Run by hand: ``python benchmarks/parse_speed.py``.

Targets (issue: parse any 年报): ≥ 200 reports/s in one process on a 10 KB report, parser
construction excluded; ``gipr-lint parse`` of one seed in ≤ 0.3 s wall, cold.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from common import FIXTURES, ROOT, precompile, rate, report_of_size

from gipr_lint.reading.grammar import load_parse_table
from gipr_lint.reading.parser import parse
from gipr_lint.reading.source import Source, read_source


def main() -> None:
    started = time.perf_counter()
    load_parse_table()
    elapsed = (time.perf_counter() - started) * 1000
    print(f"loading the parse table: {elapsed:.1f} ms (once per process)")

    text = report_of_size()
    source = Source.from_text(text, "10k.txt")
    per_second, count = rate(lambda: parse(source))
    print(f"10 KB report ({len(text.encode('utf-8'))} bytes): {per_second:.0f} reports/s "
          f"({count} parses)  target ≥ 200")

    sources = [read_source(path) for path in FIXTURES]
    per_second, count = rate(lambda: [parse(s) for s in sources])
    print(f"the {len(sources)} fixtures: {per_second * len(sources):.0f} reports/s")

    big = Source.from_text(text * 500, "5mb.txt")
    started = time.perf_counter()
    parse(big)
    print(f"{len(big.text.encode('utf-8')) / 1e6:.1f} MB report: "
          f"{time.perf_counter() - started:.2f} s")

    precompile()
    walls = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "gipr_lint", "parse", str(FIXTURES[0])],
                       check=True, capture_output=True, cwd=ROOT)
        walls.append(time.perf_counter() - started)
    print(f"cold `gipr-lint parse` of one seed: median {statistics.median(walls):.3f} s, "
          f"min {min(walls):.3f} s  target ≤ 0.3 s")


if __name__ == "__main__":
    main()
