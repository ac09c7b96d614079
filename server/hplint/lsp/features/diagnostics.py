"""Pull diagnostics (`textDocument/diagnostic`); push happens in `FeatureHost`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

if TYPE_CHECKING:
    from hplint.lsp.host import FeatureHost


async def pull(
    ls: FeatureHost, params: types.DocumentDiagnosticParams
) -> types.FullDocumentDiagnosticReport | types.UnchangedDocumentDiagnosticReport:
    uri = params.text_document.uri
    linted = await ls.lint_for_pull(uri)
    if linted is None:  # not open: nothing to say
        return types.FullDocumentDiagnosticReport(items=[])
    if params.previous_result_id is not None and params.previous_result_id == linted.result_id:
        return types.UnchangedDocumentDiagnosticReport(result_id=linted.result_id)
    return types.FullDocumentDiagnosticReport(items=linted.diagnostics, result_id=linted.result_id)
