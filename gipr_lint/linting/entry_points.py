"""Finding the installed plugins' entry points without importing :mod:`importlib.metadata`.

``importlib.metadata.entry_points()`` imports the e-mail parser, zipfile and csv and reads the
metadata of every installed distribution: on a cold start that costs about half as much as
importing Lark. Entry points live in ``*.dist-info/entry_points.txt`` (or ``*.egg-info``) beside
the importable packages, so :func:`entry_points` lists the ``sys.path`` directories, reads only
those files, and the metadata (name and version) of the distributions that do declare the group.
It follows ``importlib.metadata``: the first distribution of a name on ``sys.path`` wins.

Anything it does not understand (a zip file on ``sys.path``) sends it back to
``importlib.metadata``, so it never finds fewer plugins than the standard library would.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from typing import Any, NamedTuple

from gipr_lint.regex import compile_re

__all__ = ["Distribution", "EntryPoint", "entry_points"]

_VALUE = compile_re(r"(?P<module>[\w.]+)\s*(?::\s*(?P<attr>[\w.]+)\s*)?(?:\[.*\]\s*)?$")
_SUFFIXES = (".dist-info", ".egg-info")
#: What a distribution's name is compared without (PEP 503 normalisation).
_SEPARATORS = compile_re(r"[-_.]+")


class Distribution(NamedTuple):
    """The name and version of the distribution an entry point comes from."""

    name: str
    version: str


class EntryPoint(NamedTuple):
    """One ``name = module:attribute`` line of a group, as :mod:`importlib.metadata` has it."""

    name: str
    value: str
    group: str
    dist: Distribution | None = None

    def load(self) -> Any:
        """Import the module and return the object the entry point names."""
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"malformed entry point value {self.value!r}")
        loaded: Any = import_module(match.group("module"))
        for part in (match.group("attr") or "").split("."):
            if part:
                loaded = getattr(loaded, part)
        return loaded


def _normalize(name: str) -> str:
    return _SEPARATORS.sub("_", name).lower()


def _group(path: str, group: str) -> list[tuple[str, str]]:
    """The ``(name, value)`` lines of ``[group]`` in an ``entry_points.txt``."""
    try:
        with open(path, encoding="utf-8") as stream:
            lines = stream.read().splitlines()
    except OSError:
        return []
    found, inside = [], False
    for line in lines:
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            inside = line[1:-1].strip() == group
        elif inside and "=" in line:
            name, value = line.split("=", 1)
            found.append((name.strip(), value.strip()))
    return found


def _distribution(directory: str, fallback: str) -> Distribution:
    """Name and version from the metadata headers (``METADATA`` or ``PKG-INFO``)."""
    fields: dict[str, str] = {}
    for metadata in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(directory, metadata), encoding="utf-8") as stream:
                for line in stream:
                    if not line.strip():
                        break
                    key, _, value = line.partition(":")
                    if key in ("Name", "Version") and key not in fields:
                        fields[key] = value.strip()
            break
        except OSError:
            continue
    name, _, version = fallback.partition("-")
    return Distribution(fields.get("Name", name), fields.get("Version", version.split("-")[0]))


def _scan(group: str) -> list[EntryPoint] | None:
    """The entry points of ``group`` on ``sys.path``, or ``None`` to defer to the standard
    library (a zip file on the path)."""
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for entry in sys.path:
        directory = entry or "."
        if os.path.isfile(directory):
            return None
        try:
            names = os.listdir(directory)
        except OSError:
            continue
        for name in names:
            if not name.endswith(_SUFFIXES):
                continue
            stem = name.rsplit(".", 1)[0]
            key = _normalize(stem.partition("-")[0])
            if key in seen:
                continue
            seen.add(key)
            metadata = os.path.join(directory, name)
            lines = _group(os.path.join(metadata, "entry_points.txt"), group)
            if lines:
                dist = _distribution(metadata, stem)
                found.extend(EntryPoint(n, v, group, dist) for n, v in lines)
    return found


def entry_points(group: str) -> list[Any]:
    """The entry points of ``group`` in every installed distribution."""
    found = _scan(group)
    if found is None:
        from importlib.metadata import entry_points as standard

        return list(standard(group=group))
    return found  # type: ignore[return-value]
