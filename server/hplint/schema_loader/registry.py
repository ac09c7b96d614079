"""Compiled validators for the packaged schemas, built once and cached.

Every schema in `schemas/` is registered under its `$id`, so schemas can `$ref` each other.
Nothing is ever fetched: a `$ref` to anything not packaged fails to resolve and is reported,
never downloaded.

Validation results of every `$ref` are memoised by (the schema holding the `$ref`, the
reference, the instance's `repr`): re-validating a file after a one-value edit re-checks only the
referenced sub-schemas whose instance changed (e.g. one W&B parameter out of hundreds), and the
cached errors are replayed as fresh copies, so the caller sees exactly what jsonschema reports.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import referencing
import referencing.exceptions
from jsonschema import Draft202012Validator, validators
from jsonschema._keywords import additionalProperties as _keyword_additional_properties
from jsonschema._keywords import items as _keyword_items
from jsonschema._keywords import ref as _keyword_ref
from jsonschema._utils import find_additional_properties as _keyword_find_additional
from jsonschema.exceptions import ValidationError
from referencing.jsonschema import DRAFT202012

from hplint.resources import load_json, schemas_dir

_compiles = [0]
_ref_evaluations = [0]
_jsonschema_ref: Any = _keyword_ref  # untyped upstream: a generator of ValidationError
_jsonschema_additional_properties: Any = _keyword_additional_properties
_jsonschema_items: Any = _keyword_items
_find_additional_properties: Any = _keyword_find_additional
_extend: Any = validators.extend

REF_CACHE_SIZE = 20_000
"""Most memoised `$ref` results kept; the cache is emptied when it grows past this."""
KEEP_RUNS = 4
"""Validations an entry survives without being used. A count cap alone let one document's
edits pile up copies of its changed ancestors (7,000 edits of a 284 KB sweep: 2.25 GB); entries
now live only while some recent validation still reads them, so the caches hold about the
subtrees of the documents being edited."""


class _RecentCache(dict):  # type: ignore[type-arg]
    """A dict that remembers in which validation run each entry was last stored or read."""

    run = 0

    def __init__(self) -> None:
        super().__init__()
        self.used: dict[object, int] = {}

    def get(self, key: Any, default: Any = None) -> Any:
        value = dict.get(self, key, default)
        if value is not default:
            self.used[key] = _RecentCache.run
        return value

    def __setitem__(self, key: Any, value: Any) -> None:
        dict.__setitem__(self, key, value)
        self.used[key] = _RecentCache.run

    def clear(self) -> None:
        dict.clear(self)
        self.used.clear()

    def forget_unused(self, oldest: int) -> None:
        stale = [key for key, run in self.used.items() if run < oldest]
        for key in stale:
            del self.used[key]
            self._dropped(dict.pop(self, key, None))

    def _dropped(self, value: Any) -> None:
        """Called with the value of each entry `forget_unused` removes."""


def begin_validation() -> None:
    """A validation starts: drop what no validation of the last `KEEP_RUNS` used."""
    _RecentCache.run += 1
    oldest = _RecentCache.run - KEEP_RUNS
    _ref_cache.forget_unused(oldest)
    _child_cache.forget_unused(oldest)
    _texts.forget_unused(oldest)


class _TextCache(_RecentCache):
    """`_RecentCache` of instance texts that also counts their characters."""

    def __init__(self) -> None:
        super().__init__()
        self.size = 0

    def __setitem__(self, key: Any, value: Any) -> None:
        previous = dict.get(self, key)
        if previous is not None:
            self.size -= len(previous[1])
        super().__setitem__(key, value)
        self.size += len(value[1])

    def clear(self) -> None:
        super().clear()
        self.size = 0

    def _dropped(self, value: Any) -> None:
        if value is not None:
            self.size -= len(value[1])


_texts: _TextCache = _TextCache()  # id(object or array) -> (it, its repr)
TEXT_CACHE_CHARS = 32_000_000
"""Most characters of instance texts kept: a deeply nested document repeats its leaves in the
text of every level above them, so the cache is emptied past this."""


TEXT_MEMBERS = 512
"""Most members joined into new texts for one key: an object or array with more (a sweep's
`parameters`) is not keyed at all."""


def _instance_text(instance: object) -> str | None:
    """`repr(instance)`, the `$ref` cache's key, or None for an instance too large to key.

    An object's or array's text is built from the texts of its members, kept per object
    (`to_python` hands out the same objects for what an edit did not touch), so after an edit
    only the texts above it are joined again. Where that means joining more than
    `TEXT_MEMBERS` new members, there is no key: the `$ref` is evaluated, and the per-member
    cache (`_memoised_properties`, by identity) replays what did not change. (Keying by `repr`
    cost a 10,000-line sweep milliseconds for every `$ref` on the way down to each edit, and
    above the edit a key never matches again.) Iterative: no stack frame per nesting level."""
    if not isinstance(instance, (dict, list)):
        return repr(instance)
    budget = TEXT_MEMBERS
    stack: list[tuple[dict[object, object] | list[object], bool]] = [(instance, False)]
    opened: set[int] = set()  # on the stack: a member that holds its holder is left to `repr`
    while stack:
        node, members_done = stack.pop()
        if _cached_text(node) is not None:
            continue
        if not members_done:
            members = list(node.values()) if isinstance(node, dict) else node
            budget -= len(members)
            if budget < 0:
                return None
            opened.add(id(node))
            stack.append((node, True))
            stack.extend(
                (member, False)
                for member in members
                if isinstance(member, (dict, list))
                and id(member) not in opened
                and _cached_text(member) is None
            )
            continue
        if isinstance(node, dict):
            text = "{" + ", ".join(f"{k!r}: {_member_text(v)}" for k, v in node.items()) + "}"
        else:
            text = "[" + ", ".join(_member_text(v) for v in node) + "]"
        if _texts.size + len(text) > TEXT_CACHE_CHARS:
            _texts.clear()
        _texts[id(node)] = (node, text)
    return _cached_text(instance)


def _cached_text(node: object) -> str | None:
    hit = _texts.get(id(node))
    return hit[1] if hit is not None and hit[0] is node else None


def _member_text(value: object) -> str:
    if isinstance(value, (dict, list)):
        found = _cached_text(value)
        return found if found is not None else repr(value)
    return repr(value)


_ref_cache: _RecentCache = _RecentCache()
_cached_schemas: dict[int, object] = {}  # keeps every keyed schema alive so ids are never reused


def ref_evaluations() -> int:
    """How many `$ref`s were actually evaluated (not replayed from the cache): a test guard."""
    return _ref_evaluations[0]


def clear_ref_cache() -> None:
    _ref_cache.clear()
    _child_cache.clear()


def _clone(error: ValidationError) -> ValidationError:
    return ValidationError(
        error.message,
        validator=error.validator,
        path=error.relative_path,
        cause=error.cause,
        context=[_clone(child) for child in error.context],
        validator_value=error.validator_value,
        instance=error.instance,
        schema=error.schema,
        schema_path=error.relative_schema_path,
        type_checker=getattr(error, "_type_checker"),  # noqa: B009 - private, untyped
    )


def _memoised_ref(
    validator: Any, ref: str, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    instance_text = _instance_text(instance)
    if instance_text is None:  # too large to key: evaluated; its members are replayed anyway
        _ref_evaluations[0] += 1
        yield from _jsonschema_ref(validator, ref, instance, schema)
        return
    key = (id(schema), ref, instance_text)
    errors = _ref_cache.get(key)
    if errors is None:
        _ref_evaluations[0] += 1
        errors = tuple(_jsonschema_ref(validator, ref, instance, schema))
        if len(_ref_cache) >= REF_CACHE_SIZE:
            _ref_cache.clear()
        _cached_schemas.setdefault(id(schema), schema)
        _ref_cache[key] = errors
    for error in errors:
        yield _clone(error)  # callers prepend paths to what they receive: never hand out ours


# Per-child memo of the keywords that descend into every property / item: keyed by the
# sub-schema, the child instance's *identity* (with the base URI and the path element), holding
# the instance itself so that its id cannot be reused while the entry lives. `to_python` hands
# out the same objects for subtrees an edit did not touch, so re-validating after a scalar edit
# replays all other children here instead of descending into each of them (≈ 850 W&B
# parameters). The lookups are inlined in the keyword functions: one more frame per nesting
# level would lower the depth at which deeply nested W&B parameter groups overflow the stack.
_child_cache: _RecentCache = _RecentCache()
_child_evaluations = [0]


def child_evaluations() -> int:
    """How many property / item sub-validations actually ran (not replayed): a test guard."""
    return _child_evaluations[0]


def _remember(
    key: tuple[int, int, str, object],
    instance: object,
    schema: object,
    errors: tuple[ValidationError, ...],
) -> None:
    _child_evaluations[0] += 1
    if len(_child_cache) >= REF_CACHE_SIZE:
        _child_cache.clear()
    _cached_schemas.setdefault(id(schema), schema)
    _child_cache[key] = (instance, errors)


def _memoised_properties(
    validator: Any, properties: Any, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    base = validator._resolver._base_uri
    for property, subschema in properties.items():
        if property in instance:
            child = instance[property]
            key = (id(subschema), id(child), base, property)
            hit = _child_cache.get(key)
            if hit is not None and hit[0] is child:
                errors = hit[1]
            else:
                errors = tuple(
                    validator.descend(child, subschema, path=property, schema_path=property)
                )
                _remember(key, child, subschema, errors)
            for error in errors:
                yield _clone(error)


def _memoised_additional_properties(
    validator: Any, aP: Any, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object") or not validator.is_type(aP, "object"):
        yield from _jsonschema_additional_properties(validator, aP, instance, schema)
        return
    base = validator._resolver._base_uri
    for extra in set(_find_additional_properties(instance, schema)):  # jsonschema's order
        child = instance[extra]
        key = (id(aP), id(child), base, extra)
        hit = _child_cache.get(key)
        if hit is not None and hit[0] is child:
            errors = hit[1]
        else:
            errors = tuple(validator.descend(child, aP, path=extra))
            _remember(key, child, aP, errors)
        for error in errors:
            yield _clone(error)


def _memoised_property_names(
    validator: Any, propertyNames: Any, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    base = validator._resolver._base_uri
    for property in instance:
        key = (id(propertyNames), id(property), base, None)
        hit = _child_cache.get(key)
        if hit is not None and hit[0] is property:
            errors = hit[1]
        else:
            errors = tuple(validator.descend(instance=property, schema=propertyNames))
            _remember(key, property, propertyNames, errors)
        for error in errors:
            yield _clone(error)


def _memoised_items(
    validator: Any, items: Any, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "array") or items is False:
        yield from _jsonschema_items(validator, items, instance, schema)
        return
    base = validator._resolver._base_uri
    for index in range(len(schema.get("prefixItems", [])), len(instance)):
        child = instance[index]
        key = (id(items), id(child), base, index)
        hit = _child_cache.get(key)
        if hit is not None and hit[0] is child:
            errors = hit[1]
        else:
            errors = tuple(validator.descend(instance=child, schema=items, path=index))
            _remember(key, child, items, errors)
        for error in errors:
            yield _clone(error)


_MemoisingValidator: Any = _extend(
    Draft202012Validator,
    {
        "$ref": _memoised_ref,
        "properties": _memoised_properties,
        "additionalProperties": _memoised_additional_properties,
        "items": _memoised_items,
        "propertyNames": _memoised_property_names,
    },
)


def compile_count() -> int:
    """How many validators have been compiled in this process (a performance guard in tests)."""
    return _compiles[0]


def _refuse_remote(uri: str) -> referencing.Resource[Any]:
    raise referencing.exceptions.NoSuchResource(ref=uri)  # type: ignore[call-arg]


@functools.cache
def _registry() -> referencing.Registry[Any]:
    resources = []
    for path in sorted(schemas_dir().glob("*.schema.json")):
        contents = load_json(path.name)
        schema_id = contents.get("$id") if isinstance(contents, dict) else None
        if isinstance(schema_id, str):
            resources.append((schema_id, DRAFT202012.create_resource(contents)))
    # mypy does not see attrs field aliases: `retrieve` is the documented argument.
    registry: referencing.Registry[Any] = referencing.Registry(retrieve=_refuse_remote)  # type: ignore[call-arg]
    return registry.with_resources(resources)


@functools.cache
def validator_for(schema_name: str) -> Draft202012Validator:
    """The validator of a packaged schema file (e.g. `"hplint.schema.json"`)."""
    _compiles[0] += 1
    schema = load_json(schema_name)
    return _MemoisingValidator(schema, registry=_registry())  # type: ignore[no-any-return]


@functools.cache
def subschema_validator(schema_name: str, pointer: str) -> Draft202012Validator:
    """A validator for a sub-schema (e.g. an Azure ML sweep job nested in a pipeline)."""
    _compiles[0] += 1
    schema = load_json(schema_name)
    schema_id = schema.get("$id", "")
    root = {"$ref": f"{schema_id}#{pointer}"}
    return _MemoisingValidator(root, registry=_registry())  # type: ignore[no-any-return]
