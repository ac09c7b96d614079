"""`textDocument/completion`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from hplint.lsp.convert import PositionMapper

if TYPE_CHECKING:
    from hplint.lsp.host import FeatureHost

_DOC_FORMAT = "text_document.completion.completion_item.documentation_format"
_KINDS = {
    "key": types.CompletionItemKind.Property,
    "value": types.CompletionItemKind.EnumMember,
    "class": types.CompletionItemKind.Class,
    "param": types.CompletionItemKind.Field,
    "distribution": types.CompletionItemKind.Function,
}


def completion(ls: FeatureHost, params: types.CompletionParams) -> types.CompletionList | None:
    from hplint.document.loader import language_for
    from hplint.services.completion import complete_at

    uri = params.text_document.uri
    document = ls.open_document(uri)
    if document is None or not ls.editor_settings.enable:
        return None
    text = document.source
    mapper = PositionMapper(text, ls.workspace.position_codec)
    if params.position.line >= mapper.lines.line_count:
        return None
    offset = mapper.offset(params.position)
    found = complete_at(
        text,
        offset,
        language=language_for(document.path or uri, document.language_id),
        format_hint=ls.formats.get(uri),
        linted=ls.lint_of_version(uri, document.version),
    )
    if found is None:
        return None
    replace = mapper.range(found.replace)
    snippets = False
    items = []
    for candidate in found.items:
        items.append(
            types.CompletionItem(
                label=candidate.label,
                kind=_KINDS.get(candidate.kind, types.CompletionItemKind.Text),
                detail=candidate.detail or None,
                documentation=ls.markup(_DOC_FORMAT, candidate.documentation)
                if candidate.documentation
                else None,
                sort_text=candidate.sort_text or None,
                filter_text=candidate.filter_text or None,
                text_edit=types.TextEdit(range=replace, new_text=candidate.insert_text),
                insert_text_format=types.InsertTextFormat.Snippet
                if snippets
                else types.InsertTextFormat.PlainText,
                tags=[types.CompletionItemTag.Deprecated] if candidate.deprecated else None,
            )
        )
    return types.CompletionList(is_incomplete=False, items=items)
