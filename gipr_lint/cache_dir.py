"""Where gipr-lint keeps what it builds once per machine (the parser, compiled regexes, parsed
data files, the dataclasses' methods), the plain-data cache most of them use
(:func:`cached_data`), and the file of marshalled entries the compiled regexes and methods are
kept in (:func:`read_entries`, :func:`write_entries`).

The directory is the user's own: ``$GIPR_LINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/gipr-lint``,
else ``~/.cache/gipr-lint`` (``%LOCALAPPDATA%\\gipr-lint\\cache`` on Windows). Setting
``GIPR_LINT_CACHE_DIR`` to the empty string turns every cache off. Asking where the cache is
imports nothing heavy (what reads and writes the files is imported when first used).

The caches are a convenience only: when the directory cannot be made, read or written (a
read-only home, a full disk, a corrupt file) the thing is simply built in memory. The directory
is created private and files are replaced atomically, so concurrent processes never read a
half-written file; it is never a shared temporary directory, where another user could plant a
pickle.
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["EntryFile", "StoredEntries", "cache_directory", "cached_data", "parsed_toml",
           "read_entries", "write_atomically", "write_entries"]

_T = TypeVar("_T")


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


def write_atomically(save: Callable[[Any], object], path: Path) -> None:
    """Create ``path`` with ``save(stream)`` (a binary stream) through a temporary file in the
    same directory, made private if new; do nothing when that fails (read-only, full, vanished:
    what is in memory is enough)."""
    try:
        import tempfile  # only when saving: most runs load

        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cache-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                save(stream)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except Exception:
        return


def cached_data(prefix: str, material: str, kind: type[_T], build: Callable[[], _T]) -> _T:
    """What ``build()`` makes of ``material`` (plain data of type ``kind``; ``material`` writes
    out everything it depends on), loaded from the cache when it was made before on this
    machine, else built and saved there (in a file whose name begins with ``prefix``)."""
    import pickle  # the parse table is pickled too: a lint imports it anyway

    directory = cache_directory()
    path = None
    if directory is not None:
        # the file is named by a checksum and holds the whole material it was built from, which
        # must equal this one: a checksum collision loads nothing (and needs no hashlib)
        encoded = material.encode("utf-8")
        path = directory / f"{prefix}-{zlib.crc32(encoded):08x}-{len(encoded):x}.pickle"
        try:
            with path.open("rb") as stream:
                saved_material, loaded = pickle.load(stream)
            if saved_material == material and isinstance(loaded, kind):
                return loaded
        except Exception:  # missing, corrupt, truncated, unreadable or not ours: build afresh
            pass
    built = build()
    if path is not None:
        write_atomically(lambda stream: pickle.dump((material, built), stream,
                                                    protocol=pickle.HIGHEST_PROTOCOL), path)
    return built


def parsed_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``, kept in the cache by the text: for the data files shipped with
    gipr-lint and its packs, read at every start, where importing the TOML parser and parsing
    cost ~5 ms of a cold single-file lint (the text is still read, and compared in full).
    Raises ``TOMLDecodeError`` as ``tomllib.loads`` does (an error is never cached)."""
    return cached_data("toml", text, dict, lambda: _parse_toml(text))


