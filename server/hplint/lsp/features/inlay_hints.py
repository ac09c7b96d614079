"""`textDocument/inlayHint`: the numbers a config implies (`services.inlay_hints`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from hplint.lsp.convert import PositionMapper

if TYPE_CHECKING:
    from hplint.lsp.host import FeatureHost

_KINDS = {"type": types.InlayHintKind.Type, "parameter": types.InlayHintKind.Parameter}


def inlay_hints(ls: FeatureHost, params: types.InlayHintParams) -> list[types.InlayHint] | None:
    from hplint.services.inlay_hints import inlay_hints as hints_of

    if not ls.editor_settings.inlay_hints or not ls.editor_settings.enable:
        return []
    linted = ls.current(params.text_document.uri)
    if linted is None:
        return None
    result = linted.result
    mapper = PositionMapper(result.text, ls.workspace.position_codec, result.lines)
    last = max(0, result.lines.line_count - 1)
    start = mapper.offset(_clamp(params.range.start, last))
    end = mapper.offset(_clamp(params.range.end, last))
    return [
        types.InlayHint(
            position=mapper.position(hint.offset),
            label=hint.label,
            kind=_KINDS[hint.kind],
            tooltip=hint.tooltip,
            padding_left=True,
        )
        for hint in hints_of(result, start, end)
    ]


def _clamp(position: types.Position, last_line: int) -> types.Position:
    if position.line > last_line:
        return types.Position(line=last_line + 1, character=0)
    return position
