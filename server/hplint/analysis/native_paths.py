"""Where a native `search.space` path leads: a setting of the file, a parameter of the named
estimator, or nothing (with the closest name that exists).

`space` keys are dotted paths into the same file (`model.pipeline.reg.params.alpha`, pipeline
steps by name or index); see `docs/native-format.md`. HP609 reports paths that lead nowhere,
HP610 fixed values that a path also searches.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hplint.analysis import derived, section_memo
from hplint.document.model import MappingNode, Node, ScalarNode, SequenceNode
from hplint.document.values import remember

if TYPE_CHECKING:
    from hplint.ir import Config


@dataclass(frozen=True, slots=True)
class PathResolution:
    """Where a native `search.space` path leads."""

    settable: bool
    key: Node | None = None  # key node of the existing entry, if the path exists in the file
    value: Node | None = None
    suggestion: str | None = None


@functools.cache
def _native_schema() -> Mapping[str, Any]:
    from hplint.resources import load_json

    schema = load_json("hplint.schema.json")
    return schema if isinstance(schema, dict) else {}


def _deref(schema: Mapping[str, Any] | None) -> tuple[Mapping[str, Any] | None, str]:
    """Follow a local `$ref`; returns the target and the `$defs` name it came from."""
    if schema is None:
        return None, ""
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        name = ref.rsplit("/", 1)[-1]
        target = _native_schema().get("$defs", {}).get(name)
        return (target if isinstance(target, dict) else None), name
    return schema, ""


def _schema_child(schema: Mapping[str, Any] | None, segment: str) -> Mapping[str, Any] | None:
    if schema is None:
        return None
    properties = schema.get("properties")
    if isinstance(properties, dict) and isinstance(properties.get(segment), dict):
        child: Mapping[str, Any] = properties[segment]
        return child
    return None


def _schema_items(schema: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    items = schema.get("items") if schema is not None else None
    return items if isinstance(items, dict) else None


def _doc_child(node: Node | None, segment: str) -> tuple[Node | None, Node | None]:
    """(key node, value node) of `segment` under `node` (list items by index or `name`)."""
    resolved = node.resolve() if node is not None else None
    if isinstance(resolved, MappingNode):
        entry = resolved.get_entry(segment)
        return (entry.key, entry.value) if entry is not None else (None, None)
    if isinstance(resolved, SequenceNode):
        if segment.isdigit():
            index = int(segment)
            return (None, resolved.items[index]) if index < len(resolved.items) else (None, None)
        position = resolved.index_named(segment)
        if position is not None:
            return None, resolved.items[position]
    return None, None


def _doc_names(node: Node | None) -> list[str]:
    resolved = node.resolve() if node is not None else None
    if isinstance(resolved, MappingNode):
        return resolved.keys()
    if isinstance(resolved, SequenceNode):
        names: list[str] = []
        for item in resolved.items:
            body = item.resolve()
            name = body.get("name") if isinstance(body, MappingNode) else None
            name = name.resolve() if name is not None else None
            if isinstance(name, ScalarNode) and isinstance(name.value, str):
                names.append(name.value)
        return names
    return []


def _closest(word: str, candidates: list[str]) -> str | None:
    from hplint.knowledge.estimators import damerau_levenshtein

    best: tuple[int, str] | None = None
    for candidate in dict.fromkeys(candidates):
        if candidate == word:
            continue
        distance = damerau_levenshtein(word.lower(), candidate.lower())
        limit = 1 if len(word) <= 4 else 2
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best is not None else None


def _estimator_param(estimator: Node | None, name: str) -> tuple[bool, str | None]:
    """Whether `name` is a parameter of the estimator mapping, and a did-you-mean."""
    body = estimator.resolve() if estimator is not None else None
    cls = body.get("class") if isinstance(body, MappingNode) else None
    cls = cls.resolve() if cls is not None else None
    if not isinstance(cls, ScalarNode) or not isinstance(cls.value, str):
        return True, None
    try:
        from hplint.knowledge.estimators import catalog

        info = catalog().resolve(cls.value)
    except (ImportError, OSError, ValueError):  # knowledge not installed: accept any name
        return True, None
    if info is None:
        return True, None
    if info.param(name) is not None:
        return True, None
    return False, info.suggest_param(name)


def native_path(config: Config, path: tuple[str, ...]) -> PathResolution:
    """Where the native `search.space` path `path` leads: once per config and path (HP609 and
    HP610 resolve the same paths), and across lints while the section the path starts in is
    unchanged."""
    return derived(config, ("native-path", path), lambda: _resolve_kept(config.root, path))


def _resolve_kept(root: Node, path: tuple[str, ...]) -> PathResolution:
    # Below the root, a resolution reads only the top-level section it starts in (and the
    # static schema and estimator knowledge), so that section's memo may keep it.
    return remember(
        section_memo(root, path), ("native-path", path), lambda: resolve_native_path(root, path)
    )


def resolve_native_path(root: Node, path: tuple[str, ...]) -> PathResolution:
    """Resolve a dotted native path against the file and the native schema."""
    doc: Node | None = root
    key: Node | None = None
    schema: Mapping[str, Any] | None = _native_schema()
    parent_doc: Node | None = None
    for index, segment in enumerate(path):
        resolved_schema, ref_name = _deref(schema)
        if ref_name == "freeParams":
            child_key, child = _doc_child(doc, segment)
            if child is not None:
                return PathResolution(True, child_key, child)
            ok, suggestion = _estimator_param(parent_doc, segment)
            if ok:
                return PathResolution(True)
            if suggestion is None:
                suggestion = _closest(segment, _doc_names(doc))
            full = ".".join((*path[:index], suggestion)) if suggestion else None
            return PathResolution(False, suggestion=full)
        child_key, child = _doc_child(doc, segment)
        resolved_doc = doc.resolve() if doc is not None else None
        if isinstance(resolved_doc, SequenceNode) or _schema_items(resolved_schema) is not None:
            child_schema = _schema_items(resolved_schema)
            if child is None:  # list items must exist (pipeline steps are named in the file)
                suggestion = _closest(segment, _doc_names(doc))
                full = (
                    ".".join((*path[:index], suggestion, *path[index + 1 :]))
                    if suggestion
                    else None
                )
                return PathResolution(False, suggestion=full)
        else:
            child_schema = _schema_child(resolved_schema, segment)
        if child is None and child_schema is None:
            properties = resolved_schema.get("properties", {}) if resolved_schema else {}
            candidates = [*_doc_names(doc), *(properties if isinstance(properties, dict) else [])]
            suggestion = _closest(segment, candidates)
            full = ".".join((*path[:index], suggestion, *path[index + 1 :])) if suggestion else None
            return PathResolution(False, suggestion=full)
        parent_doc, doc, key, schema = doc, child, child_key, child_schema
    return PathResolution(True, key, doc)
