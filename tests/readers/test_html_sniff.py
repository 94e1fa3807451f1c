"""The HTML reader's sniff: a head without the byte of "<" is told no page without decoding it,
and that shortcut never changes the answer."""

from __future__ import annotations

import random

import pytest

from gipr_lint.reading.readers.html import _HTML_START, looks_like_html
from gipr_lint.reading.source import DecodeError, decode


def _decoded_answer(head: bytes) -> bool:
    """The sniff without the shortcut: decode, then the pattern."""
    try:
        text = decode(head)[0] if head else ""
    except DecodeError:
        text = head.decode("latin-1")
    return bool(_HTML_START.match(text[:2048]))


_PIECES = ["<html>", "<!DOCTYPE html>", "<div>", "<p>", " ", "\u3000", "\n", "<!-- x -->",
           "政府信息公开", "年度报告", "一、总体情况", "abc", "<", ">", "丼", "㰀", "\ufeff"]
_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030",
              "latin-1"]


def test_the_shortcut_gives_the_decoded_answer_on_random_heads() -> None:
    randomness = random.Random(15)
    heads = 0
    for _ in range(3000):
        text = "".join(randomness.choice(_PIECES) for _ in range(randomness.randint(0, 8)))
        encoding = randomness.choice(_ENCODINGS)
        try:
            head = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        heads += 1
        assert looks_like_html(head) == _decoded_answer(head), (text, encoding)
    assert heads > 2000


@pytest.mark.parametrize("head", [
    "<html><body>".encode("utf-16"),
    "\u3000 <div>报告".encode("gb18030"),
    "<!-- 注释 --><table>".encode("utf-8-sig"),
])
def test_pages_in_any_encoding_are_still_told(head: bytes) -> None:
    assert looks_like_html(head)


def test_a_plain_text_report_is_no_page() -> None:
    assert not looks_like_html("2024年政府信息公开工作年度报告\n一、总体情况".encode())
    assert not looks_like_html(b"")
