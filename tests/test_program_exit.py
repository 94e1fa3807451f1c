"""The program ends without the interpreter's teardown (gipr_lint.cli.program), losing nothing:
the output, the exit code, the ``atexit`` handlers, the files modules keep open; and it keeps
the ordinary exit where something needs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from gipr_lint.cli import main
from tests.conftest import FIXTURES

SEED = FIXTURES / "000_6a437f78ed373b70.txt"

#: Put at the start of a program: an object that says so when the teardown frees it (a global
#: of a module of its own, freed when the modules are taken apart).
_PROBE = ("import sys, types\n"
          "class Probe:\n"
          "    def __del__(self):\n"
          "        sys.stderr.write('torn down\\n')\n"
          "probe = types.ModuleType('probe')\n"
          "probe.it = Probe()\n"
          "sys.modules['probe'] = probe\n")


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=False, timeout=120)


def test_python_m_writes_the_whole_output_and_keeps_the_exit_code(tmp_path: Path) -> None:
    """A run with findings (exit 1) into a file and onto standard output, as main() makes
    them; another command's 0."""
    into = tmp_path / "out.json"
    args = ["check", str(SEED), "--isolated", "--format", "json"]
    done = subprocess.run([sys.executable, "-m", "gipr_lint", *args, "-o", str(into)],
                          capture_output=True, check=False, timeout=120)
    assert done.returncode == 1, done.stderr
    expected = tmp_path / "expected.json"
    assert main([*args, "-o", str(expected)]) == 1
    assert into.read_bytes() == expected.read_bytes() and json.loads(into.read_bytes())
    onto = subprocess.run([sys.executable, "-m", "gipr_lint", *args], capture_output=True,
                          check=False, timeout=120)
    assert onto.returncode == 1 and onto.stdout == expected.read_bytes()
    rules = subprocess.run([sys.executable, "-m", "gipr_lint", "rules"], capture_output=True,
                           check=False, timeout=120)
    assert rules.returncode == 0 and rules.stdout.count(b"\n") > 50


def test_the_program_skips_the_teardown_but_runs_the_atexit_handlers(tmp_path: Path) -> None:
    """The handlers run (the caches are saved there), a file a module keeps open is flushed,
    what a handler prints comes out, and the teardown itself does not happen."""
    log, marker = tmp_path / "plugin.log", tmp_path / "atexit"
    code = (_PROBE + "import atexit, pathlib\n"
            "probe.log = open(sys.argv[1], 'w', encoding='utf-8')\n"
            "probe.log.write('kept open, never closed')\n"
            "marker = pathlib.Path(sys.argv[2])\n"
            "atexit.register(lambda: marker.write_text('ran'))\n"
            "atexit.register(lambda: print('said at exit'))\n"
            "sys.argv = ['gipr-lint', 'check', sys.argv[3], '--isolated', '--format', 'concise']\n"
            "from gipr_lint.cli import run\n"
            "run()\n")
    done = _python(code, str(log), str(marker), str(SEED))
    assert done.returncode == 1, done.stderr
    assert "torn down" not in done.stderr
    assert done.stdout.endswith("said at exit\n") and "A001" in done.stdout
    assert marker.read_text() == "ran"
    assert log.read_text(encoding="utf-8") == "kept open, never closed"


def test_main_called_as_a_function_returns_and_the_teardown_happens() -> None:
    code = (_PROBE + "from gipr_lint.cli import main\n"
            "code = main(['check', sys.argv[1], '--isolated', '-o', sys.argv[2]])\n"
            "print('returned', code)\n")
    done = _python(code, str(SEED), os.devnull)
    assert done.stdout == "returned 1\n" and "torn down" in done.stderr, done.stderr


def test_another_program_running_the_module_gets_control_back() -> None:
    """``runpy.run_module('gipr_lint', run_name='__main__')``, as ``python -m cProfile -m
    gipr_lint`` does: SystemExit with the code, and the caller goes on."""
    code = ("import runpy, sys\n"
            "sys.argv = ['gipr-lint', 'check', sys.argv[1], '--isolated', '-o', sys.argv[2]]\n"
            "try:\n    runpy.run_module('gipr_lint', run_name='__main__')\n"
            "except SystemExit as exc:\n    print('back with', exc.code)\n")
    done = _python(code, str(SEED), os.devnull)
    assert done.stdout == "back with 1\n", done.stderr


def test_a_profiler_or_a_running_thread_keeps_the_ordinary_exit(tmp_path: Path) -> None:
    """A profiler writes after the program; a thread that is not a daemon is waited for."""
    profiled = _python(_PROBE + "sys.setprofile(lambda *args: None)\n"
                       "from gipr_lint.cli.program import leave\nleave(3)\n")
    assert profiled.returncode == 3 and "torn down" in profiled.stderr
    written = tmp_path / "thread"
    threaded = _python(_PROBE + "import pathlib, threading, time\n"
                       "def work():\n    time.sleep(0.3)\n"
                       "    pathlib.Path(sys.argv[1]).write_text('done')\n"
                       "threading.Thread(target=work).start()\n"
                       "from gipr_lint.cli.program import leave\nleave(4)\n", str(written))
    assert threaded.returncode == 4 and "torn down" in threaded.stderr
    assert written.read_text() == "done"
    daemon = _python(_PROBE + "import threading, time\n"
                     "threading.Thread(target=time.sleep, args=(30,), daemon=True).start()\n"
                     "from gipr_lint.cli.program import leave\nleave(5)\n")
    assert daemon.returncode == 5 and "torn down" not in daemon.stderr


def test_standard_output_that_cannot_be_flushed_is_reported_as_python_does() -> None:
    """Python's exit says so and exits with 120; so does the program's, after the handlers
    (which run once)."""
    failing = ("class Full:\n"
               "    closed = False\n"
               "    def write(self, text):\n        return len(text)\n"
               "    def flush(self):\n        raise OSError(28, 'No space left on device')\n"
               "import atexit\natexit.register(lambda: sys.stderr.write('handler\\n'))\n"
               "sys.stdout = Full()\n")
    ordinary = _python(_PROBE + failing + "sys.exit(0)\n")
    left = _python(_PROBE + failing + "from gipr_lint.cli.program import leave\nleave(0)\n")
    assert ordinary.returncode == left.returncode == 120
    assert left.stderr.count("handler") == 1 and "No space left" in left.stderr
    assert "torn down" in left.stderr
