"""Finding, loading and validating plugins: one pluggy ``PluginManager`` per run.

Every plugin, the built-in rule packs included, comes from the entry-point group ``gipr_lint``
(the framework's own :mod:`gipr_lint.linting.builtin` is registered first, the same way). Each
plugin is loaded, registered and asked for its contributions on its own, so one broken plugin is
reported by name and skipped while the others load. What the plugins provide ends up in a
:class:`PluginSet`, the read-only view the engine, config and CLI work from.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import BuiltinFunctionType, FunctionType, MethodType, ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

import pluggy

from gipr_lint import PLUGIN_API_VERSION, __version__, hookspecs
from gipr_lint.diagnostics import Severity
from gipr_lint.i18n import translator
from gipr_lint.regex import compile_re
from gipr_lint.rules import CODE_PATTERN, NAME_PATTERN, Rule
from gipr_lint.templates import NATIONAL, TemplateError, Templates

if TYPE_CHECKING:
    from gipr_lint.reading.source import Source

__all__ = [
    "OPTION_TYPES",
    "OptionSpec",
    "PluginInfo",
    "PluginProblem",
    "PluginSet",
    "load_plugins",
]

#: :meth:`PluginSet.read` reads a file of up to this many bytes whole (a report is ten-odd KB;
#: a larger file is left to its reader, which may not want it whole in memory).
WHOLE_READ = 1 << 20

#: The types a plugin option may declare (``list`` is a list of strings).
OPTION_TYPES: Mapping[type, str] = {str: "string", int: "integer", float: "number",
                                    bool: "boolean", list: "list of strings"}
_HOOK_NAMES = ("gipr_lint_rules", "gipr_lint_batch_rules", "gipr_lint_templates",
               "gipr_lint_readers", "gipr_lint_formatters", "gipr_lint_options",
               "gipr_lint_deadlines")
_DEADLINE = compile_re(r"^(\d{2})-(\d{2})$")
_ = translator("gipr_lint")


class OptionSpec(NamedTuple):
    """One option a plugin accepts in its configuration table."""

    type: type
    default: Any
    help: str


@dataclass
class PluginInfo:
    """A loaded plugin: its name (the entry-point name), distribution and rule codes."""

    name: str
    module: str
    version: str | None = None
    distribution: str | None = None
    codes: list[str] = field(default_factory=list)


class PluginProblem(NamedTuple):
    """A plugin that could not be used. ``fatal`` problems make the run exit with 2."""

    plugin: str
    message: str
    fatal: bool = True

    def __str__(self) -> str:
        return _("gipr-lint: plugin {name} skipped: {message}").format(
            name=repr(self.plugin), message=self.message)


@dataclass
class PluginSet:
    """Everything the loaded plugins provide.

    ``rules`` maps code to rule class in load order; ``templates`` is every plugin's template
    extensions, in order, and ``template_set`` the national templates with them added (what the
    table readers and the rules use); ``options`` maps a plugin name to the options it
    declared; ``deadlines`` maps an agency kind to its publication deadline ``"MM-DD"`` (hook
    ``gipr_lint_deadlines``; a later plugin overrides an earlier one).
    """

    manager: pluggy.PluginManager
    rules: dict[str, type[Rule]] = field(default_factory=dict)
    rule_plugin: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    templates: list[Any] = field(default_factory=list)
    template_set: Templates = NATIONAL
    readers: list[hookspecs.Reader] = field(default_factory=list)
    formatters: dict[str, hookspecs.Formatter] = field(default_factory=dict)
    options: dict[str, dict[str, OptionSpec]] = field(default_factory=dict)
    deadlines: dict[str, str] = field(default_factory=dict)
    #: Codes of the cross-report rules (hook ``gipr_lint_batch_rules``), also in ``rules``.
    batch_codes: set[str] = field(default_factory=set)
    plugins: list[PluginInfo] = field(default_factory=list)
    problems: list[PluginProblem] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        """True when a plugin problem should make the run exit with 2."""
        return any(problem.fatal for problem in self.problems)

    def resolve(self, ident: str) -> str | None:
        """The code of the rule named by ``ident`` (a code, in any case, or a name), or ``None``."""
        if ident in self.rules:
            return ident
        if ident in self.names:
            return self.names[ident]
        return ident.upper() if ident.upper() in self.rules else None

    def rule(self, ident: str) -> type[Rule] | None:
        code = self.resolve(ident)
        return self.rules[code] if code else None

    def suggest(self, ident: str) -> str | None:
        """The nearest rule code or name, for "did you mean" messages."""
        import difflib

        matches = difflib.get_close_matches(ident, [*self.rules, *self.names], n=1)
        return matches[0] if matches else None

    def suffixes(self) -> set[str]:
        return {suffix for reader in self.readers for suffix in reader.suffixes}

    def reader_for(self, path: str | Path) -> hookspecs.Reader:
        """The reader for a file, chosen by its extension and confirmed by its content.

        Readers may have ``accepts(head: bytes) -> bool``, which looks at the file's first
        bytes (see :data:`~gipr_lint.hookspecs.SNIFF_BYTES`): a reader that accepts the content
        wins over the extension (a ``.txt`` that is really an HTML page, a file without an
        extension), the reader claiming the extension is preferred among those that accept it.
        Without any, the first reader claiming the suffix, else the text reader.
        """
        try:
            with open(path, "rb") as handle:
                head: bytes | None = handle.read(hookspecs.SNIFF_BYTES)
        except OSError:
            head = None  # the chosen reader reports the error
        return self._reader_by(path, head)

    def read(self, path: str | Path) -> Source:
        """``reader_for(path).read(Path(path))``, the file opened and read once.

        A file of up to :data:`WHOLE_READ` bytes is read whole here: its head chooses the
        reader, and a reader with the built-ins' ``read_bytes(data, path)`` decodes those very
        bytes (a plain-text report is otherwise opened and read twice, once for its head and
        once to decode it). Other readers, and larger files, read the file themselves.
        Raises what the reader raises (``OSError``, :class:`DecodeError`, a plugin's bug).
        """
        data: bytes | None = None
        whole = False
        try:
            # unbuffered, and sized by the file (a read of "up to 1 MB" would allocate 1 MB)
            with open(path, "rb", buffering=0) as handle:
                whole = os.fstat(handle.fileno()).st_size <= WHOLE_READ
                data = handle.readall() if whole else handle.read(hookspecs.SNIFF_BYTES)
        except OSError:
            pass  # the chosen reader reports the error
        head = data[:hookspecs.SNIFF_BYTES] if data is not None else None
        reader = self._reader_by(path, head)
        read_bytes = getattr(reader, "read_bytes", None)
        if whole and data is not None and read_bytes is not None:
            return read_bytes(data, os.fspath(path))  # type: ignore[no-any-return]
        del data
        return reader.read(Path(path))

    def _reader_by(self, path: str | Path, head: bytes | None) -> hookspecs.Reader:
        """:meth:`reader_for` once the file's ``head`` is read (``None``: it cannot be)."""
        suffix = _suffix(path)
        by_suffix = next((r for r in self.readers if suffix in r.suffixes), None)
        if head:
            accepting = []
            for reader in self.readers:
                accepts = getattr(reader, "accepts", None)
                try:
                    if accepts is not None and accepts(head):
                        accepting.append(reader)
                except Exception:  # a plugin's bug must not stop the run
                    continue
            if by_suffix is not None and by_suffix in accepting:
                return by_suffix
            if accepting:
                return accepting[0]
        return by_suffix or self.readers[0]

    @classmethod
    def from_rules(cls, rules: Iterable[type[Rule]], *,
                   options: Mapping[str, tuple[Any, Any, str]] | None = None,
                   plugins: Sequence[object | tuple[str, object]] = ()) -> PluginSet:
        """A set with the built-ins, ``plugins`` (whole plugins, as for ``load_plugins(extra=)``)
        and ``rules`` as one plugin named ``test`` (left out when there are none); for tests.

        Raises ``ValueError`` when the plugins or rules do not validate.
        """
        rule_list = list(rules)

        class _Test:
            GIPR_LINT_API = PLUGIN_API_VERSION

            @hookspecs.hookimpl
            def gipr_lint_rules(self) -> list[type[Rule]]:
                return rule_list

            @hookspecs.hookimpl
            def gipr_lint_options(self) -> Mapping[str, tuple[Any, Any, str]]:
                return options or {}

        extra = [*plugins] + ([("test", _Test())] if rule_list or options else [])
        plugin_set = load_plugins(entry_points=[], extra=extra)
        if plugin_set.problems:
            raise ValueError("; ".join(str(problem) for problem in plugin_set.problems))
        return plugin_set


def _suffix(path: str | Path) -> str:
    """``Path(path).suffix.lower()``, read off the name without making a ``Path`` (which costs
    three times as much, for every file of a run)."""
    name = os.path.basename(path)
    if not name or name in (".", ".."):  # (a name ``Path`` finds elsewhere: "a/b.txt/", "a/.")
        return Path(path).suffix.lower()
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def _supported(api: Any) -> bool:
    if isinstance(api, int) and not isinstance(api, bool):
        return api == PLUGIN_API_VERSION
    if isinstance(api, Iterable) and not isinstance(api, (str, bytes)):
        return PLUGIN_API_VERSION in api
    return False


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _rule_problems(returned: Any, plugin: str, plugin_set: PluginSet,
                   hook: str = "gipr_lint_rules") -> list[str]:
    """Check a plugin's rules against the rules loaded so far; return error messages."""
    if returned is None:
        return []
    if not isinstance(returned, (list, tuple)):
        return [_("{hook}() returned {value}, expected a list of Rule subclasses").format(
            hook=hook, value=_describe(returned))]
    errors: list[str] = []
    if hook == "gipr_lint_batch_rules":
        from gipr_lint.linting.batch import BatchRule

        for item in returned:
            if not (isinstance(item, type) and issubclass(item, BatchRule)):
                errors.append(_("{hook}() returned {value}, which is not a subclass of "
                                "{base}").format(hook=hook, value=_describe(item),
                                                 base="gipr_lint.linting.batch.BatchRule"))
            elif item.check_batch is BatchRule.check_batch:
                errors.append(_("rule {rule} does not implement {method}").format(
                    rule=item.__qualname__, method="check_batch()"))
        if errors:
            return errors
    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    for item in returned:
        if not (isinstance(item, type) and issubclass(item, Rule)):
            errors.append(_("{hook}() returned {value}, which is not a subclass of "
                            "{base}").format(hook="gipr_lint_rules", value=_describe(item),
                                             base="gipr_lint.rules.Rule"))
            continue
        label = item.__qualname__
        code = getattr(item, "code", None)
        name = getattr(item, "name", None)
        if not isinstance(code, str) or not CODE_PATTERN.match(code):
            errors.append(_("rule {rule} has code {code}, expected capital letters and three "
                            "digits (e.g. T001)").format(rule=label, code=repr(code)))
            code = None
        if not isinstance(name, str) or not NAME_PATTERN.match(name):
            errors.append(_("rule {rule} has name {name}, expected a kebab-case name "
                            "(e.g. stray-space)").format(rule=label, name=repr(name)))
            name = None
        severity = getattr(item, "severity", None)
        try:
            if Severity(severity) is Severity.OFF:
                raise ValueError
        except ValueError:
            errors.append(_("rule {rule} has unknown severity {severity} (accepted: error, "
                            "warning, info)").format(rule=label, severity=repr(severity)))
        summary = getattr(item, "summary", None)
        if not isinstance(summary, str) or not summary.strip():
            errors.append(_("rule {rule} has no summary").format(rule=label))
        if item.check is Rule.check:
            errors.append(_("rule {rule} does not implement {method}").format(
                rule=label, method="check()"))
        if code:
            if code in plugin_set.rules:
                other = plugin_set.rules[code]
                errors.append(_("rule {rule} has code {code}, already taken by rule {other} of "
                                "plugin {plugin}").format(
                    rule=label, code=code, other=other.__qualname__,
                    plugin=repr(plugin_set.rule_plugin[code])))
            elif code in codes:
                errors.append(_("rules {first} and {second} both have code {code}").format(
                    first=codes[code], second=label, code=code))
            codes[code] = label
        if name:
            if name in plugin_set.names:
                taken = plugin_set.names[name]
                errors.append(_("rule {rule} has name {name}, already taken by rule {other} "
                                "({code}) of plugin {plugin}").format(
                    rule=label, name=repr(name), other=plugin_set.rules[taken].__qualname__,
                    code=taken, plugin=repr(plugin_set.rule_plugin[taken])))
            elif name in names:
                errors.append(_("rules {first} and {second} both have name {name}").format(
                    first=names[name], second=label, name=repr(name)))
            names[name] = label
    return errors


def _reader_problems(returned: Any) -> list[str]:
    if returned is None:
        return []
    if not isinstance(returned, (list, tuple)):
        return [_("{hook}() returned {value}, expected a list").format(
            hook="gipr_lint_readers", value=_describe(returned))]
    errors = []
    for reader in returned:
        suffixes = getattr(reader, "suffixes", None)
        if (not isinstance(getattr(reader, "name", None), str)
                or not callable(getattr(reader, "read", None))
                or not isinstance(suffixes, (list, tuple, set, frozenset))
                or not all(isinstance(s, str) and s.startswith(".") for s in suffixes)):
            errors.append(_("reader {reader} needs a name, suffixes like '.txt' and a "
                            "read(path) method").format(reader=_describe(reader)))
    return errors


def _formatter_problems(returned: Any, plugin_set: PluginSet) -> list[str]:
    if returned is None:
        return []
    if not isinstance(returned, Mapping):
        return [_("{hook}() returned {value}, expected a dict").format(
            hook="gipr_lint_formatters", value=_describe(returned))]
    errors = []
    for name, formatter in returned.items():
        if not isinstance(name, str) or not name:
            errors.append(_("formatter name {name} is not a string").format(
                name=_describe(name)))
        elif name in plugin_set.formatters:
            errors.append(_("format {name} is already taken").format(name=repr(name)))
        if not callable(formatter):
            errors.append(_("formatter {name} is not callable").format(name=repr(name)))
    return errors


def _option_problems(returned: Any) -> list[str]:
    if returned is None:
        return []
    if not isinstance(returned, Mapping):
        return [_("{hook}() returned {value}, expected a dict").format(
            hook="gipr_lint_options", value=_describe(returned))]
    errors = []
    accepted = ", ".join(t.__name__ for t in OPTION_TYPES)
    for name, spec in returned.items():
        if not isinstance(name, str) or not NAME_PATTERN.match(name.replace("_", "-")):
            errors.append(_("option name {name} is not a lower-case name").format(
                name=_describe(name)))
            continue
        if not (isinstance(spec, tuple) and len(spec) == 3):
            errors.append(_("option {name}: expected (type, default, help)").format(
                name=repr(name)))
            continue
        kind, default, help_text = spec
        if kind not in OPTION_TYPES:
            errors.append(_("option {name}: type {kind} not accepted ({accepted})").format(
                name=repr(name), kind=_describe(kind), accepted=accepted))
        elif not option_value_ok(kind, default):
            errors.append(_("option {name}: default {default} is not a {kind}").format(
                name=repr(name), default=repr(default), kind=kind.__name__))
        if not isinstance(help_text, str):
            errors.append(_("option {name}: help is not a string").format(name=repr(name)))
    return errors


def _deadline_problems(returned: Any) -> list[str]:
    if returned is None:
        return []
    if not isinstance(returned, Mapping):
        return [_("{hook}() returned {value}, expected a dict such as {example}").format(
            hook="gipr_lint_deadlines", value=_describe(returned),
            example="{'township': '02-20'}")]
    errors = []
    for kind, value in returned.items():
        if kind not in hookspecs.DEADLINE_KINDS:
            errors.append(_("deadline for unknown agency kind {kind} (accepted: {accepted})")
                          .format(kind=_describe(kind),
                                  accepted=", ".join(hookspecs.DEADLINE_KINDS)))
            continue
        match = _DEADLINE.match(value) if isinstance(value, str) else None
        try:
            if match is None:
                raise ValueError
            datetime.date(2000, int(match.group(1)), int(match.group(2)))  # a leap year
        except ValueError:
            errors.append(_("deadline {kind}: {value} is not a day {form} (e.g. {example})")
                          .format(kind=repr(kind), value=_describe(value), form='"MM-DD"',
                                  example='"02-20"'))
    return errors


def option_value_ok(kind: type, value: Any) -> bool:
    """Whether ``value`` (from TOML) fits an option of type ``kind``."""
    if kind is bool:
        return isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind is list:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, kind)


