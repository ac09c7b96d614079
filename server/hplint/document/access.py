"""Reading a node through its alias: the mapping, sequence or scalar value a node stands for.

Every layer above the document model reads nodes this way; these are the only copies."""

from __future__ import annotations

from hplint.document.model import MappingNode, Node, ScalarNode, SequenceNode


def mapping(node: Node | None) -> MappingNode | None:
    """The mapping `node` is (through an alias), or None."""
    if node is None:
        return None
    resolved = node.resolve()
    return resolved if isinstance(resolved, MappingNode) else None


def sequence(node: Node | None) -> SequenceNode | None:
    """The sequence `node` is (through an alias), or None."""
    if node is None:
        return None
    resolved = node.resolve()
    return resolved if isinstance(resolved, SequenceNode) else None


def scalar_value(node: Node | None) -> object:
    """The value of the scalar `node` is (through an alias), or None."""
    if node is None:
        return None
    resolved = node.resolve()
    return resolved.value if isinstance(resolved, ScalarNode) else None


def scalar_text(node: Node | None) -> str | None:
    """The value of a string scalar, or None for anything else."""
    value = scalar_value(node)
    return value if isinstance(value, str) else None
