"""The server's read loop: LSP's `Content-Length` framing, read so that no input stops it.

pygls' own loop trusts the header. A huge `Content-Length` made it allocate (or wait for) that
many bytes; a malformed one (`abc`, `-5`, `0`) was skipped, so the body that followed was read
as header lines and the messages after it were lost; a body that is not JSON was only logged,
leaving the client waiting. Here every frame is bounded, every bad one is answered with a
JSON-RPC error (`id: null`, as JSON-RPC 2.0 answers what it cannot attribute), and the reader
finds the next `Content-Length` header to go on.

A batch (a JSON array), or anything but a JSON-RPC 2.0 object, is refused the same way: LSP
sends one message at a time.

The exit code of the `exit` notification (0 after `shutdown`, 1 without) is kept: pygls raises
`SystemExit` for it inside the loop, which its `start_io` swallowed.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.io_ import StdoutWriter

if TYPE_CHECKING:
    from pygls.lsp.server import LanguageServer

log = logging.getLogger("hplint.lsp")

MAX_MESSAGE_BYTES = 64 * 1024 * 1024
"""The largest message read. The largest file linted is 5 MB (`limits.py`); its text in a
`didOpen`, JSON-escaped, stays well below this."""
MAX_HEADER_LINE = 8 * 1024
_CONTENT_LENGTH = b"content-length"
_LONG_LINE_CHUNK = 64 * 1024  # how a line longer than any header is read
# RFC 9110 token characters: what a header name is made of (a JSON body's `{"key"` is not).
_TOKEN = frozenset(b"!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


@dataclass(frozen=True, slots=True)
class Rejected:
    """A frame that was not read: why, and the JSON-RPC error code to answer with."""

    reason: str
    code: int = types.ErrorCodes.InvalidRequest


class FrameReader:
    """Reads one message body after another from a blocking binary stream.

    A frame that cannot be read (no usable `Content-Length`, or one over the limit) is never
    skipped by the length it claims: a lying header would make the reader swallow the messages
    after it. Its bytes are read as lines instead until the next `Content-Length` header, which
    may follow a body on the same line (bodies need not end in a newline).
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def next(self) -> bytes | Rejected | None:
        """The next body, a `Rejected` frame, or None at the end of the stream."""
        length: int | None = None
        problem: str | None = None
        seen_header = False
        while True:
            line = self._line()
            if line is None:
                return None
            text = line.strip()
            if not text:
                if seen_header:
                    break
                continue  # blank lines between messages
            header = _header(text) if len(line) <= MAX_HEADER_LINE else None
            if header is None:
                # Not a header: bytes of a frame that was rejected, or garbage. The next frame
                # may start inside it.
                start = line.lower().rfind(_CONTENT_LENGTH + b":")
                if start < 0:
                    # Before a frame's first header this is garbage between frames: skipped
                    # (and logged); among its headers it spoils the frame.
                    if seen_header:
                        problem = problem or "a header line that is not `Name: value`"
                    else:
                        log.warning("skipped %d bytes that are not a message header", len(line))
                    continue
                header = _header(line[start:].strip())
                if header is None:
                    continue
            seen_header = True
            name, value = header
            if name.lower() == _CONTENT_LENGTH:
                size = int(value) if value.isdigit() and value.isascii() else 0
                if size > 0:
                    length = size
                else:
                    problem = f"Content-Length {value.decode('ascii', 'replace')!r} is not a size"
        if problem is None and length is None:
            problem = "a message without a Content-Length header"
        if problem is not None:
            return Rejected(problem)
        assert length is not None
        if length > MAX_MESSAGE_BYTES:
            return Rejected(f"a message of {length} bytes; the limit is {MAX_MESSAGE_BYTES}")
        body = self._stream.read(length)
        if len(body) < length:
            return None
        return body

    def _line(self) -> bytes | None:
        """The next line; of a longer one only its last MAX_HEADER_LINE bytes and more (read in
        chunks, so memory stays bounded), enough to find a header glued to its end."""
        line = self._stream.readline(MAX_HEADER_LINE)
        if not line:
            return None
        while not line.endswith(b"\n"):
            chunk = self._stream.readline(_LONG_LINE_CHUNK)
            if not chunk:
                return line
            line = line[-MAX_HEADER_LINE:] + chunk
            if len(line) > 2 * MAX_HEADER_LINE and not chunk.endswith(b"\n"):
                line = line[-MAX_HEADER_LINE:]
        return line


def _header(text: bytes) -> tuple[bytes, bytes] | None:
    name, colon, value = text.partition(b":")
    if not colon or not _is_token(name):
        return None
    return name, value.strip()


def _is_token(name: bytes) -> bool:
    return bool(name) and all(b in _TOKEN for b in name)


def serve(server: LanguageServer, reader: BinaryIO, writer: BinaryIO) -> int:
    """Run `server` over one connection until the client leaves; the process's exit code."""
    server._stop_event = stop = threading.Event()
    server.protocol.set_writer(StdoutWriter(writer))
    code = 0
    try:
        asyncio.run(_read_loop(server, FrameReader(reader), stop))
    except SystemExit as leaving:  # the `exit` notification
        code = leaving.code if isinstance(leaving.code, int) else 1
    except BrokenPipeError:
        log.error("the connection to the client is lost; shutting down")
        code = 1
    except KeyboardInterrupt:
        code = 1
    finally:
        server.shutdown()  # type: ignore[no-untyped-call]
    return code


async def _read_loop(server: LanguageServer, frames: FrameReader, stop: threading.Event) -> None:
    protocol = server.protocol
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        frame = await loop.run_in_executor(server.thread_pool, frames.next)
        if frame is None:
            return
        if isinstance(frame, Rejected):
            log.warning("rejected a message: %s", frame.reason)
            _answer_unattributed(server, frame)
            continue
        try:
            data = json.loads(frame)
        except ValueError as error:  # not JSON, or not UTF-8
            not_json = Rejected(f"not JSON: {error}", types.ErrorCodes.ParseError)
            _answer_unattributed(server, not_json)
            continue
        if not isinstance(data, dict) or data.get("jsonrpc") != "2.0":
            what = (
                "a batch (LSP sends one message at a time)"
                if isinstance(data, list)
                else "not a JSON-RPC 2.0 message"
            )
            _answer_unattributed(server, Rejected(what))
            continue
        try:
            message = protocol.structure_message(data)
        except Exception as error:  # requests with an id were answered by HplintProtocol
            log.warning("could not read a %s message: %r", data.get("method", "?"), error)
            _answer_unattributed(server, Rejected(f"unreadable message: {error!r}"))
            continue
        try:
            protocol.handle_message(message)
        except SystemExit:
            raise
        except Exception as error:  # pygls' dispatch on a message it cannot route
            log.warning("could not handle a %s message: %r", data.get("method", "?"), error)
            log.debug("the message that could not be handled", exc_info=True)
            server._report_server_error(error, JsonRpcException)


def _answer_unattributed(server: LanguageServer, frame: Rejected) -> None:
    error = types.ResponseError(code=frame.code, message=f"hplint: {frame.reason}")
    server.protocol._send_data(types.ResponseErrorMessage(id=None, error=error))
