"""Shared helpers for the end-to-end language-server tests."""

from __future__ import annotations

import asyncio
import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from lsprotocol import types
from pytest_lsp import LanguageClient

REPO = Path(__file__).resolve().parents[2]
SERVER_COMMAND = [sys.executable, "-m", "hplint", "lsp"]
PROFILES = ("visual-studio-code", "neovim@v0.6.1", "neovim@v0.11.0", "emacs")
PULL_PROFILES = ("neovim@v0.11.0",)
PUSH_PROFILES = ("visual-studio-code", "neovim@v0.6.1", "emacs")


def uses_pull(client: LanguageClient) -> bool:
    caps = client.capabilities
    return (
        caps is not None
        and caps.text_document is not None
        and caps.text_document.diagnostic is not None
    )


def encoding_of(result: types.InitializeResult) -> str:
    return str(result.capabilities.position_encoding or "utf-16")


def units(text: str, encoding: str) -> int:
    """Length of `text` in the code units of an LSP position encoding."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def position(text: str, needle: str, encoding: str, delta: int = 0) -> types.Position:
    """The client position of `needle` (+ `delta` code points) in `text`."""
    offset = text.index(needle) + delta
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return types.Position(line=line, character=units(text[start:offset], encoding))


async def wait_until(predicate: Callable[[], object], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)


def open_document(
    client: LanguageClient, uri: str, text: str, version: int = 1, language: str = "yaml"
) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=version, text=text
            )
        )
    )


def change_document(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def diagnostics_for(
    client: LanguageClient, uri: str, version: int | None = None
) -> list[types.Diagnostic]:
    """The diagnostics the client ends up with for `uri`, by pull or by push."""
    if uses_pull(client):
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        assert report.kind == "full"
        return list(report.items)
    await wait_until(
        lambda: (
            uri in client.diagnostics
            and (version is None or _pushed_version(client, uri) == version)
        )
    )
    return list(client.diagnostics[uri])


async def diagnostics_after_relint_without(
    client: LanguageClient, uri: str, code: str
) -> list[types.Diagnostic]:
    """The diagnostics of `uri` once a settings change that drops `code` has taken effect:
    pulled after a moment, or the pushed set once `code` is gone from it."""
    if uses_pull(client):
        await asyncio.sleep(0.3)
        return await diagnostics_for(client, uri)
    await wait_until(lambda: code not in {d.code for d in client.diagnostics.get(uri, [])})
    return list(client.diagnostics[uri])


def _pushed_version(client: LanguageClient, uri: str) -> int | None:
    return getattr(client, "_hplint_versions", {}).get(uri)


def prepare(client: LanguageClient) -> None:
    """Record pushed versions and answer `client/registerCapability` (recorded)."""
    track_versions(client)
    registrations: list[types.Registration] = []
    client.registrations = registrations  # type: ignore[attr-defined]

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def _register(params: types.RegistrationParams) -> None:
        registrations.extend(params.registrations)

    refreshes: list[None] = []
    client.inlay_hint_refreshes = refreshes  # type: ignore[attr-defined]

    @client.feature(types.WORKSPACE_INLAY_HINT_REFRESH)
    def _refresh_hints(params: None) -> None:  # an editor asks for the hints again
        refreshes.append(params)


def track_versions(client: LanguageClient) -> dict[str, list[int | None]]:
    """Record the version of every publishDiagnostics (in arrival order)."""
    seen: dict[str, list[int | None]] = {}
    latest: dict[str, int | None] = {}
    client._hplint_versions = latest  # type: ignore[attr-defined]

    features = client.protocol.fm.features
    original = features.get(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    def _record(*args: object) -> None:
        params = args[-1]
        assert isinstance(params, types.PublishDiagnosticsParams)
        client.diagnostics[params.uri] = list(params.diagnostics)
        seen.setdefault(params.uri, []).append(params.version)
        latest[params.uri] = params.version
        if original is not None:
            original(*args)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _record
    return seen


class RawClient:
    """JSON-RPC over any pair of byte streams, with no client library to smooth over the traffic.

    It answers the server's `workspace/configuration` and `client/registerCapability` requests
    and queues everything else for `wait_for`.
    """

    def __init__(
        self,
        reader: BinaryIO,
        writer: BinaryIO,
        process: subprocess.Popen[bytes] | None = None,
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.process = process
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.pending: list[dict[str, Any]] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.reader
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii", "replace").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
            if length is None:
                continue
            body = stream.read(length)
            self.messages.put(json.loads(body))

    def send_raw(self, body: bytes) -> None:
        self.writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.writer.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send_raw(json.dumps({"jsonrpc": "2.0", "method": method, "params": params}).encode())

    def request(self, method: str, params: Any) -> int:
        self.next_id += 1
        self.send_raw(
            json.dumps(
                {"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}
            ).encode()
        )
        return self.next_id

    def wait_for(self, predicate: Any, timeout: float = 30.0) -> dict[str, Any]:
        for index, message in enumerate(self.pending):
            if predicate(message):
                return self.pending.pop(index)
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError("the server did not answer in time")
            try:
                message = self.messages.get(timeout=remaining)
            except queue.Empty:
                continue
            if message.get("method") in ("workspace/configuration", "client/registerCapability"):
                if "id" in message:  # answer server-to-client requests
                    result: Any = [None] if message["method"] == "workspace/configuration" else None
                    self.send_raw(
                        json.dumps(
                            {"jsonrpc": "2.0", "id": message["id"], "result": result}
                        ).encode()
                    )
                continue
            if predicate(message):
                return message
            self.pending.append(message)

    def response(self, request_id: int, timeout: float = 30.0) -> dict[str, Any]:
        return self.wait_for(lambda m: m.get("id") == request_id and "method" not in m, timeout)
