"""The language server (``gipr-lint server``): diagnostics, quick fixes and rule hovers over
the Language Server Protocol on standard input/output, built on pygls.

Documents are linted when opened, when saved, and after changes once the editor has been quiet
for the debounce delay (300 ms unless ``--debounce MS`` or the ``debounce`` initialization
option says otherwise). Linting runs in a worker thread, never on the event loop: a slow file
(a huge paste, a pathological line) delays only its own diagnostics, while the server keeps
reading the editor's messages and answering other requests. The one worker also runs every
other use of the linter (fix-all, configuration reloads), so those never race.

Each document gets the configuration the command line would use for its path; saving a config
file (``gipr-lint.toml``, ``.gipr-lint.toml``, ``pyproject.toml``) or a
``workspace/didChangeWatchedFiles`` notification about one reloads it and re-lints every open
document. Everything that does not need pygls lives in :mod:`gipr_lint.editor.lsp_session`.
"""

from __future__ import annotations

import asyncio
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from gipr_lint import __version__
from gipr_lint.diagnostics import Diagnostic, Severity
from gipr_lint.editor.lsp_positions import UTF16
from gipr_lint.editor.lsp_session import (
    DEFAULT_DEBOUNCE,
    LintedDocument,
    Linter,
    TextEdit,
    fix_title,
    is_config_file,
)

__all__ = ["FIX_ALL_KIND", "GiprLanguageServer", "build_server", "serve"]

log = logging.getLogger(__name__)

SOURCE = "gipr-lint"
#: The code action kind of "apply every safe fix" (``source.fixAll`` on save in VS Code).
FIX_ALL_KIND = "source.fixAll.gipr-lint"
_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error,
             Severity.WARNING: types.DiagnosticSeverity.Warning,
             Severity.INFO: types.DiagnosticSeverity.Information}
_CONFIG_GLOBS = ("**/gipr-lint.toml", "**/.gipr-lint.toml", "**/pyproject.toml")


def _path(uri: str) -> Path | None:
    """The file system path of a ``file:`` URI (``None`` for untitled buffers and the like)."""
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(path) if path else None


def _range(value: tuple[tuple[int, int], tuple[int, int]]) -> types.Range:
    (line, character), (end_line, end_character) = value
    return types.Range(start=types.Position(line=line, character=character),
                       end=types.Position(line=end_line, character=end_character))


