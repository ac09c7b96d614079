"""The server's frame reader (`hplint.lsp.framing`): every frame bounded, every bad one
reported, and the next good one found after it."""

from __future__ import annotations

import io

import pytest

from hplint.lsp.framing import MAX_HEADER_LINE, MAX_MESSAGE_BYTES, FrameReader, Rejected

GOOD = b'{"jsonrpc":"2.0","method":"initialized","params":{}}'


def frame(body: bytes, length: bytes | None = None) -> bytes:
    size = str(len(body)).encode() if length is None else length
    return b"Content-Length: " + size + b"\r\n\r\n" + body


def read_all(data: bytes) -> list[bytes | Rejected]:
    reader = FrameReader(io.BufferedReader(io.BytesIO(data)))  # type: ignore[arg-type]
    found: list[bytes | Rejected] = []
    while (item := reader.next()) is not None:
        found.append(item)
    return found


def test_frames_with_other_headers_and_blank_lines_between() -> None:
    typed = b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
    data = frame(GOOD) + b"\r\n" + typed + frame(GOOD)
    assert read_all(data) == [GOOD, GOOD]


@pytest.mark.parametrize("length", [b"abc", b"-5", b"0", b"+5", b"5_0", b"\xd9\xa5", b""])
def test_a_malformed_length_is_rejected_and_the_next_frame_read(length: bytes) -> None:
    found = read_all(frame(GOOD, length) + frame(GOOD))
    assert isinstance(found[0], Rejected) and "is not a size" in found[0].reason
    assert found[-1] == GOOD  # the rejected body was skipped up to the glued header


def test_a_huge_length_is_rejected_without_reading_that_much() -> None:
    # The claimed 10^18 bytes never come: the reader must neither allocate nor wait for them.
    found = read_all(frame(GOOD, b"1000000000000000000") + frame(GOOD))
    assert isinstance(found[0], Rejected) and f"the limit is {MAX_MESSAGE_BYTES}" in found[0].reason
    assert found[1:] == [GOOD]


def test_a_message_without_content_length() -> None:
    found = read_all(b"Content-Type: x\r\n\r\n" + GOOD + frame(GOOD))
    assert isinstance(found[0], Rejected) and "without a Content-Length" in found[0].reason
    assert found[1:] == [GOOD]


def test_a_long_garbage_line_is_read_in_bounded_pieces_and_a_glued_header_found() -> None:
    garbage = b"x" * (3 * 1024 * 1024)
    found = read_all(garbage + frame(GOOD))
    assert found == [GOOD]
    # Garbage lines between frames are skipped; among a frame's headers they spoil the frame.
    assert read_all(b"y" * (2 * MAX_HEADER_LINE) + b"\r\n" + frame(GOOD)) == [GOOD]
    header_too_long = b"X-Long: " + b"y" * (2 * MAX_HEADER_LINE) + b"\r\n"
    found = read_all(b"Content-Length: 5\r\n" + header_too_long + b"\r\n" + frame(GOOD))
    assert isinstance(found[0], Rejected)
    assert found[1:] == [GOOD]


def test_a_body_cut_by_the_end_of_the_stream_ends_reading() -> None:
    assert read_all(frame(GOOD)[:-5]) == []
