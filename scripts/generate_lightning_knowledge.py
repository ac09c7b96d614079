"""Generate hplint's knowledge of Lightning's Trainer and callbacks for LightningCLI configs.

The released `lightning` wheel (and the last `pytorch-lightning` 1.x, for the arguments 2.0
removed) are downloaded without dependencies and read with `ast`, never imported: the
parameters of `Trainer.__init__`, `EarlyStopping.__init__`, `ModelCheckpoint.__init__` and
`LearningRateMonitor.__init__`, their defaults, and the help text of each from the docstring's
`Args:` section.

    server/hplint/knowledge/data/lightning.json
    schemas/lightning-cli.schema.json
    schemas/estimators/lightning.json   (Trainer and callbacks as `_target_` classes, for Hydra)

Usage:
    python scripts/generate_lightning_knowledge.py             # the pinned versions below
    python scripts/generate_lightning_knowledge.py --check     # exit 1 if a file is stale
    python scripts/generate_lightning_knowledge.py --wheels DIR
"""

from __future__ import annotations

import ast
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import _released_wheels as released_wheels

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "server" / "hplint" / "knowledge" / "data" / "lightning.json"
SCHEMA = ROOT / "schemas" / "lightning-cli.schema.json"
CATALOG = ROOT / "schemas" / "estimators" / "lightning.json"
# The import paths a `_target_` may name each class by (public and defining modules, in the
# `lightning` package and in the older `pytorch_lightning` one).
IMPORT_PATHS: dict[str, tuple[str, ...]] = {
    "Trainer": ("lightning.Trainer", "trainer", "trainer.trainer"),
    "EarlyStopping": ("callbacks", "callbacks.early_stopping"),
    "ModelCheckpoint": ("callbacks", "callbacks.model_checkpoint"),
    "LearningRateMonitor": ("callbacks", "callbacks.lr_monitor"),
}
KINDS = {"Trainer": "trainer"}

LIGHTNING = "2.6.6"
LEGACY = "1.9.5"  # pytorch-lightning: the last release before 2.0 removed Trainer arguments
# Older pytorch-lightning releases, for Trainer arguments removed before 1.9 (`weights_summary`,
# `checkpoint_callback`, `progress_bar_refresh_rate`, …) that old configs still carry.
LEGACY_HISTORY = ("1.5.10",)

CLASSES = (
    ("Trainer", "lightning/pytorch/trainer/trainer.py"),
    ("EarlyStopping", "lightning/pytorch/callbacks/early_stopping.py"),
    ("ModelCheckpoint", "lightning/pytorch/callbacks/model_checkpoint.py"),
    ("LearningRateMonitor", "lightning/pytorch/callbacks/lr_monitor.py"),
)
# What the Lightning 2.0 upgrade guide says to write instead of each removed Trainer argument
# (https://lightning.ai/docs/pytorch/stable/upgrade/from_1_9.html). `rename` only where the
# new argument takes the same value.
REPLACEMENTS: dict[str, dict[str, str]] = {
    "gpus": {"instead": "`accelerator: gpu` with `devices: N`"},
    "tpu_cores": {"instead": "`accelerator: tpu` with `devices: N`"},
    "ipus": {"instead": "`accelerator: ipu` with `devices: N` (IPUs moved out of Lightning)"},
    "num_processes": {"instead": "`accelerator: cpu` with `devices: N`"},
    "auto_select_gpus": {"instead": "`devices: auto` (or `CUDA_VISIBLE_DEVICES`)"},
    "resume_from_checkpoint": {"instead": "the config's top-level `ckpt_path` (`fit`'s)"},
    "auto_lr_find": {"instead": "`Tuner(trainer).lr_find(model)`"},
    "auto_scale_batch_size": {"instead": "`Tuner(trainer).scale_batch_size(model)`"},
    "track_grad_norm": {"instead": "logging `grad_norm(...)` in `on_before_optimizer_step`"},
    "replace_sampler_ddp": {
        "instead": "`use_distributed_sampler`",
        "rename": "use_distributed_sampler",
    },
    "amp_backend": {"instead": "`precision` alone (native AMP is the only backend)"},
    "amp_level": {"instead": "`precision` alone (Apex was removed)"},
    "move_metrics_to_cpu": {"instead": "nothing: the argument was removed"},
    "multiple_trainloader_mode": {"instead": "a `CombinedLoader` with its `mode`"},
}


