"""Write the benchmark corpus (``benchmarks/corpus/*.txt``). Run by hand after the fixtures or the
layout writers change: ``python benchmarks/make_corpus.py``.

The corpus mixes the seeds (``tests/fixtures``) with the other real layouts the tests hold:
each seed's tables rewritten in every layout of ``tests/parsing/layouts.py`` (pipes, tabs, one
cell per line, run together), each seed flattened to one line as a careless web copy does, and
the table layouts met in published reports (``tests/parsing/test_real_layouts.py``) spliced into
a seed in place of its table 三, so every file is a whole report.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gipr_lint.reading.parser import parse_text  # noqa: E402
from tests.parsing.layouts import WRITERS, flatten, rewrite  # noqa: E402

CORPUS = ROOT / "benchmarks" / "corpus"
FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("*.txt"))

#: Table 三 (and one table 二) as published reports beyond the seeds lay them out; the same
#: texts as tests/parsing/test_real_layouts.py.
REAL_TABLES = {
    "pipe-cell-per-line": ("一、本年新收政府信息公开申请数量 |\n|\n|\n|\n|\n|\n|\n0 |\n||\n"
                           "二、上年结转政府信息公开申请数量 |\n2 |\n|\n|\n|\n|\n|\n2 |\n||\n"),
    "pipe-leading-blanks": ("一、本年新收政府信息公开申请数量 | 0 | | | | | | 0 |\n"
                            "二、上年结转政府信息公开申请数量 | | | | | | | 0 |\n"
                            "三、本年度办理结果 | (一)予以公开 | | | | | | | 0 |\n"
                            "| (二)部分公开(区分处理的,只计这一情形,不计其他情形)"
                            " | | | | | | | 0 |\n"),
    "tab-two-level-labels": ("4.无正当理由大量反复申请\t\t0\t0\t0\t0\t0\t0\t0\t\n\t\n"
                             "\t\t\t5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0\n"),
    "pipe-short-row": ("一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n"
                       "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n"),
    "pipe-opening-pipes": ("| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 | ||\n"
                           "| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n"),
    "pdf-space-aligned": ("一、本年新收政府信息公开申请数量    4    0    0    0    0    0    4\n"
                          "\n- 3 -\n\f\n"
                          "二、上年结转政府信息公开申请数量    0    0    0    0    0    0    0\n"
                          "三、本年度办理结果    (一)予以公开    3    0    0    0    0    0    3\n"
                          "\n第 4 页 共 9 页\n"
                          "(二)部分公开(区分处理的,只计这一情形,不计其他情形)\n"
                          "1    0    0    0    0    0    1\n"),
    "alternate-separator-lines": "".join(
        f"{cell}\n|\n" for cell in ["一、本年新收政府信息公开申请数量", "1", "0", "0", "0", "0",
                                    "0", "1", "二、上年结转政府信息公开申请数量", "0", "0", "0",
                                    "0", "0", "0", "0"]),
}


def _splice_requests(text: str, table: str) -> str:
    """``text`` (a seed) with its table 三 replaced by ``table``."""
    requests = parse_text(text).tables["requests"]
    return text[:requests.span.start] + table + text[requests.span.end:]


def corpus() -> dict[str, str]:
    """File name → text for every report of the corpus."""
    files: dict[str, str] = {}
    for path in FIXTURES:
        text = path.read_text(encoding="utf-8")
        report = parse_text(text, str(path))
        stem = path.stem.split("_")[0]
        files[f"seed-{stem}.txt"] = text
        for layout in WRITERS:
            files[f"seed-{stem}-{layout}.txt"] = rewrite(report, layout)
        files[f"seed-{stem}-flattened.txt"] = flatten(text)
    base = FIXTURES[0].read_text(encoding="utf-8")
    for name, table in REAL_TABLES.items():
        files[f"real-{name}.txt"] = _splice_requests(base, table)
    return files


def main() -> None:
    CORPUS.mkdir(exist_ok=True)
    for old in CORPUS.glob("*.txt"):
        old.unlink()
    for name, text in corpus().items():
        (CORPUS / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(list(CORPUS.glob('*.txt')))} reports to {CORPUS}")


if __name__ == "__main__":
    main()
