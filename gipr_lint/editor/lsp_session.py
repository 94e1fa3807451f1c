"""What the language server knows and does, without the protocol: plugins (loaded once), the
configuration (reloaded on demand), linting an open document's text, and answering "which
findings, fixes and rule explanations are at this place".

:mod:`gipr_lint.editor.server` wires this to pygls; this module does not import pygls, so the
benchmarks and tests can drive it directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gipr_lint.diagnostics import Diagnostic, Fix
from gipr_lint.editor.fixes import fix_until_stable, replacement_text
from gipr_lint.editor.lsp_positions import UTF16, LineIndex
from gipr_lint.i18n import current_language, rule_explanation, rule_summary, translator
from gipr_lint.linting.config import (
    CONFIG_FILENAMES,
    ConfigError,
    ConfigResolver,
    Settings,
    build_settings,
)
from gipr_lint.linting.engine import FileResult, cross_report_summaries, lint_source
from gipr_lint.linting.plugin_manager import PluginSet, load_plugins
from gipr_lint.reading.source import Source, Span
from gipr_lint.rules import Rule, docstring_markdown

_ = translator("gipr_lint")

__all__ = ["DEFAULT_DEBOUNCE", "LintedDocument", "Linter", "TextEdit", "fix_title",
           "is_config_file", "rule_markdown"]

#: Seconds to wait after the last change before linting (``--debounce`` / ``debounce``).
DEFAULT_DEBOUNCE = 0.3
_BOM = "\ufeff"

Position = tuple[int, int]
Range = tuple[Position, Position]


def is_config_file(path: str | Path) -> bool:
    """Whether a file's name is one gipr-lint reads its configuration from."""
    return Path(path).name in CONFIG_FILENAMES


def _lint(source: Source, settings: Settings, plugin_set: PluginSet) -> FileResult:
    """Lint one document; the editor runs no cross-report rules, so no summaries for them."""
    with cross_report_summaries(False):
        return lint_source(source, settings, plugin_set)


@dataclass(frozen=True)
class TextEdit:
    """An LSP-shaped edit: a 0-based range in the negotiated encoding and its new text."""

    range: Range
    new_text: str


@dataclass
class LintedDocument:
    """An open document as it was linted: the editor's text, and the lint result.

    A leading byte-order mark in the editor's text (some clients keep it) is left out of the
    linted :class:`Source` and ``shift`` (1) maps the source's offsets back to the editor's.
    """

    uri: str
    version: int | None
    text: str
    result: FileResult
    shift: int = 0
    index: LineIndex = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.index = LineIndex.of(self.text)

    @property
    def source(self) -> Source:
        assert self.result.source is not None
        return self.result.source

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.result.diagnostics

    def range(self, span: Span, encoding: str = UTF16) -> Range:
        """The LSP range of a span of the linted source."""
        return (self.index.position(span.start + self.shift, encoding),
                self.index.position(span.end + self.shift, encoding))

    def offset(self, line: int, character: int, encoding: str = UTF16) -> int:
        """The source offset of an LSP position."""
        return max(0, self.index.offset(line, character, encoding) - self.shift)

    def at(self, offset: int) -> list[Diagnostic]:
        """The diagnostics whose span holds ``offset`` (an empty span holds its own start)."""
        return [d for d in self.diagnostics
                if d.span.start <= offset < d.span.end or d.span.start == d.span.end == offset]

    def overlapping(self, start: int, end: int) -> list[Diagnostic]:
        """The diagnostics whose span touches ``[start, end]``."""
        return [d for d in self.diagnostics if d.span.start <= end and d.span.end >= start]

    def edits(self, fix: Fix, encoding: str = UTF16) -> list[TextEdit]:
        """A fix's edits as LSP text edits."""
        return [TextEdit(self.range(edit.span, encoding), replacement_text(self.source, edit))
                for edit in sorted(fix.edits, key=lambda e: (e.span.start, e.span.end))]


