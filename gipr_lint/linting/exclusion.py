"""Which files and folders a folder search passes over: ``exclude`` globs and ``.gitignore``.

Like ruff, exclusions apply while a folder named on the command line is searched; a file named
on the command line is always linted. A glob without ``/`` matches a file or folder name at any
depth (``old`` skips every folder called ``old``); a glob with ``/`` matches the path relative to
the folder of the configuration file that sets it (or the current directory for command-line
options and when no file applies). Inside a git work tree, what its ``.gitignore`` files (and
``.git/info/exclude``) ignore is skipped too, unless ``respect-gitignore = false``.
pathspec, which implements git's rules, is imported only when a ``.gitignore`` is found.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gipr_lint.linting.config import glob_to_regex

if TYPE_CHECKING:
    from gipr_lint.linting.config import Settings

__all__ = ["Excluder"]


class Excluder:
    """Answers "is this path skipped?" for a folder search (see the module documentation).

    :param settings_for: the settings of a file at a path (a :class:`ConfigResolver` method).
    :param cwd: where relative paths start.
    """

    def __init__(self, settings_for: Callable[[str], Settings], cwd: Path) -> None:
        self.settings_for = settings_for
        self.cwd = cwd
        self._globs: dict[tuple[str, ...], list[tuple[bool, re.Pattern[str]]]] = {}
        self._repo: dict[Path, Path | None] = {}
        self._specs: dict[Path, list[tuple[Path, Any]]] = {}
        #: Each folder met, as the paths name it: its absolute path (a search asks about every
        #: file of a folder, and most need nothing more than the folder's answers).
        self._folders: dict[str, Path] = {}
        self._repos_by_name: dict[str, Path | None] = {}

    def __call__(self, path: str, is_dir: bool) -> bool:
        """Whether the file or folder at ``path`` is skipped."""
        folder, name = os.path.split(path)
        named = name not in ("", ".")  # the last part of the path is the file or folder
        parent = self._folders.get(folder) if named else None
        absolute: Path | None = None
        if parent is None:
            absolute = (self.cwd / path).absolute()
            parent = absolute.parent
            if named:
                self._folders[folder] = parent
        settings = self.settings_for(path)
        if settings.exclude:
            absolute = absolute or parent / name
            if self._excluded(absolute, settings):
                return True
        if not settings.respect_gitignore:
            return False
        if absolute is None and self._folder_repo(folder, parent) is None:
            return False
        return self._git_ignored(absolute or parent / name, is_dir)

    # -- exclude globs ---------------------------------------------------------------------------

    def _compiled(self, patterns: tuple[str, ...]) -> list[tuple[bool, re.Pattern[str]]]:
        if patterns not in self._globs:
            compiled = []
            for pattern in patterns:
                glob = pattern.strip().removeprefix("./").rstrip("/")
                compiled.append(("/" in glob, glob_to_regex(glob)))
            self._globs[patterns] = compiled
        return self._globs[patterns]

    def _excluded(self, absolute: Path, settings: Settings) -> bool:
        root = settings.root.absolute() if settings.path is not None else self.cwd.absolute()
        try:
            relative = absolute.relative_to(root).as_posix()
        except ValueError:
            relative = absolute.as_posix()
        for anchored, regex in self._compiled(settings.exclude):
            if regex.match(relative if anchored else absolute.name):
                return True
        return False

    # -- .gitignore ------------------------------------------------------------------------------

    def _folder_repo(self, folder: str, parent: Path) -> Path | None:
        """:meth:`_repo_root` of the folder ``folder`` names (whose absolute path is
        ``parent``), kept by that name: a search asks about every file of a folder, and a
        ``Path`` is costly to hash and compare."""
        try:
            return self._repos_by_name[folder]
        except KeyError:
            found = self._repos_by_name[folder] = self._repo_root(parent)
            return found

    def _repo_root(self, directory: Path) -> Path | None:
        if directory not in self._repo:
            if (directory / ".git").exists():
                self._repo[directory] = directory
            elif directory.parent == directory:
                self._repo[directory] = None
            else:
                self._repo[directory] = self._repo_root(directory.parent)
        return self._repo[directory]

    def _specs_for(self, directory: Path, repo: Path) -> list[tuple[Path, Any]]:
        """The ignore files that apply inside ``directory``, outermost first."""
        if directory not in self._specs:
            specs = [] if directory == repo else list(self._specs_for(directory.parent, repo))
            files = [directory / ".gitignore"]
            if directory == repo:
                files.insert(0, repo / ".git" / "info" / "exclude")
            for file in files:
                try:
                    lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    continue
                from pathspec import GitIgnoreSpec

                specs.append((directory, GitIgnoreSpec.from_lines(lines)))
            self._specs[directory] = specs
        return self._specs[directory]

    def _git_ignored(self, absolute: Path, is_dir: bool) -> bool:
        repo = self._repo_root(absolute.parent)
        if repo is None:
            return False
        ignored = False
        for base, spec in self._specs_for(absolute.parent, repo):
            relative = absolute.relative_to(base).as_posix() + ("/" if is_dir else "")
            verdict = spec.check_file(relative).include
            if verdict is not None:
                ignored = verdict
        return ignored
