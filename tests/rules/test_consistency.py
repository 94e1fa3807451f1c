"""Unit tests of the prose reading behind the consistency rules."""

from __future__ import annotations

import pytest
from gipr_lint_national._prose_numbers import Citations, parse_number, sentence_starts


@pytest.mark.parametrize(("text", "value"), [
    ("4", 4), ("0", 0), ("零", 0), ("四", 4), ("十", 10), ("十二", 12), ("二十", 20),
    ("两", 2), ("一百零五", 105), ("三千二百", 3200), ("二〇二四", 2024), ("件", None), ("", None),
])
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


def test_citations() -> None:
    text = "依据《关于做好2024年度报告的通知》和国办公开办函〔2021〕30号，2023年我镇…"
    citations = Citations(text)
    assert citations.covers((text.index("2024"), text.index("2024") + 4))
    assert citations.covers((text.index("2021"), text.index("2021") + 4))
    assert not citations.covers((text.index("2023"), text.index("2023") + 4))


def test_sentence_starts() -> None:
    text = "（一）主动公开：2024年，我镇公开信息。2023年底完成。"
    starts = sentence_starts(text, 3)
    assert [text[s:s + 4] for s in starts] == ["主动公开", "2024", "2023"]
