"""Reading and linting web pages and Word files. Run by hand: ``python benchmarks/format_speed.py``.

Targets (issue: read reports as they are published): a saved portal page of ~100 KB in ≤ 30 ms,
a ``.docx`` in ≤ 50 ms, each including parse and all rules. Each seed is rendered as a portal
page (tests/readers/render.py: nav, scripts, metadata, Word-pasted inline styles, merged cells;
~130 KB) and as a Word file laid out like the official template; the figure is the median of
N runs (default 30) of ``lint_path`` with every built-in rule, after one warm-up run, in CPU
time of the process (wall time on a shared machine also counts other processes). Also
prints the hostile-markup figures (deep nesting, 100,000 cells, a 50 MB one-line page).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import ROOT

sys.path.insert(0, str(ROOT))

from gipr_lint.linting.config import build_settings
from gipr_lint.linting.engine import lint_path
from gipr_lint.linting.plugin_manager import load_plugins
from gipr_lint.reading.readers.html import read_html
from tests.readers.render import SEEDS, render_docx, render_html


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median CPU time of ``action`` in ms: the process's own time, so that other work on a
    shared machine does not count (on an idle machine wall time is the same)."""
    action()
    times = []
    for _ in range(runs):
        started = time.process_time()
        action()
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    plugin_set = load_plugins()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        settings = build_settings({}, root=folder)
        print(f"{'seed':<8}{'page KB':>8}{'html ms':>9}{'read':>7}{'docx ms':>9}{'read':>7}"
              f"{'txt ms':>8}")
        for seed in SEEDS:
            page = folder / f"{seed.stem}.html"
            page.write_bytes(render_html(seed, "gbk"))
            document = render_docx(seed, folder / f"{seed.stem}.docx")
            from gipr_lint.reading.readers.docx import read_docx

            html_ms = median_ms(lambda p=page: lint_path(p, settings, plugin_set), runs)
            html_read = median_ms(lambda p=page: read_html(p), runs)
            docx_ms = median_ms(lambda d=document: lint_path(d, settings, plugin_set), runs)
            docx_read = median_ms(lambda d=document: read_docx(d), runs)
            text_ms = median_ms(lambda s=seed: lint_path(s, settings, plugin_set), runs)
            print(f"{seed.name[:3]:<8}{page.stat().st_size / 1024:>8.0f}{html_ms:>9.1f}"
                  f"{html_read:>7.1f}{docx_ms:>9.1f}{docx_read:>7.1f}{text_ms:>8.1f}")
        print("targets: html ≤ 30 ms, docx ≤ 50 ms (parse and all rules included)")
        hostile = {
            "100,000 nested elements": "<p>一、总体情况</p>" + "<div><span>" * 100_000
            + "<p>二、主动公开政府信息情况</p>" + "</span></div>" * 100_000,
            "table of 100,000 cells": "<p>一、总体情况</p><table>"
            + ("<tr>" + "<td>1</td>" * 100 + "</tr>") * 1000 + "</table><p>六、其他需要报告</p>",
            "50 MB one-line page": render_html(SEEDS[0]).decode().replace("\n", " ").replace(
                "</body>", '<img src="data:image/png;base64,' + "A" * (25 << 20) + '"><script>'
                + "<div>" * (5 << 20) + "</script></body>"),
        }
        for label, markup in hostile.items():
            path = folder / "hostile.html"
            path.write_text(markup, encoding="utf-8")
            started = time.perf_counter()
            read_html(path)
            print(f"{label}: read in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