#: What pluggy can take as a hook implementation (see ``pluggy._manager._static_hook_attr``).
_HOOKABLE = (FunctionType, MethodType, BuiltinFunctionType, classmethod, staticmethod)


class _Manager(pluggy.PluginManager):
    """pluggy's manager, looking at a module plugin's plain values more cheaply.

    ``register`` asks :meth:`parse_hookimpl_opts` about every name in ``dir(plugin)``, and
    pluggy answers each through ``inspect.getattr_static``: ~400 names over the built-in
    packs, ~2 ms of every start (issue 15). A module's names are its ``__dict__``, which is
    where ``getattr_static`` finds them too, so a value there that pluggy could never take as
    a hook (a class, a constant, a submodule) is skipped here, and every other name, in a
    module or any other plugin, goes through pluggy's own checks unchanged.
    """

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> Any:
        if type(plugin) is ModuleType and name in plugin.__dict__ \
                and not isinstance(plugin.__dict__[name], _HOOKABLE):
            return None
        return super().parse_hookimpl_opts(plugin, name)


def _unknown_hooks(manager: pluggy.PluginManager, plugin: object) -> list[str]:
    errors = []
    for caller in manager.get_hookcallers(plugin) or ():
        if not caller.has_spec():
            # (imported only for a misspelt hook: every run checks every plugin)
            from gipr_lint.linting.config import suggest

            hint = suggest(caller.name, _HOOK_NAMES)
            errors.append(_("unknown hook {name} (known hooks: {known})").format(
                name=repr(caller.name), known=", ".join(_HOOK_NAMES)) + hint)
    return errors


