"""A test plugin whose rule blocks on a report holding "SLOW:<directory>" until the file
``release`` appears in that directory (the language server must keep answering meanwhile).
It writes ``started`` when it begins waiting and ``finished`` when it returns."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from gipr_lint.diagnostics import Finding, Severity
from gipr_lint.hookspecs import hookimpl
from gipr_lint.model import Report
from gipr_lint.rules import Rule, RuleContext

GIPR_LINT_API = 1
__version__ = "0.0.1"

#: How long the rule waits for ``release`` at most, so a failing test cannot hang forever.
LIMIT = 60.0


class Slow(Rule):
    """Waits for a file before finishing (a stand-in for a very slow file)."""

    code = "TST201"
    name = "slow"
    severity = Severity.INFO
    summary = "Blocks until released"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        marker = report.text.find("SLOW:")
        if marker == -1:
            return
        directory = Path(report.text[marker + 5:].split("\n", 1)[0].strip())
        (directory / "started").write_text("", encoding="utf-8")
        waited = 0.0
        while not (directory / "release").exists() and waited < LIMIT:
            time.sleep(0.02)
            waited += 0.02
        (directory / "finished").write_text("", encoding="utf-8")
        yield from ()


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    return [Slow]
