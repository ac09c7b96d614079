"""Walking a format's JSON Schema along an instance path (for hover and completion).

Only the keywords that decide *which properties exist here* are followed: `$ref`, `allOf`,
`anyOf`, `oneOf`, `if`/`then`/`else`, `properties`, `patternProperties`, `additionalProperties`,
`items` and `prefixItems`. Conditional branches are all taken: completion offers the union.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from hplint.document.model import PathElement

Schema = dict[str, Any]
_MAX_DEPTH = 24


@functools.cache
def format_schema(format_id: str) -> Schema | None:
    """The root schema of a format (loaded once), or None for unknown formats."""
    from hplint.formats import FORMATS
    from hplint.resources import load_json

    spec = FORMATS.get(format_id)
    if spec is None:
        return None
    try:
        loaded = load_json(spec.schema)
    except (OSError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None


def _resolve_ref(root: Schema, ref: str) -> Schema | None:
    if not ref.startswith("#"):
        return None
    node: Any = root
    for raw_part in ref[1:].split("/"):
        if not raw_part:
            continue
        part = raw_part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node if isinstance(node, dict) else None


def expand(root: Schema, schema: Schema, depth: int = 0) -> Iterator[Schema]:
    """`schema` and every subschema that applies to the same instance."""
    if depth > _MAX_DEPTH or not isinstance(schema, dict):
        return
    yield schema
    ref = schema.get("$ref")
    if isinstance(ref, str):
        target = _resolve_ref(root, ref)
        if target is not None:
            yield from expand(root, target, depth + 1)
    for keyword in ("allOf", "anyOf", "oneOf"):
        for branch in schema.get(keyword, ()) or ():
            if isinstance(branch, dict):
                yield from expand(root, branch, depth + 1)
    for keyword in ("then", "else"):
        branch = schema.get(keyword)
        if isinstance(branch, dict):
            yield from expand(root, branch, depth + 1)


def _pattern_matches(pattern: str, key: str) -> bool:
    try:
        return re.search(pattern, key) is not None
    except re.error:  # ECMA-262 patterns Python cannot compile: be permissive
        return False


def _child(schema: Schema, element: PathElement) -> list[Schema]:
    found: list[Schema] = []
    if isinstance(element, int) or element == "*":
        items = schema.get("items")
        if isinstance(items, dict):
            found.append(items)
        prefix = schema.get("prefixItems")
        if isinstance(prefix, list) and isinstance(element, int) and 0 <= element < len(prefix):
            found.append(prefix[element])
        return found
    props = schema.get("properties")
    if isinstance(props, dict) and isinstance(props.get(element), dict):
        found.append(props[element])
        return found
    patterns = schema.get("patternProperties")
    if isinstance(patterns, dict):
        for pattern, sub in patterns.items():
            if isinstance(sub, dict) and _pattern_matches(pattern, element):
                found.append(sub)
    additional = schema.get("additionalProperties")
    if not found and isinstance(additional, dict):
        found.append(additional)
    return found


def schemas_at(root: Schema, path: Sequence[PathElement]) -> list[Schema]:
    """The (expanded) subschemas that describe the instance at `path`."""
    current = list(expand(root, root))
    for element in path:
        following: list[Schema] = []
        for schema in current:
            for child in _child(schema, element):
                following.extend(expand(root, child))
        if not following:
            return []
        current = following
    return current


@dataclass(slots=True)
class PropertyInfo:
    """What the schemas say of one key, merged over those that describe it (completion, hover)."""

    name: str
    description: str = ""
    enum: list[Any] = field(default_factory=list)
    types: set[str] = field(default_factory=set)
    default: Any = None
    deprecated: bool = False
    # Values the schema suggests without requiring them (`examples`): offered by completion
    # where there is no enum (optimizer names, schedule kinds).
    examples: list[Any] = field(default_factory=list)


def _describe(root: Schema, schema: Schema) -> PropertyInfo:
    info = PropertyInfo("")
    for sub in expand(root, schema):
        if not info.description:
            text = sub.get("markdownDescription") or sub.get("description")
            if isinstance(text, str):
                info.description = text
        if "enum" in sub and isinstance(sub["enum"], list):
            for value in sub["enum"]:
                if value not in info.enum:
                    info.enum.append(value)
        if "const" in sub and sub["const"] not in info.enum:
            info.enum.append(sub["const"])
        for value in sub.get("examples") or ():
            if isinstance(value, (str, int, float, bool)) and value not in info.examples:
                info.examples.append(value)
        kind = sub.get("type")
        if isinstance(kind, str):
            info.types.add(kind)
        elif isinstance(kind, list):
            info.types.update(k for k in kind if isinstance(k, str))
        if info.default is None and "default" in sub:
            info.default = sub["default"]
        if sub.get("deprecated") is True:
            info.deprecated = True
    return info


def describe_at(root: Schema, path: Sequence[PathElement]) -> PropertyInfo | None:
    """Description, enum values and types of the value at `path` (None when unknown)."""
    if not path:
        return None
    parents = schemas_at(root, path[:-1])
    merged: PropertyInfo | None = None
    for parent in parents:
        for child in _child(parent, path[-1]):
            info = _describe(root, child)
            if merged is None:
                merged = info
                continue
            if not merged.description:
                merged.description = info.description
            merged.enum.extend(v for v in info.enum if v not in merged.enum)
            merged.examples.extend(v for v in info.examples if v not in merged.examples)
            merged.types |= info.types
    if merged is not None:
        merged.name = str(path[-1])
    return merged


def properties_at(root: Schema, path: Sequence[PathElement]) -> dict[str, PropertyInfo]:
    """Every named property allowed in the mapping at `path`, in schema order."""
    result: dict[str, PropertyInfo] = {}
    for schema in schemas_at(root, path):
        props = schema.get("properties")
        if not isinstance(props, dict):
            continue
        for name, sub in props.items():
            if not isinstance(sub, dict):
                continue
            info = _describe(root, sub)
            info.name = name
            existing = result.get(name)
            if existing is None:
                result[name] = info
            else:
                if not existing.description:
                    existing.description = info.description
                existing.enum.extend(v for v in info.enum if v not in existing.enum)
                existing.types |= info.types
    return result
