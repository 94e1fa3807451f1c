"""Configuration: finding the file, validating it, and merging command-line overrides.

A report's configuration comes from the first directory, walking up from the report's own, that
holds ``gipr-lint.toml``, ``.gipr-lint.toml`` or a ``pyproject.toml`` with a ``[tool.gipr-lint]``
table (a ``pyproject.toml`` without the table is passed over). ``--config PATH`` names the file
instead; ``--isolated`` uses none. See ``docs/configuration.md``.

Every error names the file, the key and what is accepted, and suggests the nearest valid name.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from gipr_lint.diagnostics import Severity
from gipr_lint.i18n import N_, translator
from gipr_lint.model import AgencyKind
from gipr_lint.regex import compile_re

if TYPE_CHECKING:
    from gipr_lint.linting.plugin_manager import PluginSet

__all__ = [
    "CONFIG_FILENAMES",
    "CONFIG_KEYS",
    "ConfigError",
    "ConfigResolver",
    "IgnoreText",
    "Settings",
    "SettingsValidator",
    "build_settings",
    "did_you_mean",
    "find_config",
    "read_config_file",
    "suggest",
]

_ = translator("gipr_lint")

#: The file names looked for in each directory, in order of preference.
CONFIG_FILENAMES = ("gipr-lint.toml", ".gipr-lint.toml", "pyproject.toml")

#: Every top-level key, with what it accepts (used in error messages and checked by the tests
#: against ``docs/config.schema.json``).
CONFIG_KEYS: Mapping[str, str] = {
    "select": N_("a list of rule codes, code prefixes (e.g. 'T' or 'T00'), rule names, or 'ALL'"),
    "extend-select": N_("a list of rule codes, code prefixes, rule names, or 'ALL'"),
    "ignore": N_("a list of rule codes, code prefixes, rule names, or 'ALL'"),
    "severity": N_("a table of rule code or name -> 'error', 'warning', 'info' or 'off'"),
    "per-file-ignores": N_("a table of glob -> list of rule codes, prefixes or names"),
    "fail-on": N_("'error', 'warning' or 'info'"),
    "agency": N_("a non-empty string (the reporting agency's name)"),
    "agency-kind": N_("'township', 'government', 'department' or 'unknown'"),
    "year": N_("an integer year between 2000 and 2100"),
    "ignore-texts": N_("a list of tables {code = 'A001', text = '我局'}"),
    "history": N_("a list of earlier reports for the cross-year rules: files, directories or "
                  "globs, relative to the configuration file"),
    "plugins": N_("a table of plugin name -> that plugin's options table"),
    "lang": N_("'zh' or 'en' (the language of messages)"),
    "exclude": N_("a list of globs of files and folders not to lint when a folder is searched"),
    "extend-exclude": N_("a list of globs excluded in addition to exclude"),
    "respect-gitignore": N_("true or false: skip what .gitignore files ignore (default true)"),
    "extensions": N_("a list of file name extensions such as '.html' (the files a directory is "
                     "searched for; default: every installed reader's)"),
}
_SELECTOR_HELP = N_("rule codes, code prefixes such as 'T' or 'T00', rule names, or 'ALL'")
_PREFIX = compile_re(r"^[A-Z]+[0-9]{0,2}$")
#: The letters of a rule code (``HEN`` of ``HEN001``).
_CODE_LETTERS = compile_re(r"[A-Z]+(?=[0-9]{3}$)")

class ConfigError(Exception):
    """A configuration file or option is wrong; the message says where and what is accepted."""


class IgnoreText(NamedTuple):
    """A content-anchored ignore: drop findings of ``code`` whose text or line holds ``text``."""

    code: str
    text: str
    #: Where it was written, e.g. ``/repo/gipr-lint.toml: ignore-texts[0]``, for messages.
    origin: str


@dataclass(frozen=True, eq=False)
class Settings:
    """The resolved configuration for a set of files (one config file plus CLI overrides).

    Selectors are kept as written (codes, prefixes, names); ``severity`` is keyed by code.
    ``root`` is the directory ``per-file-ignores`` globs are relative to.
    """

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    per_file_ignores: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = ()
    fail_on: Severity = Severity.WARNING
    agency: str | None = None
    agency_kind: AgencyKind | None = None
    year: int | None = None
    ignore_texts: tuple[IgnoreText, ...] = ()
    #: The extensions of the files searched for in a directory; ``None``: every reader's.
    extensions: tuple[str, ...] | None = None
    #: Earlier reports for the cross-year rules (key ``history``), relative to ``root``.
    history: tuple[str, ...] = ()
    plugin_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: ``exclude`` then ``extend-exclude``, globs relative to ``root`` (see
    #: :mod:`gipr_lint.linting.exclusion`).
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    root: Path = field(default_factory=Path.cwd)
    path: Path | None = None
    #: The language of messages (``zh`` or ``en``); ``None``: the environment's.
    lang: str | None = None


def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """Compile a glob over posix paths: ``*`` and ``?`` stay within a directory, ``**`` spans
    directories. A pattern without ``/`` is matched against the file name as well."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[" and "]" in pattern[i + 1:]:
            end = pattern.index("]", i + 1)
            body = pattern[i + 1:end].replace("\\", "\\\\")
            out.append("[^" + body[1:] + "]" if body.startswith("!") else "[" + body + "]")
            i = end
        else:
            out.append(re.escape(char))
        i += 1
    return compile_re("".join(out) + r"\Z")


