"""Hydra-style objects (`{_target_: pkg.Class, **params}`) into the IR, for every format: a
config of any kind may name an estimator this way, and HP001 checks it like a native one."""

from __future__ import annotations

from hplint.document.access import scalar_text
from hplint.document.model import MappingNode, Node
from hplint.document.values import fact_value
from hplint.document.walk import target_mappings
from hplint.ir import AnyFact, Fact, TargetObject

# Keys Hydra reads itself; every other key is a constructor argument.
HYDRA_KEYS = frozenset({"_target_", "_partial_", "_recursive_", "_convert_", "_args_"})


def target_objects(root: Node) -> list[TargetObject]:
    """Every `_target_` object under `root` whose target is a string, in source order."""
    found = (_read(mapping) for mapping in target_mappings(root))
    return [obj for obj in found if obj is not None]


def _read(node: MappingNode) -> TargetObject | None:
    entry = node.get_entry("_target_")
    if entry is None:
        return None
    target = scalar_text(entry.value)
    if target is None:
        return None
    params: list[tuple[str, AnyFact]] = []
    nested: dict[str, MappingNode] = {}
    for item in node.own_entries():
        name = item.key_text
        if name in HYDRA_KEYS:
            continue
        params.append((name, Fact(fact_value(item.value), item.value, item.key)))
        inner = item.value.resolve()
        if isinstance(inner, MappingNode):
            nested[name] = inner
    return TargetObject(node, Fact(target, entry.value, entry.key), params, nested)
