"""Where a rule comes from, in words a clerk understands (hover text, ``gipr-lint rule``).

"plugin wording" means nothing to someone checking a report; "From the national rules built
into gipr-lint, which check wording" and "From the rule pack 'henan', installed separately" do.
The sentences go through the translator like every other message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gipr_lint.i18n import translator

if TYPE_CHECKING:
    from gipr_lint.linting.plugin_manager import PluginSet

__all__ = ["NATIONAL_FAMILIES", "rule_source"]

_ = translator("gipr_lint")

#: The national rule packs shipped with gipr-lint (their plugin names).
NATIONAL_FAMILIES = ("structure", "tables", "years", "wording", "consistency", "content",
                     "typography", "input")
#: The distribution gipr-lint's own packs come with.
_OWN = "gipr-lint"


def _checks(family: str) -> str:
    """What a national pack checks (translated when this is called)."""
    return {
        "structure": _("the report's structure: title, sections, tables present"),
        "tables": _("the figures of the statistics tables"),
        "years": _("years and dates"),
        "wording": _("wording: self-references, placeholders, outdated terms"),
        "consistency": _("prose agreeing with the tables"),
        "content": _("required content"),
        "typography": _("typography and punctuation"),
        "input": _("what the text lets gipr-lint read: cells run together, tables without "
                   "numbers, a text cut short"),
    }[family]


def rule_source(plugin_set: PluginSet, code: str) -> str:
    """A sentence saying where rule ``code`` comes from."""
    name = plugin_set.rule_plugin.get(code)
    info = next((p for p in plugin_set.plugins if p.name == name), None)
    if name is None or info is None:
        return _("From a rule pack that is not loaded.")
    own = info.distribution in (None, _OWN)
    if own and info.module.startswith("gipr_lint."):
        return _("From gipr-lint itself.")
    if own and name in NATIONAL_FAMILIES and info.module.startswith("gipr_lint_national"):
        return _("From the national rules built into gipr-lint, which check {what}.").format(
            what=_checks(name))
    if info.distribution and info.version:
        return _("From the rule pack '{name}' ({distribution} {version}), installed "
                 "separately.").format(name=name, distribution=info.distribution,
                                       version=info.version)
    return _("From the rule pack '{name}', installed separately.").format(name=name)