def suggest(word: str, choices: Sequence[str]) -> str:
    """``; did you mean 'json'?`` (in the language of messages) for the choice nearest
    ``word``, or nothing: the one way every error naming an unknown key, value, format or
    hook offers the nearest right one."""
    import difflib

    near = difflib.get_close_matches(word, list(choices), n=1)
    return did_you_mean(near[0]) if near else ""


def did_you_mean(name: str) -> str:
    """``; did you mean 'name'?`` in the language of messages."""
    return _("; did you mean {name}?").format(name=repr(name))


def _toml_string(value: str) -> str:
    """``value`` as a TOML basic string (what the user writes in the file)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def _expected(key: str, value: Any = ...) -> str:
    """``expected <what the key takes>[, got <value>]``, in the language of messages."""
    if value is ...:
        return _("expected {description}").format(description=_(CONFIG_KEYS[key]))
    return _("expected {description}, got {value}").format(description=_(CONFIG_KEYS[key]),
                                                          value=repr(value))


#: The words of :data:`~gipr_lint.linting.plugin_manager.OPTION_TYPES`, for the catalog.
_TYPE_WORDS = (N_("string"), N_("integer"), N_("number"), N_("boolean"), N_("list of strings"))


class SettingsValidator:
    """Validates one raw table (from a file or the command line) into normalised values."""

    def __init__(self, label: str, key_prefix: str, plugin_set: PluginSet) -> None:
        self.label = label
        self.key_prefix = key_prefix
        self.plugins = plugin_set

    def error(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.label}: {self.key_prefix}{key}: {problem}")

    def as_list(self, key: str, value: Any) -> Any:
        """``value``, a lone string made a list of one on the command line; in a file (or the
        settings of :func:`~gipr_lint.api.lint_text`) a string where a list is expected is
        refused, as ruff refuses it, with the list to write instead."""
        if not isinstance(value, str):
            return value
        if self.key_prefix == "--":
            return [value]
        items = [part.strip() for part in value.split(",") if part.strip()] or [value]
        raise self.error(key, _("expected a list, got the string {value}; write {key} = "
                                "[{items}]").format(
            value=_toml_string(value), key=key.rsplit(".", 1)[-1],
            items=", ".join(_toml_string(item) for item in items)))

    def selector(self, key: str, value: Any) -> str:
        """A rule code, prefix, name or ``ALL``; codes and prefixes may be written lower-case."""
        if not isinstance(value, str):
            raise self.error(key, _("{value} is not a string (accepted: {accepted})").format(
                value=repr(value), accepted=_(_SELECTOR_HELP)))
        if value.upper() == "ALL":
            return "ALL"
        code = self.plugins.resolve(value)
        if code is not None:
            return value if value in self.plugins.names else code
        upper = value.upper()
        if _PREFIX.match(upper) and any(code.startswith(upper) for code in self.plugins.rules):
            return upper
        raise self.error(key, _("unknown rule {rule}{hint} (accepted: {accepted})").format(
            rule=repr(value), hint=self._hint(value), accepted=_(_SELECTOR_HELP)))

    def _hint(self, value: str) -> str:
        """A suggestion: the nearest rule, or the missing rule pack when no rule has the prefix."""
        prefix = _CODE_LETTERS.match(value)
        if prefix:
            letters = prefix.group()
            siblings = sorted(code for code in self.plugins.rules if code.startswith(letters))
            if not siblings:
                return _("; no installed plugin has rules starting with {letters} (is its "
                         "rule pack installed? `gipr-lint plugins` lists them)").format(
                             letters=repr(letters))
            return _("; the {letters} rules are {codes}").format(letters=letters,
                                                                   codes=", ".join(siblings))
        hint = self.plugins.suggest(value)
        return did_you_mean(hint) if hint else ""

    def selectors(self, key: str, value: Any) -> tuple[str, ...]:
        value = self.as_list(key, value)
        if not isinstance(value, list):
            raise self.error(key, _("expected a list ({description})").format(
                description=_(CONFIG_KEYS[key])))
        return tuple(self.selector(key, item) for item in value)

    def rule_code(self, key: str, value: Any) -> str:
        code = self.plugins.resolve(value) if isinstance(value, str) else None
        if code is None:
            hint_text = self._hint(value) if isinstance(value, str) else ""
            raise self.error(key, _("unknown rule {rule}{hint} (accepted: rule codes or "
                                    "names)").format(rule=repr(value), hint=hint_text))
        return code

    def severity_table(self, key: str, value: Any) -> dict[str, Severity]:
        if not isinstance(value, Mapping):
            raise self.error(key, _expected(key))
        table = {}
        for ident, level in value.items():
            code = self.rule_code(f"{key}.{ident}", ident)
            table[code] = self.severity(f"{key}.{ident}", level)
        return table

    def severity(self, key: str, value: Any, *, allow_off: bool = True) -> Severity:
        accepted = ["error", "warning", "info"] + (["off"] if allow_off else [])
        if isinstance(value, str) and value in accepted:
            return Severity(value)
        hint = suggest(str(value).lower(), accepted)
        raise self.error(key, _("unknown severity {value}{hint} (accepted: {accepted})")
                         .format(value=repr(value), hint=hint, accepted=", ".join(accepted)))

    def validate(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Normalise ``raw``; raise :class:`ConfigError` on the first problem."""
        out: dict[str, Any] = {}
        plugin_names = {info.name for info in self.plugins.plugins}
        for key, value in raw.items():
            if key in plugin_names and isinstance(value, Mapping) and key not in (
                    "severity", "per-file-ignores", "plugins"):
                # [tool.gipr-lint.<plugin>]; a plugin may share its name with a key ("agency")
                out.setdefault("plugins", {})[key] = self.plugin_table(key, value)
            elif key == "plugins":
                if not isinstance(value, Mapping):
                    raise self.error(key, _expected(key))
                for plugin, table in value.items():
                    if plugin not in plugin_names:
                        raise self.error(f"{key}.{plugin}", _(
                            "unknown plugin{hint} (accepted: {accepted})").format(
                                hint=suggest(plugin, sorted(plugin_names)),
                                accepted=", ".join(sorted(plugin_names))))
                    out.setdefault("plugins", {})[plugin] = self.plugin_table(
                        f"{key}.{plugin}", table, plugin)
            elif key in ("select", "extend-select", "ignore"):
                out[key] = self.selectors(key, value)
            elif key == "severity":
                out[key] = self.severity_table(key, value)
            elif key == "fail-on":
                out[key] = self.severity(key, value, allow_off=False)
            elif key == "per-file-ignores":
                out[key] = self.per_file_ignores(key, value)
            elif key == "agency":
                if not isinstance(value, str) or not value.strip():
                    raise self.error(key, _expected(key, value))
                out[key] = value.strip()
            elif key == "agency-kind":
                kinds = [kind.value for kind in AgencyKind]
                if value not in kinds:
                    raise self.error(key, _("unknown agency kind {value}{hint} (accepted: "
                                            "{accepted})").format(
                        value=repr(value), hint=suggest(str(value), kinds),
                        accepted=", ".join(kinds)))
                out[key] = AgencyKind(value)
            elif key == "year":
                if isinstance(value, str) and value.isdigit() and self.key_prefix == "--":
                    value = int(value)  # a command-line string; a file must write a number
                if isinstance(value, bool) or not isinstance(value, int) \
                        or not 2000 <= value <= 2100:
                    raise self.error(key, _expected(key, value))
                out[key] = value
            elif key == "ignore-texts":
                out[key] = self.ignore_texts(key, value)
            elif key == "lang":
                from gipr_lint.i18n import LANGUAGES

                if value not in LANGUAGES:
                    raise self.error(key, _("unknown language {value}{hint} (accepted: "
                                            "{accepted})").format(
                        value=repr(value), hint=suggest(str(value), list(LANGUAGES)),
                        accepted=", ".join(LANGUAGES)))
                out[key] = value
            elif key in ("exclude", "extend-exclude"):
                out[key] = self.globs(key, value)
            elif key == "respect-gitignore":
                if not isinstance(value, bool):
                    raise self.error(key, _expected(key, value))
                out[key] = value
            elif key == "extensions":
                if isinstance(value, str) and self.key_prefix == "--":  # --extensions .a,.b
                    value = [part.strip() for part in value.split(",") if part.strip()]
                value = self.as_list(key, value)
                if not isinstance(value, list) or not value or not all(
                        isinstance(item, str) and re.fullmatch(r"\.[^\s./\\]+", item)
                        for item in value):
                    raise self.error(key, _expected(key, value))
                out[key] = tuple(item.lower() for item in value)
            elif key == "history":
                if isinstance(value, str):
                    value = [value]
                if not isinstance(value, list) or not all(
                        isinstance(item, str) and item.strip() for item in value):
                    raise self.error(key, _expected(key, value))
                out[key] = tuple(item.strip() for item in value)
            elif key in plugin_names:
                raise self.error(key, _("expected a table of the plugin's options"))
            else:
                choices = [*CONFIG_KEYS, *sorted(plugin_names - set(CONFIG_KEYS))]
                raise self.error(key, _("unknown key{hint} (accepted: {accepted})").format(
                    hint=suggest(key, choices), accepted=", ".join(choices)))
        return out

    def per_file_ignores(self, key: str, value: Any) -> tuple[tuple[str, re.Pattern[str],
                                                                      tuple[str, ...]], ...]:
        if not isinstance(value, Mapping):
            raise self.error(key, _expected(key))
        return tuple((pattern, glob_to_regex(pattern),
                      self.selectors(key, codes) if isinstance(codes, list)
                      else self._raise(f"{key}.{pattern}", _("expected a list of rule codes")))
                     for pattern, codes in value.items())

    def globs(self, key: str, value: Any) -> tuple[str, ...]:
        value = self.as_list(key, value)
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip()
                                                  for item in value):
            raise self.error(key, _expected(key, value))
        return tuple(item.strip() for item in value)

    def _raise(self, key: str, problem: str) -> Any:
        raise self.error(key, problem)

    def ignore_texts(self, key: str, value: Any) -> tuple[IgnoreText, ...]:
        if not isinstance(value, list):
            raise self.error(key, _expected(key))
        out = []
        for index, entry in enumerate(value):
            where = f"{key}[{index}]"
            if not isinstance(entry, Mapping) or set(entry) != {"code", "text"}:
                raise self.error(where, _("expected a table with exactly the keys 'code' and "
                                          "'text', e.g. {example}").format(
                                              example="{code = 'A001', text = '我局'}"))
            if not isinstance(entry["text"], str) or not entry["text"]:
                raise self.error(f"{where}.text", _("expected a non-empty string"))
            code = self.rule_code(f"{where}.code", entry["code"])
            out.append(IgnoreText(code, entry["text"],
                                  f"{self.label}: {self.key_prefix}{where}"))
        return tuple(out)

    def plugin_table(self, key: str, value: Any, plugin: str | None = None) -> dict[str, Any]:
        from gipr_lint.linting.plugin_manager import OPTION_TYPES, option_value_ok

        plugin = plugin or key
        specs = self.plugins.options.get(plugin, {})
        if not isinstance(value, Mapping):
            raise self.error(key, _("expected a table of the plugin's options"))
        out = {}
        for option, option_value in value.items():
            where = f"{key}.{option}"
            if option not in specs:
                accepted = ", ".join(specs) or _("none")
                raise self.error(where, _("unknown option of plugin {plugin}{hint} (accepted: "
                                          "{accepted})").format(
                    plugin=repr(plugin), hint=suggest(option, list(specs)), accepted=accepted))
            spec = specs[option]
            if not option_value_ok(spec.type, option_value):
                raise self.error(where, _("expected a {type}, got {value} ({help})").format(
                    type=_(OPTION_TYPES[spec.type]), value=repr(option_value), help=spec.help))
            out[option] = option_value
        return out


