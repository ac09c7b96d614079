"""Custom requests used by the VS Code extension: `hplint/documentInfo`, `hplint/ruleDocs`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hplint.knowledge.format_table import format_info

if TYPE_CHECKING:
    from hplint.lsp.host import FeatureHost


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def document_info(ls: FeatureHost, params: Any) -> dict[str, Any]:
    uri = _get(_get(params, "textDocument"), "uri")
    if not isinstance(uri, str):
        return {"format": None, "label": None}
    linted = ls.current(uri)
    format_id = linted.result.format_id if linted is not None else None
    info = format_info(format_id) if format_id is not None else None
    return {"format": format_id, "label": info.label if info is not None else None}


def rule_docs(ls: FeatureHost, params: Any) -> dict[str, Any] | None:
    from hplint.rules import get_rule

    code = _get(params, "code")
    if not isinstance(code, str):
        return None
    found = get_rule(code)
    return {"markdown": found.markdown()} if found is not None else None
