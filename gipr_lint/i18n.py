"""Translating messages: gettext catalogs, Chinese first, English on request.

Rule packs mark every message with a translator for their own gettext domain::

    from gipr_lint.api import translator

    _ = translator("gipr_lint_national")
    message = _("{label} total is {total}, but its columns add up to {sum}").format(...)

The message id is the English text with named ``str.format`` placeholders. A domain is the name
of the package that owns the messages; its compiled catalogs live inside that package, in
``<package>/locale/<lang>/LC_MESSAGES/<domain>.mo`` (next to the ``.po`` a translator edits), so
they ship in the wheel with the code. English needs no catalog: it is the message id.

A rule's ``summary`` and the first paragraph of its docstring are translated when shown
(:func:`rule_summary`, :func:`rule_lead_translated`) in the rule's domain; extraction
(:mod:`gipr_lint.i18n_tools`) collects them from the loaded rules. Other texts translated later
than they are written are marked with :func:`N_`.

The language is, in this order: what the caller set (:func:`set_language`, from ``--lang`` or
the configuration key ``lang``), the environment variable ``GIPR_LINT_LANG``, then the system:
``LC_ALL``/``LC_MESSAGES``/``LANG`` (the first one set) starting with ``zh`` means Chinese, and on
Windows the user's UI language. Anything else is English. :func:`set_language` also exports
``GIPR_LINT_LANG`` so that worker processes speak the same language.

Only the standard library's :mod:`gettext` is used at run time; extracting and compiling the
catalogs (Babel) is a development task: see :mod:`gipr_lint.i18n_tools`.
"""

from __future__ import annotations

import gettext
import importlib.util
import os
import struct
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["ENV_VAR", "LANGUAGES", "N_", "current_language", "detect_language", "language",
           "locale_dir", "normalize_language", "plural_translator", "restored", "rule_domain",
           "rule_explanation", "rule_lead", "rule_lead_translated", "rule_summary",
           "set_language", "translator"]

#: The languages gipr-lint speaks: ``zh`` (简体中文) and ``en``.
LANGUAGES = ("zh", "en")
#: The environment variable that chooses the language (and carries it to worker processes).
ENV_VAR = "GIPR_LINT_LANG"

_chosen: str | None = None


def normalize_language(value: str | None) -> str | None:
    """``zh`` or ``en`` for a language or locale name (``zh_CN.UTF-8``, ``zh-Hans``, ``en_US``),
    ``None`` for an empty or unknown one."""
    if not value:
        return None
    head = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return head if head in LANGUAGES else None


def _windows_ui_language() -> str | None:
    """``zh`` when the Windows user interface language is Chinese, else ``en`` (``None`` off
    Windows or when it cannot be read)."""
    if sys.platform != "win32":  # pragma: no cover - depends on the platform
        return None
    try:  # pragma: no cover - Windows only
        import ctypes

        lang_id = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
    except (AttributeError, OSError):  # pragma: no cover
        return None
    return "zh" if lang_id & 0x3FF == 0x04 else "en"  # pragma: no cover  (LANG_CHINESE)


def detect_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for: ``GIPR_LINT_LANG``, else the locale variables
    (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: the first that is set decides), else the Windows UI
    language; ``zh`` when that is Chinese, ``en`` otherwise."""
    env = os.environ if environ is None else environ
    explicit = normalize_language(env.get(ENV_VAR))
    if explicit is not None:
        return explicit
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "zh" if value.strip().lower().startswith("zh") else "en"
    return _windows_ui_language() or "en"


def current_language() -> str:
    """The language messages are translated into now."""
    return _chosen or _environment_language()


#: What :func:`detect_language` said for the raw values of its variables (see below).
_detected: dict[tuple[bytes | None, ...], str] = {}


def _environment_language() -> str:
    """``detect_language()``, remembered for the values its variables have: every message
    formatted outside a ``language`` block asks, and ``os.environ.get`` encodes the name and
    decodes the value at each call, where the raw (POSIX: bytes) mapping behind it does not."""
    data = getattr(os.environ, "_data", None)
    if os.name != "posix" or not isinstance(data, dict):
        return detect_language()
    key = (data.get(b"GIPR_LINT_LANG"), data.get(b"LC_ALL"), data.get(b"LC_MESSAGES"),
           data.get(b"LANG"))
    found = _detected.get(key)
    if found is None:
        found = detect_language()
        if any(key):  # none set: the platform decides, asked each time
            if len(_detected) > 64:
                _detected.clear()
            _detected[key] = found
    return found


def set_language(lang: str | None) -> None:
    """Use ``lang`` (``zh`` or ``en``) from now on, in this process and in the processes it
    starts; ``None`` goes back to the environment's choice."""
    global _chosen
    if lang is None:
        _chosen = None
        return
    chosen = normalize_language(lang)
    if chosen is None:
        raise ValueError(f"unknown language {lang!r} (accepted: {', '.join(LANGUAGES)})")
    _chosen = chosen
    os.environ[ENV_VAR] = chosen


@contextmanager
def language(lang: str | None) -> Iterator[None]:
    """Translate into ``lang`` inside the ``with`` block (``None``: keep the current one)."""
    global _chosen
    if lang is None:
        yield
        return
    chosen = normalize_language(lang)
    if chosen is None:
        raise ValueError(f"unknown language {lang!r} (accepted: {', '.join(LANGUAGES)})")
    before = _chosen
    _chosen = chosen
    try:
        yield
    finally:
        _chosen = before


