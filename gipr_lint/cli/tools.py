"""The commands that start something: ``new-plugin`` and ``server``."""

from __future__ import annotations

import argparse
import sys

from gipr_lint.cli.common import EXIT_ERROR, EXIT_OK, UsageError, error

__all__ = ["SERVER_NEEDS", "cmd_new_plugin", "cmd_server"]


def cmd_new_plugin(args: argparse.Namespace) -> int:
    """Write a rule-pack skeleton (:mod:`gipr_lint.scaffold`); exit 2 if the folder exists."""
    from gipr_lint.scaffold import ScaffoldError, create

    try:
        target = create(args.name, args.directory, prefix=args.prefix)
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"cannot write the skeleton: {exc}") from None
    sys.stdout.write(f"Created {target}/ (plugin {args.name!r}). Next, in the environment "
                     f"where gipr-lint is installed: cd {target} && pip install -e '.[test]' && "
                     "pytest\n")
    return EXIT_OK


SERVER_NEEDS = ("the language server needs pygls: install gipr-lint with its lsp extra "
                "(pip install '.[lsp]' in a checkout; see docs/install.md)")


def cmd_server(args: argparse.Namespace) -> int:
    """Run the language server; pygls is imported only here, never at start-up."""
    if args.debounce is not None and args.debounce < 0:
        raise UsageError("--debounce: expected milliseconds, 0 or more")
    try:
        import lsprotocol.types  # noqa: F401
        import pygls.lsp.server  # noqa: F401
    except ImportError:
        error(SERVER_NEEDS)
        return EXIT_ERROR
    from gipr_lint.editor.server import serve

    if args.lang:
        from gipr_lint.i18n import set_language

        set_language(args.lang)
    return serve(None if args.debounce is None else args.debounce / 1000)
