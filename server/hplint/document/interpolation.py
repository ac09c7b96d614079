"""OmegaConf node interpolations (`${trainer.max_epochs}`, `${.lr}`, `${..batch_size}`) followed
inside one document.

Only a scalar that is *exactly* one interpolation is followed: a string that embeds one
(`run_${seed}`), a resolver (`${oc.env:LR}`, `${eval:...}`) or bracket syntax stays a string,
never a guess. Relative references (leading dots) start at the mapping that holds the scalar,
one level up per extra dot, and fail when they climb out of the document. An absolute
reference starts at the document root, which is the composed config's root only when the
caller says so (`absolute=True`): a Hydra config group file is placed under its package, so
`${trainer.max_epochs}` there names a key of the composed config, not of the file.
"""

from __future__ import annotations

import re
from typing import Final

from hplint.document.model import MappingNode, Node, ScalarNode, SequenceNode

MAX_HOPS: Final = 16
"""Most interpolations one value is followed through (`a: ${b}`, `b: ${c}`, …)."""

# `${` dots, then dotted keys of letters, digits, `_` and `-` (OmegaConf's own key grammar
# allows more, but nothing a training config spells), then `}`.
_REFERENCE: Final = re.compile(r"\$\{(\.*)([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\}")


def node_reference(value: object) -> tuple[int, tuple[str, ...]] | None:
    """(leading dots, keys) of a value that is exactly one node interpolation, else None."""
    if not isinstance(value, str):
        return None
    match = _REFERENCE.fullmatch(value)
    if match is None:
        return None
    return len(match.group(1)), tuple(match.group(2).split("."))


def follow(node: Node, *, absolute: bool) -> Node | None:
    """The node `node`'s interpolation leads to inside its document (through chains of
    interpolations), or None: not an interpolation, a key the document lacks, an absolute
    reference when `absolute` is False, a cycle, or more than `MAX_HOPS` hops."""
    current = node
    seen: set[int] = set()
    for _ in range(MAX_HOPS):
        resolved = current.resolve()
        reference = node_reference(resolved.value) if isinstance(resolved, ScalarNode) else None
        if reference is None:
            return None if current is node else current
        if id(resolved) in seen:
            return None
        seen.add(id(resolved))
        target = _lookup(current, *reference, absolute=absolute)
        if target is None:
            return None
        current = target
    return None


def _lookup(node: Node, dots: int, keys: tuple[str, ...], *, absolute: bool) -> Node | None:
    if dots == 0:
        if not absolute:
            return None
        start: Node | None = _root(node)
    else:
        start = node.parent
        for _ in range(dots - 1):
            start = start.parent if start is not None else None
    found = start
    for key in keys:
        if found is None:
            return None
        container = found.resolve()
        if isinstance(container, MappingNode):
            found = container.get(key)
        elif isinstance(container, SequenceNode) and key.isdigit():
            index = int(key)
            found = container.items[index] if index < len(container.items) else None
        else:
            return None
    return found


def _root(node: Node) -> Node:
    while node.parent is not None:
        node = node.parent
    return node