@contextmanager
def restored() -> Iterator[None]:
    """Undo, on leaving, any :func:`set_language` made inside (``main()`` run in-process must
    not change the language of its caller)."""
    global _chosen
    before, exported = _chosen, os.environ.get(ENV_VAR)
    try:
        yield
    finally:
        _chosen = before
        if exported is None:
            os.environ.pop(ENV_VAR, None)
        else:
            os.environ[ENV_VAR] = exported


def locale_dir(domain: str) -> Path | None:
    """``<package>/locale`` of the package named ``domain`` (``None`` when there is none)."""
    try:
        spec = importlib.util.find_spec(domain)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / "locale"
        if candidate.is_dir():
            return candidate
    return None


@cache
def _catalog(domain: str, lang: str, directory: str | None) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    folder = directory if directory is not None else locale_dir(domain)
    if folder is None:
        return gettext.NullTranslations()
    try:
        return gettext.translation(domain, str(folder), languages=[lang], fallback=True)
    except (OSError, ValueError, struct.error):  # an unreadable catalog: speak English
        return gettext.NullTranslations()


def translator(domain: str, localedir: str | Path | None = None) -> Callable[[str], str]:
    """The function that translates ``domain``'s messages into the current language.

    The language is looked up at each call, so a module-level ``_ = translator(...)`` follows
    :func:`set_language`. ``localedir`` defaults to the ``locale`` folder of the package named
    ``domain``. A message without a translation is returned as it is (English).
    """
    directory = None if localedir is None else str(localedir)
    # each language's catalog lookup, kept here: a lint translates some thirty messages per
    # report, and the cached _catalog call costs more than the lookup itself
    lookups: dict[str, Callable[[str], str]] = {}

    def translate(message: str) -> str:
        lang = _chosen or _environment_language()
        lookup = lookups.get(lang)
        if lookup is None:
            lookup = lookups[lang] = _catalog(domain, lang, directory).gettext
        return lookup(message)

    return translate


def plural_translator(domain: str, localedir: str | Path | None = None
                      ) -> Callable[[str, str, int], str]:
    """Like :func:`translator`, for messages whose English depends on a count (``ngettext``)."""
    directory = None if localedir is None else str(localedir)

    def translate(singular: str, plural: str, count: int) -> str:
        return _catalog(domain, current_language(), directory).ngettext(singular, plural, count)

    return translate


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now (a rule's ``summary``)."""
    return message


def rule_domain(rule: Any) -> str:
    """The gettext domain of a rule class: its ``i18n_domain``, else its top-level package."""
    domain = getattr(rule, "i18n_domain", None)
    return str(domain) if domain else str(rule.__module__).split(".")[0]


def rule_summary(rule: Any) -> str:
    """A rule's ``summary`` in the current language."""
    return translator(rule_domain(rule))(str(rule.summary))


def _join(lines: list[str]) -> str:
    """Wrapped lines as one: a space between two Latin words, nothing next to Chinese."""
    text = ""
    for line in (line.strip() for line in lines):
        if text and line and text[-1].isascii() and line[0].isascii():
            text += " "
        text += line
    return text


def rule_lead(rule: Any) -> str:
    """The first paragraph of a rule's docstring, unwrapped (English; ``""`` when none)."""
    import inspect

    doc = inspect.cleandoc(rule.__doc__ or "")
    first = doc.split("\n\n", 1)[0]
    return "" if first.rstrip().endswith("::") else _join(first.splitlines())


def rule_lead_translated(rule: Any) -> str:
    """:func:`rule_lead` in the current language."""
    lead = rule_lead(rule)
    return translator(rule_domain(rule))(lead) if lead else ""


def _examples(doc: str) -> list[tuple[str, list[str]]]:
    """The ``Label::`` blocks of a cleaned docstring: (label, dedented lines)."""
    import re
    import textwrap

    lines = doc.splitlines()
    blocks: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(lines):
        match = re.match(r"^(\w[\w ]*)::\s*$", lines[i])
        i += 1
        if not match:
            continue
        body: list[str] = []
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith((" ", "\t"))):
            body.append(lines[i])
            i += 1
        blocks.append((match.group(1), textwrap.dedent("\n".join(body)).strip("\n").splitlines()))
    return blocks


def rule_explanation(rule: Any, lang: str | None = None) -> str:
    """What ``gipr-lint rule CODE`` prints after its first line, in ``lang`` (default: the
    current language). English: the summary and the whole docstring. Chinese: the translated
    summary and first paragraph, then the ``Fails::``/``Passes::`` examples."""
    import inspect

    doc = inspect.cleandoc(rule.__doc__ or "")
    with language(lang):
        if current_language() == "en":
            return f"{rule.summary}\n" + (f"\n{doc}\n" if doc else "")
        _ = translator("gipr_lint")
        parts = [rule_summary(rule)]
        lead = rule_lead_translated(rule)
        if lead:
            parts.append(lead)
        labels = {"Fails": _("Fails"), "Passes": _("Passes")}
        for label, body in _examples(doc):
            parts.append(_("{label}:").format(label=labels.get(label, label)) + "\n\n"
                         + "\n".join(f"    {line}" if line else "" for line in body))
        parts.append(_("The full explanation, in English: gipr-lint rule {code} --lang en")
                     .format(code=rule.code))
        return "\n\n".join(parts) + "\n"
