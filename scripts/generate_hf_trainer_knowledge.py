"""Generate hplint's knowledge of Hugging Face `TrainingArguments` and the TRL configs.

Importing `transformers` or `trl` needs torch, so nothing is imported: the released wheels are
downloaded without dependencies (`pip download --no-deps`) and their dataclasses are read from
source with `ast` — every field's type, default, `help` text and `choices`, and each TRL class's
overridden defaults. The output records the versions it was read from:

    server/hplint/knowledge/data/hf_trainer.json
    schemas/hf-trainer.schema.json   (every field, typed, with its help text as description)

Usage:
    python scripts/generate_hf_trainer_knowledge.py            # the pinned versions below
    python scripts/generate_hf_trainer_knowledge.py --check    # exit 1 if the file is stale
    python scripts/generate_hf_trainer_knowledge.py --wheels DIR  # wheels already downloaded

`--check` compares the file with what the pinned versions produce; bumping a version here and
re-running is how the knowledge follows a new release (the test suite checks the recorded
versions against these pins, so the two cannot drift apart silently).
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
OUTPUT = ROOT / "server" / "hplint" / "knowledge" / "data" / "hf_trainer.json"
LLAMAFACTORY = ROOT / "server" / "hplint" / "knowledge" / "data" / "llamafactory.json"
SCHEMA = ROOT / "schemas" / "hf-trainer.schema.json"

TRANSFORMERS = "5.25.0"
TRL = "1.16.0"
# Earlier releases whose TrainingArguments are compared with the current one, so that a field a
# recipe still uses (written for transformers 4) is known as removed, with its last help text,
# instead of being an unknown key: the last 4.x minor lines before and after
# `evaluation_strategy` went, and the first 5.x.
HISTORY = ("4.46.0", "4.57.1", "5.0.0")
# The same for TRL: the last release before its 0.20 renames (`max_seq_length` → `max_length`).
TRL_HISTORY = ("0.19.1",)
# Enumerations that TrainingArguments fields are typed with: their values are the field's choices.
ENUMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "transformers/trainer_utils.py",
        ("IntervalStrategy", "SaveStrategy", "SchedulerType", "HubStrategy"),
    ),
    ("transformers/training_args.py", ("OptimizerNames",)),
)

# (package, module file inside the wheel, classes to read from it)
SOURCES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("transformers", "transformers/training_args.py", ("TrainingArguments",)),
    ("trl", "trl/trainer/base_config.py", ("_BaseConfig",)),
    ("trl", "trl/trainer/sft_config.py", ("SFTConfig",)),
    ("trl", "trl/trainer/dpo_config.py", ("DPOConfig",)),
    ("trl", "trl/trainer/grpo_config.py", ("GRPOConfig",)),
    ("trl", "trl/trainer/kto_config.py", ("KTOConfig",)),
    ("trl", "trl/trainer/reward_config.py", ("RewardConfig",)),
    ("trl", "trl/trainer/rloo_config.py", ("RLOOConfig",)),
    ("trl", "trl/trainer/model_config.py", ("ModelConfig",)),
    ("trl", "trl/scripts/utils.py", ("ScriptArguments",)),
)


def main() -> int:
    releases = [f"transformers=={v}" for v in (TRANSFORMERS, *HISTORY)]
    releases += [f"trl=={v}" for v in (TRL, *TRL_HISTORY)]
    return released_wheels.main(__doc__.splitlines()[0], releases, build, outputs)


def outputs(data: dict[str, Any]) -> dict[Path, str]:
    return {
        OUTPUT: json.dumps(data, indent=1, ensure_ascii=False) + "\n",
        SCHEMA: json.dumps(schema(data), indent=2, ensure_ascii=False) + "\n",
    }


def schema(data: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema of a Trainer/TRL config file: every known field, typed, described."""
    versions = data["generated_from"]
    properties: dict[str, Any] = {}
    owners: dict[str, list[str]] = {}
    seen: dict[str, list[dict[str, Any]]] = {}
    for cls_name, cls in data["classes"].items():
        for name, entry in cls["fields"].items():
            owners.setdefault(name, []).append(cls_name.lstrip("_"))
            seen.setdefault(name, []).append(entry)
            if name in properties:
                continue
            package = cls["package"]
            prop: dict[str, Any] = {}
            origin = f"{cls_name.lstrip('_')}, {package} {versions[package]}"
            prop["description"] = f"{entry.get('help') or entry['type']} ({origin})"
            prop["x-hplint-field"] = {
                "package": package,
                "version": versions[package],
                "type": entry["type"],
                **({"default": entry["default"]} if "default" in entry else {}),
            }
            properties[name] = prop
    for name, entries in seen.items():
        # One name, several classes (DPOConfig's `loss_type` is not SFTConfig's): the file does
        # not say which class reads it, so it gets what any of them (or an older TRL) accepts.
        merged = dict(entries[0])
        older = data["older_choices"].get(name, [])
        if name in data["older_retyped"]:
            merged = {"type": "object"}  # an older release typed it otherwise
        choices = [c for e in entries for c in e.get("choices", [])] + (older or [])
        if any("choices" in e for e in entries):
            constrained = older is not None and all("choices" in e for e in entries)
            merged["choices"] = list(dict.fromkeys(choices)) if constrained else None
        if len({e["type"] for e in entries}) > 1 or merged.get("choices", ()) is None:
            merged = {"type": "object"}  # nothing to constrain: no class's type wins
        properties[name] = {**_json_type(merged), **properties[name]}
    for name, owner in owners.items():
        properties[name]["x-hplint-field"]["classes"] = owner
    _add_llamafactory_fields(properties)
    for name, record in data["removed"].items():
        if name in properties:
            continue
        prop = _json_type(record)
        prop["description"] = (
            f"Not a field in {record['package']} {versions[record['package']]} (last seen in "
            f"{record['last_seen']}). {record['help']}"
        ).strip()
        prop["x-hplint-removed"] = {
            "package": record["package"],
            "last_seen": record["last_seen"],
            "absent_from": record["absent_from"],
        }
        properties[name] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://hplint.dev/schemas/hf-trainer.schema.json",
        "title": "Hugging Face Trainer / TRL config",
        "description": (
            "A YAML/JSON file read by HfArgumentParser into TrainingArguments or a TRL config "
            "(SFTConfig, DPOConfig, GRPOConfig, …), often with TRL's ModelConfig and "
            "ScriptArguments keys in the same file."
        ),
        "x-hplint-source": {
            "packages": versions,
            "history": data["history"],
            "license": "Apache-2.0",
            "generated": (
                "scripts/generate_hf_trainer_knowledge.py (from the released wheels' source)"
            ),
        },
        "type": "object",
        "properties": dict(sorted(properties.items())),
        "additionalProperties": False,
    }


def _add_llamafactory_fields(properties: dict[str, Any]) -> None:
    """LLaMA-Factory's own arguments (`knowledge/data/llamafactory.json`, written by
    `generate_llamafactory_knowledge.py`): accepted and described, never typed — their types
    follow LLaMA-Factory's releases. A Trainer field of the same name keeps its own entry."""
    data = json.loads(LLAMAFACTORY.read_text("utf-8"))
    commit = data["generated_from"]["commit"][:7]
    for name, entry in data["fields"].items():
        if name in properties:
            continue
        origin = f"LLaMA-Factory {entry['class']}, commit {commit}"
        properties[name] = {
            "description": f"{entry['help'] or name} ({origin})",
            "x-hplint-field": {"package": "llamafactory", "class": entry["class"]},
        }


_JSON_TYPES = {
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "str": "string",
    "None": "null",
}


def _json_type(entry: dict[str, Any]) -> dict[str, Any]:
    """`{"type": …}` (and `enum` for choices) from a field's annotation, when it is simple.

    Annotations with anything else (dicts, lists, enums spelt `X | str`) constrain nothing
    except through their choices: the parser accepts what the dataclass accepts.
    """
    optional = "Optional[" in entry["type"]
    annotation = entry["type"].replace("Optional[", "").replace("Union[", "").rstrip("]")
    parts = [part.strip() for part in annotation.replace(",", "|").split("|")]
    nullable = optional or "None" in parts or ("default" in entry and entry["default"] is None)
    choices = entry.get("choices")
    if choices:
        return {"enum": [*choices, *([None] if nullable else [])]}
    if not all(part in _JSON_TYPES for part in parts):
        return {}
    types = sorted({_JSON_TYPES[part] for part in parts} | ({"null"} if nullable else set()))
    if "number" in types and "integer" in types:
        types.remove("integer")
    return {"type": types[0] if len(types) == 1 else types}


