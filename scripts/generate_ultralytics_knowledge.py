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

import argparse
import ast
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "server" / "hplint" / "knowledge" / "data" / "ultralytics.json"
SCHEMA = ROOT / "schemas" / "ultralytics.schema.json"
DOCS = "https://docs.ultralytics.com/usage/cfg/"

ULTRALYTICS = "8.4.190"
_TYPE_SETS = {
    "CFG_FLOAT_KEYS": "number",
    "CFG_FRACTION_KEYS": "fraction",
    "CFG_INT_KEYS": "integer",
    "CFG_BOOL_KEYS": "boolean",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is stale")
    parser.add_argument("--wheels", type=Path, help="a folder with the wheel already in it")
    args = parser.parse_args()
    if args.wheels is not None:
        data = build(args.wheels)
    else:
        with tempfile.TemporaryDirectory() as folder:
            pip = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", folder]
            subprocess.run([*pip, f"ultralytics=={ULTRALYTICS}"], check=True, timeout=600)
            data = build(Path(folder))
    outputs = {
        OUTPUT: json.dumps(data, indent=1, ensure_ascii=False) + "\n",
        SCHEMA: json.dumps(schema(data), indent=2, ensure_ascii=False) + "\n",
    }
    if args.check:
        stale = [p for p, text in outputs.items() if not p.exists() or p.read_text("utf-8") != text]
        for path in stale:
            print(f"{path.relative_to(ROOT)} is stale: re-run {Path(__file__).name}")
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


def build(folder: Path) -> dict[str, Any]:
    wheels = sorted(folder.glob(f"ultralytics-{ULTRALYTICS}-*.whl"))
    if not wheels:
        raise SystemExit(f"no ultralytics {ULTRALYTICS} wheel in {folder}")
    with zipfile.ZipFile(wheels[0]) as archive:
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
    return {
        "description": (
            "Ultralytics YOLO arguments: names and defaults from the released "
            "ultralytics/cfg/default.yaml, kinds and limits from the type-check sets of "
            "ultralytics/cfg/__init__.py (check_cfg). Written by "
            "scripts/generate_ultralytics_knowledge.py."
        ),
        "generated_from": {"ultralytics": ULTRALYTICS},
        "docs": DOCS,
        "arguments": arguments,
    }


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
