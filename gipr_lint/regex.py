"""Regular expressions compiled once per machine, not once per process.

``re.compile`` parses a pattern and turns it into a program for Python's regular-expression
engine (sre). gipr-lint and its rule packs compile a few hundred patterns on every start, and
each class of Chinese characters (``[一-鿿]``) costs about a millisecond, because sre builds a
map of 65,536 characters for it: about 70 ms of a 250 ms cold single-file lint (issue 15).
:func:`compile_re` is ``re.compile`` with the finished programs kept in the user's cache
directory (:func:`gipr_lint.cache_dir.cache_directory`), so a later process only hands the stored
program to the engine, which checks it and builds the pattern in microseconds.

Every core module and rule pack compiles through this one function (packs import it from
:mod:`gipr_lint.api`); ``scripts/convert_regexes.py`` rewrites ``re.compile(`` calls into it.

Why it is safe:

* The program is what ``re.compile`` itself builds: the same private steps
  (``_parser.parse``, ``_compiler._code``, ``_sre.compile``), and a program is stored only after
  the pattern rebuilt from it compared equal (flags, code, pattern) to ``re.compile``'s.
* The file is keyed on everything that shapes a program: the exact Python build
  (``sys.version``, implementation and cache tag) and the engine's ``MAGIC``, ``CODESIZE``,
  ``MAXREPEAT`` and ``MAXGROUPS``. Another Python gets a file of its own; a key that does not
  match inside a file is ignored.
* It is written with :mod:`marshal` (plain lists, tuples, dicts and numbers; loading cannot run
  code), with a CRC-32 of its index and of each program, atomically (a temporary file, then
  ``os.replace``), in a directory private to the user. A corrupt or foreign file is ignored and
  rewritten, as is a program that is cut off or damaged; the engine's own check rejects a
  malformed program, which is then compiled afresh.
* Anything unexpected (a Python whose private compiler API differs, a directory that cannot be
  made or written, ``GIPR_LINT_CACHE_DIR=`` set empty) falls back to plain ``re.compile``.

New programs are written when the process exits (and by :func:`save`, which ``-j`` workers call
after each chunk, since worker processes skip exit handlers). The file keeps at most
:data:`MAX_PROGRAMS` programs, those used by the latest run first.
"""

from __future__ import annotations

import marshal
import re
import sys
from pathlib import Path
from typing import Any, AnyStr

try:  # Python 3.11+
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

import _sre

from gipr_lint.cache_dir import EntryFile, cache_directory

__all__ = ["MAX_PROGRAMS", "RegexCache", "compile_re", "save"]

#: At most this many programs are kept in the file (the latest run's first); patterns built from
#: configuration or templates are few, so this is never reached in ordinary use.
MAX_PROGRAMS = 4000
#: At most this many patterns are kept in memory, as ``re`` keeps its own 512.
_MAX_IN_MEMORY = 4000
#: Version 2 keeps each program as its own marshal string, decoded when its pattern is first
#: compiled: the file holds programs of earlier runs (other configurations, other layouts) and
#: turning all of them into lists of ints cost ~4 ms of every cold start (issue 15). Version 3
#: reads a program's string only when its pattern is compiled, too (an index, and a CRC-32 per
#: program: :class:`gipr_lint.cache_dir.StoredEntries`): copying and checking a 2.5 MB file
#: whole, of which a run used a seventh, cost ~5 ms. The file name says the version too
#: (``regex3-``), so that an older gipr-lint beside this one (another virtualenv) keeps its own
#: file instead of each rewriting the other's on every run.
_HEADER = b"gipr-lint compiled regexes 3\n"
#: Flags whose patterns are never cached: DEBUG prints while compiling, TEMPLATE is deprecated.
_UNCACHED_FLAGS = re.DEBUG | getattr(re, "TEMPLATE", 0)

#: A program: (flags, code, groups - 1, group index, index group), the arguments of
#: ``_sre.compile`` after the pattern.
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
Key = tuple[Any, int]  # (pattern: str or bytes, flags)


def _engine_key() -> str:
    """Everything that shapes a compiled program: a program is reused only when all agree."""
    return "|".join((sys.implementation.name, str(sys.implementation.cache_tag), sys.version,
                     str(_sre.MAGIC), str(_sre.CODESIZE), str(_sre.MAXREPEAT),
                     str(_sre.MAXGROUPS)))


def _program(pattern: str | bytes, flags: int) -> Program:
    """What ``re.compile(pattern, flags)`` hands to the engine (as ``re._compiler.compile``)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # the opcodes are int subclasses (named constants), which marshal does not store
    return (int(flags | parsed.state.flags), [int(word) for word in code],
            int(parsed.state.groups) - 1, groupindex, tuple(indexgroup))


class RegexCache(EntryFile):
    """Compiled programs kept in ``directory`` (``None``: in this process only); with
    ``save_at_exit`` (the process's own, :func:`compile_re`'s), new ones are written at exit."""

    def __init__(self, directory: Path | None, *, save_at_exit: bool = False) -> None:
        super().__init__(directory, "regex3", _HEADER, _engine_key(), MAX_PROGRAMS,
                         save_at_exit=save_at_exit)
        self._patterns: dict[Key, re.Pattern[Any]] = {}

    def compile(self, pattern: AnyStr | re.Pattern[AnyStr], flags: int = 0) -> re.Pattern[AnyStr]:
        """``re.compile(pattern, flags)``, from the stored program when there is one."""
        flags = int(flags)
        if not isinstance(pattern, (str, bytes)) or flags & _UNCACHED_FLAGS:
            return re.compile(pattern, flags)
        key = (pattern, flags)
        compiled = self._patterns.get(key)
        if compiled is not None:
            return compiled
        compiled = self._stored_pattern(key)
        if compiled is None:
            compiled = self._compiled_pattern(key)
        if len(self._patterns) < _MAX_IN_MEMORY:
            self._patterns[key] = compiled
        return compiled

    def _stored_pattern(self, key: Key) -> re.Pattern[Any] | None:
        stored = self.stored(key)
        if stored is None:
            return None
        try:
            compiled = _sre.compile(key[0], *marshal.loads(stored))
        except Exception:  # a malformed program marshal or the engine refused: compile afresh
            self.forget(key)
            return None
        self.used(key)
        return compiled  # type: ignore[no-any-return]

    def _compiled_pattern(self, key: Key) -> re.Pattern[Any]:
        """Compiled by ``re`` itself; its program is kept only when rebuilding the pattern from
        it gives a pattern equal to ``re``'s (same flags, code and pattern)."""
        pattern, flags = key
        compiled = re.compile(pattern, flags)
        if not self.has_room():
            return compiled
        try:
            program = _program(pattern, flags)
            if _sre.compile(pattern, *program) != compiled:
                return compiled
        except Exception:  # a Python whose private compiler API differs: no cache
            return compiled
        self.add(key, marshal.dumps(program))
        return compiled


_default = RegexCache(cache_directory(), save_at_exit=True)


def compile_re(pattern: AnyStr | re.Pattern[AnyStr], flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, with the compiled program kept across runs (see the
    module's docstring). Use it for every pattern compiled at import or per report."""
    return _default.compile(pattern, flags)


def save() -> None:
    """Write the programs this process compiled to the cache (also done at exit)."""
    _default.save()
