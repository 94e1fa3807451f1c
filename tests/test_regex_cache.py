"""gipr_lint.regex: ``re.compile`` with the compiled programs kept across runs (issue 15), and
every way its file can be missing, foreign, damaged or unwritable."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gipr_lint import regex
from gipr_lint.cache_dir import write_entries
from gipr_lint.regex import RegexCache, compile_re
from tests.conftest import FIXTURES

PATTERNS: list[tuple[str | bytes, int]] = [
    (r"[㐀-䶿一-鿿豈-\ufaff]+", 0),  # a class of Chinese characters: the costly case
    (r"(?P<year>\d{4})年(?:(?P<month>\d{1,2})月)?", 0),  # named groups
    (r"第\s*(?P<n>[一二三四五六七八九十]+)\s*[条项]", re.IGNORECASE | re.MULTILINE),
    (r"""
        (?<![\d.])      # not inside a number
        (\d+)\1         # a repeated run
     """, re.VERBOSE),
    (r"^.*?$", re.DOTALL | re.MULTILINE),
    (r"[a-z]+\b", re.ASCII | re.IGNORECASE),
    ("|".join(f"(?:{word})" for word in ("收到申请", "予以公开", "部分公开", "不予公开")), 0),
    (rb"\x00[\x80-\xff]{2,}", 0),  # bytes
]
TEXTS = ["2024年12月31日 第 十二 条 第三项 1212 12.12 abc ABC 收到申请5件，予以公开3件",
         "\n多行\n文本\n"]


def _same(mine: re.Pattern[str] | re.Pattern[bytes], pattern: str | bytes, flags: int) -> None:
    """Equal to ``re.compile``'s (flags, code and pattern), with the same groups and matches."""
    theirs = re.compile(pattern, flags)
    assert mine == theirs
    assert (mine.flags, mine.groups, mine.groupindex) == (theirs.flags, theirs.groups,
                                                          theirs.groupindex)
    for text in TEXTS:
        subject = text.encode("utf-8") if isinstance(pattern, bytes) else text
        assert ([m.span() for m in mine.finditer(subject)]  # type: ignore[arg-type]
                == [m.span() for m in theirs.finditer(subject)])  # type: ignore[arg-type]


def _stored_file(directory: Path) -> Path:
    [saved] = directory.glob("regex3-*.marshal")
    return saved


def _fill(directory: Path) -> Path:
    cache = RegexCache(directory)
    for pattern, flags in PATTERNS:
        cache.compile(pattern, flags)
    cache.save()
    return _stored_file(directory)


def test_patterns_compiled_from_the_file_equal_re_compile(tmp_path: Path) -> None:
    _fill(tmp_path)
    later = RegexCache(tmp_path)  # a later process
    for pattern, flags in PATTERNS:
        _same(later.compile(pattern, flags), pattern, flags)
    assert later._used == {(pattern, int(flags)) for pattern, flags in PATTERNS}
    assert not later._new  # nothing compiled again, nothing to write
    assert [p.name for p in tmp_path.iterdir()] == [_stored_file(tmp_path).name]  # no temp file
    if os.name == "posix":
        private = tmp_path / "made"
        _fill(private)
        assert private.stat().st_mode & 0o077 == 0  # made by the cache: private to the user


def test_one_pattern_is_one_object_in_a_process(tmp_path: Path) -> None:
    cache = RegexCache(tmp_path)
    assert cache.compile(r"[一-鿿]") is cache.compile(r"[一-鿿]")
    assert cache.compile(r"[一-鿿]") is not cache.compile(r"[一-鿿]", re.IGNORECASE)
    assert cache.compile("a").pattern == "a" and cache.compile(b"a").pattern == b"a"


