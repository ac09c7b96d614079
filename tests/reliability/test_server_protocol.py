"""The server and LSP's rules of the road, spoken to over raw bytes on stdio: framing that lies,
requests before `initialize`, `exit` without `shutdown` (#21)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.lsp.helpers import REPO, RawClient

pytestmark = pytest.mark.lsp

CONFIG = "hplint: 1\ntraining:\n  optimizer: sgd\n  shufle: true\n"


@contextlib.contextmanager
def _server(cwd: Path) -> Iterator[tuple[RawClient, subprocess.Popen[bytes]]]:
    """`hplint lsp` on stdio, not yet initialized; killed afterwards if still running."""
    process = subprocess.Popen(
        [sys.executable, "-m", "hplint", "lsp"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO / "server")},
        cwd=cwd,
    )
    assert process.stdout is not None and process.stdin is not None
    try:
        yield RawClient(process.stdout, process.stdin, process), process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


@pytest.fixture
def started(tmp_path: Path) -> Iterator[tuple[RawClient, subprocess.Popen[bytes]]]:
    with _server(tmp_path) as server:
        yield server


def _initialize(client: RawClient) -> None:
    init = client.request("initialize", {"processId": None, "capabilities": {}})
    assert "result" in client.response(init)
    client.notify("initialized", {})


def _unattributed_error(client: RawClient) -> dict[str, Any]:
    message = client.wait_for(lambda m: "error" in m and m.get("id") is None, timeout=30)
    return message["error"]  # type: ignore[no-any-return]


def _still_answers(client: RawClient) -> None:
    request = client.request(
        "textDocument/hover",
        {
            "textDocument": {"uri": "file:///nowhere.yaml"},
            "position": {"line": 0, "character": 0},
        },
    )
    client.response(request)


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        (b"Content-Length: 1000000000000000000\r\n\r\n", "the limit is"),
        (b"Content-Length: 99999999999999999999999999999\r\n\r\n", "the limit is"),
        (b"Content-Length: abc\r\n\r\n", "is not a size"),
        (b"Content-Length: -5\r\n\r\n", "is not a size"),
        (b"Content-Type: application/json\r\n\r\n", "without a Content-Length"),
    ],
    ids=["huge", "over-int64", "not-a-number", "negative", "missing"],
)
def test_a_frame_that_lies_is_answered_and_reading_goes_on(
    started: tuple[RawClient, subprocess.Popen[bytes]], header: bytes, reason: str
) -> None:
    client, process = started
    _initialize(client)
    body = json.dumps({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}).encode()
    client.writer.write(header + body)  # the body the lying header announced (or not)
    client.writer.flush()
    error = _unattributed_error(client)
    assert error["code"] in (-32600, -32700) and reason in error["message"]
    _still_answers(client)
    assert process.poll() is None


def test_a_body_that_is_not_json_is_a_parse_error(
    started: tuple[RawClient, subprocess.Popen[bytes]],
) -> None:
    client, _ = started
    _initialize(client)
    client.send_raw(b'{"jsonrpc": "2.0", "id": 5, "method": ')
    assert _unattributed_error(client)["code"] == -32700
    client.send_raw(b"\xff\xfe not utf-8")
    assert _unattributed_error(client)["code"] == -32700
    _still_answers(client)


def test_requests_before_initialize_are_refused_and_notifications_dropped(
    started: tuple[RawClient, subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    client, _ = started
    uri = (tmp_path / "train.yaml").as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": CONFIG}},
    )
    early = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    assert client.response(early)["error"]["code"] == -32002  # ServerNotInitialized
    _initialize(client)
    # The didOpen before initialize was dropped: the document is not known, so no diagnostics
    # for it arrive until it is opened again.
    later = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    assert client.response(later).get("result") in (None, [])
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": CONFIG}},
    )
    published = client.wait_for(
        lambda m: m.get("method") == "textDocument/publishDiagnostics", timeout=60
    )
    assert published["params"]["uri"] == uri


def test_exit_without_shutdown_exits_1_and_after_it_0(
    started: tuple[RawClient, subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    client, process = started
    _initialize(client)
    client.notify("exit", None)
    assert process.wait(timeout=15) == 1

    with _server(tmp_path) as (polite, second):
        _initialize(polite)
        polite.response(polite.request("shutdown", None))
        polite.notify("exit", None)
        assert second.wait(timeout=15) == 0
