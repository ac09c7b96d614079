"""Documents whose URI has %-escapes (a space, non-ASCII, VS Code's `file:///c%3A/…` on
Windows) are linted, and their diagnostics go back to the URI the client used (#21)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.helpers import diagnostics_for, open_document

pytestmark = pytest.mark.lsp

CONFIG = "hplint: 1\ntraining:\n  learning_rate: 1e-3\n  learning_rate: 0.1\n"


@pytest.mark.parametrize(
    "uri",
    [
        "file:///tmp/hplint%20tests/with%20space.yaml",
        "file:///tmp/donn%C3%A9es/train.yaml",
        "file:///c%3A/Users/me/train.yaml",
    ],
)
async def test_escaped_uris_are_linted(client: LanguageClient, uri: str) -> None:
    open_document(client, uri, CONFIG)
    codes = {d.code for d in await diagnostics_for(client, uri, 1)}
    assert {"HP007", "HP008"} <= codes
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=2, character=4),
        )
    )
    assert hover is not None


async def test_a_settings_change_relints_them_under_their_own_uri(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = "file:///tmp/hplint%20tests/relint.yaml"
    open_document(client, uri, CONFIG)
    await diagnostics_for(client, uri, 1)
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"hplint": {"ignore": ["HP008"]}})
    )
    client.set_configuration({"ignore": ["HP008"]}, section="hplint")  # type: ignore[attr-defined]
    import asyncio

    for _ in range(50):
        codes = {d.code for d in await diagnostics_for(client, uri)}
        if "HP008" not in codes:
            assert "HP007" in codes
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the escaped document was not relinted under its URI")
