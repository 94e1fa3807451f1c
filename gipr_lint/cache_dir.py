"""Where gipr-lint keeps what it builds once per machine (the parser, compiled regexes).

The directory is the user's own: ``$GIPR_LINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/gipr-lint``,
else ``~/.cache/gipr-lint`` (``%LOCALAPPDATA%\\gipr-lint\\cache`` on Windows). Setting
``GIPR_LINT_CACHE_DIR`` to the empty string turns every cache off. Kept apart from the caches
themselves so that asking where the cache is imports nothing heavy.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["cache_directory"]


def cache_directory() -> Path | None:
    """Where built parsers and programs are kept, or ``None`` when there is no sensible place."""
    configured = os.environ.get("GIPR_LINT_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None  # set but empty: no cache
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "gipr-lint" / "cache"
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "gipr-lint"
    try:
        return Path.home() / ".cache" / "gipr-lint"
    except RuntimeError:  # no home directory
        return None
