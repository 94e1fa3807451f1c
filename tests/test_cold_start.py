"""What makes a cold start cheap (issue 15): the cached parser and the entry-point lookup."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points as standard_entry_points
from pathlib import Path

import pytest

from gipr_lint import cache_dir
from gipr_lint.linting.entry_points import entry_points
from gipr_lint.reading import grammar_cache
from gipr_lint.reading.grammar import _PieceLexer, grammar_text, tokens
from gipr_lint.reading.layout import recover
from gipr_lint.reading.source import Source
from tests.conftest import FIXTURES, TEST_PLUGINS, make_site

OPTIONS = {"parser": "lalr", "lexer": _PieceLexer, "strict": True,
           "propagate_positions": False, "maybe_placeholders": False}
SEED = FIXTURES / "000_6a437f78ed373b70.txt"


def _parse(parser: object) -> str:
    stream = tokens(recover(Source.from_text(SEED.read_text(encoding="utf-8"))).pieces)
    return str(parser.parse(stream).pretty())  # type: ignore[attr-defined]


def test_the_parser_is_saved_once_and_loaded_after(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIPR_LINT_CACHE_DIR", str(tmp_path / "cache"))
    built = grammar_cache.cached_lark(grammar_text(), **OPTIONS)
    [saved] = (tmp_path / "cache").glob("parser-*.pickle")
    loaded = grammar_cache.cached_lark(grammar_text(), **OPTIONS)
    assert loaded is not built and _parse(loaded) == _parse(built)
    assert list((tmp_path / "cache").iterdir()) == [saved]  # no temporary files left
    if os.name == "posix":
        assert (tmp_path / "cache").stat().st_mode & 0o077 == 0  # private to the user


def test_a_changed_grammar_gets_its_own_entry(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIPR_LINT_CACHE_DIR", str(tmp_path))
    grammar_cache.cached_lark(grammar_text(), **OPTIONS)
    grammar_cache.cached_lark(grammar_text() + "\n// changed\n", **OPTIONS)
    assert len(list(tmp_path.glob("parser-*.pickle"))) == 2


def test_a_corrupt_cache_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIPR_LINT_CACHE_DIR", str(tmp_path))
    good = _parse(grammar_cache.cached_lark(grammar_text(), **OPTIONS))
    [saved] = tmp_path.glob("parser-*.pickle")
    saved.write_bytes(b"\x80\x05 not a parser")
    assert _parse(grammar_cache.cached_lark(grammar_text(), **OPTIONS)) == good
    assert saved.read_bytes() != b"\x80\x05 not a parser"  # overwritten with a good one


def test_an_unwritable_cache_directory_falls_back_to_building(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")  # a file where the directory should be
    monkeypatch.setenv("GIPR_LINT_CACHE_DIR", str(blocker / "cache"))
    parser = grammar_cache.cached_lark(grammar_text(), **OPTIONS)
    assert _parse(parser).startswith("start\n")


def test_an_empty_cache_setting_turns_the_cache_off(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIPR_LINT_CACHE_DIR", "")
    assert grammar_cache.cache_directory() is None
    monkeypatch.delenv("GIPR_LINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if sys.platform != "win32":
        assert grammar_cache.cache_directory() == tmp_path / "gipr-lint"


_TOML = 'title = "表"\n[[rows]]\nkey = "new"\nvariants = ["一", "二"]\n'


def test_a_data_file_is_parsed_once_then_loaded(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import tomllib

    monkeypatch.setenv("GIPR_LINT_CACHE_DIR", str(tmp_path))
    assert cache_dir.parsed_toml(_TOML) == tomllib.loads(_TOML)
    [saved] = tmp_path.glob("toml-*.pickle")
    monkeypatch.setattr(cache_dir, "_parse_toml", lambda text: pytest.fail("parsed again"))
    assert cache_dir.parsed_toml(_TOML) == tomllib.loads(_TOML)
    saved.write_bytes(b"\x80\x05 not ours")  # corrupt: parsed afresh
    monkeypatch.undo()
    monkeypatch.setenv("GIPR_LINT_CACHE_DIR", str(tmp_path))
    assert cache_dir.parsed_toml(_TOML) == tomllib.loads(_TOML)
    assert saved.read_bytes() != b"\x80\x05 not ours"


def test_a_data_file_with_an_error_raises_every_time(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import tomllib

    monkeypatch.setenv("GIPR_LINT_CACHE_DIR", str(tmp_path))
    for _ in range(2):
        with pytest.raises(tomllib.TOMLDecodeError):
            cache_dir.parsed_toml("key = ")
    assert not list(tmp_path.glob("toml-*.pickle"))


def _described(points: object) -> list[tuple[str, str, str, str]]:
    return sorted((p.name, p.value, p.dist.name, p.dist.version)  # type: ignore[attr-defined]
                  for p in points)  # type: ignore[attr-defined]


@pytest.mark.parametrize("group", ["gipr_lint", "console_scripts", "pytest11"])
def test_entry_points_are_those_importlib_metadata_finds(group: str) -> None:
    assert _described(entry_points(group)) == _described(standard_entry_points(group=group))


def test_entry_points_of_a_plugin_on_the_python_path(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {"words": "words"})
    code = ("from gipr_lint.linting.entry_points import entry_points\n"
            "[p] = [p for p in entry_points('gipr_lint') if p.name == 'words']\n"
            "print(p.value, p.dist.name, p.dist.version, p.load().__name__)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ,
                               "PYTHONPATH": os.pathsep.join((str(site), str(TEST_PLUGINS)))},
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["gipr_test_plugins.words", "gipr-test-plugins", "0.0.1",
                                   "gipr_test_plugins.words"]


def test_a_lint_does_not_import_importlib_metadata() -> None:
    code = ("import sys\nfrom gipr_lint.cli import main\n"
            "main(['check', sys.argv[1], '--isolated', '--format', 'concise', '-o', "
            "sys.argv[2]])\n"
            "print('importlib.metadata' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code, str(SEED), os.devnull],
                          capture_output=True, text=True, check=False)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr
