"""Node tree → plain Python values (for JSON Schema validation), and instance paths → nodes.

Aliases are expanded and merge keys applied, as a YAML loader would, but with a budget: a small
file whose aliases expand to millions of nodes ("billion laughs") stops at `MAX_EXPANDED_NODES`
and is reported instead of eating memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from hplint.document.model import (
    AliasNode,
    MappingEntry,
    MappingNode,
    Node,
    PathElement,
    ScalarNode,
    SequenceNode,
)

MAX_EXPANDED_NODES: Final = 200_000
"""Most values one document may expand to through aliases."""
MAX_EXPANDED_DEPTH: Final = 200
"""Deepest nesting `to_python` builds. The loader already refuses documents whose aliases nest
deeper than the parser's cap (the same 200); this guard keeps `to_python` from a RecursionError
on a tree that did not come through the loader."""


class ExpansionLimitError(Exception):
    """Alias expansion would exceed `MAX_EXPANDED_NODES` values or `MAX_EXPANDED_DEPTH` levels.

    `str(error)` completes the sentence "YAML aliases …".
    """

    def __init__(self, alias: Node, *, too_deep: bool = False) -> None:
        super().__init__(
            f"nest values deeper than {MAX_EXPANDED_DEPTH} levels"
            if too_deep
            else f"expand to more than {MAX_EXPANDED_NODES:,} values"
        )
        self.alias = alias


def to_python(node: Node | None, budget: list[int] | None = None) -> object:
    """The value a YAML loader would build (mappings → dict with str keys, last duplicate wins)."""
    if node is None:
        return None
    remaining = budget if budget is not None else [MAX_EXPANDED_NODES]
    return _convert(node, remaining, None, 0)


def _convert(node: Node, budget: list[int], alias: Node | None, depth: int) -> object:
    budget[0] -= 1
    if budget[0] < 0:
        raise ExpansionLimitError(alias or node)
    if depth > MAX_EXPANDED_DEPTH:
        raise ExpansionLimitError(alias or node, too_deep=True)
    if isinstance(node, AliasNode):
        return _convert(node.target, budget, alias or node, depth)
    if isinstance(node, ScalarNode):
        return node.value
    if isinstance(node, SequenceNode):
        return [_convert(item, budget, alias, depth + 1) for item in node.items]
    if isinstance(node, MappingNode):
        return {
            entry.key_text: _convert(entry.value, budget, alias, depth + 1)
            for entry in node.effective_entries()
        }
    return None


def entry_at(node: Node, key: str) -> MappingEntry | None:
    resolved = node.resolve()
    if isinstance(resolved, MappingNode):
        return resolved.get_entry(key)
    return None


def locate(root: Node, path: Sequence[PathElement]) -> tuple[Node, MappingEntry | None]:
    """The node at an instance path and the mapping entry that holds it (if any).

    Walking stops at an alias site: what is wrong inside an aliased value is reported where the
    alias is used, not at the (possibly distant) anchor. A path that runs past the tree stops at
    the deepest node that exists.
    """
    current = root
    holder: MappingEntry | None = None
    for element in path:
        if isinstance(current, AliasNode):
            return current, holder
        if isinstance(element, str) and isinstance(current, MappingNode):
            entry = current.get_entry(element)
            if entry is None:
                return current, holder
            holder = entry
            current = entry.value
        elif isinstance(element, int) and isinstance(current, SequenceNode):
            if not 0 <= element < len(current.items):
                return current, holder
            holder = None
            current = current.items[element]
        else:
            return current, holder
    return current, holder


def get_path(root: Node | None, *path: PathElement) -> Node | None:
    """The node at `path`, resolving aliases, or None when any step is missing."""
    current = root
    for element in path:
        if current is None:
            return None
        current = current.resolve()
        if isinstance(element, str) and isinstance(current, MappingNode):
            current = current.get(element)
        elif isinstance(element, int) and isinstance(current, SequenceNode):
            current = current.items[element] if 0 <= element < len(current.items) else None
        else:
            return None
    return current.resolve() if current is not None else None
