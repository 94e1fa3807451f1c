"""collect_rules finds a pack's rule modules as pkgutil.iter_modules names them (it lists the
folders itself, for a cheaper start): the same names in the same order, folders, zip files."""

from __future__ import annotations

import pkgutil
import sys
import zipfile
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import gipr_lint_national
import pytest

from gipr_lint.rules import _public_modules, collect_rules


def _pkgutil_names(path: list[str]) -> list[str]:
    return [info.name for info in pkgutil.iter_modules(path) if not info.name.startswith("_")]


def test_the_built_in_packs_folders_list_as_pkgutil_lists_them() -> None:
    folders = [str(Path(gipr_lint_national.__file__).parent / family) for family in
               ("consistency", "content", "crossyear", "input", "structure", "tables",
                "typography", "wording", "years")]
    for folder in folders:
        names = list(_public_modules([folder]))
        assert names == _pkgutil_names([folder]) and len(names) > 1


def test_every_kind_of_entry_lists_as_pkgutil_lists_it(tmp_path: Path) -> None:
    """Modules by every import suffix, packages (before a same-named module), folders that are
    not packages, helpers, dotted names, a name in two folders, a missing folder."""
    first, second = tmp_path / "first", tmp_path / "second"
    for name in ("b_rule.py", "a_rule.pyc", f"d_ext{EXTENSION_SUFFIXES[0]}",
                 "_helper.py", "__init__.py", "dotted.name.py", "notes.txt", "e_pkg.py",
                 "shared.py", "README"):
        (first / name).parent.mkdir(parents=True, exist_ok=True)
        (first / name).write_bytes(b"")
    (first / "e_pkg").mkdir()
    (first / "e_pkg" / "__init__.py").write_bytes(b"")
    (first / "f_compiled_pkg").mkdir()
    (first / "f_compiled_pkg" / "__init__.pyc").write_bytes(b"")
    (first / "g_not_a_package").mkdir()
    (first / "g_not_a_package" / "module.py").write_bytes(b"")
    (first / "__pycache__").mkdir()
    (first / "_private_pkg").mkdir()
    (first / "_private_pkg" / "__init__.py").write_bytes(b"")
    second.mkdir()
    (second / "shared.py").write_bytes(b"")
    (second / "h_second.py").write_bytes(b"")
    path = [str(first), str(tmp_path / "missing"), str(second)]
    names = list(_public_modules(path))
    assert names == _pkgutil_names(path)
    assert names == ["a_rule", "b_rule", "d_ext", "e_pkg", "f_compiled_pkg", "shared",
                     "h_second"]


def test_rules_in_a_zipped_pack_are_collected(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "pack.zip"
    rule = ("from gipr_lint.api import Rule, Severity\n"
            "class Zipped(Rule):\n"
            "    '''Zipped.'''\n"
            "    code = 'Z{code}'\n    name = 'zipped-{code}'\n"
            "    severity = Severity.INFO\n    summary = 'Zipped'\n"
            "    def check(self, report, context):\n        return ()\n")
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped_pack/__init__.py", "")
        zipped.writestr("zipped_pack/z002_second.py", rule.format(code="002"))
        zipped.writestr("zipped_pack/z001_first.py", rule.format(code="001"))
        zipped.writestr("zipped_pack/_common.py", "raise ImportError('a helper is not a rule')")
    monkeypatch.syspath_prepend(str(archive))
    monkeypatch.setattr(sys, "modules", dict(sys.modules))
    assert [rule.code for rule in collect_rules("zipped_pack")] == ["Z001", "Z002"]
