"""Building the Lark parser once per machine, not once per process.

Analysing the grammar into LALR tables costs more than a whole report's lint, and every
``gipr-lint`` run (and every ``-j`` worker) would pay it again. :func:`cached_lark` keeps the
built parser in the user's cache directory, keyed by a hash of the grammar, the options and the
Lark and Python versions, so a changed grammar or an upgraded Lark never loads a stale parser.

The cache is a convenience only: when the directory cannot be made, read or written (a read-only
home, a full disk, a corrupt file) the parser is simply built in memory, as before. The directory
is the user's own (``$GIPR_LINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/gipr-lint``, else
``~/.cache/gipr-lint``; ``%LOCALAPPDATA%`` on Windows), created private, and files are replaced
atomically, so concurrent workers never read a half-written parser. It is never a shared
temporary directory, where another user could plant a pickle.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from lark import Lark

from gipr_lint.cache_dir import cache_directory, cached_data, write_atomically
from gipr_lint.regex import compile_re

__all__ = ["cache_directory", "cached_lark", "cached_table"]

_T = TypeVar("_T")


def _describe(value: object) -> str:
    if isinstance(value, type):
        return f"{value.__module__}.{value.__qualname__}"
    return repr(value)


#: Lark's ``__version__ = "1.3.1"`` line (a kept program: every run reads it, see
#: :func:`gipr_lint.regex.compile_re`).
_VERSION = compile_re(r"""^__version__\s*(?::\s*str\s*)?=\s*["']([^"']+)["']""", re.M)


def _lark_version() -> str:
    """Lark's version, read from its package without importing it (importing Lark costs more
    than loading a saved table: a run that finds its table cached never imports it)."""
    spec = find_spec("lark")
    if spec is None or spec.origin is None:
        return "unknown"
    try:
        head = Path(spec.origin).read_text(encoding="utf-8")
    except OSError:
        return "unknown"
    found = _VERSION.search(head)
    return found.group(1) if found else "unknown"


def _material(grammar: str, options: dict[str, Any]) -> str:
    """Everything a saved parser depends on: the grammar, the options, Lark's and Python's
    versions."""
    described = "".join(f"{name}={_describe(options[name])};" for name in sorted(options))
    versions = f"lark {_lark_version()}; python {sys.version_info[0]}.{sys.version_info[1]}"
    return "\n".join((grammar, described, versions))


def _key(grammar: str, options: dict[str, Any]) -> str:
    import hashlib  # only to build or load a whole Lark parser: a lint loads the table

    return hashlib.sha256(_material(grammar, options).encode("utf-8")).hexdigest()[:32]


def _load(path: Path) -> Lark | None:
    from lark import Lark

    try:
        with path.open("rb") as stream:
            return Lark.load(stream)
    except FileNotFoundError:
        return None
    except Exception:  # corrupt, truncated or unreadable: build afresh and overwrite
        return None


def _save(parser: Lark, path: Path) -> None:
    write_atomically(parser.save, path)


def cached_lark(grammar: str, **options: Any) -> Lark:
    """``Lark(grammar, **options)`` (LALR only), loaded from the cache when it was built before
    on this machine, else built and saved there."""
    directory = cache_directory()
    path = directory / f"parser-{_key(grammar, options)}.pickle" if directory else None
    if path is not None:
        loaded = _load(path)
        if loaded is not None:
            return loaded
    from lark import Lark

    parser = Lark(grammar, **options)
    if path is not None:
        _save(parser, path)
    return parser


def cached_table(grammar: str, kind: type[_T], build: Callable[[], _T],
                 **options: Any) -> _T:
    """What ``build()`` makes of ``grammar`` (the parse table compiled from Lark's analysis, plain
    data of type ``kind``), loaded from the cache when it was made before on this machine with
    the same grammar, options and Lark and Python versions, else built and saved there. Loading
    it needs no Lark at all."""
    material = _material(grammar, {**options, "saved": f"{kind.__module__}.{kind.__qualname__}"})
    return cached_data("table", material, kind, build)
