"""Messages in Chinese and English: choosing the language, and complete, compiled catalogs."""

from __future__ import annotations

from pathlib import Path

import pytest

from gipr_lint import i18n
from gipr_lint.i18n import detect_language, language, normalize_language, translator

#: Every gettext domain shipped in this repository (one per package with messages).
DOMAINS = ["gipr_lint", "gipr_lint_national"]


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_TW.Big5"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
    ({"LC_ALL": "", "LC_MESSAGES": "zh_SG", "LANG": "C"}, "zh"),
    ({"GIPR_LINT_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
    ({"GIPR_LINT_LANG": "en", "LC_ALL": "zh_CN.UTF-8"}, "en"),
    ({"GIPR_LINT_LANG": "klingon", "LANG": "zh_CN"}, "zh"),
])
def test_the_language_comes_from_the_environment(environ: dict[str, str], expected: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_windows_ui_language", lambda: None)
    assert detect_language(environ) == expected


def test_a_chinese_windows_ui_means_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_windows_ui_language", lambda: "zh")
    assert detect_language({}) == "zh"
    assert detect_language({"LANG": "en_US"}) == "en"


@pytest.mark.parametrize(("value", "expected"), [
    ("zh", "zh"), ("zh_CN.UTF-8", "zh"), ("zh-Hans", "zh"), ("ZH", "zh"), ("en_GB", "en"),
    ("fr", None), ("", None), (None, None)])
def test_normalize_language(value: str | None, expected: str | None) -> None:
    assert normalize_language(value) == expected


def test_translator_follows_the_current_language() -> None:
    _ = translator("gipr_lint")
    with language("zh"):
        assert _("no table found") == "未发现统计表"
        with language("en"):
            assert _("no table found") == "no table found"
    assert _("no table found") == "no table found"  # the test session speaks English
    with language("zh"):
        assert _("a message nobody translated") == "a message nobody translated"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'fr'"), language("fr"):
        pass


def test_a_domain_without_catalogs_speaks_english() -> None:
    with language("zh"):
        assert translator("no_such_package_here")("Hello {name}") == "Hello {name}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_catalog_is_complete_and_compiled(domain: str) -> None:
    """Every message marked in the package (and every rule summary and description) has a
    Chinese translation with the same placeholders, and the committed .mo is the .po compiled.
    On failure: ``python -m gipr_lint.i18n_tools update DOMAIN``, translate, then ``compile``."""
    from gipr_lint.i18n_tools import check

    assert check(domain) == []


def test_check_finds_what_a_translator_left_undone(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A third-party pack's workflow: update, translate, compile; check fails until done."""
    from babel.messages.pofile import read_po, write_po

    from gipr_lint.i18n_tools import check, compile_catalog, update

    package = tmp_path / "gipr_demo_pack"
    package.mkdir()
    (package / "__init__.py").write_text(
        'from gipr_lint.i18n import translator\n\n_ = translator("gipr_demo_pack")\n\n\n'
        'def message(name):\n    return _("{name} is missing").format(name=name)\n',
        encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    po = update("gipr_demo_pack")
    problems = check("gipr_demo_pack")
    assert problems[0].endswith("not translated: '{name} is missing'")
    assert any("stale" in problem for problem in problems)

    def translate(text: str) -> None:
        with po.open("rb") as handle:
            catalog = read_po(handle, locale="zh")
        catalog["{name} is missing"].string = text
        with po.open("wb") as handle:
            write_po(handle, catalog)

    translate("缺少{名称}")
    compile_catalog("gipr_demo_pack")
    assert [p.split(": ", 1)[1] for p in check("gipr_demo_pack")] == [
        "placeholders differ: '{name} is missing' -> '缺少{名称}'"]
    translate("缺少{name}")
    assert any("stale" in problem for problem in check("gipr_demo_pack"))
    compile_catalog("gipr_demo_pack")
    assert check("gipr_demo_pack") == []
    import gipr_demo_pack  # type: ignore[import-not-found]

    with language("zh"):
        assert gipr_demo_pack.message("落款") == "缺少落款"
    assert gipr_demo_pack.message("落款") == "落款 is missing"


def _shadowing(path: Path) -> list[str]:
    """Functions that call ``_()`` and also bind ``_`` themselves (``for _, x in …``,
    ``a, _ = …``): the local ``_`` hides the translator and the call fails at run time."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        comprehension_targets = {id(node) for comp in ast.walk(function)
                                 if isinstance(comp, ast.comprehension)
                                 for node in ast.walk(comp.target)}
        translators = {id(target) for node in ast.walk(function)
                       if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                       and getattr(node.value.func, "id", None) == "translator"
                       for target in node.targets}
        binds = any(isinstance(node, ast.Name) and node.id == "_"
                    and isinstance(node.ctx, ast.Store)
                    and id(node) not in comprehension_targets | translators
                    for node in ast.walk(function))
        calls = any(isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "_" for node in ast.walk(function))
        if binds and calls:
            found.append(f"{path}:{function.lineno} {function.name}")
    return found


def test_no_function_hides_the_translator() -> None:
    root = Path(__file__).resolve().parent.parent
    files = [*root.glob("gipr_lint/**/*.py"), *root.glob("plugins/**/*.py")]
    assert len(files) > 80
    assert [hit for path in files for hit in _shadowing(path)] == []


def test_main_in_process_leaves_the_language_as_it_was(capsys: pytest.CaptureFixture[str]) -> None:
    import os

    from gipr_lint.cli import main
    from gipr_lint.i18n import current_language

    assert main(["rules", "--lang", "zh"]) == 0
    assert "自称与机关类型不符" in capsys.readouterr().out
    assert current_language() == "en"
    assert os.environ["GIPR_LINT_LANG"] == "en"


def test_a_broken_catalog_means_english_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "zh" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "broken_domain.mo").write_bytes(b"\x00not a catalog")
    (folder / "empty_domain.mo").write_bytes(b"")
    with language("zh"):
        assert translator("broken_domain", tmp_path)("Hello") == "Hello"
        assert translator("empty_domain", tmp_path)("Hello") == "Hello"
