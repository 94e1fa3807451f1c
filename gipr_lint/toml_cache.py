"""TOML files parsed once per machine, not once per process.

Every start reads the national templates (``gipr_lint/data/templates.toml``); importing
:mod:`tomllib` and parsing the file cost about 2.5 ms of a ~100 ms cold one-file lint (issue 15).
:func:`parse_toml` keeps the parsed table in the user's cache directory
(:func:`gipr_lint.cache_dir.cache_directory`) together with the exact text it was parsed from,
and uses it only when that text equals the text being parsed now: an edited file is parsed
afresh, never served stale. The file is written with :mod:`marshal` (loading cannot run code),
atomically; anything unexpected (no cache directory, a damaged or foreign file, a table marshal
cannot store, such as one with dates) falls back to ``tomllib.loads``.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Any

from gipr_lint.cache_dir import cache_directory

__all__ = ["parse_toml"]

_HEADER = b"gipr-lint parsed toml 1\n"


def _tomllib_loads(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib.loads(text)


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """``tomllib.loads(text)``, from the cache when ``text`` was parsed before under ``name``
    (a file name made of letters, digits and ``-``). Parse errors are ``tomllib``'s own."""
    directory = cache_directory()
    if directory is None:
        return _tomllib_loads(text)
    path = directory / f"{name}-{sys.implementation.cache_tag}.marshal"
    try:
        data = path.read_bytes()
        if data.startswith(_HEADER):
            stored_text, table = marshal.loads(data[len(_HEADER):])
            if stored_text == text and isinstance(table, dict):
                return table
    except Exception:  # missing, unreadable, damaged or not ours: parsed afresh below
        pass
    table = _tomllib_loads(text)
    _store(path, text, table)
    return table


def _store(path: Path, text: str, table: dict[str, Any]) -> None:
    """Write ``(text, table)`` atomically; never raises (a cache that cannot be written is only
    slower)."""
    try:
        body = _HEADER + marshal.dumps((text, table))
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{zlib.crc32(body):08x}.tmp")
        try:
            temporary.write_bytes(body)
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except Exception:  # read-only, full, or a table marshal cannot store
        return