def main() -> int:
    releases = [f"lightning=={LIGHTNING}"]
    releases += [f"pytorch-lightning=={v}" for v in (LEGACY, *LEGACY_HISTORY)]
    return released_wheels.main(__doc__.splitlines()[0], releases, build, outputs)


def outputs(data: dict[str, Any]) -> dict[Path, str]:
    return {
        OUTPUT: json.dumps(data, indent=1, ensure_ascii=False) + "\n",
        SCHEMA: json.dumps(schema(data), indent=2, ensure_ascii=False) + "\n",
        CATALOG: json.dumps(estimator_catalog(data), indent=1, ensure_ascii=False) + "\n",
    }


def build(folder: Path) -> dict[str, Any]:
    current = released_wheels.wheel(folder, "lightning", LIGHTNING)
    classes = {name: _init_arguments(current, member, name) for name, member in CLASSES}
    removed: dict[str, Any] = {}
    for version in (*LEGACY_HISTORY, LEGACY):  # oldest first: a later release's record wins
        old = _init_arguments(
            released_wheels.wheel(folder, "pytorch_lightning", version),
            "pytorch_lightning/trainer/trainer.py",
            "Trainer",
        )
        for name, entry in sorted(old.items()):
            if name not in classes["Trainer"]:
                removed[name] = {
                    "last_seen": version,
                    "help": entry.get("help", ""),
                    **REPLACEMENTS.get(name, {}),
                }
    return {
        "description": (
            "Lightning's Trainer and callback arguments read from the released wheels' source "
            "by scripts/generate_lightning_knowledge.py (no import): defaults, annotations and "
            "each argument's help from the docstring. `removed`: Trainer arguments of "
            "pytorch-lightning 1.9.5 that Lightning 2 no longer takes, with the upgrade "
            "guide's replacement."
        ),
        "generated_from": {"lightning": LIGHTNING, "pytorch-lightning": LEGACY},
        "history": {"pytorch-lightning": list(LEGACY_HISTORY)},
        "classes": classes,
        "removed": dict(sorted(removed.items())),
    }


