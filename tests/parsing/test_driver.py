"""The LALR driver runs Lark's table for the report grammar exactly as Lark's own parser would,
and a run whose parse table is cached does not import Lark (issue 15)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from lark import Tree

from gipr_lint.reading.grammar import (
    CheckedTable,
    Misfit,
    Node,
    PieceToken,
    _Driver,
    _parser_for,
    report_parser,
    tokens,
)
from gipr_lint.reading.layout import recover
from gipr_lint.reading.source import Source
from gipr_lint.templates import current

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted([*(ROOT / "tests" / "fixtures").glob("*.txt"),
                *(ROOT / "benchmarks" / "corpus").glob("*.txt")])


def _shape(node: object) -> object:
    """A tree (ours or Lark's) as nested tuples of rule names and token types."""
    if isinstance(node, Node | Tree):
        return (str(node.data), tuple(_shape(child) for child in node.children))
    assert isinstance(node, PieceToken)
    return node.type


def _stream(path: Path) -> list[PieceToken]:
    return tokens(recover(Source.from_text(path.read_text(encoding="utf-8"))).pieces)


def _as_shifted(stream: list[PieceToken]) -> list[PieceToken]:
    """The tokens the driver shifts from a stream that fits: each checked table as one, without
    the table's own tokens after it."""
    shifted, index = [], 0
    while index < len(stream):
        token = stream[index]
        shifted.append(token)
        index += 1 + (token.inside if isinstance(token, CheckedTable) else 0)
    return shifted


def _unchecked(stream: list[PieceToken]) -> list[PieceToken]:
    """The stream without its checked tables' tokens: every table read token by token."""
    return [token for token in stream if not isinstance(token, CheckedTable)]


def test_the_driver_builds_the_tree_lark_builds() -> None:
    compared = 0
    for path in TEXTS:
        for stream in (_stream(path), _unchecked(_stream(path))):
            driver = _Driver.start(_parser_for(current()))
            if driver.run(stream, 0, len(stream)) != len(stream):
                continue  # a stream that needs recovery: Lark would raise
            ours = driver.end()
            assert _shape(ours) == _shape(report_parser().parse(_as_shifted(stream))), path.name
            compared += 1
    assert compared >= 40


def test_a_misfit_leaves_the_driver_usable_and_a_copy_independent() -> None:
    stream = _as_shifted(_stream(TEXTS[0]))  # halved anywhere: not inside a checked table
    driver = _Driver.start(_parser_for(current()))
    half = len(stream) // 2
    assert driver.run(stream, 0, half) == half
    copy = driver.copy()
    stray = PieceToken("TITLE", "", 0, 0, None)  # a title in the middle of a report
    with pytest.raises(Misfit):
        driver.feed(stray)
    assert driver.run(stream, half, len(stream)) == len(stream)
    assert copy.run(stream, half, len(stream)) == len(stream)
    assert _shape(driver.end()) == _shape(copy.end())


def test_a_warm_cache_parses_without_importing_lark(tmp_path: Path) -> None:
    script = ("import sys; from gipr_lint.reading.parser import parse_text; "
              f"parse_text(open({str(TEXTS[0])!r}, encoding='utf-8').read()); "
              "print('lark' in sys.modules)")
    env = {**os.environ, "GIPR_LINT_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           env=env, check=True).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]  # built (with Lark) once, then loaded
