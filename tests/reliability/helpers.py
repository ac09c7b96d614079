"""Shared helpers of the reliability suite: bounded subprocesses, span checks, a socket guard."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from hplint.engine import LintResult

REPO = Path(__file__).resolve().parents[2]
MEASURED = Path(__file__).with_name("_measured.py")
RSS_LIMIT_MB = 300
"""Peak RSS allowed to one `hplint check` on one hostile file."""
CLI_TIMEOUT = 60.0
"""Seconds one hostile file may take through the CLI: a hang fails the test, not the suite."""


@dataclass(frozen=True, slots=True)
class CliRun:
    returncode: int
    stdout: str
    stderr: str
    peak_rss_mb: float


def run_cli(
    *args: str, cwd: Path, stdin: bytes | None = None, timeout: float = CLI_TIMEOUT
) -> CliRun:
    """`python -m hplint ARGS` in a subprocess, killed (and the test failed) after `timeout`."""
    rss_file = cwd / ".hplint-rss"
    rss_file.unlink(missing_ok=True)
    env = {**os.environ, "HPLINT_RSS_FILE": str(rss_file), "PYTHONPATH": _pythonpath()}
    env.pop("GITHUB_ACTIONS", None)
    try:
        done = subprocess.run(
            [sys.executable, str(MEASURED), *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:  # subprocess.run kills the child first
        raise AssertionError(f"hplint {' '.join(args)} did not finish in {timeout:.0f} s") from exc
    rss = int(rss_file.read_text()) / 1024 if rss_file.exists() else float("nan")
    return CliRun(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
        rss,
    )


def _pythonpath() -> str:
    parts = [str(REPO / "server")]
    if os.environ.get("PYTHONPATH"):
        parts.append(os.environ["PYTHONPATH"])
    return os.pathsep.join(parts)


def assert_spans_inside(result: LintResult) -> None:
    """Every diagnostic, related location and fix edit lies inside the text."""
    size = len(result.text)
    for diagnostic in result.diagnostics:
        span = diagnostic.span
        assert 0 <= span.start <= span.end <= size, (diagnostic, size)
        for related in diagnostic.related:
            assert 0 <= related.span.start <= related.span.end <= size, (related, size)
        if diagnostic.fix is not None:
            for edit in diagnostic.fix.edits:
                assert 0 <= edit.span.start <= edit.span.end <= size, (edit, size)


class NetworkAttempt(AssertionError):
    pass


@contextmanager
def no_network() -> Iterator[list[str]]:
    """Make every outgoing connection and name lookup raise (and record it) in this process."""
    attempts: list[str] = []

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def guard(*args: object, **kwargs: object) -> object:
            attempts.append(f"{name}{args!r}")
            raise NetworkAttempt(f"network access while linting: {name}{args!r}")

        return guard

    saved = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.create_connection,
        socket.getaddrinfo,
    )
    socket.socket.connect = refuse("connect")  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse("connect_ex")  # type: ignore[method-assign]
    socket.create_connection = refuse("create_connection")  # type: ignore[assignment]
    socket.getaddrinfo = refuse("getaddrinfo")  # type: ignore[assignment]
    try:
        yield attempts
    finally:
        (
            socket.socket.connect,  # type: ignore[method-assign]
            socket.socket.connect_ex,  # type: ignore[method-assign]
            socket.create_connection,
            socket.getaddrinfo,
        ) = saved


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail (instead of hanging the suite) when the block runs longer than `seconds`.

    SIGALRM interrupts Python code between bytecodes, and libyaml between events; main thread
    only (pytest runs tests there).
    """
    import signal

    def expired(signum: int, frame: object) -> None:
        raise AssertionError(f"did not finish in {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
