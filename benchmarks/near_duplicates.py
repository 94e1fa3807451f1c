"""X005 (near-duplicate reports) on a national batch. Run by hand:
``python benchmarks/near_duplicates.py [N]`` (default 10,000).

Target (issue 12): 10,000 reports in ≤ 2 minutes on 2 cores, memory bounded. Synthetic reports
are made by perturbing the fixtures: each takes 25 sentences drawn from all the fixtures' prose,
with a fifth of their characters swapped for others of the same texts, under a new agency name
and year 2024; 1 % of them are then copied by another agency with 1 % of the characters changed
(planted near-duplicates). A second, worst-case batch is all copies of the 5 fixtures, with
0.5 % of the characters changed (every report has 2,000 near-duplicates): the bucket caps must
keep it from going quadratic.

Times: sketching (sampled shingles + MinHash per report, as ``summarize`` does, in 2 processes,
as the workers do while linting) and the X005 rule itself over the summaries (LSH banding and
verification). Peak memory is the main process's maximum resident set.
"""

from __future__ import annotations

import random
import re
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from common import FIXTURES
from gipr_lint_national.crossyear.x005_near_duplicate import NearDuplicate

from gipr_lint.linting.batch import Batch, ReportSummary
from gipr_lint.linting.similarity import sampled_shingles, signature
from gipr_lint.rules import RuleContext


def sentences() -> list[str]:
    pool = []
    for path in FIXTURES:
        for sentence in re.split(r"(?<=[。；！？])", path.read_text(encoding="utf-8")):
            sentence = sentence.strip()
            if len(sentence) >= 12 and not re.search(r"\t\d", sentence):
                pool.append(sentence)
    return pool


def perturb(text: str, share: float, alphabet: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(int(len(chars) * share)):
        chars[rng.randrange(len(chars))] = rng.choice(alphabet)
    return "".join(chars)


def distinct_batch(count: int, seed: int = 1) -> tuple[list[tuple[str, str]], set[tuple[int, int]]]:
    rng = random.Random(seed)
    pool = sentences()
    alphabet = "".join(sorted({c for s in pool for c in s if "\u4e00" <= c <= "\u9fff"}))
    reports: list[tuple[str, str]] = []
    planted: set[tuple[int, int]] = set()
    for index in range(count):
        if index and rng.random() < 0.01:
            original = rng.randrange(index)
            reports.append((f"复制机关{index}", perturb(reports[original][1], 0.01, alphabet, rng)))
            planted.add((original, index))
            continue
        body = "".join(perturb(rng.choice(pool), 0.2, alphabet, rng) for _ in range(25))
        reports.append((f"机关{index}", body))
    return reports, planted


def cluster_batch(count: int, seed: int = 2) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    texts = [path.read_text(encoding="utf-8") for path in FIXTURES]
    alphabet = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    return [(f"机关{i}", perturb(texts[i % len(texts)], 0.005, alphabet, rng))
            for i in range(count)]


def sketch(item: tuple[int, str, str]) -> ReportSummary:
    index, agency, text = item
    return ReportSummary(path=f"r{index:05d}.txt", agency=agency, year=2024,
                         signature=signature(sampled_shingles(text)), prose_chars=len(text))


def run(name: str, reports: list[tuple[str, str]]) -> list[tuple[int, int]]:
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        summaries = list(pool.map(sketch, [(i, a, t) for i, (a, t) in enumerate(reports)],
                                  chunksize=200))
    sketched = time.perf_counter()
    findings = list(NearDuplicate().check_batch(Batch(summaries), RuleContext()))
    done = time.perf_counter()
    pairs = sorted({tuple(sorted((int(f.path[1:6]), int(f.related[0][1:6])))) for f in findings})
    print(f"{name}: {len(reports)} reports, sketch {sketched - started:.1f} s (2 processes), "
          f"X005 {done - sketched:.1f} s, total {done - started:.1f} s; "
          f"{len(pairs)} pairs, {len(findings)} findings")
    return pairs  # type: ignore[return-value]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    reports, planted = distinct_batch(count)
    pairs = set(run("distinct reports, 1 % copied", reports))
    found = len(planted & pairs)
    print(f"  planted copies found: {found}/{len(planted)}; pairs not planted: "
          f"{len(pairs - planted)}")
    run("worst case, all copies of 5 reports", cluster_batch(count))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the main process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
