"""The end of the program ``gipr-lint`` (the console script and ``python -m gipr_lint``): after
the command, the process leaves without the interpreter's teardown.

Python's own exit, after the ``atexit`` handlers, flushes the standard streams and then takes
every module apart and frees what it held, one object at a time: ~5 ms of every run (a tenth
of a cold one-file lint, and paid once by ``-j 1`` and once by ``-j 2``), for memory the system
takes back at once. :func:`leave` does what of that matters and then ends the process with
:func:`os._exit`, as mypy does: the ``atexit`` handlers run (the caches are saved there, and
``weakref.finalize`` and :mod:`logging` flush through them), the standard streams are flushed,
and so is every file a module keeps open in a global (a plugin's log), which the teardown
would have closed. Nothing else is lost: a file whose last reference goes away is closed when
it goes, and a run leaves nothing else to free but memory.

Only the program does this, never :func:`gipr_lint.cli.main` called as a function (tests, a
library user, ``runpy.run_module`` from another program), and not when something expects the
ordinary exit: a profiler or tracer (``cProfile``, coverage), a thread still running (Python
waits for it), ``python -i``, or a standard stream that cannot be flushed (Python reports it and
exits with 120; the ordinary exit does that after the handlers have run here).
"""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import sys
from typing import NoReturn

__all__ = ["leave"]


def leave(code: int) -> NoReturn:
    """End the process with exit status ``code``, without the interpreter's teardown where it
    is safe (see the module's docstring), else by the ordinary :func:`sys.exit`."""
    if _ordinary_exit_expected():
        sys.exit(code)
    atexit._run_exitfuncs()  # (they are cleared: an ordinary exit after this does not rerun them)
    if not _flushed(sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        sys.exit(code)
    _flush_module_files()
    os._exit(code)


def _ordinary_exit_expected() -> bool:
    """Whether something needs what :func:`os._exit` skips: a profiler or tracer writes its
    findings after the program returns, a running thread is waited for, ``-i`` goes on."""
    if sys.getprofile() is not None or sys.gettrace() is not None or sys.flags.inspect:
        return True
    threading = sys.modules.get("threading")
    if threading is None:
        return False
    main = threading.main_thread()
    return any(thread is not main and not thread.daemon and thread.is_alive()
               for thread in threading.enumerate())


def _flushed(*streams: object) -> bool:
    """Flush each stream that is not closed (``None`` when there is none), as Python's exit
    does; whether all could be."""
    try:
        for stream in streams:
            if stream is not None and not getattr(stream, "closed", False):
                stream.flush()  # type: ignore[attr-defined]
    except Exception:  # whatever a replaced stream raises: the ordinary exit reports it
        return False
    return True


#: The types of the files :func:`open` makes that hold written data until flushed (what a
#: module keeps from ``open(path, "w")``; an unbuffered file has nothing to flush).
_BUFFERED = frozenset((io.TextIOWrapper, io.BufferedWriter, io.BufferedRandom))


def _flush_module_files() -> None:
    """Flush the open files modules keep in their globals, as the teardown would by closing
    them. A file that cannot be flushed is passed over (the teardown only reports it). The
    globals' types are compared in one C loop per module (~0.4 ms for a run's ~11,000
    globals, where a Python loop over them costs ~1 ms: a quarter of what leaving saves)."""
    for module in list(sys.modules.values()):
        names = getattr(module, "__dict__", None)
        if not names or _BUFFERED.isdisjoint(map(type, names.values())):
            continue
        for value in list(names.values()):
            if type(value) in _BUFFERED and not value.closed:
                with contextlib.suppress(OSError, ValueError):
                    value.flush()
