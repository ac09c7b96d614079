"""`textDocument/documentSymbol` and `textDocument/foldingRange` (`services.outline`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lsprotocol import types

from hplint.collector import paused_collector
from hplint.lsp.convert import PositionMapper, RawJSON

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


def document_symbols(ls: FeatureHost, params: types.DocumentSymbolParams) -> RawJSON | None:
    """The outline as `DocumentSymbol` JSON. Built as plain dicts, sent as they are: a
    10,000-line sweep has thousands of symbols, and lsprotocol's validated objects for them
    (ranges and positions included), then cattrs turning them back into dicts, cost ten times
    what computing the outline did."""
    from hplint.services.outline import outline

    linted = ls.current(params.text_document.uri)
    if linted is None or not linted.result.is_tuning_config:
        return None  # another language server's outline, for files hplint does not read
    result = linted.result
    mapper = PositionMapper(result.text, ls.workspace.position_codec, result.lines)

    def convert(symbol: Symbol) -> dict[str, Any]:
        converted: dict[str, Any] = {
            "name": symbol.name or "(empty)",
            "kind": _KINDS[symbol.kind].value,
            "range": mapper.range_json(symbol.span),
            "selectionRange": mapper.range_json(symbol.selection),
        }
        if symbol.detail:
            converted["detail"] = symbol.detail
        if symbol.children:
            converted["children"] = [convert(child) for child in symbol.children]
        return converted

    with paused_collector():
        return RawJSON(convert(symbol) for symbol in outline(result))


def folding_ranges(ls: FeatureHost, params: types.FoldingRangeParams) -> RawJSON | None:
    """`FoldingRange` JSON, as plain dicts for the same reason as the outline."""
    from hplint.services.outline import folding_ranges as ranges

    linted = ls.current(params.text_document.uri)
    if linted is None or not linted.result.is_tuning_config:
        return None
    region = types.FoldingRangeKind.Region.value
    return RawJSON(
        {"startLine": first, "endLine": last, "kind": region}
        for first, last in ranges(linted.result)
    )
