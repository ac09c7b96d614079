"""Generate hplint's knowledge of LLaMA-Factory's own training arguments.

LLaMA-Factory's `llamafactory-cli train recipe.yaml` reads one YAML file into the Trainer's
`TrainingArguments` and its own dataclasses (`ModelArguments`, `DataArguments`,
`FinetuningArguments`, `GeneratingArguments`, and the mixins they extend). hplint reads such a
file as a Hugging Face Trainer config; without these names, LLaMA-Factory's `lora_rank` would
look like a typo of the Trainer's `local_rank`. The dataclasses are read with `ast` from a
checkout of the repository at a recorded commit (nothing is imported): every field's name and
the `help` of its `field(metadata=...)`.

    server/hplint/knowledge/data/llamafactory.json

`scripts/generate_hf_trainer_knowledge.py` adds these fields to `schemas/hf-trainer.schema.json`
(untyped: their types follow LLaMA-Factory's releases, not transformers').

Usage:
    python scripts/generate_llamafactory_knowledge.py --source PATH/TO/LLaMA-Factory [--check]

The checkout must be at the commit pinned below (`git -C PATH rev-parse HEAD`).
"""

from __future__ import annotations

import argparse
import ast
import json
from pathlib import Path
from typing import Any

import _released_wheels as released_wheels

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "server" / "hplint" / "knowledge" / "data" / "llamafactory.json"

COMMIT = "ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30"
# The modules of the dataclasses `llamafactory.hparams.parser` reads a training file into.
MODULES = (
    "src/llamafactory/hparams/model_args.py",
    "src/llamafactory/hparams/data_args.py",
    "src/llamafactory/hparams/finetuning_args.py",
    "src/llamafactory/hparams/generating_args.py",
    "src/llamafactory/hparams/training_args.py",
)
# Fields only LLaMA-Factory has, that its recipes carry: two of them at the top level make a
# file a LLaMA-Factory recipe (read by `read_args` with OmegaConf, not HfArgumentParser).
MARKERS = ("stage", "finetuning_type", "template")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="a LLaMA-Factory checkout")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args()
    released_wheels.checkout_at(args.source, COMMIT)
    sources = {module: (args.source / module).read_text("utf-8") for module in MODULES}
    return released_wheels.write_or_check(outputs(build(sources)), check=args.check)


def outputs(data: dict[str, Any]) -> dict[Path, str]:
    return {OUTPUT: json.dumps(data, indent=1, ensure_ascii=False) + "\n"}


def build(sources: dict[str, str]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for source in sources.values():
        for node in ast.parse(source).body:
            if isinstance(node, ast.ClassDef) and _is_dataclass(node):
                for name, help_text in _fields(node):
                    fields.setdefault(name, {"class": node.name, "help": help_text})
    missing = [marker for marker in MARKERS if marker not in fields]
    if missing:
        raise SystemExit(f"marker fields not found: {missing}")
    return {
        "description": (
            "LLaMA-Factory's own training-file arguments (its hparams dataclasses, read with "
            "ast by scripts/generate_llamafactory_knowledge.py): name, declaring class, help. "
            "`markers`: two of them at the top level make a file a LLaMA-Factory recipe; "
            "`reader`: how llamafactory-cli reads such a file."
        ),
        "generated_from": {"repository": "hiyouga/LLaMA-Factory", "commit": COMMIT},
        "license": "Apache-2.0",
        "markers": list(MARKERS),
        "reader": {
            "name": "llamafactory-cli (OmegaConf)",
            "exponent_without_dot": "number",
            "evidence": (
                "`read_args` in src/llamafactory/hparams/parser.py loads a .yaml file with "
                "`OmegaConf.load`, whose loader reads `2e-5` as a float"
            ),
        },
        "fields": dict(sorted(fields.items())),
    }


def _is_dataclass(node: ast.ClassDef) -> bool:
    return any(
        ast.unparse(d).split("(")[0] in ("dataclass", "dataclasses.dataclass")
        for d in node.decorator_list
    )


def _fields(node: ast.ClassDef) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for statement in node.body:
        if not (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)):
            continue
        found.append((statement.target.id, _help(statement.value)))
    return found


def _help(value: ast.expr | None) -> str:
    """The `help` of `field(..., metadata={"help": "..."})`, else ""."""
    if not isinstance(value, ast.Call):
        return ""
    for keyword in value.keywords:
        if keyword.arg == "metadata" and isinstance(keyword.value, ast.Dict):
            for key, item in zip(keyword.value.keys, keyword.value.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "help":
                    try:
                        text = ast.literal_eval(item)
                    except ValueError:
                        return ""
                    return " ".join(str(text).split())
    return ""


if __name__ == "__main__":
    raise SystemExit(main())
