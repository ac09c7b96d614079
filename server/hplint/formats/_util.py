"""Small helpers shared by the format adapters."""

from __future__ import annotations

from hplint.document.model import MappingNode, Node, SequenceNode
from hplint.ir import AnyFact, Fact, Section


def mapping(node: Node | None) -> MappingNode | None:
    if node is None:
        return None
    resolved = node.resolve()
    return resolved if isinstance(resolved, MappingNode) else None


def sequence(node: Node | None) -> SequenceNode | None:
    if node is None:
        return None
    resolved = node.resolve()
    return resolved if isinstance(resolved, SequenceNode) else None


def fact(parent: MappingNode | None, key: str) -> AnyFact | None:
    """The fact for `key` in `parent` (value resolved through aliases), or None."""
    if parent is None:
        return None
    entry = parent.get_entry(key)
    if entry is None:
        return None
    value_node = entry.value
    resolved = value_node.resolve()
    from hplint.document.model import ScalarNode

    value: object
    if isinstance(resolved, ScalarNode):
        value = resolved.value
    else:
        from hplint.document.values import ExpansionLimitError, to_python

        try:
            value = to_python(resolved, [10_000])
        except ExpansionLimitError:
            value = None
    return Fact(value, value_node, entry.key)


def section(parent: MappingNode | None, key: str) -> Section:
    if parent is None:
        return Section()
    entry = parent.get_entry(key)
    if entry is None:
        return Section()
    return Section(entry.value, entry.key)