def _call_hooks(manager: pluggy.PluginManager, plugin: object) -> dict[str, Any]:
    """Call each of one plugin's hook implementations; exceptions propagate."""
    results: dict[str, Any] = {}
    for caller in manager.get_hookcallers(plugin) or ():
        for impl in caller.get_hookimpls():
            if impl.plugin is plugin:
                results[caller.name] = impl.function()
    return results


def _register(plugin_set: PluginSet, name: str, plugin: object, version: str | None,
              distribution: str | None) -> None:
    """Register one plugin and merge what it provides, or record why it was skipped."""
    manager = plugin_set.manager
    if name == "plugins" or any(info.name == name for info in plugin_set.plugins):
        plugin_set.problems.append(PluginProblem(
            name, _("the name {name} is taken").format(name=repr(name))))
        return
    api = getattr(plugin, "GIPR_LINT_API", None)
    if not _supported(api):
        message = (_("it does not declare {name}, this gipr-lint has plugin API {version}")
                   if api is None else
                   _("it supports API {api}, this gipr-lint has plugin API {version}"))
        plugin_set.problems.append(PluginProblem(
            name, message.format(name="GIPR_LINT_API", api=repr(api),
                                 version=PLUGIN_API_VERSION), fatal=False))
        return
    try:
        manager.register(plugin, name=name)
    except (pluggy.PluginValidationError, ValueError) as exc:
        plugin_set.problems.append(PluginProblem(name, str(exc)))
        return
    errors = _unknown_hooks(manager, plugin)
    if not errors:
        try:
            manager.check_pending()
        except pluggy.PluginValidationError as exc:  # pragma: no cover - covered by the above
            errors.append(str(exc))
    returned: dict[str, Any] = {}
    template_set = plugin_set.template_set
    if not errors:
        try:
            returned = _call_hooks(manager, plugin)
        except Exception as exc:
            errors.append(_("a hook raised {error}: {message}").format(
                error=type(exc).__name__, message=exc))
    if not errors:
        plain = returned.get("gipr_lint_rules")
        batch = returned.get("gipr_lint_batch_rules")
        errors += _rule_problems(batch, name, plugin_set, "gipr_lint_batch_rules")
        if not errors:
            if batch and (plain is None or isinstance(plain, (list, tuple))):
                plain = [*(plain or ()), *batch]  # codes and names unique across both
            errors += _rule_problems(plain, name, plugin_set)
        errors += _reader_problems(returned.get("gipr_lint_readers"))
        errors += _formatter_problems(returned.get("gipr_lint_formatters"), plugin_set)
        errors += _option_problems(returned.get("gipr_lint_options"))
        errors += _deadline_problems(returned.get("gipr_lint_deadlines"))
        templates = returned.get("gipr_lint_templates")
        if templates is not None and not isinstance(templates, (list, tuple)):
            errors.append(_("{hook}() returned {value}, expected a list").format(
                hook="gipr_lint_templates", value=_describe(templates)))
        else:
            try:
                template_set = plugin_set.template_set.extended(templates or ())
            except TemplateError as exc:
                errors.append(f"gipr_lint_templates(): {exc}")
    if errors:
        manager.unregister(plugin)
        plugin_set.problems.append(PluginProblem(name, _("; ").join(errors)))
        return
    module = plugin.__name__ if isinstance(plugin, ModuleType) else type(plugin).__qualname__
    info = PluginInfo(name=name, module=module, version=version, distribution=distribution)
    batch_rules = list(returned.get("gipr_lint_batch_rules") or ())
    plugin_set.batch_codes.update(rule.code for rule in batch_rules)
    for rule in [*(returned.get("gipr_lint_rules") or ()), *batch_rules]:
        plugin_set.rules[rule.code] = rule
        plugin_set.rule_plugin[rule.code] = name
        plugin_set.names[rule.name] = rule.code
        info.codes.append(rule.code)
    plugin_set.templates.extend(returned.get("gipr_lint_templates") or ())
    plugin_set.template_set = template_set
    plugin_set.readers.extend(returned.get("gipr_lint_readers") or ())
    plugin_set.formatters.update(returned.get("gipr_lint_formatters") or {})
    plugin_set.deadlines.update(returned.get("gipr_lint_deadlines") or {})
    plugin_options = returned.get("gipr_lint_options")
    if plugin_options:
        plugin_set.options[name] = {key: OptionSpec(*spec) for key, spec in plugin_options.items()}
    plugin_set.plugins.append(info)