class GiprLanguageServer(LanguageServer):
    """The pygls server with gipr-lint's state: the linter, the last lint of every open
    document and the pending (debounced) lints."""

    def __init__(self, debounce: float | None = None) -> None:
        super().__init__("gipr-lint", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.debounce = DEFAULT_DEBOUNCE if debounce is None else debounce
        self.linter: Linter | None = None
        self.linted: dict[str, LintedDocument] = {}
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        #: Runs every use of the linter, one at a time and in order, off the event loop.
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gipr-lint")

    # -- state -------------------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        """The negotiated position encoding (``utf-16`` unless the client offered another)."""
        value = getattr(self.workspace, "position_encoding", None) or UTF16
        return str(getattr(value, "value", value))

    def ensure_linter(self, root: Path | None = None) -> Linter:
        if self.linter is None:
            self.linter = Linter(cwd=root or Path.cwd())
        return self.linter

    async def in_worker(self, function: Any, *args: Any, **kwargs: Any) -> Any:
        """``function(*args, **kwargs)`` run in the worker thread, awaited on the loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.worker, partial(function, *args, **kwargs))

    async def lint(self, uri: str) -> LintedDocument | None:
        """Lint an open document's current text in the worker and publish its diagnostics
        (unless the document was closed meanwhile)."""
        self.cancel(uri)
        try:
            document = self.workspace.get_text_document(uri)
            text = document.source
        except OSError:
            return None
        linter = self.ensure_linter()
        linted: LintedDocument = await self.in_worker(linter.lint, uri, text, _path(uri),
                                                      document.version)
        if uri not in self.workspace.text_documents:
            return linted  # closed while linting: its diagnostics were cleared
        self.linted[uri] = linted
        self._show_config_errors()
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=linted.version,
            diagnostics=[self.to_lsp(linted, d) for d in linted.diagnostics]))
        return linted

    def start_lint(self, uri: str) -> None:
        """Lint ``uri`` in the background; a failure is logged and shown, never raised."""
        self.cancel(uri)
        task = asyncio.ensure_future(self._lint_logged(uri))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _lint_logged(self, uri: str) -> None:
        try:
            await self.lint(uri)
        except Exception as exc:  # no request to fail: tell the client, keep serving
            log.exception("gipr-lint: linting %s failed", uri)
            self.window_log_message(types.LogMessageParams(
                type=types.MessageType.Error,
                message=f"gipr-lint: linting {uri} failed: {type(exc).__name__}: {exc}"))

    async def current(self, uri: str) -> LintedDocument | None:
        """The lint of a document's current text (linting again if it changed since)."""
        linted = self.linted.get(uri)
        try:
            text = self.workspace.get_text_document(uri).source
        except OSError:
            return linted
        if linted is None or linted.text != text:
            linted = await self.lint(uri)
        return linted

    def schedule(self, uri: str) -> None:
        """Lint ``uri`` once no change has come for :attr:`debounce` seconds."""
        self.cancel(uri)
        if self.debounce <= 0:
            self.start_lint(uri)
            return
        loop = asyncio.get_running_loop()
        self._timers[uri] = loop.call_later(self.debounce, self._timer_fired, uri)

    def _timer_fired(self, uri: str) -> None:
        self._timers.pop(uri, None)
        if uri in self.workspace.text_documents:
            self.start_lint(uri)

    def cancel(self, uri: str) -> None:
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()

    async def reload_config(self) -> None:
        """Read the configuration again and re-lint every open document."""
        if self.linter is not None:
            await self.in_worker(self.linter.reload)
        log.info("gipr-lint: configuration reloaded")
        for uri in list(self.workspace.text_documents):
            self.start_lint(uri)

    def _show_config_errors(self) -> None:
        linter = self.linter
        while linter is not None and linter.config_errors:
            message = linter.config_errors.pop(0)
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error,
                message=f"gipr-lint: {message} (linting with the default configuration)"))

    # -- conversions -------------------------------------------------------------------------

    def to_lsp(self, linted: LintedDocument, diagnostic: Diagnostic) -> types.Diagnostic:
        return types.Diagnostic(
            range=_range(linted.range(diagnostic.span, self.encoding)),
            message=diagnostic.message,
            severity=_SEVERITY.get(diagnostic.severity, types.DiagnosticSeverity.Warning),
            code=diagnostic.code,
            source=SOURCE,
            data={"name": diagnostic.name, "fixable": diagnostic.fix is not None})

    def workspace_edit(self, linted: LintedDocument, edits: list[TextEdit]) -> types.WorkspaceEdit:
        text_edits = [types.TextEdit(range=_range(e.range), new_text=e.new_text) for e in edits]
        capabilities = self.client_capabilities
        document_changes = bool(capabilities.workspace and capabilities.workspace.workspace_edit
                                and capabilities.workspace.workspace_edit.document_changes)
        if document_changes:
            identifier = types.OptionalVersionedTextDocumentIdentifier(uri=linted.uri,
                                                                       version=linted.version)
            return types.WorkspaceEdit(document_changes=[
                types.TextDocumentEdit(text_document=identifier, edits=text_edits)])
        return types.WorkspaceEdit(changes={linted.uri: text_edits})

    async def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        linted = await self.current(uri)
        if linted is None:
            return []
        only = params.context.only
        wanted_quickfix = only is None or any(
            types.CodeActionKind.QuickFix.value.startswith(kind) for kind in only)
        wanted_fix_all = only is None or any(FIX_ALL_KIND.startswith(kind) for kind in only)
        actions: list[types.CodeAction] = []
        if wanted_quickfix:
            start = linted.offset(params.range.start.line, params.range.start.character,
                                  self.encoding)
            end = linted.offset(params.range.end.line, params.range.end.character,
                                self.encoding)
            for diagnostic in linted.overlapping(start, end):
                if diagnostic.fix is None:
                    continue
                actions.append(types.CodeAction(
                    title=fix_title(diagnostic), kind=types.CodeActionKind.QuickFix,
                    diagnostics=[self.to_lsp(linted, diagnostic)],
                    is_preferred=diagnostic.fix.safe,
                    edit=self.workspace_edit(linted,
                                             linted.edits(diagnostic.fix, self.encoding))))
        if wanted_fix_all:
            edit = await self.in_worker(self.ensure_linter().fix_all, linted, _path(uri),
                                        encoding=self.encoding)
            if edit is not None:
                actions.append(types.CodeAction(title="gipr-lint: apply every safe fix",
                                                kind=FIX_ALL_KIND,
                                                edit=self.workspace_edit(linted, [edit])))
        return actions

    async def hover(self, params: types.HoverParams) -> types.Hover | None:
        linted = await self.current(params.text_document.uri)
        if linted is None:
            return None
        offset = linted.offset(params.position.line, params.position.character, self.encoding)
        found = linted.at(offset)
        if not found:
            return None
        parts: list[str] = []
        explained: set[str] = set()
        for diagnostic in found:
            parts.append(f"{diagnostic.severity} {diagnostic.code}: {diagnostic.message}")
            if diagnostic.code not in explained:
                explained.add(diagnostic.code)
                explanation = self.ensure_linter().explain(diagnostic.code)
                if explanation:
                    parts.append(explanation)
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                         value="\n\n---\n\n".join(parts)),
            range=_range(linted.range(found[0].span, self.encoding)))


