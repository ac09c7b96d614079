"""The hplint language server: state, and every `@server.feature` registration in one place."""

from __future__ import annotations

import asyncio
import gc
import logging
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from hplint import __version__
from hplint.files import related_reader
from hplint.lsp.baseline import Baselines
from hplint.lsp.convert import hplint_converter
from hplint.lsp.host import DocumentLint
from hplint.lsp.settings import SECTION, EditorSettings, parse_editor_settings
from hplint.lsp.transport import ParentWatch, Transport, connect, exit_orphaned

if TYPE_CHECKING:
    from hplint.document.model import Document
    from hplint.engine import Baseline, LintResult
    from hplint.settings import Settings

log = logging.getLogger("hplint.lsp")

CONFIG_FILE_NAMES = (".hplint.toml", "hplint.toml", "pyproject.toml")
FIX_ALL_KIND = "source.fixAll.hplint"


# LSP ends lines at `\n`, `\r\n` and `\r` only; pygls' documents split with `str.splitlines`,
# which also breaks at U+2028/U+2029, NEL, form feed and other separators. An incremental edit
# in the editor's coordinates then lands on the wrong line and the server's text drifts from
# the editor's (#21: fix-all once rewrote `min: 0.00001` to `min: 0.00001_values`). The
# documents hplint keeps split lines the editor's way.
_LSP_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _editor_lines(document: TextDocument) -> tuple[str, ...]:
    return tuple(match.group() for match in _LSP_LINE.finditer(document.source))


TextDocument.lines = property(_editor_lines)  # type: ignore[assignment,method-assign]


class HplintProtocol(LanguageServerProtocol):
    """pygls' protocol, answering requests whose params do not deserialize, and keeping LSP's
    order: nothing but `initialize` and `exit` before `initialize`.

    pygls raises `JsonRpcInvalidParams` from the JSON object hook and only logs it, so the
    client would wait forever for an answer; JSON-RPC wants a -32602 error response. pygls also
    served every request before `initialize`; LSP asks for -32002 (ServerNotInitialized) and
    for notifications to be dropped.
    """

    _ANSWERED = object()  # stands for a request already answered with an error
    initialize_received = False

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if not (isinstance(data, dict) and "method" in data and data.get("id") is not None):
                raise
            log.warning("rejected %s request %s: %s", data["method"], data["id"], error.message)
            self._send_response(data["id"], error=error.to_response_error())
            return self._ANSWERED

    def handle_message(self, message: Any) -> None:
        if message is self._ANSWERED:
            return
        method = getattr(message, "method", None)
        if not self.initialize_received and method not in (types.INITIALIZE, types.EXIT):
            request_id = getattr(message, "id", None)
            if method is not None and request_id is not None:
                log.warning("rejected %s request %s before initialize", method, request_id)
                error = types.ResponseError(
                    code=types.ErrorCodes.ServerNotInitialized,
                    message=f"hplint: {method} before initialize",
                )
                self._send_response(request_id, error=error)
            return
        if method == types.INITIALIZE:
            self.initialize_received = True
        super().handle_message(message)


class HplintLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "hplint",
            __version__,
            max_workers=2,
            protocol_cls=HplintProtocol,
            converter_factory=hplint_converter,
        )
        self.editor_settings = EditorSettings()
        self.generation = 0  # bumped whenever settings change
        self.linted: dict[str, DocumentLint] = {}
        self.tasks: dict[str, asyncio.Task[DocumentLint | None]] = {}
        self.formats: dict[str, str] = {}  # uri -> last detected format (completion fallback)
        self._project_settings: dict[Path | None, Settings] = {}
        self._error_shown = False
        self.warm_up: threading.Thread | None = None
        # uri -> the parsed document of its newest lint, not yet handed to another lint
        self.reusable: dict[str, Document] = {}
        self.parent_watch = ParentWatch(exit_orphaned)
        self.baselines = Baselines(self.log)  # HP104: each open file at HEAD (or as opened)

    # ----- capabilities -------------------------------------------------------------------
    def client_supports(self, field: str, default: Any = None) -> Any:
        return get_capability(self.client_capabilities, field, default)

    def markup_kind(self, field: str) -> types.MarkupKind:
        """Markdown when the client lists it for `field`; plain text otherwise."""
        formats = self.client_supports(field, None)
        if formats and types.MarkupKind.Markdown in formats:
            return types.MarkupKind.Markdown
        return types.MarkupKind.PlainText

    def markup(self, field: str, value: str) -> types.MarkupContent | str:
        """MarkupContent in a format the client lists for `field`, else a plain string."""
        formats = self.client_supports(field, None)
        if not formats:
            return value
        return types.MarkupContent(kind=self.markup_kind(field), value=value)

    @property
    def pull_diagnostics(self) -> bool:
        return self.client_supports("text_document.diagnostic", None) is not None

    # ----- logging and errors ------------------------------------------------------------
    def log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        log.info(message)
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:  # the transport may be gone during shutdown
            log.debug("could not send log message", exc_info=True)

    def report_server_error(self, error: Exception, source: Any) -> None:
        """Log every error; show at most one dialog per session (never one per keystroke)."""
        self.log(
            f"hplint: internal error: {type(error).__name__}: {error}", types.MessageType.Error
        )
        if self._error_shown:
            return
        self._error_shown = True
        try:
            self.window_show_message(
                types.ShowMessageParams(
                    type=types.MessageType.Error,
                    message=(
                        f"hplint: internal error ({type(error).__name__}); "
                        "see the hplint output for details."
                    ),
                )
            )
        except Exception:
            log.debug("could not show message", exc_info=True)

    # ----- start-up ----------------------------------------------------------------------
    def start_warm_up(self) -> threading.Thread | None:
        """After `initialized`: freeze the start-up heap, then import the engine and the rules,
        compile every format's validator and read the hover knowledge in a background thread,
        so that the first `didOpen` and the first hover do not pay for them. Estimator data
        stays lazy: it is read when a config names an estimator."""
        if self.warm_up is not None:
            return None
        # Everything allocated so far (pygls, lsprotocol) lives as long as the process: the
        # cyclic collector need not walk it again.
        gc.freeze()
        thread = threading.Thread(target=self._warm_up, name="hplint-warm-up", daemon=True)
        self.warm_up = thread
        thread.start()
        return thread

    def _warm_up(self) -> None:
        try:
            from hplint.engine import lint  # noqa: F401  (imports the adapters)
            from hplint.formats import FORMATS
            from hplint.rules import all_rules
            from hplint.schema_loader.registry import validator_for

            all_rules()  # the registry imports the rule files on first use
            for spec in FORMATS.values():
                validator_for(spec.schema)
            from hplint.knowledge.hyperparameters import entries

            entries()
        except Exception:  # a warm-up failure only means the first lint pays for it
            log.debug("warm-up failed", exc_info=True)
        finally:
            gc.freeze()
        from hplint.lsp.startup import save_generated_code

        save_generated_code()

    # ----- settings ----------------------------------------------------------------------
    def set_editor_settings(self, raw: Any) -> bool:
        parsed = parse_editor_settings(raw)
        for problem in parsed.problems:
            self.log(f"hplint settings: {problem}", types.MessageType.Warning)
        changed = parsed != self.editor_settings
        self.editor_settings = parsed
        if changed:
            self.generation += 1
        return changed

    def invalidate_project_settings(self) -> None:
        self._project_settings.clear()
        self.generation += 1

    def settings_for(self, path: str | None) -> Settings:
        from hplint.settings import Settings, SettingsError, discover_settings

        directory = Path(path).parent if path else self._workspace_root()
        project = self._project_settings.get(directory)
        if project is None:
            try:
                project = discover_settings(directory) if directory is not None else Settings()
            except SettingsError as exc:
                self.log(f"hplint: {exc}; using the default settings", types.MessageType.Warning)
                project = Settings()
            except OSError as exc:
                self.log(f"hplint: cannot read settings: {exc}", types.MessageType.Warning)
                project = Settings()
            self._project_settings[directory] = project
        try:
            return self.editor_settings.apply(project)  # type: ignore[no-any-return]
        except (ValueError, TypeError) as exc:
            self.log(f"hplint: invalid editor settings ignored: {exc}", types.MessageType.Warning)
            return project

    def _workspace_root(self) -> Path | None:
        try:
            root = self.workspace.root_path
        except Exception:
            return None
        return Path(root) if root else None

    # ----- documents ----------------------------------------------------------------------
    def open_document(self, uri: str) -> TextDocument | None:
        """The open document, or None (never a lazily-read file from disk)."""
        try:
            documents = self.workspace.text_documents
        except Exception:
            return None
        # pygls keys its documents by the unquoted URI: `file:///c%3A/…` (VS Code on Windows)
        # and paths with spaces or non-ASCII characters are stored as `file:///c:/…`.
        document: TextDocument | None = documents.get(unquote(uri))
        return document

    def related_reader(self, path: str, root: Path | None) -> Callable[[str], str | None]:
        """Files the document names (a Trainer's `deepspeed: ds.json`), read as the CLI reads
        them (`files.related_reader`), but from the editor when the file is open there."""

        def opened(real: Path) -> str | None:
            document = self.open_document(real.as_uri())
            return document.source if document is not None else None

        return related_reader(Path(path), root or self._workspace_root(), opened)

    def lint_now(
        self,
        uri: str,
        text: str,
        version: int | None,
        language_id: str | None,
        *,
        in_background: bool = False,
    ) -> DocumentLint:
        """Lint synchronously (any thread); the caller decides whether to store the result.
        `in_background`: off the event loop, so the baseline may be read from git."""
        from hplint.engine import lint
        from hplint.lsp.convert import to_lsp_diagnostics

        path = to_fs_path(uri)
        settings = self.settings_for(path)
        generation = self.generation
        # The last parse of this document, handed to exactly one lint (dict.pop is atomic): a
        # one-scalar edit is then patched into it instead of re-parsing the whole file.
        previous = self.reusable.pop(uri, None)
        related = self.related_reader(path, settings.root) if path else None

        def baseline() -> Baseline | None:
            # Read (from git, on a first look) only for a config with a learning rate and a
            # batch to compare: most configs never need it.
            found = self.baselines.for_document(uri, path, fetch=in_background)
            return found if found is not None and found.text != text else None

        result = lint(
            text,
            path=path or uri,
            language_id=language_id,
            settings=settings,
            previous=previous,
            related=related,
            baseline=baseline if self.editor_settings.baseline else None,
        )
        self.reusable[uri] = result.document
        if result.internal_errors:
            for error in result.internal_errors:
                self.log(f"hplint: rule failure in {uri}: {error}", types.MessageType.Error)
        enabled = self.editor_settings.enable
        diagnostics = (
            to_lsp_diagnostics(result, uri, self.workspace.position_codec) if enabled else []
        )
        return DocumentLint(version, generation, result, diagnostics, enabled)

    def cached(self, uri: str, version: int | None) -> DocumentLint | None:
        """The stored lint of `uri` if it is of `version` under the current settings."""
        cached = self.linted.get(uri)
        if cached is None or cached.version != version or cached.generation != self.generation:
            return None
        return cached

    def current(self, uri: str) -> DocumentLint | None:
        """The lint of the document as it is now (computed inline when the cache is stale)."""
        document = self.open_document(uri)
        if document is None:
            return None
        cached = self.cached(uri, document.version)
        if cached is not None:
            return cached
        linted = self.lint_now(uri, document.source, document.version, document.language_id)
        self.store(uri, linted)
        return linted

    def lint_of_version(self, uri: str, version: int | None) -> LintResult | None:
        """The last lint of `uri` when it is of `version`, else None. Completion reuses its
        tree and IR instead of parsing the text again per request. Any settings generation will
        do: parsing does not depend on settings, and the IR only through a format override,
        whose change relints the document at once."""
        cached = self.linted.get(uri)
        if cached is None or cached.version != version:
            return None
        return cached.result

    def store(self, uri: str, linted: DocumentLint) -> None:
        self.linted[uri] = linted
        if linted.result.format_id:
            self.formats[uri] = linted.result.format_id

    def schedule_lint(self, uri: str) -> asyncio.Task[DocumentLint | None]:
        """Lint `uri` soon; a burst of changes coalesces into lints of the newest version."""
        task = self.tasks.get(uri)
        if task is not None and not task.done():
            return task  # the running loop re-checks the version before publishing
        task = asyncio.get_running_loop().create_task(self._lint_loop(uri))
        self.tasks[uri] = task
        return task

    async def _lint_loop(self, uri: str) -> DocumentLint | None:
        for _ in range(1000):
            document = self.open_document(uri)
            if document is None:
                return None
            version, generation = document.version, self.generation
            linted = self.cached(uri, version)
            if linted is None:
                text, language_id = document.source, document.language_id
                linted = await asyncio.to_thread(
                    self.lint_now, uri, text, version, language_id, in_background=True
                )
            latest = self.open_document(uri)
            if latest is None:
                return None
            if latest.version != version or self.generation != generation:
                continue  # the text changed while linting: lint the newest version instead
            self.store(uri, linted)
            if not self.pull_diagnostics:
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(
                        uri=uri, version=version, diagnostics=linted.diagnostics
                    )
                )
            return linted
        return None

    async def lint_for_pull(self, uri: str) -> DocumentLint | None:
        for _ in range(50):
            document = self.open_document(uri)
            if document is None:
                return None
            cached = self.cached(uri, document.version)
            if cached is not None:
                return cached
            await self.schedule_lint(uri)
        return self.current(uri)

    def close_document(self, uri: str) -> None:
        self.baselines.closed(uri)
        task = self.tasks.pop(uri, None)
        if task is not None:
            task.cancel()
        self.linted.pop(uri, None)
        self.reusable.pop(uri, None)
        self.formats.pop(uri, None)
        if not self.pull_diagnostics:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )

    def relint_all(self) -> None:
        if self.pull_diagnostics:
            self.linted.clear()
            if self.client_supports("workspace.diagnostics.refresh_support", False):
                self.workspace_diagnostic_refresh(None)
        # Settings, a baseline or the project configuration changed: hints may be others now.
        if self.client_supports("workspace.inlay_hint.refresh_support", False):
            self.workspace_inlay_hint_refresh(None)
        for document in list(self.workspace.text_documents.values()):
            self.schedule_lint(document.uri)  # as the client spells it, not pygls' key

    async def pull_configuration(self) -> None:
        if not self.client_supports("workspace.configuration", False):
            return
        try:
            answer = await self.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)])
            )
        except Exception as exc:
            self.log(f"hplint: workspace/configuration failed: {exc}", types.MessageType.Warning)
            return
        if answer and answer[0] is not None:
            self.set_editor_settings(answer[0])


