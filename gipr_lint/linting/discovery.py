"""Turning the paths on the command line into the list of files to lint."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence

from gipr_lint.i18n import translator

__all__ = ["SKIPPED_DIRS", "discover"]

_ = translator("gipr_lint")

#: Directory names never descended into (besides hidden ones and virtual environments).
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages", "build",
                          "dist"})


def _skip_dir(parent: str, name: str) -> bool:
    if name.startswith(".") or name in SKIPPED_DIRS:
        return True
    return os.path.exists(os.path.join(parent, name, "pyvenv.cfg"))


#: ``skip(path, is_dir)``: whether a folder search passes over a path (exclude, .gitignore).
Skip = Callable[[str, bool], bool]


def _walk(directory: str, suffixes: frozenset[str], skip: Skip | None
          ) -> Iterable[tuple[str, str]]:
    """The files to lint in ``directory`` and below, each with its absolute path (the key that
    tells a file found twice), in order."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not _skip_dir(root, d)
                         and not (skip and skip(os.path.join(root, d), True)))
        # ``os.path.normpath(os.path.join(root, name))`` and the same made absolute, as a
        # prefix made once per folder and the name (a file name holds no separator)
        folder = os.path.normpath(root)
        prefix = "" if folder == os.curdir else os.path.join(folder, "")
        absolute_prefix = ""  # made for the folder's first file to lint
        for name in sorted(files):
            if not name.startswith((".", "~$")) and os.path.splitext(name)[1].lower() in suffixes:
                path = prefix + name
                if not (skip and skip(path, False)):
                    if not absolute_prefix:
                        absolute_prefix = os.path.join(_key(folder), "")
                    yield path, absolute_prefix + name


def _key(path: str) -> str:
    """The absolute path that tells a file found twice: with ``..`` and ``.`` resolved, so that
    ``a`` named as ``a`` and as ``../here/a`` is one file (``Path.absolute`` keeps ``..``)."""
    return os.path.abspath(path)


def discover(paths: Sequence[str], suffixes: Iterable[str], skip: Skip | None = None
             ) -> tuple[list[str], list[str]]:
    """The files to lint, in command-line order, and error messages for missing paths.

    A file named on the command line is linted whatever its suffix; a directory is searched
    recursively for files with one of ``suffixes`` (``.txt`` and the registered readers'),
    skipping hidden files, the lock files Word and WPS leave next to an open document
    (``~$报告.docx``), hidden directories, ``node_modules``, ``__pycache__`` and virtual
    environments. ``-`` (standard input) is passed through. ``skip`` (see :mod:`.exclusion`) is
    asked about each file and folder met while searching a folder, never about a path named in
    ``paths``.
    """
    wanted = frozenset(s.lower() for s in suffixes)
    files: list[str] = []
    errors: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if path == "-":
            found: Iterable[tuple[str, str]] = [(path, path)]
        elif os.path.isdir(path):
            found = _walk(path, wanted, skip)
        elif os.path.exists(path):
            found = [(path, _key(path))]
        else:
            errors.append(f"{path}: " + _("cannot read: {reason}").format(
                reason=_("No such file or directory")))
            continue
        for file, key in found:
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files, errors
