"""Positions on a long line with a non-ASCII character are counted at C speed (#21): a
thousand diagnostics on one 60 KB JSON line reach the client in seconds, not minutes, and
every position agrees with pygls' own count in each encoding."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec
from pytest_lsp import LanguageClient

from hplint.lsp.convert import PositionMapper
from tests.lsp.helpers import diagnostics_for, open_document

pytestmark = pytest.mark.lsp

TRICKY = "ascii é ß 😀 中文 \u2028 \U0001f600x"


@pytest.mark.parametrize(
    "encoding",
    [
        types.PositionEncodingKind.Utf8,
        types.PositionEncodingKind.Utf16,
        types.PositionEncodingKind.Utf32,
    ],
)
def test_positions_agree_with_pygls_in_every_encoding(
    encoding: types.PositionEncodingKind,
) -> None:
    codec = PositionCodec(encoding)
    mapper = PositionMapper(TRICKY, codec)
    for offset in range(len(TRICKY) + 1):
        assert mapper.position(offset).character == codec.client_num_units(TRICKY[:offset])


async def test_a_thousand_diagnostics_on_one_long_line(client: LanguageClient) -> None:
    pairs = ", ".join(f'"key_{i:05d}": {i}' for i in range(3000))
    text = '{"hplint": 1, "é": 1, "training": {' + pairs + "}}"
    uri = "file:///tmp/hplint-lsp-tests/one-long-line.json"
    open_document(client, uri, text, language="json")
    found = await diagnostics_for(client, uri, 1)  # waits 10 s at most
    assert len(found) == 1001
    assert all(d.range.start.line == 0 for d in found)
