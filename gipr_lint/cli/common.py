"""What every command shares: exit codes, the usage error, messages on stderr, plugin loading."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gipr_lint.linting.plugin_manager import PluginSet

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "UsageError", "error", "load_plugins",
           "split_codes"]

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
    """Load every plugin; report each problem on standard error."""
    from gipr_lint.linting.plugin_manager import load_plugins as load

    plugin_set = load()
    for problem in plugin_set.problems:
        sys.stderr.write(f"{problem}\n")
    return plugin_set