def build(folder: Path) -> dict[str, Any]:
    versions = {"transformers": TRANSFORMERS, "trl": TRL}
    classes: dict[str, Any] = {}
    for package, member, names in SOURCES:
        wheel = released_wheels.wheel(folder, package, versions[package])
        with zipfile.ZipFile(wheel) as archive:
            source = archive.read(member).decode("utf-8")
        tree = ast.parse(source)
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name in names:
                classes[node.name] = {
                    "package": package,
                    "module": member,
                    "bases": [ast.unparse(base) for base in node.bases],
                    "fields": _fields(node),
                }
    missing = {n for _, _, names in SOURCES for n in names} - set(classes)
    if missing:
        raise SystemExit(f"classes not found in the released sources: {sorted(missing)}")
    enums = _enums(released_wheels.wheel(folder, "transformers", TRANSFORMERS))
    for version in HISTORY:  # a value an earlier release accepted is not an error in a recipe
        for enum, values in _enums(released_wheels.wheel(folder, "transformers", version)).items():
            enums[enum] = [
                *enums.get(enum, []),
                *(v for v in values if v not in enums.get(enum, [])),
            ]
    for cls in classes.values():
        for entry in cls["fields"].values():
            named = [e for e in enums if e in entry["type"]]
            if named and "choices" not in entry:
                entry["choices"] = enums[named[0]]
    current = set(classes["TrainingArguments"]["fields"])
    removed: dict[str, Any] = {}
    retyped: set[str] = set()
    for version in HISTORY:  # oldest first: a later sighting overwrites `last_seen`
        old = _training_arguments(released_wheels.wheel(folder, "transformers", version))
        for name, entry in old.items():
            if name in current and _json_type({"type": entry["type"]}) != _json_type(
                {"type": classes["TrainingArguments"]["fields"][name]["type"]}
            ):
                retyped.add(name)  # another JSON type then (`fsdp` also took a list in 4.x)
            if name not in current:
                record = removed.setdefault(name, {"first_seen": version})
                record.update(last_seen=version, type=entry["type"], help=entry.get("help", ""))
    for record in removed.values():
        later = [v for v in (*HISTORY, TRANSFORMERS) if _key(v) > _key(record["last_seen"])]
        record["absent_from"] = later[0]
        record["package"] = "transformers"
    trl_current = {n for c in classes.values() if c["package"] == "trl" for n in c["fields"]}
    older_choices: dict[str, list[Any] | None] = {}  # None: an older release took any value
    for version in TRL_HISTORY:
        for name, entry in _trl_fields(released_wheels.wheel(folder, "trl", version)).items():
            current_types = {
                _type_parts(c["fields"][name]["type"])
                for c in classes.values()
                if name in c["fields"]
            }
            if current_types and _type_parts(entry["type"]) not in current_types:
                retyped.add(name)  # another type then (`scale_rewards` was a bool)
            if "choices" not in entry:
                older_choices[name] = None
            elif (known := older_choices.setdefault(name, [])) is not None:
                known.extend(v for v in entry["choices"] if v not in known)
            if name not in trl_current and name not in current:
                record = removed.setdefault(name, {"first_seen": version})
                record.update(last_seen=version, type=entry["type"], help=entry.get("help", ""))
                record.update(absent_from=TRL, package="trl")
    return {
        "description": (
            "Fields of Hugging Face TrainingArguments and the TRL configs, read from the "
            "released wheels' source by scripts/generate_hf_trainer_knowledge.py (no import). "
            "Each class lists only the fields it declares; `bases` gives what it inherits. "
            "`removed`: fields of the releases in `history` that the current ones no longer "
            "have — `last_seen` in the newest sampled release that had it, `absent_from` the "
            "first sampled release without it. Enumerated choices are the union over them; "
            "`older_retyped` fields had another type in an older release (left unconstrained)."
        ),
        "generated_from": versions,
        "history": {"transformers": list(HISTORY), "trl": list(TRL_HISTORY)},
        "classes": classes,
        "removed": dict(sorted(removed.items())),
        "older_choices": dict(sorted((k, v) for k, v in older_choices.items() if v != [])),
        "older_retyped": sorted(retyped),
    }


