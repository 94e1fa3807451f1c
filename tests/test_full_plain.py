"""The full format without colour is written without rich's console: byte for byte what rich
printed (the old way), and a one-file lint to a file does not import rich.console."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from rich.console import Console
from rich.text import Text

from gipr_lint.formatters.full import _plain
from tests.conftest import FIXTURES

TRICKY = [
    "",
    "plain ascii",
    "报告\t第\t三\t部分",
    "\t\tleading tabs, then 中文\t",
    "a\tb\nc\t\td\n\t中\t文",
    "bell\x07 backspace\x08 vt\x0b ff\x0c cr\r end\r\n",
    "x" * 7 + "\t" + "年" * 4 + "\t" + "y" * 9 + "\t",
    "trailing spaces   ",
    " " * 120 + "\t" + "wide " * 30 + "   ",
    "ZWJ 👨‍👩‍👧 emoji :smile: [bold]markup[/bold]",
]


def _rich(text: str) -> str:
    out = io.StringIO()
    console = Console(file=out, force_terminal=False, no_color=True, color_system=None,
                      highlight=False, soft_wrap=True, emoji=False, markup=False)
    console.print(Text.assemble(("a", "bold"), text))
    return out.getvalue()


@pytest.mark.parametrize("text", TRICKY)
def test_plain_text_is_what_rich_printed(text: str) -> None:
    assert _plain("a" + text) + "\n" == _rich(text)


def test_a_plain_lint_does_not_import_rich_console() -> None:
    code = ("import sys\nfrom gipr_lint.cli import main\n"
            "main(['check', sys.argv[1], '--isolated', '-o', sys.argv[2]])\n"
            "print('rich.console' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code, str(FIXTURES / "000_6a437f78ed373b70.txt"),
                           os.devnull], capture_output=True, text=True, check=False)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr
