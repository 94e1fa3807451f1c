"""``path:line:col: severity CODE message``, one line per diagnostic: for editors and grep."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from gipr_lint.formatters import diagnostics


def write(results: Sequence[Any], out: TextIO, context: Any) -> None:
    for d in diagnostics(results):
        message = d.message.replace("\r", " ").replace("\n", " ")
        out.write(f"{d.path}:{d.line}:{d.column}: {d.severity.value} {d.code} {message}\n")
