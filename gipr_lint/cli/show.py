"""``--show-settings`` and ``--show-files``: what a run would use, without linting."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from gipr_lint.i18n import translator

if TYPE_CHECKING:
    from gipr_lint.linting.config import ConfigResolver
    from gipr_lint.linting.plugin_manager import PluginSet

__all__ = ["settings_target", "show_files", "show_settings"]

_ = translator("gipr_lint")


def show_files(files: list[str], out: TextIO) -> None:
    """One file per line, in the order they would be linted."""
    for path in files:
        out.write(f"{path}\n")


def settings_target(files: list[str], paths: list[str], stdin_filename: str | None) -> Path:
    """The file whose settings ``--show-settings`` prints: the first to lint, else a file in
    the first path named (so that an empty folder still shows its configuration)."""
    first = files[0] if files else paths[0] if paths else "."
    if first == "-":
        return Path(stdin_filename or "-")
    if not files and Path(first).is_dir():
        return Path(first) / "-"
    return Path(first)


def _value(value: Any) -> str:
    """A setting as TOML-like text."""
    if hasattr(value, "value"):  # Severity, AgencyKind
        value = value.value
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(key)} = {_value(item)}" for key, item in value.items()) + "}"
    if value is None:
        return _("(not set)")
    return json.dumps(value, ensure_ascii=False)


def _key(key: str) -> str:
    """A table key as TOML writes it: bare when it can be, else quoted (``"archive/**/*.txt"``)."""
    bare = key and all(char.isascii() and (char.isalnum() or char in "-_") for char in key)
    return key if bare else json.dumps(key, ensure_ascii=False)


def show_settings(target: Path, resolver: ConfigResolver, plugin_set: PluginSet,
                  out: TextIO) -> None:
    """The configuration file that governs ``target`` and every resolved setting."""
    from gipr_lint.i18n import current_language
    from gipr_lint.linting.engine import selected_codes

    settings = resolver.settings_for(target)
    rows: list[tuple[str, Any]] = [
        ("select", settings.select if settings.select is not None else _("(default)")),
        ("extend-select", settings.extend_select),
        ("ignore", settings.ignore),
        ("severity", {code: level for code, level in settings.severity.items()}),
        ("per-file-ignores", {pattern: codes for pattern, _, codes in settings.per_file_ignores}),
        ("fail-on", settings.fail_on),
        ("agency", settings.agency),
        ("agency-kind", settings.agency_kind),
        ("year", settings.year),
        ("ignore-texts", [{"code": item.code, "text": item.text}
                          for item in settings.ignore_texts]),
        ("lang", settings.lang or _("(not set: {lang})").format(lang=current_language())),
        ("extensions", settings.extensions if settings.extensions is not None else
         _("(default: {extensions})").format(extensions=" ".join(sorted(plugin_set.suffixes())))),
        ("history", settings.history),
        ("exclude", settings.exclude),
        ("respect-gitignore", settings.respect_gitignore),
        ("plugins", {name: dict(options) for name, options in settings.plugin_options.items()}),
    ]
    out.write(_("Settings for: {path}").format(path=target) + "\n")
    out.write(_("Configuration file: {path}").format(
        path=settings.path or _("(none: defaults and options only)")) + "\n")
    if resolver.overrides:
        out.write(_("Command-line options: {options}").format(
            options=", ".join(sorted(resolver.overrides))) + "\n")
    out.write("\n")
    for key, value in rows:
        shown = value if isinstance(value, str) and value.startswith(("(", "（")) \
            else _value(value)
        out.write(f"{key} = {shown}\n")
    codes = sorted(selected_codes(settings, plugin_set))
    out.write("\n" + _("Rules that run ({count}): {codes}").format(
        count=len(codes), codes=", ".join(codes)) + "\n")
