"""gipr-lint-henan: an example provincial rule pack for gipr-lint.

It shows each extension point once (see ``docs/plugins.md`` of gipr-lint):

* rules (hook ``gipr_lint_rules``): HEN001 ``provincial-basis``, HEN002 ``overview-length``,
  HEN003 ``normative-documents-published``;
* options (hook ``gipr_lint_options``): ``overview-max-chars``, set by users in
  ``[tool.gipr-lint.henan]``;
* table-template extensions as data (hook ``gipr_lint_templates``), in ``templates.toml``: an
  identity reported by HEN003, and a provincial row of table 二 (行政检查) that the table reader
  then recognises like an official one;
* a publication deadline (hook ``gipr_lint_deadlines``): township reports by 20 February,
  which rule Y004 of gipr-lint checks the 落款 against.

The requirements and dates are examples of the kind a province sets; check them against your
province's current rules before relying on them.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from typing import Any

from gipr_lint.api import Rule, hookimpl
from gipr_lint_henan.rules import RULES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__version__ = "0.1.0"

#: The gipr-lint plugin API versions this pack is written against.
GIPR_LINT_API = 1
#: The name this pack is registered under when loaded in-process (tests); the same as its
#: entry-point name in pyproject.toml.
GIPR_LINT_NAME = "henan"

#: Example date: township (乡/镇/街道) reports published by 20 February of the following year.
TOWNSHIP_DEADLINE = "02-20"


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    """The pack's rules."""
    return list(RULES)


@hookimpl
def gipr_lint_options() -> dict[str, tuple[Any, Any, str]]:
    """``[tool.gipr-lint.henan]``: option name -> (type, default, help)."""
    return {
        "overview-max-chars": (
            int, 1500, "longest 总体情况 (section 一) in characters, whitespace not counted; "
                        "0 turns HEN002 off"),
    }


@hookimpl
def gipr_lint_templates() -> list[dict[str, Any]]:
    """The template extensions declared in ``templates.toml``, data and no code: each
    ``[[identity]]``, ``[[row]]`` or ``[[requirement]]`` table becomes an item of that kind
    (gipr-lint rejects any other kind, naming this pack)."""
    text = files(__name__).joinpath("templates.toml").read_text(encoding="utf-8")
    return [{"kind": kind, **item} for kind, items in tomllib.loads(text).items()
            for item in items]


@hookimpl
def gipr_lint_deadlines() -> dict[str, str]:
    """Publication deadlines by agency kind, ``"MM-DD"`` of the year after the reported one."""
    return {"township": TOWNSHIP_DEADLINE}
