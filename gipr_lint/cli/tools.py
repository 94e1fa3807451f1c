"""The commands that start something: ``new-plugin`` and ``server``."""

from __future__ import annotations

import argparse
import sys

from gipr_lint.cli.common import EXIT_ERROR, EXIT_OK, UsageError, choose_language, error
from gipr_lint.i18n import N_, translator

__all__ = ["SERVER_NEEDS", "cmd_new_plugin", "cmd_server"]

_ = translator("gipr_lint")


def cmd_new_plugin(args: argparse.Namespace) -> int:
    """Write a rule-pack skeleton (:mod:`gipr_lint.scaffold`); exit 2 if the folder exists."""
    from gipr_lint.scaffold import ScaffoldError, create

    try:
        target = create(args.name, args.directory, prefix=args.prefix)
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(_("cannot write the skeleton: {reason}").format(reason=exc)) from None
    sys.stdout.write(_("Created {target}/ (plugin {name}). Next, in the environment where "
                       "gipr-lint is installed: {commands}").format(
                           target=target, name=repr(args.name),
                           commands=f"cd {target} && pip install -e '.[test]' && pytest") + "\n")
    return EXIT_OK


SERVER_NEEDS = N_("the language server needs pygls: install gipr-lint with its lsp extra "
                   "(pip install '.[lsp]' in a checkout; see docs/install.md)")


def cmd_server(args: argparse.Namespace) -> int:
    """Run the language server; pygls is imported only here, never at start-up."""
    choose_language(args)  # --lang, for the messages below as for the server's
    if args.debounce is not None and args.debounce < 0:
        raise UsageError(_("--debounce: expected milliseconds, 0 or more"))
    try:
        import lsprotocol.types  # noqa: F401
        import pygls.lsp.server  # noqa: F401
    except ImportError:
        error(_(SERVER_NEEDS))
        return EXIT_ERROR
    from gipr_lint.editor.server import serve

    if args.lang:
        from gipr_lint.i18n import set_language

        set_language(args.lang)
    return serve(None if args.debounce is None else args.debounce / 1000)