def _type_parts(annotation: str) -> frozenset[str]:
    """`Optional[str]`, `Union[str, None]` and `str | None` alike: {"str", "None"}."""
    flat = re.sub(r"\b(?:Optional|Union|typing\.Optional|typing\.Union)\[", "[", annotation)
    parts = {p.strip(" []") for p in re.split(r"[|,]", flat)}
    if annotation.lstrip().startswith(("Optional[", "typing.Optional[")):
        parts.add("None")
    return frozenset(p.replace("List", "list").replace("Dict", "dict") for p in parts if p)


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _trl_fields(wheel: Path) -> dict[str, Any]:
    """Every field the TRL config classes of `SOURCES` declare in an older TRL wheel."""
    fields: dict[str, Any] = {}
    with zipfile.ZipFile(wheel) as archive:
        present = set(archive.namelist())
        for package, member, names in SOURCES:
            if package != "trl" or member not in present:
                continue
            tree = ast.parse(archive.read(member).decode("utf-8"))
            for node in tree.body:
                if isinstance(node, ast.ClassDef) and (
                    node.name in names or node.name.endswith("Config")
                ):
                    for name, entry in _fields(node).items():
                        fields.setdefault(name, entry)
    return fields


def _training_arguments(wheel: Path) -> dict[str, Any]:
    with zipfile.ZipFile(wheel) as archive:
        tree = ast.parse(archive.read("transformers/training_args.py").decode("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "TrainingArguments":
            return _fields(node)
    raise SystemExit(f"no TrainingArguments in {wheel.name}")


def _enums(wheel: Path) -> dict[str, list[str]]:
    """`{enum class: [values]}` of the string enumerations TrainingArguments uses."""
    found: dict[str, list[str]] = {}
    with zipfile.ZipFile(wheel) as archive:
        for member, names in ENUMS:
            tree = ast.parse(archive.read(member).decode("utf-8"))
            for node in tree.body:
                if isinstance(node, ast.ClassDef) and node.name in names:
                    found[node.name] = [
                        s.value.value
                        for s in node.body
                        if isinstance(s, ast.Assign)
                        and isinstance(s.value, ast.Constant)
                        and isinstance(s.value.value, str)
                    ]
    return found


def _fields(cls: ast.ClassDef) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for statement in cls.body:
        if not isinstance(statement, ast.AnnAssign) or not isinstance(statement.target, ast.Name):
            continue
        name = statement.target.id
        if name.startswith("_") or "ClassVar" in ast.unparse(statement.annotation):
            continue
        entry: dict[str, Any] = {"type": ast.unparse(statement.annotation)}
        value = statement.value
        if isinstance(value, ast.Call) and ast.unparse(value.func) in (
            "field",
            "dataclasses.field",
        ):
            for keyword in value.keywords:
                if keyword.arg == "default":
                    entry["default"] = released_wheels.literal(keyword.value)
                elif keyword.arg == "metadata" and isinstance(keyword.value, ast.Dict):
                    for key, item in zip(keyword.value.keys, keyword.value.values, strict=True):
                        label = released_wheels.literal(key) if key is not None else None
                        if label == "help":
                            entry["help"] = _help(item)
                        elif label == "choices":
                            choices = released_wheels.literal(item)
                            if isinstance(choices, list):
                                entry["choices"] = choices
        elif value is not None:
            entry["default"] = released_wheels.literal(value)
        fields[name] = entry
    return fields


def _help(node: ast.expr) -> str:
    """The help text: string literals, concatenated or joined (`"a" "b"`, `"a" + "b"`)."""
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        parts = [
            n.value
            for n in ast.walk(node)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
        ]
        return " ".join(" ".join(parts).split())
    return " ".join(str(value).split())


if __name__ == "__main__":
    raise SystemExit(main())
