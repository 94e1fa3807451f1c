"""Each seed's tables rewritten into every other layout parse to the same values."""

from __future__ import annotations

from pathlib import Path

import pytest

from gipr_lint.formatters.report_json import report_to_dict
from gipr_lint.reading.parser import parse, parse_text
from gipr_lint.reading.source import read_source
from tests.parsing.expected import SEEDS
from tests.parsing.layouts import WRITERS, flatten, rewrite

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _tables(text: str) -> tuple[dict, list]:
    parsed = report_to_dict(parse_text(text))
    return parsed["tables"], parsed["problems"]


@pytest.mark.parametrize("layout", sorted(WRITERS))
@pytest.mark.parametrize("name", sorted(SEEDS))
def test_rewritten_tables_parse_the_same(name: str, layout: str) -> None:
    report = parse(read_source(FIXTURES / name))
    tables, problems = _tables(rewrite(report, layout))
    expected = {kind: SEEDS[name][kind] for kind in ("active", "requests", "review")}
    if name.startswith("001") and layout == "run-together":
        # "政府集中采购2576.76": 2 | 576.76, 25 | 76.76 or 257 | 6.76 — no arithmetic decides, so
        # the parser must say so at that row rather than guess (no cell keeps a value).
        procurement = expected["active"]["procurement"]
        assert tables["active"]["procurement"] == {"projects": None, "amount": None}
        assert [p["message"] for p in problems] == [
            "政府集中采购: cannot tell the cells: '2576.76' does not divide into 2 cells"]
        expected["active"] = {**expected["active"], "procurement": tables["active"]["procurement"]}
        del procurement
    else:
        assert problems == []
    assert tables == expected


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_a_page_flattened_to_one_line(name: str) -> None:
    report = parse(read_source(FIXTURES / name))
    text = flatten(rewrite(report, "pipe"))
    assert "\n" not in text
    flattened = report_to_dict(parse_text(text))
    assert [s["number"] for s in flattened["sections"]] == [1, 2, 3, 4, 5, 6]
    assert flattened["tables"] == {k: SEEDS[name][k] for k in ("active", "requests", "review")}
    assert (flattened["year"], flattened["format"]) == (SEEDS[name]["year"], SEEDS[name]["format"])


def test_mixed_layouts_in_one_report() -> None:
    report = parse(read_source(FIXTURES / "004_6f3669565db78123.txt"))
    requests = rewrite(report, "run-together")
    mixed = parse_text(requests)
    # table 三 run together, table 二 and 四 re-rendered separately below
    text = rewrite(mixed, "tab")
    tables, problems = _tables(text)
    assert problems == []
    assert tables["requests"]["total"] == [4, 0, 0, 0, 0, 0, 4]
    assert tables["review"]["litigation_after_review"] == [1, 0, 0, 0, 1]
