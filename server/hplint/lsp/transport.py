"""How the language server reaches its client, and when it must stop because the client is gone.

Editors start language servers with the flags `vscode-languageclient` made common: `--stdio`,
`--socket=PORT` (the client listens; the server connects), `--pipe=NAME` (the same over a
Unix domain socket) and `--clientProcessId=PID`. `--tcp PORT` is the other way round: the server
listens and one client connects, as pygls' own `--tcp --port` does; it serves that one only.

Nothing here imports pygls: `hplint lsp` parses its arguments before the server's imports start.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO, Literal

log = logging.getLogger("hplint.lsp")

TransportKind = Literal["stdio", "tcp", "socket", "pipe"]

# How often the client's process is looked for; vscode-languageserver-node checks every 3 s.
PARENT_POLL_SECONDS = 3.0


@dataclass(frozen=True, slots=True)
class Transport:
    """How the server reaches its client (`--stdio`, `--tcp`, `--socket` or `--pipe`)."""

    kind: TransportKind = "stdio"
    host: str = "127.0.0.1"
    port: int | None = None  # tcp: where to listen; socket: where the client listens
    pipe: str | None = None  # pipe: the client's Unix domain socket

    def describe(self) -> str:
        if self.kind == "tcp":
            return f"listening on {self.host}:{self.port}"
        if self.kind == "socket":
            return f"connected to {self.host}:{self.port}"
        if self.kind == "pipe":
            return f"connected to {self.pipe}"
        return "stdio"


def connect(transport: Transport) -> tuple[BinaryIO, BinaryIO]:
    """The connection to the client: (reader, writer).

    `--socket` and `--pipe` connect to a client that listens. `--tcp` listens and serves the
    first client that connects, then stops listening: a second connection is refused rather
    than handed the server's output (pygls' TCP server gave every new connection the writer).
    """
    if transport.kind == "tcp":
        assert transport.port is not None
        with socket.create_server((transport.host, transport.port)) as listener:
            log.info("hplint language server %s", transport.describe())
            sock, _ = listener.accept()
    elif transport.kind == "socket":
        assert transport.port is not None
        sock = socket.create_connection((transport.host, transport.port))
    elif transport.kind == "pipe":
        assert transport.pipe is not None
        if not hasattr(socket, "AF_UNIX"):
            raise OSError("--pipe needs Unix domain sockets; use --stdio on this system")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(transport.pipe)
    else:
        raise ValueError(f"the {transport.kind} transport has no connection to open")
    # Two buffered file objects over one socket: pygls reads and writes from different threads.
    return sock.makefile("rb"), sock.makefile("wb")


def process_exists(pid: int) -> bool:
    """Whether a process with this id is running (POSIX); True where that cannot be told."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        # os.kill(pid, 0) would send CTRL_C_EVENT there, not probe the process.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


class ParentWatch:
    """Ends the server when the process that started it is gone (LSP `processId`).

    Over stdio a dead client usually closes the pipes, but not when the editor's children keep
    them open, and never over `--socket`/`--pipe`; an orphaned server would then run forever.
    """

    def __init__(
        self,
        on_gone: Callable[[int], None],
        *,
        exists: Callable[[int], bool] = process_exists,
        interval: float = PARENT_POLL_SECONDS,
    ) -> None:
        self._on_gone = on_gone
        self._exists = exists
        self._interval = interval
        self._pids: set[int] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def pids(self) -> frozenset[int]:
        with self._lock:
            return frozenset(self._pids)

    def watch(self, pid: int | None) -> None:
        """Watch one more process id (from `--clientProcessId` or `initialize`)."""
        if pid is None or pid <= 0 or pid == os.getpid():
            return
        with self._lock:
            self._pids.add(pid)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="hplint-parent-watch", daemon=True
                )
                self._thread.start()

    def check(self) -> int | None:
        """The first watched process that is gone, if any."""
        for pid in sorted(self.pids):
            if not self._exists(pid):
                return pid
        return None

    def _run(self) -> None:
        while True:
            gone = self.check()
            if gone is not None:
                self._on_gone(gone)
                return
            time.sleep(self._interval)


def exit_orphaned(pid: int) -> None:
    """The default reaction to a vanished client: leave at once, as the LSP `exit` asks."""
    log.warning("the client process %d is gone; exiting", pid)
    logging.shutdown()
    os._exit(1)  # the main thread is blocked reading from the client; nothing else can stop it
