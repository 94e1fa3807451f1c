"""The program holds the garbage collector off from its first step (while the command line is
imported and the arguments are read) until check's first report, and never leaves it off."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import FIXTURES

SEED = FIXTURES / "000_6a437f78ed373b70.txt"


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=False, timeout=120)
    assert not done.stderr or "Traceback" not in done.stderr, done.stderr
    return done


def test_no_collection_before_the_first_report() -> None:
    """Counted from the program's start (main() with no arguments) until the pause ends before
    the first report, with the collector's threshold at 1 meanwhile, so that any allocation
    while it is on collects (where no bytecode is cached, compiling the pause's own module
    before the pause began once reached the threshold)."""
    code = ("import gc, sys\n"
            "collections = []\n"
            "gc.callbacks.append(lambda phase, info: phase == 'start' and collections.append(1))\n"
            "from gipr_lint.linting import runner\n"
            "from gipr_lint.cli import collector\n"
            "resume, before = collector.CollectorPause.resume, []\n"
            "def resumed(self):\n"
            "    before.append(len(collections))\n"
            "    gc.set_threshold(700)\n"
            "    return resume(self)\n"
            "collector.CollectorPause.resume = resumed\n"
            "lint_files = runner.lint_files\n"
            "def spy(*args, **kwargs):\n"
            "    print(before, gc.isenabled(), gc.get_freeze_count() > 1000)\n"
            "    return lint_files(*args, **kwargs)\n"
            "runner.lint_files = spy\n"
            "sys.argv = ['gipr-lint', 'check', sys.argv[1], '--isolated', '-o', sys.argv[2]]\n"
            "from gipr_lint.cli import main\n"
            "collections.clear()\n"
            "gc.set_threshold(1)\n"
            "print(main(), gc.isenabled(), gc.get_freeze_count())\n")
    done = _python(code, str(SEED), "/dev/null")
    assert done.stdout.split("\n") == ["[0] True True", "1 True 0", ""], done.stderr


def test_other_commands_run_with_the_collector_on() -> None:
    code = ("import gc, sys\n"
            "from gipr_lint.cli import info\n"
            "info.cmd_rules = lambda args: print('collector on:', gc.isenabled()) or 0\n"
            "sys.argv = ['gipr-lint', 'rules']\n"
            "from gipr_lint.cli import main\n"
            "print(main(), gc.isenabled())\n")
    assert _python(code).stdout == "collector on: True\n0 True\n"


def test_an_exit_while_the_arguments_are_read_turns_it_back_on() -> None:
    """``--version`` and a usage error leave through SystemExit; a program that ran
    gipr-lint's main() and goes on has its collector again."""
    code = ("import gc, sys\n"
            "from gipr_lint.cli import main\n"
            "for argv in (['--version'], ['check', '--no-such-option']):\n"
            "    sys.argv = ['gipr-lint', *argv]\n"
            "    try:\n        main()\n"
            "    except SystemExit as exc:\n        print(exc.code, gc.isenabled())\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.stdout.endswith("0 True\n2 True\n"), done.stdout + done.stderr
