"""What every command shares: exit codes, the usage error, messages on stderr, plugin loading."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gipr_lint.linting.plugin_manager import PluginSet
    from gipr_lint.reading.source import Source

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "UsageError", "choose_language", "error",
           "load_plugins", "split_codes", "stdin_source"]

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """Bad arguments, configuration or files: reported as ``gipr-lint: ...``, exit 2."""


def error(message: str) -> None:
    """Write ``gipr-lint: message`` to standard error."""
    sys.stderr.write(f"gipr-lint: {message}\n")


def split_codes(values: list[str] | None) -> list[str] | None:
    """Comma-separated codes of repeated options, flattened; ``None`` when not given."""
    if values is None:
        return None
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def load_plugins() -> PluginSet:
    """Load every plugin; report each problem on standard error (in the language of
    ``--lang``, chosen before, or of the environment: the configuration's ``lang`` is read
    later, with the plugins' options)."""
    from gipr_lint.linting.plugin_manager import load_plugins as load

    plugin_set = load()
    for problem in plugin_set.problems:
        sys.stderr.write(f"{problem}\n")
    return plugin_set


def choose_language(args: argparse.Namespace, plugin_set: PluginSet | None = None,
                    resolver: Any = None, path: str = "x.txt") -> None:
    """Speak ``--lang``, else the ``lang`` of the configuration that applies to ``path`` (the
    first file linted; for other commands, a file in the current directory), else the
    environment's language (``GIPR_LINT_LANG``, the locale)."""
    from gipr_lint.i18n import set_language

    if getattr(args, "lang", None):
        set_language(args.lang)
        return
    if resolver is None and plugin_set is not None:
        from gipr_lint.linting.config import ConfigError, ConfigResolver

        try:
            resolver = ConfigResolver(plugin_set, cwd=Path.cwd())
        except ConfigError:
            return
    if resolver is None:
        return
    from gipr_lint.linting.config import ConfigError

    try:
        lang = resolver.settings_for(Path(path)).lang
    except ConfigError:
        return
    if lang:
        set_language(lang)


def stdin_source(data: bytes, name: str) -> Source:
    """The report read from standard input: a web page (sniffed by its first bytes) through
    the HTML reader, anything else as plain text."""
    from gipr_lint.hookspecs import SNIFF_BYTES
    from gipr_lint.reading.readers.html import looks_like_html
    from gipr_lint.reading.source import Source

    if looks_like_html(data[:SNIFF_BYTES]):
        from gipr_lint.reading.document import to_source
        from gipr_lint.reading.readers.html import read_document

        return to_source(read_document(data), name)
    from gipr_lint.linting.builtin import not_empty

    return not_empty(Source.from_bytes(data, name))