def read_config_file(path: Path) -> tuple[dict[str, Any], str] | None:
    """The gipr-lint table of a config file and the key prefix for messages.

    ``None`` for a ``pyproject.toml`` without ``[tool.gipr-lint]``. Raises :class:`ConfigError`
    when the file cannot be read or parsed.
    """
    if sys.version_info >= (3, 11):  # imported here: a run without a config file never needs it
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(_decode_config(path, path.read_bytes()))
    except OSError as exc:
        reason = _(exc.strerror) if exc.strerror else str(exc)
        raise ConfigError(f"{path}: " + _("cannot read: {reason}").format(reason=reason)) \
            from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: " + _("invalid TOML: {reason}").format(reason=exc)) \
            from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "gipr-lint" not in tool:
            return None
        table = tool["gipr-lint"]
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: tool.gipr-lint: " + _("expected a table"))
        return table, "tool.gipr-lint."
    return data, ""


def _decode_config(path: Path, data: bytes) -> str:
    """The text of a config file: UTF-8 with or without a byte-order mark, UTF-16 with one,
    or GBK/GB18030 (what Notepad on a Chinese Windows saves as "ANSI").

    Raises :class:`ConfigError` for anything else, saying how to save the file.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: " + _("cannot read: byte {number} is neither UTF-8 nor "
                                           "GBK; save the file as UTF-8").format(
                                               number=exc.start + 1)) from None


def find_config(directory: Path, cache: dict[Path, Path | None] | None = None) -> Path | None:
    """The config file governing ``directory``: the nearest one walking upwards, or ``None``."""
    cache = {} if cache is None else cache
    visited: list[Path] = []
    current: Path | None = directory
    found: Path | None = None
    while current is not None:
        if current in cache:
            found = cache[current]
            break
        visited.append(current)
        for name in CONFIG_FILENAMES:
            candidate = current / name
            if candidate.is_file() and (name != "pyproject.toml"
                                        or _has_tool_table(candidate)):
                found = candidate
                break
        if found is not None:
            break
        current = current.parent if current.parent != current else None
    for directory_seen in visited:
        cache[directory_seen] = found
    return found


def _has_tool_table(path: Path) -> bool:
    try:
        return read_config_file(path) is not None
    except ConfigError:
        return True  # let loading report the error


def _merge(base: dict[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Apply command-line values: ``select`` and scalars replace, ``ignore`` and
    ``extend-select`` extend, ``severity`` entries replace one by one."""
    merged = dict(base)
    for key, value in overrides.items():
        if key in ("ignore", "extend-select", "extend-exclude"):
            merged[key] = tuple(merged.get(key, ())) + tuple(value)
        elif key == "severity":
            merged[key] = {**merged.get(key, {}), **value}
        else:
            merged[key] = value
    return merged


