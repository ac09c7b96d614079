"""Node tree → plain Python values (for JSON Schema validation), and instance paths → nodes.

Aliases are expanded and merge keys applied, as a YAML loader would, but with a budget: a small
file whose aliases expand to millions of nodes ("billion laughs") stops at `MAX_EXPANDED_NODES`
and is reported instead of eating memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final, TypeVar, cast

from hplint.document.model import (
    AliasNode,
    MappingEntry,
    MappingNode,
    Node,
    PathElement,
    ScalarNode,
    SequenceNode,
)

T = TypeVar("T")

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
    """The value a YAML loader would build (mappings → dict with str keys, last duplicate wins).

    The value of every mapping and sequence whose subtree holds no alias and no `<<` merge key
    is memoised on the node (with how many values it counts against the budget and how deep it
    goes), so converting the tree again after a scalar edit rebuilds only the edited scalar's
    ancestors (`yaml_parser.patch_plain_scalar` drops their memos). Memoised values are shared
    between callers: they must be treated as read-only.
    """
    if node is None:
        return None
    remaining = budget if budget is not None else [MAX_EXPANDED_NODES]
    return _convert(node, remaining, None, 0)


FACT_VALUE_BUDGET: Final = 10_000
"""Most values one fact's value may expand to (a fact is one setting, not a document)."""


def fact_value(node: Node) -> object:
    """The value of one setting: a scalar's value, else what `to_python` builds within
    `FACT_VALUE_BUDGET` values, or None past it (never raises)."""
    resolved = node.resolve()
    if isinstance(resolved, ScalarNode):
        return resolved.value
    try:
        return to_python(resolved, [FACT_VALUE_BUDGET])
    except ExpansionLimitError:
        return None


def forget_values(node: Node | None) -> None:
    """Drop the memoised values (and subtree memos) of `node` and its ancestors, after `node`
    changed in place."""
    while node is not None:
        if node.__class__ is MappingNode or node.__class__ is SequenceNode:
            node._py = None
            node._memo = None
        node = node.parent


def subtree_memo(node: Node | None) -> dict[object, object] | None:
    """A cache for what is computed from `node`'s subtree alone, kept while that subtree is
    unchanged, or None when there is no such guarantee.

    The language server lints each edit by patching the previous tree in place
    (`yaml_parser.patch_plain_scalar`), which drops the memos of the edited scalar's ancestors
    (`forget_values`); every other subtree, and its memo, survives. A memo exists only on a
    mapping or sequence whose value `to_python` memoised — no alias and no merge key inside,
    whose targets could change elsewhere — so call it after the tree was converted
    (validation converts every tuning root before the adapters and rules run).

    What is stored must depend on nothing but the subtree and static knowledge (no settings),
    must hold nodes rather than spans (offsets shift after an edit elsewhere), and is shared
    by every later lint of the tree: read-only. Keys start with a namespace of the caller.
    """
    if not isinstance(node, (MappingNode, SequenceNode)) or node._py is None:
        return None
    memo = node._memo
    if memo is None:
        memo = node._memo = {}
    return memo


def remember(memo: dict[object, object] | None, key: object, compute: Callable[[], T]) -> T:
    """`memo[key]`, computed by `compute()` the first time (every time when `memo` is None)."""
    if memo is None:
        return compute()
    if key in memo:
        return cast(T, memo[key])
    value = memo[key] = compute()
    return value


def _convert(node: Node, budget: list[int], alias: Node | None, depth: int) -> object:
    cls = node.__class__
    if cls is MappingNode or cls is SequenceNode:
        memo = node._py  # type: ignore[attr-defined]
        # A memoised subtree fails nowhere inside when the budget and the depth cap cover it;
        # otherwise it is converted again, so that the error names the same node as before.
        if memo is not None and budget[0] >= memo[1] and depth + memo[2] <= MAX_EXPANDED_DEPTH:
            budget[0] -= memo[1]
            return memo[0]
    budget[0] -= 1
    if budget[0] < 0:
        raise ExpansionLimitError(alias or node)
    if depth > MAX_EXPANDED_DEPTH:
        raise ExpansionLimitError(alias or node, too_deep=True)
    if isinstance(node, AliasNode):
        return _convert(node.target, budget, alias or node, depth)
    if isinstance(node, ScalarNode):
        return node.value
    before = budget[0] + 1
    value: object
    children: list[Node]
    pure = True
    if isinstance(node, SequenceNode):
        children = node.items
        value = [_convert(item, budget, alias, depth + 1) for item in children]
    elif isinstance(node, MappingNode):
        index = node._lookup()
        effective = index.effective
        pure = not index.has_merge
        children = [entry.value for entry in effective]
        value = {
            entry.key_text: _convert(entry.value, budget, alias, depth + 1) for entry in effective
        }
    else:
        return None
    if pure:
        height = 0
        for child in children:
            child_cls = child.__class__
            if child_cls is ScalarNode:
                height = height or 1
            elif child_cls is MappingNode or child_cls is SequenceNode:
                child_memo = child._py  # type: ignore[attr-defined]
                if child_memo is None:
                    pure = False
                    break
                if height <= child_memo[2]:
                    height = child_memo[2] + 1
            else:  # an alias (or an unknown node)
                pure = False
                break
        if pure:
            node._py = (value, before - budget[0], height)
    return value


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
