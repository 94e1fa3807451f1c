"""Rule cases kept as data, one TOML file per rule (``tests/rules/cases/<CODE>.toml``).

Each ``[[case]]`` lints a report with only that rule selected and compares the exact diagnostics.
A case's report is either written out (``report = '''…'''``) or a fixture with edits
(``fixture = "000_6a437f78ed373b70.txt"`` and ``replace = [["old", "new"], …]``, each ``old``
required to occur in the text: a case whose edit no longer applies fails instead of passing
vacuously). ``expect`` lists ``"line:column CODE"`` strings in order; ``[]`` is a passing case.
``messages`` (optional) are substrings the messages must contain, in the same order.
``settings`` (optional) are configuration keys (``agency-kind = "township"``, ``year = 2024``).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from gipr_lint.engine import lint_text
from gipr_lint.plugins import load_plugins
from gipr_lint.rules import Rule

CASES = Path(__file__).parent / "cases"
FIXTURES = Path(__file__).parent.parent / "fixtures"


@cache
def _rules_by_code() -> dict[str, type[Rule]]:
    return dict(load_plugins().rules)


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for index, case in enumerate(data.get("case", [])):
            name = case.get("name", str(index))
            params.append(pytest.param(data["rule"], case, id=f"{path.stem}-{name}"))
    return params


def case_text(case: dict[str, Any]) -> str:
    """The report a case lints."""
    if "report" in case:
        return case["report"]
    text = (FIXTURES / case["fixture"]).read_text(encoding="utf-8")
    for edit in case.get("replace", []):
        old, new = edit[0], edit[1]
        assert old in text, f"edit target {old!r} is not in {case['fixture']}"
        text = text.replace(old, new, int(edit[2]) if len(edit) > 2 else 1)
    return text


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    rule = _rules_by_code()[code]
    settings = {key.replace("-", "_"): value for key, value in case.get("settings", {}).items()}
    diagnostics = lint_text(case_text(case), rules=[rule], **settings)
    found = [f"{d.line}:{d.column} {d.code}" for d in diagnostics if d.code == code]
    assert found == case["expect"], "\n".join(f"{d.line}:{d.column} {d.code} {d.message}"
                                              for d in diagnostics)
    for expected, diagnostic in zip(case.get("messages", []), diagnostics, strict=False):
        assert expected in diagnostic.message


def test_every_builtin_rule_has_cases() -> None:
    covered = {path.stem for path in CASES.glob("*.toml")}
    builtin = {code for code, rule in _rules_by_code().items()
               if rule.__module__.startswith("gipr_lint_rules.")}
    assert builtin <= covered, f"rules without cases: {sorted(builtin - covered)}"
