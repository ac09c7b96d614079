"""`textDocument/documentSymbol` and `textDocument/foldingRange` (`services.outline`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from hplint.lsp.convert import PositionMapper

if TYPE_CHECKING:
    from hplint.lsp.host import FeatureHost
    from hplint.services.outline import Symbol

_KINDS = {
    "section": types.SymbolKind.Namespace,
    "class": types.SymbolKind.Class,
    "field": types.SymbolKind.Field,
    "value": types.SymbolKind.Property,
    "list": types.SymbolKind.Array,
}


def document_symbols(
    ls: FeatureHost, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol] | None:
    from hplint.services.outline import outline

    linted = ls.current(params.text_document.uri)
    if linted is None or not linted.result.is_tuning_config:
        return None  # another language server's outline, for files hplint does not read
    result = linted.result
    mapper = PositionMapper(result.text, ls.workspace.position_codec, result.lines)

    def convert(symbol: Symbol) -> types.DocumentSymbol:
        return types.DocumentSymbol(
            name=symbol.name or "(empty)",
            detail=symbol.detail or None,
            kind=_KINDS[symbol.kind],
            range=mapper.range(symbol.span),
            selection_range=mapper.range(symbol.selection),
            children=[convert(child) for child in symbol.children] or None,
        )

    return [convert(symbol) for symbol in outline(result)]


def folding_ranges(
    ls: FeatureHost, params: types.FoldingRangeParams
) -> list[types.FoldingRange] | None:
    from hplint.services.outline import folding_ranges as ranges

    linted = ls.current(params.text_document.uri)
    if linted is None or not linted.result.is_tuning_config:
        return None
    return [
        types.FoldingRange(start_line=first, end_line=last, kind=types.FoldingRangeKind.Region)
        for first, last in ranges(linted.result)
    ]