def build_settings(values: Mapping[str, Any], *, root: Path, path: Path | None = None
                   ) -> Settings:
    """Make :class:`Settings` from validated values (see :class:`ConfigResolver`)."""
    return Settings(
        select=values.get("select"),
        extend_select=tuple(values.get("extend-select", ())),
        ignore=tuple(values.get("ignore", ())),
        severity=dict(values.get("severity", {})),
        per_file_ignores=tuple(values.get("per-file-ignores", ())),
        fail_on=values.get("fail-on", Severity.WARNING),
        agency=values.get("agency"),
        agency_kind=values.get("agency-kind"),
        year=values.get("year"),
        ignore_texts=tuple(values.get("ignore-texts", ())),
        extensions=values.get("extensions"),
        history=tuple(values.get("history", ())),
        plugin_options=dict(values.get("plugins", {})),
        exclude=tuple(values.get("exclude", ())) + tuple(values.get("extend-exclude", ())),
        respect_gitignore=values.get("respect-gitignore", True),
        root=root,
        path=path,
        lang=values.get("lang"),
    )


def validate_overrides(overrides: Mapping[str, Any], plugin_set: PluginSet) -> dict[str, Any]:
    """Validate command-line values (keys as in the config file, e.g. ``fail-on``)."""
    validator = SettingsValidator(_("command line"), "--", plugin_set)
    return validator.validate(overrides)


