"""One walk of a document's tree, kept per subtree: its plain scalars (what the YAML 1.1 rules
look at) and its `_target_` mappings (objects Hydra instantiates, which the adapters put into
the IR). After a one-scalar edit, only the edited scalar's ancestors are walked again."""

from __future__ import annotations

from collections.abc import Iterable

from hplint.document.model import MappingNode, Node, ScalarNode, ScalarStyle, SequenceNode
from hplint.document.values import subtree_memo


def plain_scalars(root: Node) -> list[ScalarNode]:
    """The plain, untagged scalars under `root` that are not keys, in source order."""
    return _collect(root)[0]


def target_mappings(root: Node) -> list[MappingNode]:
    """The mappings under `root` with a `_target_` key, in source order."""
    return _collect(root)[1]


_WALK_MEMO = "document.walk"  # key of `_collect`'s entries in `subtree_memo`s


def _collect(node: Node) -> tuple[list[ScalarNode], list[MappingNode]]:
    """The plain untagged non-key scalars and the `_target_` mappings under `node`, in source
    order.

    Kept per subtree: after a one-scalar edit only the edited scalar's ancestors are walked
    again, each joining its children's lists (aliases are not followed, as in `Node.walk`).
    One frame per level (no `remember` closure): trees may be `MAX_DEPTH` levels deep."""
    memo = subtree_memo(node)
    if memo is not None and _WALK_MEMO in memo:
        return memo[_WALK_MEMO]  # type: ignore[return-value]
    scalars: list[ScalarNode] = []
    mappings: list[MappingNode] = []
    children: Iterable[Node]
    if isinstance(node, MappingNode):
        if node.get_entry("_target_") is not None:
            mappings.append(node)
        children = [child for entry in node.entries for child in (entry.key, entry.value)]
    elif isinstance(node, SequenceNode):
        children = node.items
    else:
        children = (node,)
    plain = ScalarStyle.PLAIN
    for child in children:
        cls = child.__class__
        if cls is ScalarNode:
            if child.style is plain and child.tag is None and not child.is_key:  # type: ignore[attr-defined]
                scalars.append(child)  # type: ignore[arg-type]
        elif cls is MappingNode or cls is SequenceNode:
            inner_scalars, inner_mappings = _collect(child)
            scalars += inner_scalars
            mappings += inner_mappings
    if memo is not None:
        memo[_WALK_MEMO] = (scalars, mappings)
    return scalars, mappings
