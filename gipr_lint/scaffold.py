"""``gipr-lint new-plugin NAME``: the skeleton of a rule pack that passes its own tests.

The skeleton is a distribution ``gipr-lint-NAME`` with a package ``gipr_lint_NAME``, registered
under the ``gipr_lint`` entry-point group as ``NAME``, with one example rule (its docstring has
the ``Fails::``/``Passes::`` examples ``gipr-lint rule`` shows), one option, a TOML case file and
a test using :mod:`gipr_lint.testing`, and a README. ``docs/plugins.md`` walks through it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from gipr_lint import PLUGIN_API_VERSION, __version__
from gipr_lint.i18n import translator
from gipr_lint.regex import compile_re

__all__ = ["ScaffoldError", "Skeleton", "create", "skeleton"]

_ = translator("gipr_lint")
#: An entry-point name a pack may have: lower case, starting with a letter.
PLUGIN_NAME = compile_re(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
#: A code prefix: two or more capital letters (one-letter prefixes are gipr-lint's own).
CODE_PREFIX = compile_re(r"^[A-Z]{2,}$")


class ScaffoldError(Exception):
    """The skeleton cannot be written (bad name or prefix, folder exists)."""


@dataclass(frozen=True)
class Skeleton:
    """What the templates are filled with."""

    name: str
    prefix: str

    @property
    def distribution(self) -> str:
        return f"gipr-lint-{self.name}"

    @property
    def package(self) -> str:
        return f"gipr_lint_{self.name.replace('-', '_')}"

    @property
    def code(self) -> str:
        return f"{self.prefix}001"

    def values(self) -> dict[str, str]:
        major, minor = __version__.split(".")[:2]
        return {"name": self.name, "prefix": self.prefix, "code": self.code,
                "distribution": self.distribution, "package": self.package,
                "api": str(PLUGIN_API_VERSION), "requires": f"{major}.{minor}"}


_PYPROJECT = '''\
[build-system]
requires = ["hatchling>=1.18"]
build-backend = "hatchling.build"

[project]
name = "$distribution"
version = "0.1.0"
description = "gipr-lint rules for $name"
readme = "README.md"
requires-python = ">=3.10"
# gipr-lint itself is not listed: it is not on a package index, so pip would fail looking for
# it. Install this pack into the environment where gipr-lint is installed (from its checkout or
# git URL); GIPR_LINT_API in the package says which plugin API it was written for (gipr-lint
# $requires). Once gipr-lint is published, add: dependencies = ["gipr-lint>=$requires"]
dependencies = []

[project.optional-dependencies]
test = ["pytest>=7.4"]

# This is what makes the package a gipr-lint plugin: the entry-point group `gipr_lint`.
# The name on the left is the plugin's name; users configure it as [tool.gipr-lint.$name].
[project.entry-points.gipr_lint]
$name = "$package"

[tool.hatch.build.targets.wheel]
packages = ["$package"]

[tool.pytest.ini_options]
testpaths = ["tests"]
pythonpath = ["."]
'''

_INIT = '''\
"""$distribution: gipr-lint rules for $name (plugin name ``$name``, codes ``$prefix``)."""

from __future__ import annotations

from typing import Any

from gipr_lint.api import Rule, hookimpl

from $package import rules

__version__ = "0.1.0"

#: The gipr-lint plugin API versions this pack supports (an int, or a tuple of ints).
GIPR_LINT_API = $api
#: The plugin's name when it is registered in-process (tests); keep it equal to the
#: entry-point name in pyproject.toml.
GIPR_LINT_NAME = "$name"


@hookimpl
def gipr_lint_rules() -> list[type[Rule]]:
    """The rules of this pack."""
    return list(rules.RULES)


@hookimpl
def gipr_lint_options() -> dict[str, tuple[Any, Any, str]]:
    """Options users set in [tool.gipr-lint.$name]: name -> (type, default, help)."""
    return {
        "draft-markers": (list, list(rules.DRAFT_MARKERS),
                          "words that mark a draft when bracketed, e.g. （征求意见稿）"),
    }
'''

_RULES = '''\
"""The rules of $distribution (code prefix $prefix)."""

from __future__ import annotations

import re
from collections.abc import Iterator

# A pack imports gipr-lint's public API only: gipr_lint.api (and gipr_lint.testing in tests).
from gipr_lint.api import Edit, Finding, Fix, Report, Rule, RuleContext, Severity, Span, translator

#: Messages are gettext message ids in this package's domain: to add Chinese, see "Messages in
#: Chinese and English" in gipr-lint's docs/plugins.md (python -m gipr_lint.i18n_tools update).
_ = translator("$package")

#: The default of the ``draft-markers`` option.
DRAFT_MARKERS = ("征求意见稿", "送审稿", "草稿")


class DraftMarker(Rule):
    """A draft marker such as （征求意见稿） is left in the published report.

    A bracketed draft marker (the ``draft-markers`` option, by default 征求意见稿, 送审稿 and
    草稿) anywhere in the text means a draft was published. The finding points at the marker;
    an unsafe fix removes it.

    Fails::

        高庄镇人民政府2024年政府信息公开工作年度报告（征求意见稿）

    Passes::

        高庄镇人民政府2024年政府信息公开工作年度报告
    """

    code = "$code"
    name = "$name-draft-marker"
    severity = Severity.WARNING
    summary = "A draft marker is left in the published report"

    def check(self, report: Report, context: RuleContext) -> Iterator[Finding]:
        markers = context.options.get("draft-markers") or DRAFT_MARKERS
        words = "|".join(re.escape(marker) for marker in markers)
        for match in re.finditer(f"[（(](?:{words})[）)]", report.text):
            span = Span(match.start(), match.end())
            fix = Fix((Edit(span, ""),), _("remove {marker}").format(marker=match.group()),
                      safe=False)
            yield self.finding(span, _("draft marker {marker} in a published report").format(
                marker=match.group()), fix=fix)


#: Every rule of this pack; add new rules here.
RULES: list[type[Rule]] = [DraftMarker]
'''

_CASES = """\
rule = "$code"