def _plugin_name(obj: object) -> str:
    explicit = getattr(obj, "GIPR_LINT_NAME", None)
    if isinstance(explicit, str):
        return explicit
    if isinstance(obj, ModuleType):
        return obj.__name__.rsplit(".", 1)[-1]
    return type(obj).__name__ if not isinstance(obj, type) else obj.__name__


def load_plugins(entry_points: Iterable[Any] | None = None,
                 extra: Sequence[object | tuple[str, object]] = ()) -> PluginSet:
    """Load the built-ins, the entry points and ``extra`` plugins into a :class:`PluginSet`.

    :param entry_points: entry points to load (objects with ``name``, ``value``, ``load()`` and
        optionally ``dist``); ``None`` means every entry point in the group ``gipr_lint``.
    :param extra: more plugins, modules or objects with hook implementations, or
        ``(name, plugin)`` pairs; registered after the entry points. Tests use this.

    Problems are collected in :attr:`PluginSet.problems`, never raised.
    """
    from gipr_lint.linting import builtin

    manager = _Manager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    plugin_set = PluginSet(manager=manager)
    _register(plugin_set, builtin.BUILTIN_NAME, builtin, __version__, "gipr-lint")
    if entry_points is None:
        from gipr_lint.linting.entry_points import entry_points as find_entry_points

        entry_points = find_entry_points(hookspecs.PROJECT_NAME)
    seen: set[str] = set()
    for entry_point in sorted(entry_points, key=lambda ep: ep.name):
        if entry_point.name in seen:
            plugin_set.problems.append(PluginProblem(
                entry_point.name, _("another plugin is already named {name}").format(
                    name=repr(entry_point.name))))
            continue
        seen.add(entry_point.name)
        try:
            plugin = entry_point.load()
        except Exception as exc:
            plugin_set.problems.append(PluginProblem(
                entry_point.name,
                _("cannot import {module}: {error}: {message}").format(
                    module=repr(entry_point.value), error=type(exc).__name__, message=exc)))
            continue
        dist = getattr(entry_point, "dist", None)
        _register(plugin_set, entry_point.name, plugin,
                  getattr(dist, "version", None), getattr(dist, "name", None))
    for item in extra:
        name, plugin = item if isinstance(item, tuple) else (_plugin_name(item), item)
        _register(plugin_set, name, plugin, getattr(plugin, "__version__", None), None)
    return plugin_set
