"""scripts/convert_regexes.py: ``re.compile(`` calls become ``compile_re(``, nothing else."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "convert_regexes.py"
spec = importlib.util.spec_from_file_location("convert_regexes", SCRIPT)
assert spec is not None and spec.loader is not None
convert_regexes = importlib.util.module_from_spec(spec)
spec.loader.exec_module(convert_regexes)

BEFORE = '''"""A pack module; its docstring says re.compile( and must keep saying it."""

from __future__ import annotations

import re

from gipr_lint.api import Report

_A = re.compile(r"[一-鿿]+")  # re.compile( in a comment stays
_B = (re.compile("x", re.IGNORECASE), "re.compile(")


def f(report: Report, other: object) -> object:
    return other.re.compile("y"), re.compile(f"{report}")
'''

AFTER = '''"""A pack module; its docstring says re.compile( and must keep saying it."""

from __future__ import annotations

import re

from gipr_lint.api import Report
from gipr_lint.api import compile_re

_A = compile_re(r"[一-鿿]+")  # re.compile( in a comment stays
_B = (compile_re("x", re.IGNORECASE), "re.compile(")


def f(report: Report, other: object) -> object:
    return other.re.compile("y"), compile_re(f"{report}")
'''


def test_calls_are_converted_and_the_import_added_once(tmp_path: Path) -> None:
    module = tmp_path / "rule.py"
    module.write_text(BEFORE, encoding="utf-8")
    assert convert_regexes.convert(module)
    assert module.read_text(encoding="utf-8") == AFTER  # ruff then merges and sorts imports
    assert not convert_regexes.convert(module)  # idempotent
    assert module.read_text(encoding="utf-8") == AFTER


def test_a_file_without_calls_is_left_alone(tmp_path: Path) -> None:
    module = tmp_path / "plain.py"
    text = 'import re\n\nWORD = re.escape("re.compile(")\n'
    module.write_text(text, encoding="utf-8")
    assert not convert_regexes.convert(module)
    assert module.read_text(encoding="utf-8") == text
