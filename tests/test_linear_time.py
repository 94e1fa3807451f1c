"""Inputs that once took super-linear time stay linear (issue 15).

These are correctness guards, not timing targets (those are in
``benchmarks/speed_targets.py``): each test times a step on an input of size n and of size 4n
(CPU time, the best of several runs) and fails only when the larger input costs more than 10×
the smaller one. A linear step costs about 4×; the quadratic ones they guard against cost 16×.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path

from gipr_lint_national.wording.a004_outdated_wording import OutdatedWording

from gipr_lint.linting.config import ConfigResolver
from gipr_lint.linting.engine import lint_source, lint_text
from gipr_lint.linting.plugin_manager import load_plugins
from gipr_lint.model import Paragraph
from gipr_lint.reading.canonical import vocabulary
from gipr_lint.reading.grammar import _Recovery, _token, parse_pieces
from gipr_lint.reading.layout import _lines, _without_contents, recover
from gipr_lint.reading.layout.columns import rejoin_centred
from gipr_lint.reading.layout.headings import find_section_headings
from gipr_lint.reading.layout.tables import names_row, whole_label
from gipr_lint.reading.period import find_periods
from gipr_lint.reading.source import Source, Span
from gipr_lint.reading.text import sentence_bounds
from gipr_lint.templates import NATIONAL

FIXTURES = Path(__file__).parent / "fixtures"
SEED = (FIXTURES / "000_6a437f78ed373b70.txt").read_text(encoding="utf-8")
WORDS = vocabulary(NATIONAL)
LIMIT = 10.0  # 4× expected for linear time, 16× for quadratic
TITLES = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
          "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
          "六、其他需要报告的事项"]


def _cost(run: Callable[[], object]) -> float:
    """CPU seconds per call of ``run``: the best of three, each over at least 50 ms. The garbage
    collector is paused while timing: in the full suite its collections walk every object the
    earlier tests left alive, a cost that has nothing to do with the step measured."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            calls = 0
            started = time.process_time()
            while True:
                run()
                calls += 1
                elapsed = time.process_time() - started
                if elapsed >= 0.05:
                    break
            best = min(best, elapsed / calls)
    finally:
        gc.enable()
    return best


def _growth(make: Callable[[int], Callable[[], object]], n: int) -> float:
    """How much more a step costs on 4n than on n (the inputs are built outside the timing)."""
    small, large = make(n), make(4 * n)
    return _cost(large) / _cost(small)


def _with_line(line: str) -> str:
    """The seed with ``line`` as a paragraph of its own in section 一."""
    at = SEED.index("\n", SEED.index("一、总体情况")) + 1
    return SEED[:at] + line + "\n" + SEED[at:]


def test_repeated_section_headings() -> None:
    def make(n: int) -> Callable[[], object]:
        text = "".join(f"{TITLES[i % 6]}\n" for i in range(n))
        headings = find_section_headings(text, *_lines(text))
        assert len(headings) == n
        return lambda: _without_contents(text, headings)

    assert _growth(make, 1500) < LIMIT


def test_sub_headings_that_break_their_sequence() -> None:
    """Every sub-heading the grammar rejects is repaired (phantoms, the last sub-heading of
    each style looked up once over the stream), so a long section of them stays linear."""
    def make(n: int) -> Callable[[], object]:
        unit = "（一）甲\n（三）乙\n（1）丙\n（5）丁\n（3）戊\n（二十）己\n（二）庚\n"
        pieces = recover(Source.from_text("一、总体情况\n" + unit * n)).pieces
        assert sum(1 for p in parse_pieces(pieces).outline
                   if p.kind == "subheading-sequence") == 4 * n
        return lambda: parse_pieces(pieces)

    assert _growth(make, 300) < LIMIT


def test_sentence_of_every_match_on_one_long_line() -> None:
    def make(n: int) -> Callable[[], object]:
        text = "十三五，" * n
        positions = range(0, len(text), 4)
        return lambda: [sentence_bounds(text, p) for p in positions]

    assert sentence_bounds("一。十三五，十三五。二", 3) == (2, 9)
    assert _growth(make, 300) < LIMIT


def test_clause_of_every_match_on_one_long_line() -> None:
    def make(n: int) -> Callable[[], object]:
        text = "2024年1月1日" * n
        positions = range(0, len(text), 9)
        return lambda: [sentence_bounds(text, p, clause=True) for p in positions]

    assert sentence_bounds("一，2024年1月1日；二", 4, clause=True) == (2, 11)
    assert _growth(make, 200) < LIMIT


