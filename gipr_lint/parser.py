"""Placeholder: replaced by the real parser (layout recovery + Lark grammar)."""

from __future__ import annotations

from gipr_lint.model import Report
from gipr_lint.source import Source


def parse(source: Source) -> Report:
    return Report(source=source)