def test_every_pattern_of_a_real_lint_round_trips(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The patterns gipr-lint compiles while linting a seed (in a fresh process, recording what
    reaches ``re.compile``'s compiler), each rebuilt from the file equal to ``re.compile``'s."""
    record = tmp_path / "patterns.marshal"
    code = ("import marshal, runpy, sys\nfrom re import _compiler\n"
            "seen = []\noriginal = _compiler.compile\n"
            "def spy(p, flags=0):\n    seen.append((p, int(flags)))\n"
            "    return original(p, flags)\n"
            "_compiler.compile = spy\nout = sys.argv[3]\n"
            "sys.argv = ['gipr-lint', 'check', sys.argv[1],"
            " '--isolated', '-o', sys.argv[2]]\n"
            "try:\n    runpy.run_module('gipr_lint', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "open(out, 'wb').write(marshal.dumps([s for s in seen"
            " if isinstance(s[0], (str, bytes))]))\n")
    done = subprocess.run([sys.executable, "-c", code, str(FIXTURES / "000_6a437f78ed373b70.txt"),
                           os.devnull, str(record)], capture_output=True, text=True,
                          env={**os.environ, "GIPR_LINT_CACHE_DIR": ""}, check=False)
    assert done.returncode == 0, done.stderr
    seen = marshal.loads(record.read_bytes())
    assert len(seen) > 100
    first = RegexCache(tmp_path / "cache")
    for pattern, flags in seen:
        first.compile(pattern, flags)
    first.save()
    later = RegexCache(tmp_path / "cache")
    for pattern, flags in seen:
        assert later.compile(pattern, flags) == re.compile(pattern, flags)
    assert not later._new


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty", "not ours",
                                    "index"])
def test_a_damaged_file_is_ignored_and_rewritten(tmp_path: Path, damage: str) -> None:
    """A file that is not one (garbage, empty, another format) or whose index is damaged is
    ignored whole; a program cut off or damaged in a file with a sound index is compiled
    afresh, the others are still used. The file is rewritten with every program."""
    saved = _fill(tmp_path)
    data = saved.read_bytes()
    at = len(regex._HEADER) + 10  # inside the index
    damaged = {"garbage": b"\x80\x05 not a cache",
               "truncated": data[: len(data) - 10],
               "flipped": data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:],
               "empty": b"",
               "not ours": marshal.dumps(("key", {})),
               "index": data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]}[damage]
    saved.write_bytes(damaged)
    cache = RegexCache(tmp_path)
    for pattern, flags in PATTERNS:
        _same(cache.compile(pattern, flags), pattern, flags)
    assert len(cache._used) + len(cache._new) == len(PATTERNS)
    if damage in ("truncated", "flipped"):  # the last program only
        assert len(cache._new) == 1
    else:
        assert not cache._used  # all compiled afresh
    cache.save()
    assert set(RegexCache(tmp_path)._load()) == {(p, int(f)) for p, f in PATTERNS}  # rewritten


def _forged(cache: RegexCache, key: str, programs: dict[object, object]) -> None:
    """A sound file around ``(key, programs)``, as another build would write it."""
    stored = {name: marshal.dumps(program) for name, program in programs.items()}  # as save() does
    assert cache.path is not None
    cache.path.parent.mkdir(parents=True, exist_ok=True)
    write_entries(cache.path, regex._HEADER, key, stored, {}, set(), regex.MAX_PROGRAMS)
    assert cache.path.exists()


def test_programs_of_another_python_are_not_used(tmp_path: Path) -> None:
    pattern = r"[一-鿿]+"
    good = RegexCache(tmp_path)
    wrong = (32, [1, 2, 3], 0, {}, (None,))
    _forged(good, good.key.replace(sys.version, "3.99.0 (another build)"), {(pattern, 0): wrong})
    cache = RegexCache(tmp_path)
    _same(cache.compile(pattern), pattern, 0)
    assert not cache._used


def test_a_program_the_engine_refuses_is_compiled_afresh(tmp_path: Path) -> None:
    cache = RegexCache(tmp_path)
    _forged(cache, cache.key, {(r"[一-鿿]+", 0): (32, [999_999, 0, 1], 0, {}, (None,)),
                               (r"(?P<a>x)", 0): (32, [], 0, "not a dict", (None,))})
    cache = RegexCache(tmp_path)
    _same(cache.compile(r"[一-鿿]+"), r"[一-鿿]+", 0)
    _same(cache.compile(r"(?P<a>x)"), r"(?P<a>x)", 0)
    assert not cache._used and len(cache._new) == 2


@pytest.mark.skipif(sys.platform == "win32", reason="a file where a directory should be")
def test_an_unwritable_directory_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")  # a file where the directory should be
    cache = RegexCache(blocker / "cache")
    for pattern, flags in PATTERNS:
        _same(cache.compile(pattern, flags), pattern, flags)
    cache.save()  # does not raise
    assert blocker.read_text(encoding="utf-8") == ""


def test_no_directory_means_no_file(tmp_path: Path) -> None:
    cache = RegexCache(None)
    _same(cache.compile(r"[一-鿿]+"), r"[一-鿿]+", 0)
    cache.save()
    assert not cache._new and cache.path is None


def test_errors_and_compiled_patterns_behave_as_in_re() -> None:
    with pytest.raises(re.error, match="missing \\)"):
        compile_re("(unclosed")
    compiled = re.compile("x")
    assert compile_re(compiled) is compiled
    with pytest.raises(ValueError, match="flags"):
        compile_re(compiled, re.IGNORECASE)
    with pytest.raises(TypeError):
        compile_re(12)  # type: ignore[call-overload]


def test_a_process_writes_its_new_programs_at_exit(tmp_path: Path) -> None:
    """The first process writes the file when it exits, the next one reads it and writes
    nothing; ``GIPR_LINT_CACHE_DIR=`` (set, empty) writes nothing anywhere."""
    code = ("import sys\nfrom gipr_lint.regex import _default, compile_re\n"
            "print(compile_re(r'[一-鿿]+(?P<n>\\d+)').findall('年报2024'),"
            " len(_default._used), len(_default._new))\n")
    outputs, stamps = [], []
    for directory in (tmp_path / "cache", tmp_path / "cache", None):
        env = {**os.environ, "GIPR_LINT_CACHE_DIR": str(directory) if directory else ""}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=env, cwd=tmp_path, check=False)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout.split())
        if directory is not None:
            stamps.append(_stored_file(directory).stat().st_mtime_ns)
    assert outputs == [["['2024']", "0", "1"], ["['2024']", "1", "0"], ["['2024']", "0", "0"]]
    assert stamps[0] == stamps[1]  # the second process wrote nothing
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]


def test_a_second_lint_with_another_hash_seed_compiles_nothing_new(tmp_path: Path) -> None:
    """Every pattern a lint compiles is the same string in every process: one built from a set
    in hash order would be a new program on each run, rewriting the whole file every time."""
    fixtures = sorted(str(path) for path in FIXTURES.glob("*.txt"))
    stamps = []
    for seed in ("1", "2"):
        env = {**os.environ, "GIPR_LINT_CACHE_DIR": str(tmp_path / "cache"),
               "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "gipr_lint", "check", *fixtures,
                               "--isolated", "-o", os.devnull], capture_output=True, text=True,
                              env=env, cwd=tmp_path, check=False)
        assert done.returncode == 1, done.stderr
        stamps.append(_stored_file(tmp_path / "cache").stat().st_mtime_ns)
    assert stamps[0] == stamps[1]
