"""The whole plugin contract of gipr-lint: one pluggy hook specification per extension point.

A plugin is a module (or any object) registered under the entry-point group ``gipr_lint``::

    # pyproject.toml of a plugin distribution
    [project.entry-points.gipr_lint]
    henan = "gipr_lint_henan"

    # gipr_lint_henan.py
    from gipr_lint.hookspecs import hookimpl

    GIPR_LINT_API = 1          # the plugin API versions this plugin supports (int or collection)

    @hookimpl
    def gipr_lint_rules():
        return [MyRule]

Every hook takes no arguments and returns data; gipr-lint calls each plugin's implementation on
its own so that an error can name the plugin. Returning ``None`` is the same as returning nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import pluggy

if TYPE_CHECKING:
    from typing import TextIO

    from gipr_lint.reading.source import Source
    from gipr_lint.rules import Rule

__all__ = ["DEADLINE_KINDS", "PROJECT_NAME", "SNIFF_BYTES", "Formatter", "Reader", "hookimpl",
           "hookspec"]

#: The pluggy project name; also the entry-point group plugins are found under.
PROJECT_NAME = "gipr_lint"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
#: Decorate a plugin's hook functions with this: ``from gipr_lint.hookspecs import hookimpl``.
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


#: How many bytes of a file a reader's optional ``accepts(head)`` is shown.
SNIFF_BYTES = 4096


@runtime_checkable
class Reader(Protocol):
    """Turns a file of some kind into a :class:`~gipr_lint.reading.source.Source`.

    ``name`` identifies the reader in messages; ``suffixes`` (lower case, with the dot, e.g.
    ``(".html", ".htm")``) decide which files found in a directory it reads. A reader may also
    have ``accepts(head: bytes) -> bool``: given a file's first :data:`SNIFF_BYTES` bytes, whether
    the content is of its kind; a reader accepting the content is chosen over the extension (a
    ``.txt`` that is really a web page, a file without an extension), and
    ``read_bytes(data: bytes, path: str) -> Source``: ``read`` of a file whose bytes were read
    already (a file up to 1 MB is then opened once). Structured readers build a
    :class:`~gipr_lint.reading.document.Document` and return
    :func:`~gipr_lint.reading.document.to_source` of it, so findings name their origin.
    """

    name: str
    suffixes: Sequence[str]

    def read(self, path: Path) -> Source:
        """Read one file; raise ``OSError`` or :class:`~gipr_lint.reading.source.DecodeError`."""
        ...


class Formatter(Protocol):
    """Writes the results of a run. Called once per run, after every file was linted.

    ``results`` is a sequence of :class:`gipr_lint.linting.engine.FileResult` in command-line order,
    ``out`` the text stream to write to, ``context`` a
    :class:`gipr_lint.formatters.FormatContext` (the loaded rules, whether to use colour, ...).
    """

    def __call__(self, results: Sequence[Any], out: TextIO, context: Any) -> None: ...


@hookspec
def gipr_lint_rules() -> Sequence[type[Rule]]:  # type: ignore[empty-body]
    """Return the rule classes this plugin provides.

    :return: a list of :class:`gipr_lint.rules.Rule` subclasses (classes, not instances). Each
        must have a unique ``code`` matching :data:`gipr_lint.rules.CODE_PATTERN`, a unique
        kebab-case ``name`` (:data:`~gipr_lint.rules.NAME_PATTERN`), a ``severity`` of error,
        warning or info, a non-empty ``summary`` and a ``check`` method. A plugin returning
        anything else is skipped with an error naming it.
    """


@hookspec
def gipr_lint_templates() -> Sequence[Any]:  # type: ignore[empty-body]
    """Return template extensions, as data: rows, identities, section requirements and words.

    Each item is a mapping with a ``kind``: ``"row"`` (a row of table 二 or 三, which the table
    readers then recognise), ``"identity"`` (an arithmetic identity, checked by the rule whose
    code it carries), ``"requirement"`` (words a section must mention, reported by a
    ``RequirementRule``) or ``"substitution"`` (a misused word, for A006); see
    ``docs/plugins.md``. The items are validated when the plugin loads
    (:meth:`gipr_lint.templates.Templates.extended`): an unknown kind or a malformed row or
    requirement is an error naming the plugin. The plugins' items, in load order, extend the
    national templates into :attr:`~gipr_lint.linting.plugin_manager.PluginSet.template_set`,
    which rules see as :attr:`gipr_lint.rules.RuleContext.templates`.

    :return: a list of template extension items.
    """


@hookspec
def gipr_lint_readers() -> Sequence[Reader]:  # type: ignore[empty-body]
    """Return readers for more input kinds (HTML, Word, PDF, ...).

    :return: a list of objects with ``name: str``, ``suffixes: Sequence[str]`` and
        ``read(path: pathlib.Path) -> gipr_lint.reading.source.Source`` (see :class:`Reader`). The
        built-in plain-text reader (``*.txt``, :func:`~gipr_lint.reading.source.read_source`) is
        always
        registered first; a later reader claiming a suffix already claimed does not replace it.
    """


@hookspec
def gipr_lint_formatters() -> Mapping[str, Formatter]:  # type: ignore[empty-body]
    """Return output formats selectable with ``--format NAME``.

    :return: a dict from format name to a callable ``(results, out, context) -> None`` (see
        :class:`Formatter`). Names already taken (``full``, ``concise``, ``json``, ``sarif``,
        ``github``, ``csv``, ``html`` or another plugin's) are an error naming the plugin.
    """


@hookspec
def gipr_lint_options() -> Mapping[str, tuple[Any, Any, str]]:  # type: ignore[empty-body]
    """Describe this plugin's own configuration options.

    Users set them in ``[tool.gipr-lint.<plugin-name>]`` (``[<plugin-name>]`` in
    ``gipr-lint.toml``), where ``<plugin-name>`` is the plugin's entry-point name. They are
    validated against this description and handed to the plugin's rules as
    :attr:`gipr_lint.rules.RuleContext.options`, with defaults filled in.

    :return: a dict ``option-name -> (type, default, help)``, where ``type`` is one of ``str``,
        ``int``, ``float``, ``bool`` or ``list`` (a list of strings), ``default`` a value of that
        type and ``help`` a one-line description.
    """


@hookspec
def gipr_lint_batch_rules() -> Sequence[type[Rule]]:  # type: ignore[empty-body]
    """Return cross-report rule classes: checks that compare reports with each other.

    :return: a list of :class:`gipr_lint.api.BatchRule` subclasses. They are validated like
        :func:`gipr_lint_rules` (unique code and name, severity, summary), listed, selected and
        configured like any rule, but checked once per run, after every file was linted, with
        ``check_batch(batch, context)``: ``batch`` is a :class:`gipr_lint.api.Batch` of every
        linted report's :class:`~gipr_lint.api.ReportSummary` (and the ``--history`` reports);
        each :class:`~gipr_lint.api.BatchFinding` names the linted file it belongs to.
    """


#: The agency kinds a publication deadline may be set for (see :func:`gipr_lint_deadlines`).
DEADLINE_KINDS = ("township", "department", "government")


@hookspec
def gipr_lint_deadlines() -> Mapping[str, str]:  # type: ignore[empty-body]
    """Set publication deadlines of the annual report by agency kind (a province's own dates).

    条例 第四十九条 fixes 31 January for 县级以上人民政府部门 and 31 March for the 本级 report of
    a 县级以上地方人民政府; it sets no date for 乡/镇/街道, which provinces do. Deadlines are
    collected into :attr:`~gipr_lint.linting.plugin_manager.PluginSet.deadlines` (a plugin
    loaded later overrides an earlier one for the same kind) and handed to every rule as
    :attr:`gipr_lint.rules.RuleContext.deadlines`; Y004 (``signature-date``) checks the 落款
    against them.

    :return: a dict from agency kind (``"township"``, ``"department"`` or ``"government"``) to
        a day of the year after the reported one, ``"MM-DD"`` (e.g. ``{"township": "02-20"}``).
        Anything else is an error naming the plugin.
    """