class Linter:
    """Plugins, configuration and linting for the language server.

    Plugins are loaded once; :meth:`reload` drops the cached configuration so the next lint
    reads the config files again. A broken config file does not stop linting: the document
    is linted with the defaults and the error is kept in :attr:`config_errors` for the server
    to show.
    """

    def __init__(self, plugin_set: PluginSet | None = None, *, cwd: Path | None = None) -> None:
        self.plugin_set = plugin_set if plugin_set is not None else load_plugins()
        self.cwd = cwd or Path.cwd()
        self.config_errors: list[str] = []
        self._reported: set[str] = set()
        self.reload()

    def reload(self) -> None:
        """Forget every configuration read so far (a config file changed)."""
        self.resolver = ConfigResolver(self.plugin_set, cwd=self.cwd)
        self._reported.clear()
        self._fallback = build_settings({}, root=self.cwd)

    def settings_for(self, path: Path | None) -> Settings:
        """The settings for a document at ``path`` (``None``: not a file; the workspace's)."""
        try:
            return self.resolver.settings_for(path if path is not None
                                              else self.cwd / "untitled.txt")
        except ConfigError as exc:
            message = str(exc)
            if message not in self._reported:
                self._reported.add(message)
                self.config_errors.append(message)
            return self._fallback

    def lint(self, uri: str, text: str, path: Path | None = None,
             version: int | None = None) -> LintedDocument:
        """Lint a document's current text with the configuration for its path."""
        shift = 1 if text.startswith(_BOM) else 0
        source = Source.from_text(text[shift:], str(path) if path is not None else uri)
        result = _lint(source, self.settings_for(path), self.plugin_set)
        return LintedDocument(uri=uri, version=version, text=text, result=result, shift=shift)

    def fix_all(self, document: LintedDocument, path: Path | None = None, *,
                unsafe: bool = False, encoding: str = UTF16) -> TextEdit | None:
        """One edit applying every safe fix (repeatedly, as ``--fix`` does), or ``None``."""
        if not any(d.fix and (d.fix.safe or unsafe) for d in document.diagnostics):
            return None
        settings = self.settings_for(path)
        outcome = fix_until_stable(document.source,
                                   lambda s: _lint(s, settings, self.plugin_set),
                                   unsafe=unsafe, first=document.result)
        old, new = document.source.text, outcome.text
        if old == new:
            return None
        prefix = 0
        limit = min(len(old), len(new))
        while prefix < limit and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
            suffix += 1
        span = Span(prefix, len(old) - suffix)
        return TextEdit(document.range(span, encoding), new[prefix:len(new) - suffix])

    def explain(self, code: str) -> str | None:
        """Markdown explaining the rule with ``code`` (``None`` for an unknown code)."""
        rule = self.plugin_set.rules.get(code)
        if rule is None:
            return None
        from gipr_lint.linting.rule_source import rule_source

        return rule_markdown(rule, rule_source(self.plugin_set, code))


def rule_markdown(rule: type[Rule], source: str) -> str:
    """A rule's hover text: code, name, default severity, where the rule comes from (in words,
    see :func:`gipr_lint.linting.rule_source.rule_source`), summary, documentation."""
    severity = getattr(rule.severity, "value", rule.severity)
    head = _("{code} {name}: {severity}. {source}").format(
        code=f"**{rule.code}**", name=f"`{rule.name}`", severity=severity, source=source)
    if current_language() != "en":
        return f"{head}\n\n{rule_explanation(rule)}"
    head = f"{head}\n\n{rule_summary(rule)}"
    doc = rule.__doc__ or ""
    return f"{head}\n\n{docstring_markdown(doc, label='{}:').rstrip()}" if doc.strip() else head


def fix_title(diagnostic: Diagnostic) -> str:
    """The title of a quick fix: its description, the rule code, and "unsafe" when it is."""
    fix = diagnostic.fix
    assert fix is not None
    title = f"{fix.description} ({diagnostic.code})"
    return title if fix.safe else title + " " + _("[unsafe fix: check the result]")

