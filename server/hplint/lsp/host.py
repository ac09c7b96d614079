"""What the language features (`lsp/features/`) need from the server, as a typed protocol.

The server (`lsp/server.py`) registers every feature and calls into `features/`; the features
see the server only through `FeatureHost`, so neither module depends on the other's design,
and a feature can be driven by anything that provides these members (the tests' fakes too).
"""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from lsprotocol import types

if TYPE_CHECKING:
    from pygls.workspace import TextDocument, Workspace

    from hplint.engine import LintResult
    from hplint.lsp.settings import EditorSettings
    from hplint.settings import Settings


@dataclass(slots=True)
class DocumentLint:
    """The lint of one document version under one settings generation."""

    version: int | None
    generation: int
    result: LintResult
    diagnostics: list[types.Diagnostic]
    enabled: bool = True

    @property
    def result_id(self) -> str:
        return f"{self.version}.{self.generation}"


class FeatureHost(Protocol):
    """The members of `HplintLanguageServer` that the features use."""

    generation: int  # bumped whenever settings change
    formats: dict[str, str]  # uri -> last detected format
    editor_settings: EditorSettings

    @property
    def workspace(self) -> Workspace: ...

    def client_supports(self, field: str, default: Any = None) -> Any: ...

    def markup(self, field: str, value: str) -> types.MarkupContent | str: ...

    def log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None: ...

    def open_document(self, uri: str) -> TextDocument | None: ...

    def current(self, uri: str) -> DocumentLint | None: ...

    def lint_of_version(self, uri: str, version: int | None) -> LintResult | None: ...

    def settings_for(self, path: str | None) -> Settings: ...

    def set_editor_settings(self, raw: Any) -> bool: ...

    def invalidate_project_settings(self) -> None: ...

    def relint_all(self) -> None: ...

    def lint_for_pull(self, uri: str) -> Awaitable[DocumentLint | None]: ...

    def pull_configuration(self) -> Awaitable[None]: ...

    def client_register_capability_async(
        self, params: types.RegistrationParams
    ) -> Awaitable[None]: ...
