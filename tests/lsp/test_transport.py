"""`hplint lsp` started the ways editors start it: the transport flags `vscode-languageclient`
appends (`--stdio`, `--socket=PORT`, `--pipe=NAME`), `--tcp`, and `--clientProcessId`."""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hplint.lsp.command import add_arguments, transport_from
from hplint.lsp.transport import ParentWatch, Transport, process_exists

from .helpers import REPO, RawClient

pytestmark = pytest.mark.lsp

CONFIG = "hplint: 1\ntraining:\n  optimizer: sgd\n  shufle: true\n"
ENV = {**os.environ, "PYTHONPATH": str(REPO / "server")}


def parse(*argv: str) -> Transport:
    parser = argparse.ArgumentParser(prog="hplint lsp")
    add_arguments(parser)
    return transport_from(parser.parse_args(argv), parser)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], Transport("stdio")),
        (["--stdio"], Transport("stdio")),
        (["--socket=4567"], Transport("socket", port=4567)),
        (["--socket", "4567", "--host", "::1"], Transport("socket", host="::1", port=4567)),
        (["--pipe=/tmp/vscode-1.sock"], Transport("pipe", pipe="/tmp/vscode-1.sock")),
        (["--tcp", "2087"], Transport("tcp", port=2087)),
        (["--tcp", "--port", "2087"], Transport("tcp", port=2087)),
        (["--port", "2087"], Transport("tcp", port=2087)),
        (["--stdio", "--clientProcessId=99"], Transport("stdio")),
    ],
)
def test_transport_flags(argv: list[str], expected: Transport) -> None:
    assert parse(*argv) == expected


@pytest.mark.parametrize(
    ("argv", "complaint"),
    [
        (["--stdio", "--socket=1"], "choose one transport, not --stdio and --socket"),
        (["--tcp", "1", "--pipe", "x"], "choose one transport, not --tcp and --pipe"),
        (["--tcp"], "--tcp needs a port"),
        (["--socket=0"], "not a port number"),
        (["--socket=http"], "not a port number"),
        (["--clientProcessId=abc"], "invalid int value"),
        (["--node-ipc"], "unrecognized arguments: --node-ipc"),
    ],
)
def test_contradictory_or_unknown_flags_are_usage_errors(
    argv: list[str], complaint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        parse(*argv)
    assert exited.value.code == 2
    assert complaint in capsys.readouterr().err


def test_client_process_id_is_read_in_both_spellings() -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    assert parser.parse_args(["--clientProcessId=42"]).client_process_id == 42
    assert parser.parse_args(["--client-process-id", "42"]).client_process_id == 42


# ----- the server, started as editors start it ---------------------------------------------
def _session(client: RawClient, workspace: Path, process_id: int | None) -> list[str]:
    """initialize, open a config, read its diagnostic codes, shut down: what any editor does."""
    init = client.request(
        "initialize",
        {"processId": process_id, "rootUri": workspace.as_uri(), "capabilities": {}},
    )
    result = client.response(init)["result"]
    assert result["serverInfo"]["name"] == "hplint"
    return _session_after_initialize(client, workspace)


def _spawn(*flags: str, cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "hplint", "lsp", *flags],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        cwd=cwd,
    )


def _finish(process: subprocess.Popen[bytes]) -> str:
    """Wait for a clean exit; the server's stderr."""
    try:
        process.wait(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
    _, stderr = process.communicate(timeout=10)
    text = stderr.decode("utf-8", "replace")
    assert process.returncode == 0, text[-3000:]
    return text


@contextlib.contextmanager
def _over(connection: socket.socket, process: subprocess.Popen[bytes]) -> Iterator[RawClient]:
    """A raw client over a connected socket; its stream objects closed afterwards."""
    reader, writer = connection.makefile("rb"), connection.makefile("wb")
    with reader, writer:
        yield RawClient(reader, writer, process)


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A client-side TCP socket the server connects to, as `TransportKind.socket` makes one."""
    with socket.create_server(("127.0.0.1", 0)) as sock:
        sock.settimeout(30)
        yield sock


def test_stdio_flag_the_way_vscode_languageclient_passes_it(tmp_path: Path) -> None:
    process = _spawn("--stdio", cwd=tmp_path)
    assert process.stdout is not None and process.stdin is not None
    client = RawClient(process.stdout, process.stdin, process)
    assert _session(client, tmp_path, os.getpid()) == ["HP002"]
    _finish(process)


def _serve_one_client(listening: socket.socket, flag: str, cwd: Path) -> list[str]:
    """Start the server with `flag`, accept the connection it makes and run a session over it,
    as vscode-languageclient does for its socket and pipe transports."""
    process = _spawn(flag, cwd=cwd)
    connection, _ = listening.accept()
    with connection, _over(connection, process) as client:
        codes = _session(client, cwd, os.getpid())
        _finish(process)
    return codes


def test_socket_transport_connects_to_the_client(tmp_path: Path, listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    assert _serve_one_client(listener, f"--socket={port}", tmp_path) == ["HP002"]


def test_pipe_transport_connects_to_the_clients_unix_socket(tmp_path: Path) -> None:
    path = tmp_path / "hplint-test.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.bind(str(path))
        sock.listen(1)
        sock.settimeout(30)
        assert _serve_one_client(sock, f"--pipe={path}", tmp_path) == ["HP002"]


def _tcp_server(tmp_path: Path) -> tuple[subprocess.Popen[bytes], int, socket.socket]:
    """`hplint lsp --tcp --port P` and the first connection to it."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # a free port, released for the server
    process = _spawn("--tcp", "--port", str(port), cwd=tmp_path)
    deadline = time.monotonic() + 30
    while True:
        try:
            return process, port, socket.create_connection(("127.0.0.1", port), timeout=30)
        except ConnectionRefusedError:
            assert process.poll() is None, process.communicate()[1].decode()
            assert time.monotonic() < deadline, "the server never listened"
            time.sleep(0.05)


def test_tcp_transport_listens_for_one_client(tmp_path: Path) -> None:
    process, _, connection = _tcp_server(tmp_path)
    with connection, _over(connection, process) as client:
        assert _session(client, tmp_path, os.getpid()) == ["HP002"]
        _finish(process)


def test_tcp_transport_serves_only_its_first_client(tmp_path: Path) -> None:
    # pygls' TCP server handed every new connection the server's writer: a second local
    # connection received all output meant for the first (#21).
    process, port, connection = _tcp_server(tmp_path)
    with connection, _over(connection, process) as client:
        init = client.request("initialize", {"processId": None, "capabilities": {}})
        assert "result" in client.response(init)
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
        assert _session_after_initialize(client, tmp_path) == ["HP002"]
        _finish(process)


def _session_after_initialize(client: RawClient, workspace: Path) -> list[str]:
    client.notify("initialized", {})
    uri = (workspace / "train.yaml").as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": CONFIG}},
    )
    published = client.wait_for(
        lambda m: (
            m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
        ),
        timeout=60,
    )
    client.response(client.request("shutdown", None), timeout=10)
    client.notify("exit", None)
    return sorted(d["code"] for d in published["params"]["diagnostics"])


def test_socket_transport_reports_a_client_that_is_not_there(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    process = _spawn(f"--socket={port}", cwd=tmp_path)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode != 0
    assert "ConnectionRefusedError" in stderr.decode()


# ----- an orphaned server ends itself --------------------------------------------------------
def _sleeper() -> subprocess.Popen[bytes]:
    """A stand-in for the editor: a process the test can end."""
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])


@pytest.mark.parametrize("how", ["--clientProcessId", "initialize"])
def test_server_exits_when_the_client_process_is_gone(tmp_path: Path, how: str) -> None:
    editor = _sleeper()
    flags = [f"--clientProcessId={editor.pid}"] if how == "--clientProcessId" else []
    process = _spawn("--stdio", *flags, cwd=tmp_path)
    assert process.stdout is not None and process.stdin is not None
    client = RawClient(process.stdout, process.stdin, process)
    init = client.request(
        "initialize",
        {
            "processId": editor.pid if how == "initialize" else None,
            "rootUri": tmp_path.as_uri(),
            "capabilities": {},
        },
    )
    client.response(init)
    time.sleep(0.5)
    assert process.poll() is None, "the server must run while its client does"
    editor.kill()
    editor.wait()
    # The stdio pipes stay open (the test holds them): only the watch can end the server.
    try:
        process.wait(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
    stderr = process.communicate(timeout=10)[1].decode()
    assert process.returncode == 1, stderr[-2000:]
    assert f"the client process {editor.pid} is gone" in stderr


def test_parent_watch_reports_the_first_vanished_process() -> None:
    alive = {10, 11}
    gone: list[int] = []
    done = threading.Event()

    def on_gone(pid: int) -> None:
        gone.append(pid)
        done.set()

    watch = ParentWatch(on_gone, exists=lambda pid: pid in alive, interval=0.01)
    watch.watch(None)
    watch.watch(0)
    watch.watch(os.getpid())  # never itself
    assert watch.pids == frozenset()
    watch.watch(10)
    watch.watch(11)
    assert watch.pids == {10, 11}
    time.sleep(0.05)
    assert gone == []
    alive.discard(11)
    assert done.wait(5)
    assert gone == [11]


def test_process_exists() -> None:
    assert process_exists(os.getpid())
    editor = _sleeper()
    assert process_exists(editor.pid)
    editor.kill()
    editor.wait()
    assert not process_exists(editor.pid)
    assert not process_exists(0)
    assert not process_exists(-5)