def _parse_toml(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib.loads(text)


class StoredEntries(Mapping[Any, bytes]):
    """The entries of a :func:`write_entries` file, each cut from the file's bytes, and its
    CRC-32 checked, when it is first asked for: a run uses a few hundred of the thousands a
    file may hold (other configurations' patterns, other packs' classes), and decoding all
    of them, as one marshalled dictionary with a CRC-32 of the whole, cost a cold start
    ~5 ms for a 2.5 MB file. An entry that fails its check (a damaged file) is missing;
    ``del`` forgets one (its user found it bad)."""

    def __init__(self, data: bytes = b"", index: dict[Any, Any] | None = None,
                 start: int = 0) -> None:
        self._data = data
        self._index: dict[Any, Any] = index if index is not None else {}
        self._start = start  # where the entries' bytes begin in ``data``

    def __getitem__(self, entry: Any) -> bytes:
        try:
            offset, size, crc = self._index[entry]
            begin = self._start + offset
            value = self._data[begin:begin + size]
            if offset < 0 or len(value) != size or zlib.crc32(value) != crc:
                raise ValueError
        except (TypeError, ValueError):  # not shaped like ours, or damaged
            del self._index[entry]
            raise KeyError(entry) from None
        return value

    def __delitem__(self, entry: Any) -> None:
        self._index.pop(entry, None)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


#: The layout of a :func:`write_entries` file after its header: the size of the index and its
#: CRC-32 (4 bytes each, big-endian), the index (``(key, {entry: (offset, size, crc)})``
#: marshalled), then the entries one after another.
_SIZES = 8


def read_entries(path: Path | None, header: bytes, key: str) -> StoredEntries:
    """The entries (each a :mod:`marshal` string) of the :func:`write_entries` file at
    ``path``; empty when there is none, or it does not begin with ``header``, its index fails
    its CRC-32 (truncated, damaged) or was written for another ``key`` (another Python
    build). Each entry is checked when it is read (:class:`StoredEntries`)."""
    import marshal

    if path is None:
        return StoredEntries()
    try:
        data = path.read_bytes()
    except OSError:
        return StoredEntries()
    start = len(header) + _SIZES
    if not data.startswith(header) or len(data) < start:
        return StoredEntries()
    size = int.from_bytes(data[len(header):len(header) + 4], "big")
    index = data[start:start + size]
    if len(index) != size or zlib.crc32(index) != int.from_bytes(data[start - 4:start], "big"):
        return StoredEntries()
    try:
        stored_key, entries = marshal.loads(index)
    except Exception:  # not marshal data, or not shaped like ours
        return StoredEntries()
    if stored_key != key or not isinstance(entries, dict):
        return StoredEntries()
    return StoredEntries(data, entries, start + size)


def write_entries(path: Path, header: bytes, key: str, new: Mapping[Any, bytes],
                  stored: Mapping[Any, bytes], used: set[Any], limit: int) -> StoredEntries:
    """Write ``new`` entries and as many ``stored`` ones as ``limit`` allows (those ``used``
    by this process first) to ``path``, atomically, as :func:`read_entries` reads them.
    Returns the entries written (never raises: a cache that cannot be written is only
    slower)."""
    import marshal

    entries = dict(new)
    for group in ([entry for entry in stored if entry in used], list(stored)):
        for entry in group:
            if len(entries) >= limit:
                break
            if entry not in entries:
                value = stored.get(entry)  # (None when damaged: left out)
                if value is not None:
                    entries[entry] = value
    index = {}
    offset = 0
    for entry, value in entries.items():
        index[entry] = (offset, len(value), zlib.crc32(value))
        offset += len(value)
    packed = marshal.dumps((key, index))
    body = b"".join(entries.values())
    data = (header + len(packed).to_bytes(4, "big") + zlib.crc32(packed).to_bytes(4, "big")
            + packed + body)
    write_atomically(lambda stream: stream.write(data), path)
    return StoredEntries(data, index, len(data) - len(body))


class EntryFile:
    """One cache file of marshalled entries (:func:`read_entries`, :func:`write_entries`) for a
    kind of thing compiled once per machine (the regex programs, the dataclasses' code): the
    entries stored are read when first asked for (:meth:`stored`), those this process made
    (:meth:`add`) are written by :meth:`save`, with the stored ones, up to ``limit`` entries,
    those used by this run first. With ``save_at_exit`` (the instance a process uses) the
    first entry added also has :meth:`save` run when the process exits.

    The file is named ``{name}-{cache tag}-{CRC-32 of key}.marshal`` in ``directory``
    (``None``: nothing is read or written); ``key`` says what its entries are valid for (the
    Python build), ``header`` what the file holds and in which version."""

    def __init__(self, directory: Path | None, name: str, header: bytes, key: str, limit: int,
                 *, save_at_exit: bool = False) -> None:
        self.key = key
        self.path = (directory / f"{name}-{sys.implementation.cache_tag}-"
                     f"{zlib.crc32(key.encode()):08x}.marshal") if directory else None
        self._header = header
        self._limit = limit
        self._save_at_exit = save_at_exit
        self._stored: StoredEntries | None = None  # read from the file when first needed
        self._new: dict[Any, bytes] = {}  # made here, not yet written
        self._used: set[Any] = set()

    def stored(self, entry: Any) -> bytes | None:
        """The stored entry (still marshalled), ``None`` when the file has none."""
        if self._stored is None:
            self._stored = self._load()
        return self._stored.get(entry)

    def _load(self) -> StoredEntries:
        """The stored entries; empty when there is no file or it is not one of ours."""
        return read_entries(self.path, self._header, self.key)

    def used(self, entry: Any) -> None:
        """A stored entry served this run (kept first when the file is written)."""
        self._used.add(entry)

    def forget(self, entry: Any) -> None:
        """A stored entry its user found bad: it is not served or written again."""
        if self._stored is not None:
            del self._stored[entry]

    def has_room(self) -> bool:
        """Whether an entry made now would be written (a file, and fewer than ``limit`` new)."""
        return self.path is not None and len(self._new) < self._limit

    def add(self, entry: Any, value: bytes) -> None:
        """An entry made by this process, to be written by :meth:`save` (when it has room)."""
        if not self.has_room():
            return
        if not self._new and self._save_at_exit:
            import atexit

            atexit.register(self.save)
        self._new[entry] = value

    def save(self) -> None:
        """Write the entries made by this process (with the stored ones, up to ``limit``).
        Never raises: a cache that cannot be written is only slower."""
        if not self._new or self.path is None:
            return
        self._stored = write_entries(self.path, self._header, self.key, self._new,
                                     self._stored or {}, self._used, self._limit)
        self._new = {}
