"""Keeping a domain's gettext catalogs up to date (a development tool; needs Babel).

``python -m gipr_lint.i18n_tools update DOMAIN...`` extracts the messages of the package named
``DOMAIN`` with Babel (calls of ``_``, ``_n``, ``ngettext`` and ``N_``) plus the ``summary`` and
first docstring paragraph of each rule of that domain and the ``description``/``message`` of the
identities its ``gipr_lint_templates`` hook declares, and merges them into
``<package>/locale/zh/LC_MESSAGES/<DOMAIN>.po``; a translator fills in the ``msgstr`` lines.
``compile`` writes the ``.mo`` files gettext reads at run time (they are committed, so that a
plain ``pip install`` needs no build step); ``check`` lists what is missing, untranslated, stale
or inconsistent and exits 1 if anything is (the test suite runs it for every domain).
"""

from __future__ import annotations

import importlib.util
import io
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gipr_lint.i18n import rule_domain, rule_lead
from gipr_lint.regex import compile_re

__all__ = ["CatalogFiles", "check", "compile_catalog", "extract", "files_for", "update"]

#: The languages that have catalogs (English is the message ids themselves).
TRANSLATED = ("zh",)
_KEYWORDS: dict[str, Any] = {"_": None, "gettext": None, "ngettext": (1, 2), "_n": (1, 2),
                             "N_": None}
_PLACEHOLDER = compile_re(r"\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}")


@dataclass(frozen=True)
class CatalogFiles:
    """Where a domain's sources and catalogs for one language are."""

    domain: str
    package: Path
    po: Path
    mo: Path


def files_for(domain: str, lang: str = "zh", package: Path | None = None) -> CatalogFiles:
    """The package folder of ``domain`` and its ``.po``/``.mo`` for ``lang``."""
    if package is None:
        spec = importlib.util.find_spec(domain)
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit(f"{domain}: no such package")
        package = Path(next(iter(spec.submodule_search_locations)))
    folder = package / "locale" / lang / "LC_MESSAGES"
    return CatalogFiles(domain, package, folder / f"{domain}.po", folder / f"{domain}.mo")


def _rules(domain: str) -> list[Any]:
    """The rules of ``domain``: the loaded ones, else those the package's own
    ``gipr_lint_rules`` hook returns (a pack that is not installed, e.g. in its own tests)."""
    from gipr_lint.linting.plugin_manager import load_plugins

    rules = load_plugins().rules
    found = [rules[code] for code in sorted(rules) if rule_domain(rules[code]) == domain]
    if found:
        return found
    hook = getattr(importlib.import_module(domain), "gipr_lint_rules", None)
    return sorted((rule for rule in (hook() if callable(hook) else ())
                   if rule_domain(rule) == domain), key=lambda rule: str(rule.code))


def _template_texts(domain: str) -> list[str]:
    """The ``description`` and ``message`` of the identities the package's own
    ``gipr_lint_templates`` hook declares (data files Babel does not read)."""
    hook = getattr(importlib.import_module(domain), "gipr_lint_templates", None)
    texts: list[str] = []
    for item in hook() if callable(hook) else ():
        if isinstance(item, dict):
            texts += [str(item[key]) for key in ("description", "message") if item.get(key)]
    return texts


def extract(domain: str, package: Path | None = None) -> Any:
    """The template catalog (a Babel ``Catalog``) of ``domain``: every marked message."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    files = files_for(domain, package=package)
    template = Catalog(project=domain, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(files.package), keywords=_KEYWORDS, comment_tags=("Translators:",),
            strip_comment_tags=True):
        template.add(message, None, [(filename, lineno)], auto_comments=comments,
                     context=context)
    for rule in _rules(domain):
        template.add(str(rule.summary), None, auto_comments=[f"rule {rule.code}: summary"])
        lead = rule_lead(rule)
        if lead:
            template.add(lead, None, auto_comments=[f"rule {rule.code}: description"])
    for text in _template_texts(domain):
        template.add(text, None, auto_comments=["table template (gipr_lint_templates)"])
    return template


def _read_po(path: Path, lang: str) -> Any:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    if not path.exists():
        return Catalog(locale=lang, project=path.stem, copyright_holder="gipr-lint developers",
                       fuzzy=False)
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def _write_po(path: Path, catalog: Any) -> None:
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=True, ignore_obsolete=True,
             include_lineno=False)
    path.write_bytes(buffer.getvalue())


def _mo_bytes(catalog: Any) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def update(domain: str, lang: str = "zh", package: Path | None = None) -> Path:
    """Merge the extracted messages into ``domain``'s ``.po`` (new ones untranslated)."""
    files = files_for(domain, lang, package)
    catalog = _read_po(files.po, lang)
    catalog.update(extract(domain, package), no_fuzzy_matching=True,
                   update_creation_date=False)
    catalog.fuzzy = False
    _write_po(files.po, catalog)
    return files.po


def compile_catalog(domain: str, lang: str = "zh", package: Path | None = None) -> Path:
    """Write ``domain``'s ``.mo`` from its ``.po``."""
    files = files_for(domain, lang, package)
    files.mo.write_bytes(_mo_bytes(_read_po(files.po, lang)))
    return files.mo


def _strings(message: Any) -> tuple[str, ...]:
    value = message.id if isinstance(message.id, tuple) else (message.id,)
    return tuple(str(part) for part in value)


def _translations(message: Any) -> tuple[str, ...]:
    value = message.string if isinstance(message.string, tuple) else (message.string,)
    return tuple(str(part or "") for part in value)


def check(domain: str, lang: str = "zh", package: Path | None = None) -> list[str]:
    """What is wrong with ``domain``'s catalog for ``lang`` (empty when it is complete)."""
    files = files_for(domain, lang, package)
    if not files.po.exists():
        return [f"{files.po}: missing (run `python -m gipr_lint.i18n_tools update {domain}`)"]
    catalog = _read_po(files.po, lang)
    template = extract(domain, package)
    problems = []
    wanted = {message.id for message in template if message.id}
    have = {message.id for message in catalog if message.id}
    for msgid in sorted(wanted - have, key=str):
        problems.append(f"{files.po}: not in the catalog: {msgid!r}")
    for msgid in sorted(have - wanted, key=str):
        problems.append(f"{files.po}: no longer used: {msgid!r}")
    for message in catalog:
        if not message.id:
            continue
        strings = _translations(message)
        if message.fuzzy or not all(strings):
            problems.append(f"{files.po}: not translated: {message.id!r}")
            continue
        names = {name for part in _strings(message) for name in _PLACEHOLDER.findall(part)}
        for string in strings:
            if set(_PLACEHOLDER.findall(string)) != names:
                problems.append(f"{files.po}: placeholders differ: {message.id!r} -> {string!r}")
    if not files.mo.exists() or files.mo.read_bytes() != _mo_bytes(catalog):
        problems.append(f"{files.mo}: stale (run `python -m gipr_lint.i18n_tools compile "
                        f"{domain}`)")
    return problems


def main(argv: Sequence[str]) -> int:
    """``update|compile|check DOMAIN...``."""
    if len(argv) < 2 or argv[0] not in ("update", "compile", "check"):
        sys.stderr.write("usage: python -m gipr_lint.i18n_tools update|compile|check DOMAIN...\n")
        return 2
    command, domains = argv[0], argv[1:]
    problems: Iterable[str] = ()
    for domain in domains:
        if command == "update":
            print(f"updated {update(domain)}")
        elif command == "compile":
            print(f"wrote {compile_catalog(domain)}")
        else:
            found = check(domain)
            problems = [*problems, *found]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
