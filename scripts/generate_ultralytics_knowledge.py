"""Generate hplint's knowledge of Ultralytics YOLO training arguments.

The released `ultralytics` wheel is downloaded without dependencies and read, never imported:
`ultralytics/cfg/default.yaml` gives every argument and its default, and the type-check sets of
`ultralytics/cfg/__init__.py` (`CFG_FLOAT_KEYS`, `CFG_FRACTION_KEYS`, `CFG_INT_KEYS`,
`CFG_BOOL_KEYS`, `CFG_INT_MIN`) give the types and ranges `check_cfg` enforces. Ultralytics is
AGPL-3.0: only these facts (names, defaults, types, limits) are recorded, not its comments.

    server/hplint/knowledge/data/ultralytics.json
    schemas/ultralytics.schema.json

Usage:
    python scripts/generate_ultralytics_knowledge.py             # the pinned version below
    python scripts/generate_ultralytics_knowledge.py --check     # exit 1 if a file is stale
    python scripts/generate_ultralytics_knowledge.py --wheels DIR
"""

from __future__ import annotations

import ast
import json
import zipfile
from pathlib import Path
from typing import Any

import yaml

import _released_wheels as released_wheels

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "server" / "hplint" / "knowledge" / "data" / "ultralytics.json"
SCHEMA = ROOT / "schemas" / "ultralytics.schema.json"
DOCS = "https://docs.ultralytics.com/usage/cfg/"

ULTRALYTICS = "8.4.190"
# Earlier releases whose arguments are compared with the current ones: keys they had and the
# current release still accepts (through `_handle_deprecation`) must not read as unknown.
HISTORY = ("8.1.0", "8.3.0")
_TYPE_SETS = {
    "CFG_FLOAT_KEYS": "number",
    "CFG_FRACTION_KEYS": "fraction",
    "CFG_INT_KEYS": "integer",
    "CFG_BOOL_KEYS": "boolean",
}


def main() -> int:
    releases = [f"ultralytics=={v}" for v in (ULTRALYTICS, *HISTORY)]
    return released_wheels.main(__doc__.splitlines()[0], releases, build, outputs)


def outputs(data: dict[str, Any]) -> dict[Path, str]:
    return {
        OUTPUT: json.dumps(data, indent=1, ensure_ascii=False) + "\n",
        SCHEMA: json.dumps(schema(data), indent=2, ensure_ascii=False) + "\n",
    }


def build(folder: Path) -> dict[str, Any]:
    with zipfile.ZipFile(released_wheels.wheel(folder, "ultralytics", ULTRALYTICS)) as archive:
        defaults = yaml.safe_load(archive.read("ultralytics/cfg/default.yaml"))
        tree = ast.parse(archive.read("ultralytics/cfg/__init__.py").decode("utf-8"))
    sets: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in (*_TYPE_SETS, "CFG_INT_MIN"):
                sets[target.id] = _literal_set(node.value)
    arguments: dict[str, Any] = {}
    for name, default in defaults.items():
        entry: dict[str, Any] = {"default": default}
        for set_name, kind in _TYPE_SETS.items():
            if name in sets.get(set_name, ()):
                entry["kind"] = kind
        if name in sets.get("CFG_INT_MIN", {}):
            entry["minimum"] = sets["CFG_INT_MIN"][name]
        arguments[name] = entry
    accepted = _also_accepted(tree)
    for version in HISTORY:
        with zipfile.ZipFile(released_wheels.wheel(folder, "ultralytics", version)) as archive:
            older = yaml.safe_load(archive.read("ultralytics/cfg/default.yaml"))
        for name in older:
            if name not in arguments:
                accepted.setdefault(name, f"an argument of ultralytics {version}")
    return {
        "description": (
            "Ultralytics YOLO arguments: names and defaults from the released "
            "ultralytics/cfg/default.yaml, kinds and limits from the type-check sets of "
            "ultralytics/cfg/__init__.py (check_cfg). `also_accepted`: keys the current "
            "release takes besides its arguments (deprecated or dropped with a warning by "
            "_handle_deprecation, or allowed by check_dict_alignment), and arguments of the "
            "releases in `history`. Written by scripts/generate_ultralytics_knowledge.py."
        ),
        "generated_from": {"ultralytics": ULTRALYTICS},
        "history": list(HISTORY),
        "docs": DOCS,
        "arguments": arguments,
        "also_accepted": dict(sorted(accepted.items())),
    }


