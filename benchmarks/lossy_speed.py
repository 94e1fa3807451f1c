"""What recovering tables from lossy text costs. Run by hand: ``python benchmarks/lossy_speed.py``.

Targets (issue 10): the recovery adds ≤ 1 ms per report on average, and no input makes it
super-linear. Printed: the mean parse time of the seeds and published fixtures as they are and in
each lossy form (compare with ``parse_speed.py`` on an older checkout for the clean-text cost);
the time spent splitting digit runs of growing length (bounded by the search budget); and parse
time against the number of lossy tables in one text (linear when the ratio stays near 2).
"""

from __future__ import annotations

import random
import statistics
import sys
import time

from common import ROOT

sys.path.insert(0, str(ROOT))

from gipr_lint.reading.layout.splitting import split_digits
from gipr_lint.reading.parser import parse, parse_text
from gipr_lint.reading.source import Source, read_source
from tests.parsing.lossy import FORMS, random_values, rewrite

PATHS = [*sorted((ROOT / "tests" / "fixtures").glob("*.txt")),
         *sorted((ROOT / "tests" / "fixtures" / "published").glob("*.txt"))]


def _mean_ms(texts: list[str], rounds: int = 7) -> float:
    """Mean parse time per text, best of ``rounds`` passes (the machine is shared: the best
    pass is the one least disturbed)."""
    sources = [Source.from_text(text, f"{i}.txt") for i, text in enumerate(texts)]
    for source in sources:
        parse(source)  # warm-up
    passes = []
    for _ in range(rounds):
        started = time.perf_counter()
        for source in sources:
            parse(source)
        passes.append(time.perf_counter() - started)
    return min(passes) * 1000 / len(sources)


def main() -> None:
    reports = [parse(read_source(path)) for path in PATHS]
    clean = _mean_ms([report.text for report in reports])
    print(f"{len(reports)} reports as published: {clean:.2f} ms per report")
    for form in FORMS:
        texts = []
        for number, report in enumerate(reports):
            values = random_values(report, random.Random(number))
            texts.append(rewrite(report, form, number, values))
        lossy = _mean_ms(texts)
        print(f"  {form:>12}, filled tables: {lossy:.2f} ms per report "
              f"({lossy - clean:+.2f} ms against the text as published)")

    print("splitting one random digit run into 7 cells (15 for table 四), 300 runs each "
          "(median and worst; a worst far above the median is the shared machine, not the "
          "search, which stops after SEARCH_BUDGET steps):")
    rng = random.Random(0)
    for length in (7, 10, 14, 20, 30, 45, 60):
        timings = []
        for _ in range(300):
            digits = "".join(rng.choice("0123456789") for _ in range(length))
            sizes = (7,) if length < 45 else (5, 5, 5)
            started = time.perf_counter()
            split_digits(digits, sizes, sums=True)
            timings.append((time.perf_counter() - started) * 1000)
        print(f"  {length:>2} digits: median {statistics.median(timings):.3f} ms, "
              f"worst {max(timings):.2f} ms")

    print("hostile inputs in table 三, n units and twice as many (linear: ratios near ×2):")
    head = ("某县统计局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n规章 | 0 | 0 |\n"
            "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 ")
    units = {"spaced words": "字 ", "digits and spaces": "1 ", "wide digits": "字   1 2\n",
             "labels": "一、本年新收政府信息公开申请数量1", "ordinals": "2.其他", "pipes": "| ",
             "wrapped label rows": "(二)部分公开(区   1 2 3\n分处理的\n"}
    for name, unit in units.items():
        timings = []
        for count in (2000, 4000, 8000):
            text = head + unit * count + "\n四、政府信息公开行政复议、行政诉讼情况\n"
            started = time.perf_counter()
            parse_text(text)
            timings.append((time.perf_counter() - started) * 1000)
        print(f"  {name:>18}: " + "  ".join(f"{t:7.1f} ms" for t in timings)
              + f"   ×{timings[1] / timings[0]:.2f} ×{timings[2] / timings[1]:.2f}")

    base = rewrite(reports[0], "concatenated")
    print("one text holding n reports run together (each with three lossy tables):")
    previous = None
    for count in (1, 2, 4, 8, 16):
        text = base * count
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            parse_text(text)
            timings.append(time.perf_counter() - started)
        took = statistics.median(timings) * 1000
        ratio = f"  ×{took / previous:.2f}" if previous else ""
        print(f"  n = {count:>2}: {took:7.1f} ms{ratio}")
        previous = took


if __name__ == "__main__":
    main()
