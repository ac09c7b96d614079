"""The language server under abuse, spoken to over raw JSON-RPC on stdio (no client library to
smooth over malformed traffic): bursts, garbage, unknown methods and documents, no network."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hplint.engine import lint
from tests.lsp.helpers import REPO, RawClient

pytestmark = pytest.mark.lsp

SITECUSTOMIZE = """
import os, socket
_log = os.environ.get("HPLINT_NET_LOG")
if _log:
    def _refuse(name):
        def guard(*args, **kwargs):
            with open(_log, "a", encoding="utf-8") as stream:
                stream.write(f"{name}{args!r}\\n")
            raise OSError("network disabled by the hplint reliability tests")
        return guard
    socket.socket.connect = _refuse("connect")
    socket.socket.connect_ex = _refuse("connect_ex")
    socket.create_connection = _refuse("create_connection")
    socket.getaddrinfo = _refuse("getaddrinfo")
"""


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[RawClient, Path, Path]]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    net_log = tmp_path / "network.log"
    workspace = tmp_path / "ws"
    workspace.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), str(REPO / "server")]),
        "HPLINT_NET_LOG": str(net_log),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "hplint", "lsp"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=workspace,
    )
    assert process.stdout is not None and process.stdin is not None
    client = RawClient(process.stdout, process.stdin, process)
    init = client.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": workspace.as_uri(),
            "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True}}},
        },
    )
    assert "result" in client.response(init)
    client.notify("initialized", {})
    try:
        yield client, workspace, net_log
    finally:
        alive = process.poll() is None
        if alive:
            try:
                client.response(client.request("shutdown", None), timeout=10)
                client.notify("exit", None)
                process.wait(timeout=10)
            except Exception:
                process.kill()
                process.wait(timeout=10)
        stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                stream.close()
        assert alive, f"the server died: {stderr[-3000:]}"
        # pygls logs the malformed messages it rejects (with their traceback); a traceback that
        # runs through hplint's own code is a crash in a handler. The protocol's pass-through
        # (HplintProtocol.structure_message/handle_message) is not a handler.
        frames = [
            line
            for line in stderr.splitlines()
            if line.strip().startswith("File ")
            and not line.rstrip().endswith(("in structure_message", "in handle_message"))
        ]
        assert "/hplint/" not in "".join(frames), stderr[-3000:]


def _open(client: RawClient, uri: str, text: str, language: str = "yaml") -> None:
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}},
    )


def _published(client: RawClient, uri: str, version: int | None = None) -> dict[str, Any]:
    return client.wait_for(
        lambda m: (
            m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri
            and (version is None or m["params"].get("version") == version)
        ),
        timeout=60,
    )


def test_burst_of_1000_changes(server: tuple[RawClient, Path, Path]) -> None:
    client, workspace, _ = server
    uri = (workspace / "train.yaml").as_uri()
    base = "hplint: 1\ntraining:\n  optimizer: sgd\n  batch_size: 64\n  learning_rate: {lr}\n"
    _open(client, uri, base.format(lr="0.1"))
    _published(client, uri)
    before = _rss_kb(client.process.pid)
    last = ""
    for version in range(2, 1002):
        last = base.format(lr=f"{version}e-3" if version % 2 else f"0.{version}")
        if version % 3:
            changes: list[dict[str, Any]] = [{"text": last}]
        else:  # incremental: replace the whole value on line 4
            previous = base.format(lr="x")
            changes = [
                {"text": previous},
                {
                    "range": {
                        "start": {"line": 4, "character": 17},
                        "end": {"line": 4, "character": 18},
                    },
                    "text": last.splitlines()[4][17:],
                },
            ]
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes},
        )
    final = _published(client, uri, version=1001)
    expected = sorted(
        (d.code, d.span.start) for d in lint(last, path=str(workspace / "train.yaml")).diagnostics
    )
    lines = last.splitlines(keepends=True)
    got = sorted(
        (
            d["code"],
            sum(len(x) for x in lines[: d["range"]["start"]["line"]])
            + d["range"]["start"]["character"],
        )
        for d in final["params"]["diagnostics"]
    )
    assert got == expected
    after = _rss_kb(client.process.pid)
    assert after - before < 50 * 1024, f"RSS grew by {(after - before) / 1024:.0f} MB"
    assert client.process.poll() is None


def test_malformed_traffic_unknown_methods_and_documents(
    server: tuple[RawClient, Path, Path],
) -> None:
    client, workspace, _ = server
    uri = (workspace / "ok.yaml").as_uri()
    _open(client, uri, "hplint: 1\ntraining:\n  learning_rate: 1e-3\n")
    _published(client, uri)
    client.send_raw(bytes(range(256)))  # garbage with a valid Content-Length
    client.send_raw(b'{"jsonrpc": "2.0", "id": 990, "method": "textDocument/hover", ')  # cut JSON
    client.send_raw(b'{"jsonrpc": "2.0", "id": 991, "params": {}}')  # no method
    client.send_raw(b"[1, 2, 3]")
    client.send_raw(b'{"jsonrpc": "2.0", "id": 992, "method": "textDocument/hover", "params": 7}')
    hover = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 4}},
    )
    assert "result" in client.response(hover) or "error" in client.response(hover)

    unknown = client.request("hplint/doesNotExist", {})
    assert client.response(unknown)["error"]["code"] == -32601  # MethodNotFound

    never = (workspace / "never-opened.yaml").as_uri()
    position = {"line": 0, "character": 0}
    far = {"line": 10**6, "character": 10**6}
    requests = []
    for target in (never, uri):
        for where in (position, far):
            requests += [
                ("textDocument/hover", {"textDocument": {"uri": target}, "position": where}),
                ("textDocument/completion", {"textDocument": {"uri": target}, "position": where}),
                (
                    "textDocument/codeAction",
                    {
                        "textDocument": {"uri": target},
                        "range": {"start": where, "end": where},
                        "context": {"diagnostics": []},
                    },
                ),
            ]
        requests.append(("textDocument/diagnostic", {"textDocument": {"uri": target}}))
    unanswered = []
    for method, params in requests:
        try:
            answer = client.response(client.request(method, params), timeout=5)
        except AssertionError:
            unanswered.append((method, params))
            continue
        assert "result" in answer or "error" in answer, (method, answer)
    assert unanswered == [], [
        (m, p["textDocument"]["uri"][-14:], p.get("position")) for m, p in unanswered
    ]
    assert client.process.poll() is None
    # still answering properly
    again = client.response(
        client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 4}},
        )
    )
    assert "result" in again


def test_server_opens_no_socket_and_constructs_no_tag(
    server: tuple[RawClient, Path, Path],
    tmp_path: Path,
) -> None:
    client, workspace, net_log = server
    marker = tmp_path / "pwned"
    texts = {
        "remote.yaml": "$schema: https://example.invalid/s.json\nhplint: 1\n"
        "model: {$ref: 'https://example.invalid/m.json'}\n",
        "tag.yaml": f"hplint: 1\ntraining:\n  learning_rate: !!python/object/apply:os.system "
        f"['touch {marker}']\n",
        "remote.json": '{"$schema": "http://example.invalid/x", "HyperParameterTuningJobConfig":'
        ' {"$ref": "https://example.invalid/r.json"}}',
    }
    codes: dict[str, set[str]] = {}
    for name, text in texts.items():
        uri = (workspace / name).as_uri()
        _open(client, uri, text, "json" if name.endswith(".json") else "yaml")
        published = _published(client, uri)
        codes[name] = {d["code"] for d in published["params"]["diagnostics"]}
        for method, params in (
            ("textDocument/hover", {"position": {"line": 1, "character": 2}}),
            ("textDocument/completion", {"position": {"line": 1, "character": 2}}),
        ):
            client.response(client.request(method, {"textDocument": {"uri": uri}, **params}))
    assert "HP010" in codes["tag.yaml"]
    assert not marker.exists()
    assert not net_log.exists() or net_log.read_text() == "", net_log.read_text()


def test_invalid_params_get_an_error_response(server: tuple[RawClient, Path, Path]) -> None:
    client, workspace, _ = server
    uri = (workspace / "never-opened.yaml").as_uri()
    request = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": -1, "character": -5}},
    )
    assert client.response(request, timeout=5)["error"]["code"] == -32602