def test_periods_in_a_long_line_of_dates() -> None:
    def make(n: int) -> Callable[[], object]:
        text = "2024年3月1日至2024年5月31日" * n
        paragraph = Paragraph(text, Span(0, len(text)), None)
        return lambda: find_periods([paragraph])

    assert len(find_periods([Paragraph("统计期限为2024年3月1日至2024年5月31日。", Span(0, 30),
                                       None)])) == 1
    assert _growth(make, 150) < LIMIT


def test_row_label_of_every_extra_cell() -> None:
    """The repair notes every extra cell of a row: finding its label must not walk back over
    the cells before it (10,000 extra cells of one row were quadratic)."""
    def make(n: int) -> Callable[[], object]:
        stream = [_token("REQUESTS_2021_TOTAL", Span(0, 2), "合计", None)]
        stream += [_token("CELL", Span(3 + i, 4 + i), "0", None) for i in range(n)]
        recovery = _Recovery(stream, WORDS)
        return lambda: [recovery._row_label(index) for index in range(1, n + 1)]

    stream = [_token("REQUESTS_2021_TOTAL", Span(0, 2), "合计", None),
              _token("CELL", Span(3, 4), "0", None), _token("CELL", Span(5, 6), "1", None),
              _token("PARAGRAPH", Span(7, 9), "", None), _token("CELL", Span(10, 11), "2", None)]
    recovery = _Recovery(stream, WORDS)
    total = ("REQUESTS_2021_TOTAL", 2)
    assert [found and (found[0].type, found[1]) for found in map(recovery._row_label, range(6))] \
        == [None, total, total, total, None, None]
    assert _growth(make, 2500) < LIMIT


def test_outdated_plan_name_repeated_in_one_sentence() -> None:
    def make(n: int) -> Callable[[], object]:
        text = _with_line("十三五，" * n)
        return lambda: lint_text(text, [OutdatedWording])

    found = lint_text(_with_line("十三五，" * 3), [OutdatedWording])
    assert [d.code for d in found].count("A004") == 3
    assert _growth(make, 400) < LIMIT


def test_a_long_line_of_dates_or_digits_with_every_rule() -> None:
    plugin_set = load_plugins()
    settings = ConfigResolver(plugin_set, isolated=True).settings_for(Path("x.txt"))
    for unit in ("2024年1月1日，", "1", "收到申请1件"):
        def make(n: int, unit: str = unit) -> Callable[[], object]:
            source = Source.from_text(_with_line(unit * (n // len(unit))), "x.txt")
            return lambda: lint_source(source, settings, plugin_set)

        assert _growth(make, 40_000) < LIMIT


def test_a_long_sentence_of_totals_after_other_counts() -> None:
    """C004 looks for another count before each total (which total 其中 opens) within a window,
    and C001-C003 for another year before each number: neither walks back over the sentence."""
    plugin_set = load_plugins()
    settings = ConfigResolver(plugin_set, isolated=True).settings_for(Path("x.txt"))
    unit = "2023年收到申请3件，上年结转2件，其中予以公开1件，部分公开1件，"

    def make(n: int) -> Callable[[], object]:
        source = Source.from_text(_with_line(unit * (n // len(unit))), "x.txt")
        return lambda: lint_source(source, settings, plugin_set)

    assert _growth(make, 40_000) < LIMIT


def test_labels_split_around_their_numbers_in_a_long_table() -> None:
    """Each line of numbers looks at a few lines of words above and below it for the pieces of
    its label (a label vertically centred in a PDF's cell): a bounded number of lines, blank
    lines passed over, whether the pieces make a label or not."""
    units = ("（六）其\n2.申请人逾期未按收费通知\n他处理\n"
             "要求缴纳费用、行政机关不再 0 0 0 0 0 0 0\n处理其政府信息公开申请\n",
             "甲乙\n丙丁\n\n\n戊己\n庚辛\n壬癸 0 0 0 0 0 0 0\n子丑\n\n寅卯\n辰巳\n")

    def make(n: int) -> Callable[[], object]:
        text = "".join(units) * n
        return lambda: rejoin_centred(text, 0, len(text), whole_label, names_row)

    made = rejoin_centred(units[0], 0, len(units[0]), whole_label, names_row)
    assert made is not None and made.text.startswith("（六）其\n他处理\n2.申请人逾期未按收费通知")
    assert _growth(make, 300) < LIMIT
