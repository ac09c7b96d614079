"""The estimators of a config as written, and what a native search-space path names in them.

HP001 (with HP002, HP003 and HP617 for classes and parameters) reads these: one shape for
native estimators and Hydra `_target_` objects, and the (estimator, parameter) a `space` key
such as `model.pipeline.reg.params.alpha` searches. Both are kept across the language server's
lints in subtree memos while what they read is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hplint.analysis import derived, section_memo
from hplint.document.model import MappingNode, Node, ScalarNode, SequenceNode
from hplint.document.values import remember, subtree_memo

if TYPE_CHECKING:
    from hplint.ir import AnyFact, Config, Estimator, TargetObject

# Keys of the entries kept in `subtree_memo`s.
_NATIVE_SITE = "estimator-site"
_SEARCH_TARGET = "search-target"
_MISSING = object()


@dataclass(slots=True)
class EstimatorSite:
    """An estimator as written: its class and its parameters (key text → fact with key).

    Native `{class, params}` estimators (pipeline steps and nested ones included) and Hydra
    `{_target_: <class path>, ...params}` objects alike, so that a check of classes and
    parameters reads one shape."""

    cls: str
    cls_node: Node
    params: list[tuple[str, AnyFact]]
    container: MappingNode | None  # the mapping that holds the parameters
    native: bool  # `{class, params}` (True) or `{_target_, ...params}` (False)
    mapping: MappingNode | None = None
    nested: dict[str, MappingNode] = field(default_factory=dict)


def estimator_sites(config: Config) -> list[EstimatorSite]:
    """Every estimator of `config` and every `_target_` object that is not one, once per
    config."""
    return derived(config, "estimator-sites", lambda: _sites(config))


def _sites(config: Config) -> list[EstimatorSite]:
    sites: list[EstimatorSite] = []
    covered: set[int] = set()
    for est in config.estimators:
        site = _native_site(est)
        if site is not None:
            sites.append(site)
            if site.mapping is not None:
                covered.add(id(site.mapping))
    for obj in config.targets:
        if id(obj.mapping) not in covered:
            sites.append(_target_site(obj))
    return sites


def _native_site(est: Estimator) -> EstimatorSite | None:
    return remember(subtree_memo(est.mapping), _NATIVE_SITE, lambda: _read_native_site(est))


def _read_native_site(est: Estimator) -> EstimatorSite | None:
    if est.cls is None or not isinstance(est.cls.value, str):
        return None
    params = [(name, fact) for name, fact in est.params.items() if fact.key is not None]
    nested: dict[str, MappingNode] = {}
    for inner in est.nested:
        key = inner.key.resolve() if inner.key is not None else None
        body = inner.mapping
        if isinstance(key, ScalarNode) and isinstance(key.value, str) and body is not None:
            nested[key.value] = body
    return EstimatorSite(
        cls=est.cls.value,
        cls_node=est.cls.node,
        params=params,
        container=est.params_section.mapping,
        native=True,
        mapping=est.mapping,
        nested=nested,
    )


def _target_site(obj: TargetObject) -> EstimatorSite:
    return EstimatorSite(
        obj.cls.value, obj.cls.node, obj.params, obj.mapping, False, obj.mapping, obj.nested
    )


def search_target(config: Config, path: tuple[str, ...]) -> tuple[EstimatorSite, str] | None:
    """The estimator and parameter a native search-space path names, if it names one."""
    return derived(config, ("search-target", path), lambda: _kept_search_target(config, path))


def _kept_search_target(config: Config, path: tuple[str, ...]) -> tuple[EstimatorSite, str] | None:
    """`_search_target`, kept in the memo of the section the path starts in (as the mapping of
    the site and the parameter name: sites are rebuilt per lint)."""
    by_mapping = _sites_by_mapping(config)
    root = config.root.resolve()
    memo = section_memo(config.root, path) if id(root) not in by_mapping else None
    key = (_SEARCH_TARGET, path)
    kept = memo.get(key, _MISSING) if memo is not None else _MISSING
    if kept is None:
        return None
    if isinstance(kept, tuple):
        mapping, name = kept
        site = by_mapping.get(id(mapping))
        if site is not None and site.mapping is mapping:
            return site, name
    target = _search_target(config, path, by_mapping)
    if memo is not None:
        memo[key] = (target[0].mapping, target[1]) if target is not None else None
    return target


def _search_target(
    config: Config, path: tuple[str, ...], by_mapping: dict[int, EstimatorSite]
) -> tuple[EstimatorSite, str] | None:
    """The estimator and parameter `path` names: followed down from the root until it enters
    an estimator, then through its `params` (native) and nested estimators."""
    node: Node | None = config.root.resolve()
    index = 0
    while node is not None and index < len(path):
        site = by_mapping.get(id(node))
        if site is not None:
            rest = path[index:]
            if site.native:
                if len(rest) < 2 or rest[0] != "params":
                    return None
                rest = rest[1:]
            if len(rest) == 1:
                return site, rest[0]
            node = site.nested.get(rest[0])
            index = len(path) - len(rest) + 1
            continue
        node = _child(node, path[index])
        index += 1
    return None


def _child(node: Node, segment: str) -> Node | None:
    if isinstance(node, MappingNode):
        found = node.get(segment)
        return found.resolve() if found is not None else None
    if isinstance(node, SequenceNode):
        # The earlier of the step named `segment` and the step at index `segment` wins.
        named = node.index_named(segment)
        numbered = int(segment) if segment.isdigit() and str(int(segment)) == segment else None
        if numbered is not None and numbered >= len(node.items):
            numbered = None
        candidates = [p for p in (named, numbered) if p is not None]
        return node.items[min(candidates)].resolve() if candidates else None
    return None


def _sites_by_mapping(config: Config) -> dict[int, EstimatorSite]:
    return derived(
        config,
        "estimator-sites-by-mapping",
        lambda: {id(s.mapping): s for s in estimator_sites(config) if s.mapping is not None},
    )
