"""Layout recovery alone (issue 15): CPU time of ``recover`` per report over
``benchmarks/corpus``, the best of several rounds. Run by hand:
``python benchmarks/layout_speed.py [ROUNDS] [--cold] [--profile]``.

Prints the best round's ms/report; with ``--cold``, the CPU time of importing the layout
package and running a first ``recover`` in a fresh process (pattern compilation included; the
best of five); with ``--profile``, the top of a cProfile over one round, by own time and by
cumulative time. To compare with another version, point ``PYTHONPATH`` at its checkout.
"""

from __future__ import annotations

import cProfile
import pstats
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "benchmarks" / "corpus").glob("*.txt"))
SEED = ROOT / "benchmarks" / "corpus" / "seed-000.txt"  # the cold run's report


@cache
def _templates() -> object:
    from gipr_lint.linting.plugin_manager import load_plugins

    return load_plugins().template_set  # the installed packs' rows, as a run has them


def _round(sources: list[object]) -> float:
    from gipr_lint.reading.layout import recover
    from gipr_lint.templates import using

    with using(_templates()):  # type: ignore[arg-type]
        start = time.process_time()
        for source in sources:
            recover(source)  # type: ignore[arg-type]
        return time.process_time() - start


def _cold() -> float:
    code = ("import time; t=time.process_time(); "
            "from gipr_lint.reading.source import Source; "
            "from gipr_lint.reading.layout import recover; "
            f"recover(Source.from_text(open({str(SEED)!r}, encoding='utf-8').read())); "
            "print(time.process_time()-t)")
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(5)]
    return min(runs)


def main() -> None:
    from gipr_lint.reading.source import Source

    rounds = next((int(a) for a in sys.argv[1:] if a.isdigit()), 10)
    sources = [Source.from_text(path.read_text(encoding="utf-8")) for path in CORPUS]
    _round(sources)  # warm: patterns compiled, caches filled
    best = min(_round(sources) for _ in range(rounds))
    print(f"recover: {best / len(sources) * 1000:.3f} ms/report over {len(sources)} reports "
          f"(best of {rounds})")
    if "--cold" in sys.argv:
        print(f"cold import + first recover: {_cold() * 1000:.1f} ms")
    if "--profile" in sys.argv:
        profile = cProfile.Profile()
        profile.enable()
        _round(sources)
        profile.disable()
        stats = pstats.Stats(profile)
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
