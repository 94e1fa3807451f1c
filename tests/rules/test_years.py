"""Unit tests of the year rules beyond the rule cases: the township-deadline option."""

from __future__ import annotations

import re

import pytest
from gipr_lint_national.years import gipr_lint_options
from gipr_lint_national.years.y004_signature_date import SignatureDate

from gipr_lint.testing import lint

TOWNSHIP = """高庄镇人民政府2024年政府信息公开工作年度报告
一、总体情况
2024年，我镇持续推进政府信息公开工作。
高庄镇人民政府
2025年2月25日
"""


def _y004(options: dict[str, str] | None = None) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.column, str(d.severity), d.message)
            for d in lint(TOWNSHIP, rules=[SignatureDate], options=options) if d.code == "Y004"]


def test_township_lateness_is_silent_without_a_deadline() -> None:
    assert _y004() == []
    assert _y004({"township-deadline": ""}) == []


def test_township_deadline_option() -> None:
    found = _y004({"township-deadline": "02-20"})
    assert found == [(5, 1, "warning", '落款 date "2025年2月25日" is after the deadline for a '
                                         "township's report, 2025年2月20日")]
    assert _y004({"township-deadline": "03-01"}) == []


def test_bad_township_deadline_is_reported_not_ignored() -> None:
    found = lint(TOWNSHIP, rules=[SignatureDate], options={"township-deadline": "20 Feb"})
    assert [d.code for d in found] == ["E999"]
    assert "township-deadline" in found[0].message


def test_option_is_declared() -> None:
    kind, default, help_text = gipr_lint_options()["township-deadline"]
    assert (kind, default) == (str, "")
    assert "MM-DD" in help_text


@pytest.mark.parametrize("date", ["2025年1月31日", "二〇二五年一月三十一日"])
def test_department_on_the_deadline_is_in_time(date: str) -> None:
    text = TOWNSHIP.replace("高庄镇人民政府", "安阳县财政局").replace("2025年2月25日", date)
    assert [d for d in lint(text, rules=[SignatureDate]) if d.code == "Y004"] == []


@pytest.mark.parametrize("text", ["", "2023", "2023年1月1日至2023年12月31日", "202020",
                                  "19201920年", "12019", "２０２３年", "20１９", "200",
                                  "19 20 1999"])
def test_year_starts_are_where_a_year_pattern_matches(text: str) -> None:
    from gipr_lint_national._text import year_starts

    year = re.compile(r"(?:19|20)\d{2}")
    assert year_starts(text) == [at for at in range(len(text)) if year.match(text, at)]
