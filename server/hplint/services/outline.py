"""The outline of a config (`textDocument/documentSymbol`) and its folding ranges.

The outline follows the file's own structure — its sections, in source order — and names what
hplint understands in it: an object that names a class (`class`, `_target_`, `class_path`) is a
class symbol with the class as its detail; a searched dimension is a field with its
distribution (`loguniform 1e-5 … 1e-1`, `choice ×3`). Sequences of mappings are listed by their
`name` (pipeline steps, layers, Katib's and SageMaker's dimensions) or their position. Plain
values are listed in the top-level sections only (`training.learning_rate`); deeper ones are a
class's parameters or a setting's details.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from hplint.collector import paused_collector
from hplint.document.access import mapping, scalar_text, scalar_value, sequence
from hplint.document.model import MappingNode, Node, SequenceNode
from hplint.ir import number
from hplint.text import Span

if TYPE_CHECKING:
    from hplint.engine import LintResult
    from hplint.ir import SearchParam
    from hplint.text import LineIndex

SymbolKind = Literal["section", "class", "field", "value", "list"]
MAX_DEPTH = 6
"""Deepest level listed: deeper structure is values, not outline."""
VALUE_DEPTH = 1
"""Deepest level whose plain values are listed (`training.learning_rate`): below it, values
are a class's parameters or a setting's details, and a 10,000-line file would list thousands."""
_CLASS_KEYS = ("class", "_target_", "class_path")
_NAME_KEYS = ("name", "Name")


@dataclass(slots=True)
class Symbol:
    """One outline entry (`documentSymbol`): a key of the config and the entries under it."""

    name: str
    kind: SymbolKind
    span: Span  # the whole entry (key and value)
    selection: Span  # the key
    detail: str = ""
    children: list[Symbol] = field(default_factory=list)


def outline(result: LintResult) -> list[Symbol]:
    """The symbols of every tuning config in the document (none for other files)."""
    searched = {
        id(param.anchor): param
        for config in result.configs
        for param in config.search.space
        if param.anchor is not None
    }
    symbols: list[Symbol] = []
    with paused_collector():
        for root, format_id in zip(result.document.roots, result.formats, strict=False):
            if format_id and root.node is not None:
                symbols.extend(_children(root.node, searched, 0))
    return symbols


def _children(node: Node, searched: dict[int, SearchParam], depth: int) -> list[Symbol]:
    if depth >= MAX_DEPTH:
        return []
    body = mapping(node)
    if body is not None:
        entries = (
            _entry(entry.key, entry.value, entry.key_text, searched, depth)
            for entry in body.own_entries()
        )
        return [symbol for symbol in entries if symbol is not None]
    items = sequence(node)
    if items is None:
        return []
    found: list[Symbol] = []
    for index, item in enumerate(items.items):
        inner = mapping(item)
        if inner is None:
            continue  # a list of scalars is a value, not structure
        name_node = next((n for k in _NAME_KEYS if (n := inner.get(k)) is not None), None)
        name = scalar_text(name_node) or f"[{index}]"
        param = searched.get(id(name_node)) if name_node is not None else None
        if param is not None and name_node is not None:
            # Katib and SageMaker list their dimensions, each named by its `name`/`Name` value.
            found.append(Symbol(name, "field", item.span, name_node.span, _distribution(param)))
            continue
        symbol = _entry(item, item, name, searched, depth)
        if symbol is not None:
            found.append(symbol)
    return found


def _entry(
    key: Node, value: Node, name: str, searched: dict[int, SearchParam], depth: int
) -> Symbol | None:
    span = Span(key.span.start, max(key.span.end, value.span.end))
    param = searched.get(id(key)) or searched.get(id(value))
    if param is not None:
        return Symbol(name, "field", span, key.span, _distribution(param))
    body = mapping(value)
    if body is not None:
        cls = next((scalar_text(n) for k in _CLASS_KEYS if (n := body.get(k)) is not None), None)
        kind: SymbolKind = "class" if cls else "section"
        return Symbol(name, kind, span, key.span, cls or "", _children(value, searched, depth + 1))
    if isinstance(value.resolve(), SequenceNode):
        children = _children(value, searched, depth + 1)
        return Symbol(name, "list" if children else "value", span, key.span, "", children)
    if depth > VALUE_DEPTH:
        return None  # a class's parameter, a setting deep inside: values, not outline
    text = scalar_text(value)
    detail = text if text is not None else _scalar(value)
    return Symbol(name, "value", span, key.span, detail[:60])


def _scalar(node: Node) -> str:
    value = scalar_value(node)
    return "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def _distribution(param: SearchParam) -> str:
    kind = param.dist_name or param.kind
    if param.values and param.kind in ("choice", "constant"):
        return f"{kind} ×{len(param.values)}"
    low, high = number(param.low), number(param.high)
    if low is not None and high is not None:
        return f"{kind} {low:g} … {high:g}"
    return kind


def folding_ranges(result: LintResult) -> list[tuple[int, int]]:
    """(first line, last line), 0-based, of every block mapping or sequence spanning lines. A
    mapping entry's value folds from its key's line (a block value starts on the line after it).
    """
    with paused_collector():
        lines: LineIndex = result.lines
        found: set[tuple[int, int]] = set()
        for root in result.document.roots:
            if root.node is None:
                continue
            # (collection, where its fold starts), parents first; the root is the whole
            # document and is not folded itself.
            stack: list[tuple[Node, int | None]] = [(root.node, None)]
            while stack:
                node, start = stack.pop()
                if start is not None:
                    first = lines.position(start).line
                    last = lines.position(max(node.span.start, node.span.end - 1)).line
                    if last > first:
                        found.add((first, last))
                if isinstance(node, MappingNode):
                    stack.extend(
                        (entry.value, entry.key.span.start)
                        for entry in node.entries
                        if isinstance(entry.value, (MappingNode, SequenceNode))
                    )
                elif isinstance(node, SequenceNode):
                    stack.extend(
                        (item, item.span.start)
                        for item in node.items
                        if isinstance(item, (MappingNode, SequenceNode))
                    )
        return sorted(found)
