"""`textDocument/hover`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from hplint.lsp.convert import PositionMapper

if TYPE_CHECKING:
    from hplint.lsp.host import FeatureHost


def hover(ls: FeatureHost, params: types.HoverParams) -> types.Hover | None:
    from hplint.services.hover import hover_at

    linted = ls.current(params.text_document.uri)
    if linted is None:
        return None
    result = linted.result
    mapper = PositionMapper(result.text, ls.workspace.position_codec, result.lines)
    if params.position.line >= result.lines.line_count:
        return None
    found = hover_at(result, mapper.offset(params.position))
    if found is None:
        return None
    return types.Hover(
        contents=ls.markup("text_document.hover.content_format", found.markdown),
        range=mapper.range(found.span),
    )
