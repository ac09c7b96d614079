"""Compiled validators for the packaged schemas, built once and cached.

Every schema in `schemas/` is registered under its `$id`, so schemas can `$ref` each other.
Nothing is ever fetched: a `$ref` to anything not packaged fails to resolve and is reported,
never downloaded.
"""

from __future__ import annotations

import functools
from typing import Any

import referencing
import referencing.exceptions
from jsonschema import Draft202012Validator
from referencing.jsonschema import DRAFT202012

from hplint.resources import load_json, schemas_dir

_compiles = [0]


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
    return Draft202012Validator(schema, registry=_registry())


@functools.cache
def subschema_validator(schema_name: str, pointer: str) -> Draft202012Validator:
    """A validator for a sub-schema (e.g. an Azure ML sweep job nested in a pipeline)."""
    _compiles[0] += 1
    schema = load_json(schema_name)
    schema_id = schema.get("$id", "")
    return Draft202012Validator({"$ref": f"{schema_id}#{pointer}"}, registry=_registry())
