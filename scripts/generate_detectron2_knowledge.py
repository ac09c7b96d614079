"""Generate hplint's knowledge of detectron2's yacs config keys.

detectron2 is not released as a wheel: its config keys are read from a checkout of the
repository at a recorded commit (`detectron2/config/defaults.py`, parsed with `ast`, never
imported). Every `_C.A.B = value` assignment gives a key, its default, and — from the comment
lines right above it — its help text.

    server/hplint/knowledge/data/detectron2.json
    schemas/detectron2.schema.json

Usage:
    python scripts/generate_detectron2_knowledge.py --source PATH/TO/detectron2 [--check]

The checkout must be at the commit pinned below (`git -C PATH rev-parse HEAD`); the test suite
checks the data against the pin.
"""

from __future__ import annotations

import argparse
import ast
import json
from pathlib import Path
from typing import Any

import _released_wheels as released_wheels

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "server" / "hplint" / "knowledge" / "data" / "detectron2.json"
SCHEMA = ROOT / "schemas" / "detectron2.schema.json"

COMMIT = "02b5c4e295e990042a714712c21dc79b731e8833"
DEFAULTS = "detectron2/config/defaults.py"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="a detectron2 checkout")
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is stale")
    args = parser.parse_args()
    released_wheels.checkout_at(args.source, COMMIT)
    source = (args.source / DEFAULTS).read_text("utf-8")
    return released_wheels.write_or_check(outputs(build(source)), check=args.check)


def outputs(data: dict[str, Any]) -> dict[Path, str]:
    return {
        OUTPUT: json.dumps(data, indent=1, ensure_ascii=False) + "\n",
        SCHEMA: json.dumps(schema(data), indent=2, ensure_ascii=False) + "\n",
    }


def build(source: str) -> dict[str, Any]:
    lines = source.splitlines()
    keys: dict[str, Any] = {}
    for statement in ast.parse(source).body:
        if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
            continue
        path = _path(statement.targets[0])
        if path is None:
            continue
        entry: dict[str, Any] = {}
        value = statement.value
        if isinstance(value, ast.Call) and ast.unparse(value.func) == "CN":
            entry["section"] = True
            if value.args and isinstance(value.args[0], ast.Dict):  # CN({"ENABLED": False})
                for key, item in zip(value.args[0].keys, value.args[0].values, strict=True):
                    if isinstance(key, ast.Constant):
                        keys[f"{path}.{key.value}"] = {"default": released_wheels.literal(item)}
        else:
            entry["default"] = released_wheels.literal(value)
        help_text = _comment_above(lines, statement.lineno)
        if help_text:
            entry["help"] = help_text
        keys[path] = {**keys.get(path, {}), **entry}
    return {
        "description": (
            "detectron2's config keys (dotted paths), defaults and comments, read from "
            "detectron2/config/defaults.py by scripts/generate_detectron2_knowledge.py."
        ),
        "generated_from": {"repo": "facebookresearch/detectron2", "commit": COMMIT},
        "keys": dict(sorted(keys.items())),
    }


def _path(target: ast.expr) -> str | None:
    """`_C.SOLVER.BASE_LR` → `SOLVER.BASE_LR` (None for anything else)."""
    parts: list[str] = []
    while isinstance(target, ast.Attribute):
        parts.append(target.attr)
        target = target.value
    if not isinstance(target, ast.Name) or target.id != "_C" or not parts:
        return None
    return ".".join(reversed(parts))


def _comment_above(lines: list[str], lineno: int) -> str:
    found: list[str] = []
    index = lineno - 2
    while index >= 0 and lines[index].strip().startswith("#"):
        text = lines[index].strip().lstrip("#").strip()
        if set(text) <= {"-", " "}:  # a ruler line: the comment block ends above it
            break
        found.append(text)
        index -= 1
    return " ".join(reversed(found)).strip()


_TYPES = {bool: "boolean", int: "number", float: "number", str: "string"}


def schema(data: dict[str, Any]) -> dict[str, Any]:
    """Nested objects, one per config node, so a misspelt key is found where it is written."""
    commit = data["generated_from"]["commit"][:12]
    root: dict[str, Any] = {"type": "object", "properties": {}}
    for path, entry in data["keys"].items():
        node = root
        *parents, name = path.split(".")
        for parent in parents:
            node = node["properties"].setdefault(
                parent, {"type": "object", "properties": {}, "description": f"`{parent}`."}
            )
            node.setdefault("properties", {})
        if entry.get("section"):
            target = node["properties"].setdefault(name, {"type": "object", "properties": {}})
            target["description"] = entry.get("help") or f"The `{path}` options."
            continue
        default = entry.get("default")
        kind = _TYPES.get(type(default))
        prop: dict[str, Any] = {}
        if kind is not None:
            prop["type"] = [kind, "null"]
        shown = json.dumps(default, ensure_ascii=False)
        help_text = entry.get("help") or f"`{path}`"
        prop["description"] = f"{help_text} (default `{shown}`; detectron2 {commit})"
        node["properties"][name] = prop
    root["properties"]["_BASE_"] = {
        "type": "string",
        "description": "The config this one extends (merged first; yacs).",
    }
    root["properties"]["VERSION"] = {"type": "integer", "description": "The config version."}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://hplint.dev/schemas/detectron2.schema.json",
        "title": "detectron2 (yacs) config",
        "description": "A detectron2 config file (`_BASE_`, `MODEL`, `SOLVER`, `INPUT`, …).",
        "x-hplint-source": {
            **data["generated_from"],
            "path": DEFAULTS,
            "license": "Apache-2.0",
            "generated": "scripts/generate_detectron2_knowledge.py",
        },
        **_closed(root),
    }


def _closed(node: dict[str, Any]) -> dict[str, Any]:
    """Objects allow only their known keys (yacs refuses others: 'Non-existent config key')."""
    if node.get("type") == "object" and "properties" in node:
        node["properties"] = {k: _closed(v) for k, v in sorted(node["properties"].items())}
        node["additionalProperties"] = False
    return node


if __name__ == "__main__":
    raise SystemExit(main())