server = HplintLanguageServer()


# ----- lifecycle ---------------------------------------------------------------------------
@server.feature(types.INITIALIZE)
def initialize(ls: HplintLanguageServer, params: types.InitializeParams) -> None:
    from hplint.lsp import startup

    startup.end()
    ls.parent_watch.watch(params.process_id)
    ls.set_editor_settings(params.initialization_options)


@server.feature(types.INITIALIZED)
async def initialized(ls: HplintLanguageServer, params: types.InitializedParams) -> None:
    from hplint.lsp.features import workspace

    ls.start_warm_up()
    await workspace.register_watchers(ls)
    before = ls.generation
    await ls.pull_configuration()
    if ls.generation != before:
        ls.relint_all()


# ----- documents ---------------------------------------------------------------------------
@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: HplintLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.baselines.opened(params.text_document.uri, params.text_document.text)
    ls.schedule_lint(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: HplintLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule_lint(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: HplintLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
    from hplint.lsp.features import workspace

    workspace.on_saved(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: HplintLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.close_document(params.text_document.uri)


@server.feature(
    types.TEXT_DOCUMENT_DIAGNOSTIC,
    types.DiagnosticOptions(
        identifier="hplint", inter_file_dependencies=False, workspace_diagnostics=False
    ),
)
async def diagnostic(
    ls: HplintLanguageServer, params: types.DocumentDiagnosticParams
) -> types.FullDocumentDiagnosticReport | types.UnchangedDocumentDiagnosticReport:
    from hplint.lsp.features import diagnostics

    return await diagnostics.pull(ls, params)


# ----- workspace ---------------------------------------------------------------------------
@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(
    ls: HplintLanguageServer, params: types.DidChangeConfigurationParams
) -> None:
    from hplint.lsp.features import workspace

    await workspace.configuration_changed(ls, params)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(
    ls: HplintLanguageServer, params: types.DidChangeWatchedFilesParams
) -> None:
    from hplint.lsp.features import workspace

    workspace.watched_files_changed(ls, params)


# ----- language features -------------------------------------------------------------------
@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: HplintLanguageServer, params: types.HoverParams) -> types.Hover | None:
    from hplint.lsp.features import hover as feature

    return feature.hover(ls, params)


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=[":", " "], resolve_provider=False),
)
def completion(
    ls: HplintLanguageServer, params: types.CompletionParams
) -> types.CompletionList | None:
    from hplint.lsp.features import completion as feature

    return feature.completion(ls, params)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
        resolve_provider=False,
    ),
)
def code_action(
    ls: HplintLanguageServer, params: types.CodeActionParams
) -> list[types.CodeAction] | None:
    from hplint.lsp.features import code_actions

    return code_actions.code_actions(ls, params)


