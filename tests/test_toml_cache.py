"""The parsed-TOML cache: the same table as tomllib, never a stale one, damage only costs time."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gipr_lint.toml_cache import parse_toml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

TEXT = 'title = "年报"\n[requests]\ncolumns = ["自然人", "商业企业"]\ncount = 7\n'


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIPR_LINT_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_the_second_parse_comes_from_the_file_and_equals_tomllib(cache: Path) -> None:
    assert parse_toml(TEXT, "sample") == tomllib.loads(TEXT)
    [stored] = cache.glob("sample-*.marshal")
    stamp = stored.stat().st_mtime_ns
    assert parse_toml(TEXT, "sample") == tomllib.loads(TEXT)
    assert stored.stat().st_mtime_ns == stamp  # read, not rewritten


def test_an_edited_text_is_parsed_afresh(cache: Path) -> None:
    parse_toml(TEXT, "sample")
    edited = TEXT.replace("count = 7", "count = 8")
    assert parse_toml(edited, "sample")["requests"]["count"] == 8
    assert parse_toml(TEXT, "sample")["requests"]["count"] == 7


@pytest.mark.parametrize("damage", [b"", b"gipr-lint parsed toml 1\nnot marshal", b"junk"])
def test_a_damaged_file_is_ignored_and_rewritten(cache: Path, damage: bytes) -> None:
    parse_toml(TEXT, "sample")
    [stored] = cache.glob("sample-*.marshal")
    stored.write_bytes(damage)
    assert parse_toml(TEXT, "sample") == tomllib.loads(TEXT)
    assert stored.read_bytes() != damage
    assert [path.name for path in cache.iterdir()] == [stored.name]  # no temporary file left


def test_errors_and_unstorable_tables_behave_as_tomllib(cache: Path) -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        parse_toml("a = ", "sample")
    dated = "day = 2024-01-31\n"
    assert parse_toml(dated, "dated") == tomllib.loads(dated)  # marshal cannot store a date
    assert not list(cache.glob("dated-*"))


def test_no_cache_directory_means_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIPR_LINT_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    assert parse_toml(TEXT, "sample") == tomllib.loads(TEXT)
    assert not list(tmp_path.iterdir())
