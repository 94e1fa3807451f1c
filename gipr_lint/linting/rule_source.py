"""Where a rule comes from, in words a clerk understands (hover text, ``gipr-lint rule``).

"plugin wording" means nothing to someone checking a report; "a national rule built into
gipr-lint (wording)" and "the rule pack 'henan', installed separately" do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gipr_lint.linting.plugin_manager import PluginSet

__all__ = ["NATIONAL_FAMILIES", "rule_source"]

#: The national rule packs shipped with gipr-lint, and what each checks.
NATIONAL_FAMILIES = {
    "structure": "the report's structure: title, sections, tables present",
    "tables": "the figures of the statistics tables",
    "years": "years and dates",
    "wording": "wording: self-references, placeholders, outdated terms",
    "consistency": "prose agreeing with the tables",
    "content": "required content",
    "typography": "typography and punctuation",
}
#: The distribution gipr-lint's own packs come with.
_OWN = "gipr-lint"


def rule_source(plugin_set: PluginSet, code: str) -> str:
    """A sentence fragment saying where rule ``code`` comes from."""
    name = plugin_set.rule_plugin.get(code)
    info = next((p for p in plugin_set.plugins if p.name == name), None)
    if name is None or info is None:
        return "an unknown rule pack"
    own = info.distribution in (None, _OWN) and info.module.startswith(("gipr_lint_national",
                                                                        "gipr_lint."))
    if name == _OWN or (own and info.module.startswith("gipr_lint.")):
        return "gipr-lint itself"
    if own and name in NATIONAL_FAMILIES:
        return f"the national rules built into gipr-lint, checking {NATIONAL_FAMILIES[name]}"
    where = f" ({info.distribution} {info.version})" if info.distribution and info.version \
        else ""
    return f"the rule pack '{name}'{where}, installed separately"