@server.feature(types.TEXT_DOCUMENT_INLAY_HINT, types.InlayHintOptions(resolve_provider=False))
def inlay_hint(
    ls: HplintLanguageServer, params: types.InlayHintParams
) -> list[types.InlayHint] | None:
    from hplint.lsp.features import inlay_hints

    return inlay_hints.inlay_hints(ls, params)


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(
    ls: HplintLanguageServer, params: types.DocumentSymbolParams
) -> list[Any] | None:  # DocumentSymbol JSON (RawJSON)
    from hplint.lsp.features import outline

    return outline.document_symbols(ls, params)


@server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
def folding_range(
    ls: HplintLanguageServer, params: types.FoldingRangeParams
) -> list[Any] | None:  # FoldingRange JSON (RawJSON)
    from hplint.lsp.features import outline

    return outline.folding_ranges(ls, params)


# ----- custom requests (used by the VS Code extension) ---------------------------------------
@server.feature("hplint/documentInfo")
def document_info(ls: HplintLanguageServer, params: Any) -> dict[str, Any]:
    from hplint.lsp.features import custom

    return custom.document_info(ls, params)


@server.feature("hplint/ruleDocs")
def rule_docs(ls: HplintLanguageServer, params: Any) -> dict[str, Any] | None:
    from hplint.lsp.features import custom

    return custom.rule_docs(ls, params)


def run(transport: Transport, *, client_process_id: int | None = None) -> int:
    """Serve one client over `transport`; the exit code (1 after `exit` without `shutdown`)."""
    import sys

    from hplint.lsp import framing

    logging.basicConfig(level=logging.WARNING, format="hplint: %(levelname)s %(name)s: %(message)s")
    server.parent_watch.watch(client_process_id)
    if transport.kind == "stdio":
        reader, writer = sys.stdin.buffer, sys.stdout.buffer
    else:
        reader, writer = connect(transport)
        log.info("hplint language server %s", transport.describe())
    return framing.serve(server, reader, writer)
