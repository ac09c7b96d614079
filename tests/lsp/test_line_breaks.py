"""The server's text stays the editor's (#21): LSP ends lines at `\\n`, `\\r\\n` and `\\r` only,
so an incremental edit after U+2028, U+2029, NEL or a form feed lands where the editor put it."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.helpers import diagnostics_for, open_document

pytestmark = pytest.mark.lsp


# Valid inside a JSON string (YAML reads them as line breaks itself, and refuses C0 controls).
@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
async def test_an_edit_after_a_unicode_line_separator_lands_in_place(
    client: LanguageClient, separator: str
) -> None:
    uri = f"file:///tmp/hplint-lsp-tests/separator-{ord(separator):04x}.json"
    text = (
        f'{{"hplint": 1, "data": {{"train": "a{separator}b.csv"}},\n'
        ' "training": {\n  "optimizr": "sgd"\n }}\n'
    )
    open_document(client, uri, text, language="json")
    assert "HP002" in {d.code for d in await diagnostics_for(client, uri, 1)}
    # The editor renames `optimizr` (its line 2, characters 3–11) to `optimizer`.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=2, character=3),
                        end=types.Position(line=2, character=11),
                    ),
                    text="optimizer",
                )
            ],
        )
    )
    found = await diagnostics_for(client, uri, 2)
    assert not {d.code for d in found} & {"HP008", "HP000", "HP002"}, [
        (d.code, d.message) for d in found
    ]
