"""Dataclasses' generated methods compiled once per machine (gipr_lint.dataclass_code)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gipr_lint import dataclass_code
from gipr_lint.dataclass_code import CodeCache


def _make(cache: CodeCache, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A frozen dataclass made with ``cache`` as dataclasses' ``exec``."""
    monkeypatch.setattr(dataclasses, "exec", cache.exec, raising=False)
    try:
        return dataclasses.make_dataclass(
            "Point", [("x", int), ("y", "str"), ("z", tuple, dataclasses.field(default=()))],
            frozen=True)
    finally:
        monkeypatch.delattr(dataclasses, "exec")


def _check(point_class: Any) -> None:
    point = point_class(1, "a")
    assert point == point_class(1, "a") != point_class(2, "a")
    assert hash(point) == hash(point_class(1, "a"))
    assert repr(point) == "Point(x=1, y='a', z=())"
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 3
    # compiled as ``exec`` compiles it in dataclasses, not with this module's __future__
    # import: the annotations are the objects, not strings
    assert point_class.__init__.__annotations__["x"] is int


def test_a_class_made_through_the_cache_is_the_same(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    first = CodeCache(tmp_path)
    _check(_make(first, monkeypatch))
    first.save()
    assert first.path is not None and first.path.exists()

    second = CodeCache(tmp_path)  # another process: every method comes from the file
    monkeypatch.setattr(dataclass_code, "compile",
                        lambda *args, **kwargs: pytest.fail("compiled again"), raising=False)
    _check(_make(second, monkeypatch))
    assert second._used and not second._new


def test_a_damaged_or_foreign_file_is_compiled_afresh(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    cache = CodeCache(tmp_path)
    _make(cache, monkeypatch)
    cache.save()
    assert cache.path is not None
    data = cache.path.read_bytes()
    damaged = bytearray(data)
    damaged[-10] ^= 0xFF
    cache.path.write_bytes(bytes(damaged))  # the last code's CRC no longer matches
    again = CodeCache(tmp_path)
    _check(_make(again, monkeypatch))
    assert len(again._new) == 1 and again._used  # that code compiled again, the rest read
    at = len(dataclass_code._HEADER) + 10
    damaged = bytearray(data)
    damaged[at] ^= 0xFF
    cache.path.write_bytes(bytes(damaged))  # the index's CRC no longer matches
    whole = CodeCache(tmp_path)
    _check(_make(whole, monkeypatch))
    assert whole._new and not whole._used

    cache.path.write_bytes(data)
    foreign = CodeCache(tmp_path)
    foreign.key += " another build"
    _check(_make(foreign, monkeypatch))
    assert foreign._new and not foreign._used


def test_without_a_cache_directory_it_only_compiles(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = CodeCache(None)
    _check(_make(cache, monkeypatch))
    assert cache.path is None and not cache._new
    cache.save()  # nothing to write, nowhere


def test_other_arguments_go_to_the_builtin_exec() -> None:
    cache = CodeCache(None)
    namespace: dict[str, Any] = {}
    cache.exec(compile("value = 6 * 7", "<test>", "exec"), namespace)
    assert namespace["value"] == 42
    here = 5
    cache.exec("assert here == 5")  # the caller's namespaces, as the builtin takes them
    assert here == 5


def test_the_program_installs_it_and_writes_the_file(tmp_path: Path) -> None:
    code = ("import sys, dataclasses; from gipr_lint.cli import main; sys.argv = ['gipr-lint', "
            "'rules']; import contextlib, io\nwith contextlib.redirect_stdout(io.StringIO()):\n"
            "    main()\nprint(dataclasses.exec.__self__.__class__.__name__)")
    environment = {"GIPR_LINT_CACHE_DIR": str(tmp_path), "PATH": "", "PYTHONDONTWRITEBYTECODE": "1"}
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=environment, check=True)
        assert done.stdout.strip() == "CodeCache"
    [saved] = tmp_path.glob("dataclass-code2-*.marshal")
    assert saved.stat().st_size > 0