[[case]]
name = "draft-marker-in-the-title"
report = '''
高庄镇人民政府2024年政府信息公开工作年度报告（征求意见稿）
一、总体情况
2024年，我镇持续推进政府信息公开工作。
'''
expect = ["1:25 $code"]
messages = ["draft marker （征求意见稿）"]

[[case]]
name = "published-report"
report = '''
高庄镇人民政府2024年政府信息公开工作年度报告
一、总体情况
2024年，我镇持续推进政府信息公开工作。
'''
expect = []

[[case]]
name = "configured-markers"
options = { draft-markers = ["讨论稿"] }
report = '''
高庄镇人民政府2024年政府信息公开工作年度报告（讨论稿）
一、总体情况
2024年，我镇在征求意见稿阶段听取了群众意见。
'''
expect = ["1:25 $code"]
"""

_TEST = '''\
"""The pack's tests: rule cases as data (tests/cases/*.toml), plus a direct check."""

from __future__ import annotations

from pathlib import Path

import pytest
from gipr_lint.testing import RuleCase, check_case, lint, load_cases

import $package

HERE = Path(__file__).parent
CASES = load_cases(HERE / "cases")
RULES = $package.gipr_lint_rules()


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_case(case: RuleCase) -> None:
    # Registers the pack in-process, so this works with or without `pip install -e .`.
    check_case(case, plugins=[$package])


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    codes = {rule.code for rule in RULES}
    assert codes == {case.code for case in CASES if case.expect}
    assert codes == {case.code for case in CASES if not case.expect}


def test_the_fix_removes_the_marker() -> None:
    text = "高庄镇人民政府2024年政府信息公开工作年度报告（草稿）\\n"
    (found,) = lint(text, rules=RULES)
    assert (found.code, found.line, found.column) == ("$code", 1, 25)
    assert found.fix is not None and not found.fix.safe
    (edit,) = found.fix.edits
    assert text[:edit.span.start] + edit.replacement + text[edit.span.end:] == \\
        "高庄镇人民政府2024年政府信息公开工作年度报告\\n"
'''

_README = '''\
# $distribution

Rules for gipr-lint, the linter for 政府信息公开工作年度报告, covering $name's own
requirements.

| code | name | |
|---|---|---|
| $code | $name-draft-marker | a draft marker such as （征求意见稿） is left in the report |

## Use

Install gipr-lint first (from its checkout or git URL: its docs/install.md), then this pack into
the same environment, from this folder:

```sh
pip install .
gipr-lint reports/            # the $prefix rules now run with the others
gipr-lint plugins             # lists "$name" with its rule codes
gipr-lint rule $code          # explains a rule
```

Options, in `pyproject.toml` (`[$name]` in `gipr-lint.toml`):

```toml
[tool.gipr-lint.$name]
draft-markers = ["征求意见稿", "送审稿", "草稿"]
```

## Develop

```sh
pip install -e '.[test]'
pytest
```

The rule cases are data in `tests/cases/*.toml` (format: `gipr_lint.testing`). See gipr-lint's
`docs/plugins.md` for the plugin contract.
'''

_FILES: dict[str, str] = {
    "pyproject.toml": _PYPROJECT,
    "README.md": _README,
    "$package/__init__.py": _INIT,
    "$package/rules.py": _RULES,
    "tests/cases/$code.toml": _CASES,
    "tests/test_rules.py": _TEST,
}


def default_prefix(name: str) -> str:
    """A code prefix from the plugin name: its first three letters, upper case."""
    return re.sub(r"[^a-z]", "", name)[:3].upper().ljust(2, "X")


def skeleton(name: str, prefix: str | None = None) -> dict[str, str]:
    """The skeleton's files, relative path -> text; raises :class:`ScaffoldError`."""
    if not PLUGIN_NAME.match(name):
        raise ScaffoldError(_("plugin name {name} is not valid: use lower-case letters, digits "
                              "and hyphens, starting with a letter (e.g. 'henan')").format(
                                  name=repr(name)))
    prefix = prefix if prefix is not None else default_prefix(name)
    if not CODE_PREFIX.match(prefix):
        raise ScaffoldError(_("code prefix {prefix} is not valid: use two or more capital "
                              "letters (e.g. 'HEN'); one-letter prefixes are gipr-lint's own")
                            .format(prefix=repr(prefix)))
    values = Skeleton(name, prefix).values()
    return {Template(path).substitute(values): Template(text).substitute(values)
            for path, text in _FILES.items()}


def create(name: str, directory: str | Path | None = None, *, prefix: str | None = None
           ) -> Path:
    """Write the skeleton of plugin ``name`` into ``directory`` (default ``./gipr-lint-NAME``).

    Refuses to write into a path that exists; raises :class:`ScaffoldError`.
    """
    files = skeleton(name, prefix)
    target = Path(directory) if directory is not None else Path(f"gipr-lint-{name}")
    if target.exists():
        raise ScaffoldError(_("{target}: already exists; not overwriting it (choose another "
                              "name or --directory)").format(target=target))
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target