def _also_accepted(tree: ast.Module) -> dict[str, str]:
    """Keys `_handle_deprecation` maps or drops, and `check_dict_alignment`'s allowed extras."""
    found: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        if node.name == "_handle_deprecation":
            for name in _assigned_set(node, "removed_keys"):
                found[name] = "removed: dropped with a warning"
            for inner in ast.walk(node):
                if isinstance(inner, ast.Dict):  # deprecated_mappings: old → (new, transform)
                    for key, value in zip(inner.keys, inner.values, strict=True):
                        if isinstance(key, ast.Constant) and isinstance(value, ast.Tuple):
                            new = value.elts[0]
                            target = new.value if isinstance(new, ast.Constant) else "?"
                            found[str(key.value)] = f"deprecated: read as `{target}`"
                elif isinstance(inner, ast.Call) and ast.unparse(inner.func) == "custom.pop":
                    first = inner.args[0] if inner.args else None
                    if isinstance(first, ast.Constant):
                        found.setdefault(str(first.value), "deprecated: converted with a warning")
        if node.name == "check_dict_alignment":
            for name in _assigned_set(node, "allowed_custom_keys"):
                found.setdefault(name, "allowed besides the arguments")
    return found


def _assigned_set(function: ast.FunctionDef, variable: str) -> list[str]:
    """The strings of a set literal assigned to `variable` inside `function`."""
    return [
        str(element.value)
        for inner in ast.walk(function)
        if isinstance(inner, ast.Assign)
        and ast.unparse(inner.targets[0]) == variable
        and isinstance(inner.value, ast.Set)
        for element in inner.value.elts
        if isinstance(element, ast.Constant)
    ]


def _literal_set(node: ast.expr) -> Any:
    """`frozenset({...})`, a set or a dict literal, as a list (sets) or a dict."""
    if isinstance(node, ast.Call) and node.args:
        node = node.args[0]
    value = ast.literal_eval(node)
    return value if isinstance(value, dict) else sorted(value)


def schema(data: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema of an Ultralytics args file: every argument, typed as check_cfg types it."""
    version = data["generated_from"]["ultralytics"]
    properties: dict[str, Any] = {}
    for name, entry in data["arguments"].items():
        prop: dict[str, Any] = {}
        kind = entry.get("kind")
        if kind == "fraction":
            prop.update(type=["number", "null"], minimum=0.0, maximum=1.0)
        elif kind == "number":
            prop["type"] = ["number", "null"]
        elif kind == "integer":
            prop["type"] = ["integer", "null"]
            if "minimum" in entry:
                prop["minimum"] = entry["minimum"]
        elif kind == "boolean":
            prop["type"] = ["boolean", "null"]
        shown = json.dumps(entry["default"], ensure_ascii=False)
        prop["description"] = (
            f"Ultralytics `{name}` (default `{shown}`, ultralytics {version}); see {DOCS}."
        )
        properties[name] = prop
    for name, why in data["also_accepted"].items():
        properties.setdefault(name, {"description": f"Not a YOLO argument of {version}: {why}."})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://hplint.dev/schemas/ultralytics.schema.json",
        "title": "Ultralytics YOLO arguments",
        "description": (
            "A YAML file of YOLO train arguments (`yolo cfg=...`, `model.train(cfg=...)`)."
        ),
        "x-hplint-source": {
            "packages": data["generated_from"],
            "license": "AGPL-3.0 (facts only: names, defaults, types and limits)",
            "generated": "scripts/generate_ultralytics_knowledge.py",
        },
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }


if __name__ == "__main__":
    raise SystemExit(main())
