"""The methods :mod:`dataclasses` writes, compiled once per machine, not once per process.

``@dataclass`` writes the source of each class's ``__init__``, ``__repr__``, ``__eq__``,
``__hash__`` (and, frozen, ``__setattr__`` and ``__delattr__``) and compiles it with ``exec``
when the class is made. A lint imports some sixty dataclasses (the model, the templates, the
diagnostics, the layout readers, the rule packs' helpers): 330-odd compilations, about 20 ms of
the ~100 ms of a cold single-file lint (issue 15), for the very same texts every time.

:func:`install` gives the :mod:`dataclasses` module an ``exec`` of its own (a module's global
is found before the builtin), which runs the code compiled from the same text, kept in the
user's cache directory (:func:`gipr_lint.cache_dir.cache_directory`) like the compiled regexes
(:mod:`gipr_lint.regex`). The command line installs it first thing; a library user of
gipr-lint is left alone.

Why it is safe:

* ``exec(text, globals, locals)`` runs what ``compile(text, "<string>", "exec")`` makes of
  the text, with the compiler flags of the calling module (``dataclasses`` has no
  ``__future__`` import): the cached code is compiled the same way (``dont_inherit``, so that
  this module's own ``__future__`` import does not leak in) and run with the same namespaces.
  Anything else (code objects, other arguments) goes to the builtin ``exec`` as it is.
* Code objects are only valid for the Python that made them: the file is keyed on the exact
  build (``sys.version``, implementation, cache tag, bytecode magic number); a file or key that
  does not match is ignored. It is written with :mod:`marshal` (as ``.pyc`` files are), with a
  CRC-32 of its index and of each code, atomically, in a directory private to the user.
* Anything unexpected (no cache directory, a file that cannot be read or written) only means
  compiling, as before.
"""

from __future__ import annotations

import builtins
import marshal
import sys
from pathlib import Path
from typing import Any

from gipr_lint.cache_dir import EntryFile

__all__ = ["MAX_ENTRIES", "CodeCache", "install"]

#: At most this many compiled texts are kept in the file, those used by the latest run first.
MAX_ENTRIES = 1000
#: (Version 2: each code read from the file when first run, see
#: :class:`gipr_lint.cache_dir.StoredEntries`.)
_HEADER = b"gipr-lint dataclass code 2\n"


def _build_key() -> str:
    """Everything a compiled code object is valid for."""
    from importlib.util import MAGIC_NUMBER

    return "|".join((sys.implementation.name, str(sys.implementation.cache_tag), sys.version,
                     MAGIC_NUMBER.hex()))


class CodeCache(EntryFile):
    """Compiled texts kept in ``directory`` (``None``: in this process only); with
    ``save_at_exit`` (the one :func:`install` installs), new ones are written at exit."""

    def __init__(self, directory: Path | None, *, save_at_exit: bool = False) -> None:
        super().__init__(directory, "dataclass-code2", _HEADER, _build_key(), MAX_ENTRIES,
                         save_at_exit=save_at_exit)

    def exec(self, source: Any, globals: Any = None, locals: Any = None) -> None:
        """The builtin ``exec``, running a text's code from the cache when it is there."""
        if globals is None:  # the caller's namespaces, as the builtin would take them
            caller = sys._getframe(1)
            globals = caller.f_globals
            if locals is None:
                locals = caller.f_locals
        if type(source) is not str:
            builtins.exec(source, globals, locals)
            return
        builtins.exec(self.code(source), globals, locals)

    def code(self, source: str) -> Any:
        """The code ``exec(source)`` runs, compiled as ``exec`` compiles it in a module
        without ``__future__`` imports."""
        stored = self.stored(source)
        if stored is not None:
            try:
                code = marshal.loads(stored)
            except Exception:  # checked by the CRC: only a foreign Python's could fail
                self.forget(source)
            else:
                self.used(source)
                return code
        code = compile(source, "<string>", "exec", dont_inherit=True)
        self.add(source, marshal.dumps(code))
        return code


_installed: dict[str, CodeCache] = {}


def install() -> None:
    """Make :mod:`dataclasses` compile through the cache from now on, in this process
    (once; a no-op when it is installed already)."""
    if "cache" in _installed:
        return
    import dataclasses

    from gipr_lint.cache_dir import cache_directory

    cache = CodeCache(cache_directory(), save_at_exit=True)
    _installed["cache"] = cache
    dataclasses.exec = cache.exec  # type: ignore[attr-defined]