def _init_arguments(wheel: Path, member: str, cls_name: str) -> dict[str, Any]:
    with zipfile.ZipFile(wheel) as archive:
        tree = ast.parse(archive.read(member).decode("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == cls_name:
            init = next(
                (f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"),
                None,
            )
            if init is None:
                break
            docs = released_wheels.args_help(
                ast.get_docstring(init) or ast.get_docstring(node) or ""
            )
            return released_wheels.init_parameters(init, docs)
    raise SystemExit(f"no {cls_name}.__init__ in {wheel.name}:{member}")


_JSON_TYPES = {"int": "integer", "float": "number", "bool": "boolean", "str": "string"}


def _json_type(entry: dict[str, Any]) -> dict[str, Any]:
    annotation = entry.get("type", "")
    flat = re.sub(r"\b(?:Optional|Union)\[", "[", annotation)
    parts = {p.strip(" []") for p in re.split(r"[|,]", flat) if p.strip(" []")}
    if not parts or not parts <= {*_JSON_TYPES, "None"}:
        return {}
    types = sorted({_JSON_TYPES[p] for p in parts if p != "None"})
    if "None" in parts or annotation.startswith("Optional["):
        types.append("null")
    if "number" in types and "integer" in types:
        types.remove("integer")
    return {"type": types[0] if len(types) == 1 else types}


def estimator_catalog(data: dict[str, Any]) -> dict[str, Any]:
    """The Trainer and callbacks in the estimator-catalogue shape (`schemas/estimators/`), so
    that `_target_: lightning.pytorch.Trainer` gets the checks, hover and completion of any
    catalogued class; the arguments 2.0 removed are kept as deprecated parameters."""
    version = data["generated_from"]["lightning"]
    estimators = []
    for name, arguments in data["classes"].items():
        params: dict[str, Any] = {}
        for argument, entry in arguments.items():
            params[argument] = {
                "constraints": None,
                "default": entry.get("default"),
                "description": entry.get("help", ""),
            }
        if name == "Trainer":
            for argument, record in data["removed"].items():
                instead = record.get("instead")
                params[argument] = {  # accepted here; HP617 reports it with its replacement
                    "constraints": None,
                    "default": None,
                    "description": (
                        f"Removed in Lightning 2.0 (last in pytorch-lightning "
                        f"{record['last_seen']})" + (f"; write {instead}." if instead else ".")
                    ),
                }
        paths: list[str] = []
        for package in ("lightning.pytorch", "pytorch_lightning"):
            for module in IMPORT_PATHS[name]:
                if module.startswith("lightning."):
                    paths.append(module)
                else:
                    paths.append(f"{package}.{module}.{name}")
            paths.append(f"{package}.{name}")
        public = (
            "lightning.pytorch.Trainer"
            if name == "Trainer"
            else f"lightning.pytorch.callbacks.{name}"
        )
        estimators.append(
            {
                "name": name,
                "import_path": public,
                "import_paths": sorted(set(paths) - {public}),
                "kinds": [KINDS.get(name, "callback")],
                "learned_attributes": [],
                "aliases": {},
                "has_parameter_constraints": False,
                "params": dict(sorted(params.items())),
            }
        )
    return {
        "generator": "scripts/generate_lightning_knowledge.py",
        "library": "lightning",
        "note": "Generated file - do not edit by hand.",
        "source": f"lightning {version} wheel: Trainer and callback signatures and docstrings",
        "table_version": version,
        "version": version,
        "estimators": estimators,
    }


def _nullable(typed: dict[str, Any]) -> dict[str, Any]:
    """Also `null`: Lightning 1.x defaulted many arguments to None (`accumulate_grad_batches`),
    and configs written for it still say so; a type error there would be about the version."""
    kind = typed.get("type")
    if kind is None:
        return typed
    kinds = [kind] if isinstance(kind, str) else list(kind)
    return {"type": kinds if "null" in kinds else [*kinds, "null"]}


def schema(data: dict[str, Any]) -> dict[str, Any]:
    version = data["generated_from"]["lightning"]
    trainer: dict[str, Any] = {}
    for name, entry in data["classes"]["Trainer"].items():
        shown = json.dumps(entry.get("default"), ensure_ascii=False) if "default" in entry else None
        help_text = entry.get("help") or f"`{name}`."
        told = shown is None or "Default" in help_text
        default = "" if told else f" Default: `{shown}`."
        trainer[name] = {
            **_nullable(_json_type(entry)),
            "description": f"{help_text}{default} (Trainer, lightning {version})",
        }
    for name, record in data["removed"].items():
        trainer[name] = {
            "description": (
                f"Removed from Lightning's Trainer (last in pytorch-lightning "
                f"{record['last_seen']})"
                + (f": write {record['instead']}. " if record.get("instead") else ". ")
                + record["help"]
            ).strip(),
            "x-hplint-removed": {"last_seen": record["last_seen"]},
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://hplint.dev/schemas/lightning-cli.schema.json",
        "title": "LightningCLI config",
        "description": (
            "A LightningCLI / jsonargparse config: `trainer` (checked against Trainer's "
            "arguments), and `model`, `data`, `optimizer`, `lr_scheduler` written as "
            "`class_path`/`init_args` (the project's own classes: free-form here)."
        ),
        "x-hplint-source": {
            "packages": data["generated_from"],
            "license": "Apache-2.0",
            "generated": "scripts/generate_lightning_knowledge.py",
        },
        "type": "object",
        "properties": {
            "trainer": {
                "type": "object",
                "description": f"Arguments of `lightning.pytorch.Trainer` (lightning {version}).",
                # A Trainer subclass given as `class_path`/`init_args` takes its own arguments.
                "if": {"required": ["class_path"]},
                "else": {
                    "properties": dict(sorted(trainer.items())),
                    "additionalProperties": False,
                },
            },
            "seed_everything": {
                "type": ["integer", "boolean", "null"],
                "description": "Seed for every random generator (`true`: a random seed).",
            },
            "ckpt_path": {
                "type": ["string", "null"],
                "description": "Checkpoint to resume `fit` from (`last`, `best` or a path).",
            },
        },
    }


if __name__ == "__main__":
    raise SystemExit(main())