def _debounce_option(options: Any) -> float | None:
    """``initializationOptions.debounce`` in milliseconds, as seconds (``None`` if absent)."""
    if not isinstance(options, dict):
        return None
    value = options.get("debounce")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        return None
    return value / 1000


def build_server(debounce: float | None = None) -> GiprLanguageServer:
    """A server with every feature registered (``debounce`` in seconds)."""
    server = GiprLanguageServer(debounce)

    @server.feature(types.INITIALIZE)
    def initialize(ls: GiprLanguageServer, params: types.InitializeParams) -> None:
        option = _debounce_option(params.initialization_options)
        if option is not None:
            ls.debounce = option
        root = None
        if params.workspace_folders:
            root = _path(params.workspace_folders[0].uri)
        elif params.root_uri:
            root = _path(params.root_uri)
        elif params.root_path:
            root = Path(params.root_path)
        ls.ensure_linter(root if root and root.is_dir() else Path(os.getcwd()))

    @server.feature(types.INITIALIZED)
    def initialized(ls: GiprLanguageServer, params: types.InitializedParams) -> None:
        linter = ls.ensure_linter()
        for problem in linter.plugin_set.problems:
            ls.window_log_message(types.LogMessageParams(type=types.MessageType.Warning,
                                                         message=str(problem)))
        if linter.plugin_set.has_errors:
            ls.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Warning,
                message="gipr-lint: some plugins could not be loaded (see the log)"))
        workspace = ls.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace else None
        if watched is not None and watched.dynamic_registration:
            watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in _CONFIG_GLOBS]
            ls.client_register_capability(types.RegistrationParams(registrations=[
                types.Registration(
                    id="gipr-lint-config-watcher",
                    method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=types.DidChangeWatchedFilesRegistrationOptions(
                        watchers=watchers))]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: GiprLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.start_lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: GiprLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: GiprLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if is_config_file(uri.rsplit("/", 1)[-1]):
            await ls.reload_config()
        else:
            ls.start_lint(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: GiprLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.cancel(uri)
        ls.linted.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri,
                                                                            diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched_files(ls: GiprLanguageServer,
                            params: types.DidChangeWatchedFilesParams) -> None:
        if any(is_config_file(change.uri.rsplit("/", 1)[-1]) for change in params.changes):
            await ls.reload_config()

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
        resolve_provider=False))
    async def code_action(ls: GiprLanguageServer,
                          params: types.CodeActionParams) -> list[types.CodeAction]:
        return await ls.code_actions(params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: GiprLanguageServer, params: types.HoverParams) -> types.Hover | None:
        return await ls.hover(params)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: GiprLanguageServer, params: Any = None) -> None:
        for uri in list(ls._timers):
            ls.cancel(uri)
        ls.worker.shutdown(wait=False, cancel_futures=True)

    return server


def serve(debounce: float | None = None) -> int:
    """Run the server on standard input/output until the client says ``exit``."""
    build_server(debounce).start_io()
    return 0