class ConfigResolver:
    """Gives each linted file its :class:`Settings`; discovery and loading are cached.

    :param config: an explicit config file (``--config``); discovery is then off.
    :param isolated: use no config file at all (``--isolated``).
    :param overrides: command-line values, keyed like the config file (``fail-on``, ...).
    """

    def __init__(self, plugin_set: PluginSet, *, config: Path | None = None,
                 isolated: bool = False, overrides: Mapping[str, Any] | None = None,
                 cwd: Path | None = None) -> None:
        self.plugin_set = plugin_set
        self.config = config
        self.isolated = isolated
        self.cwd = cwd or Path.cwd()
        self.overrides = validate_overrides(overrides or {}, plugin_set)
        self._dirs: dict[Path, Path | None] = {}
        #: The configuration file of each path asked about and of each folder as those paths
        #: name it: a run asks several times about each file, and building absolute paths
        #: costs more than finding the answer.
        self._paths: dict[Path | str, Path | None] = {}
        self._folders: dict[str, Path | None] = {}
        self._settings: dict[Path | None, Settings] = {}

    def config_path_for(self, file_path: Path | str) -> Path | None:
        if self.isolated:
            return None
        if self.config is not None:
            return self.config.absolute()
        try:
            return self._paths[file_path]
        except KeyError:
            pass
        # the folder as the path names it, the key of its answer (a folder named in two ways
        # is looked up twice, to the same answer): no ``Path`` made for every file
        folder = os.path.dirname(file_path)
        try:
            found = self._folders[folder]
        except KeyError:
            directory = (self.cwd / file_path).absolute().parent
            found = self._folders[folder] = find_config(directory, self._dirs)
        self._paths[file_path] = found
        return found

    def settings_for(self, file_path: Path | str) -> Settings:
        """Settings for the file at ``file_path`` (need not exist: stdin uses its name)."""
        config_path = self.config_path_for(file_path)
        if config_path not in self._settings:
            self._settings[config_path] = self._load(config_path)
        return self._settings[config_path]

    def _load(self, config_path: Path | None) -> Settings:
        values: dict[str, Any] = {}
        root = self.cwd
        if config_path is not None:
            read = read_config_file(config_path)
            root = config_path.parent
            if read is not None:
                table, prefix = read
                values = SettingsValidator(str(config_path), prefix,
                                           self.plugin_set).validate(table)
        return build_settings(_merge(values, self.overrides), root=root, path=config_path)
