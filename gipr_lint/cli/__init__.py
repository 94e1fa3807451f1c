"""The ``gipr-lint`` command line (also ``python -m gipr_lint``).

Exit codes: 0 no finding at or above ``fail-on``; 1 findings at or above it; 2 a usage,
configuration, plugin or I/O error. Imports are kept lazy so that a one-file run starts fast:
rich only for the outputs that use it, the parser only when a file is linted.

One module per job: :mod:`.arguments` (the parser), :mod:`.check` (linting), :mod:`.fixing`
(``--fix``/``--diff``), :mod:`.info` (``parse``, ``rules``, ``rule``, ``plugins``),
:mod:`.tools` (``new-plugin``, ``server``), :mod:`.common` (exit codes, errors),
:mod:`.program` (how the program ends).

The program is :func:`run` (the console script; ``python -m gipr_lint`` runs it too): it runs
:func:`main` and leaves without the interpreter's teardown. Tests and library users call
:func:`main`, which returns.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

TYPE_CHECKING = False  # (not typing's: this package is imported before the pause, see main)
if TYPE_CHECKING:
    from typing import NoReturn

    from gipr_lint.cli.collector import CollectorPause

__all__ = ["main", "run"]


def run() -> NoReturn:
    """The program ``gipr-lint``: :func:`main`, then the process ends (see
    :mod:`gipr_lint.cli.program`). Only for the program itself: it never returns."""
    code = main()
    from gipr_lint.cli.program import leave  # (after: main's pause covers the imports)

    leave(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    pause = None
    if argv is None:
        # The program itself. The garbage collector is held off from here, while the rest
        # of the command line is imported and the arguments are read (~1.5 ms of collections
        # of a cold start otherwise), until check's first report: see gipr_lint.cli.collector
        # (held off before that module is imported: compiling it, where no bytecode is cached,
        # may be what reaches the collector's threshold)
        enabled = gc.isenabled()
        gc.disable()
        from gipr_lint.cli.collector import CollectorPause

        pause = CollectorPause(enabled)
        # It exits when this returns: skip the garbage collection Python makes at exit (it
        # walks every object of a finished run, ~10 ms of a one-file lint, and frees nothing
        # a finished process needs; finalizers still run afterwards).
        import atexit

        atexit.register(gc.disable)
        # and the dataclasses it imports from now on are made with methods compiled by an
        # earlier run (~20 ms of a one-file lint): see gipr_lint.dataclass_code
        from gipr_lint.dataclass_code import install

        install()
    try:
        return _command(list(sys.argv[1:] if argv is None else argv), pause)
    finally:
        if pause is not None:
            pause.end()


def _command(argv: list[str], pause: CollectorPause | None) -> int:
    """Read the arguments and run the command (``pause``: see :func:`main`). The commands are
    imported here, not with this package, so that the program's pause covers their imports."""
    from gipr_lint.cli.arguments import COMMANDS, parse_arguments
    from gipr_lint.cli.check import cmd_check
    from gipr_lint.cli.common import EXIT_ERROR, UsageError, error
    from gipr_lint.cli.info import cmd_parse, cmd_plugins, cmd_rule, cmd_rules
    from gipr_lint.cli.tools import cmd_new_plugin, cmd_server

    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "check")
    args = parse_arguments(argv)
    handlers = {"parse": cmd_parse, "rules": cmd_rules, "rule": cmd_rule,
                "plugins": cmd_plugins, "server": cmd_server, "new-plugin": cmd_new_plugin}
    if args.command != "check" and pause is not None:
        pause.end()  # (only check resumes it, at its first report)
    from gipr_lint.i18n import restored

    try:
        with restored():
            if getattr(args, "lang", None):  # before the plugins load: their problems speak it
                from gipr_lint.i18n import set_language

                set_language(args.lang)
            if args.command == "check":
                return cmd_check(args, pause)
            return handlers[args.command](args)
    except UsageError as exc:
        error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): silence the flush at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
