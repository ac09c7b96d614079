"""`textDocument/codeAction`: quick fixes, "disable for this line", `source.fixAll.hplint`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from hplint.lsp.convert import PositionMapper, range_from_json

if TYPE_CHECKING:
    from hplint.lsp.host import DocumentLint, FeatureHost

FIX_ALL = "source.fixAll.hplint"


def _wanted(only: Sequence[str] | None, kind: str) -> bool:
    if not only:
        return True
    return any(kind == str(k) or kind.startswith(f"{k}.") for k in only if str(k))


def _edits(items: Any) -> list[types.TextEdit] | None:
    edits: list[types.TextEdit] = []
    for item in items or ():
        rng = range_from_json(item.get("range") if isinstance(item, dict) else None)
        if rng is None or not isinstance(item.get("newText"), str):
            return None
        edits.append(types.TextEdit(range=rng, new_text=item["newText"]))
    return edits or None


def _payload(linted: DocumentLint, diagnostic: types.Diagnostic) -> dict[str, Any] | None:
    """The fix data of a diagnostic: from its `data`, else from the server's own lint."""
    if isinstance(diagnostic.data, dict) and diagnostic.data.get("code") == diagnostic.code:
        return diagnostic.data
    for own in linted.diagnostics:
        if own.code == diagnostic.code and own.range == diagnostic.range:
            return own.data if isinstance(own.data, dict) else None
    return None


def code_actions(ls: FeatureHost, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    uri = params.text_document.uri
    linted = ls.current(uri)
    if linted is None:
        return None
    only = [str(k) for k in params.context.only] if params.context.only else None
    actions: list[types.CodeAction] = []
    mine = [
        d for d in params.context.diagnostics if d.source == "hplint" and isinstance(d.code, str)
    ]
    if _wanted(only, types.CodeActionKind.QuickFix.value):
        disables: list[types.CodeAction] = []
        seen: set[tuple[int, str]] = set()
        for diagnostic in mine:
            payload = _payload(linted, diagnostic)
            if payload is None:
                continue
            fix = payload.get("fix")
            if isinstance(fix, dict):
                edits = _edits(fix.get("edits"))
                if edits:
                    actions.append(
                        types.CodeAction(
                            title=str(fix.get("title")),
                            kind=types.CodeActionKind.QuickFix,
                            diagnostics=[diagnostic],
                            is_preferred=True,
                            edit=types.WorkspaceEdit(changes={uri: edits}),
                        )
                    )
            disable = payload.get("disable")
            key = (diagnostic.range.start.line, str(diagnostic.code))
            if isinstance(disable, dict) and key not in seen:
                seen.add(key)
                edits = _edits([disable])
                if edits:
                    disables.append(
                        types.CodeAction(
                            title=f"Disable {diagnostic.code} for this line",
                            kind=types.CodeActionKind.QuickFix,
                            diagnostics=[diagnostic],
                            edit=types.WorkspaceEdit(changes={uri: edits}),
                        )
                    )
        actions.extend(disables)
    if only and _wanted(only, FIX_ALL) and linted.enabled and linted.result.is_tuning_config:
        fix_all = _fix_all(ls, uri, linted)
        if fix_all is not None:
            actions.append(fix_all)
    return actions


def _fix_all(ls: FeatureHost, uri: str, linted: DocumentLint) -> types.CodeAction | None:
    from pygls.uris import to_fs_path

    from hplint.engine import lint
    from hplint.services.code_actions import fix_all_edit

    document = ls.open_document(uri)
    if document is None:
        return None
    path = to_fs_path(uri)
    settings = ls.settings_for(path)
    language_id = document.language_id

    def relint(text: str) -> list[Any]:
        return lint(text, path=path or uri, language_id=language_id, settings=settings).diagnostics

    text = linted.result.text
    edit = fix_all_edit(text, relint)
    if edit is None:
        return None
    mapper = PositionMapper(text, ls.workspace.position_codec, linted.result.lines)
    return types.CodeAction(
        title="hplint: Fix all auto-fixable problems",
        kind=FIX_ALL,
        edit=types.WorkspaceEdit(changes={uri: [mapper.text_edit(edit)]}),
    )
