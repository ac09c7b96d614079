"""Generated knowledge of `TrainingArguments` and the TRL configs (`data/hf_trainer.json`,
written by `scripts/generate_hf_trainer_knowledge.py` from the released wheels' source)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from hplint.knowledge import read_data

# "Use `eval_strategy` instead", "the use of `--per_device_train_batch_size` is preferred": the
# replacement a deprecation help text names.
_INSTEAD = re.compile(r"\buse\s+(?:of\s+)?`-*([a-z_][a-z0-9_]*)`", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RemovedField:
    """A `TrainingArguments` or TRL field no current release has: when it went, its replacement."""

    name: str
    package: str  # transformers | trl
    last_seen: str  # the newest sampled release that still had it
    absent_from: str  # the first sampled release without it
    help: str  # its help text in `last_seen`
    instead: str | None  # the current field its help text names as the replacement


@functools.cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = read_data("hf_trainer.json")
    return data


def versions() -> dict[str, str]:
    """`{"transformers": …, "trl": …}`: the releases the knowledge was read from."""
    return dict(_data()["generated_from"])


@functools.cache
def current_fields() -> frozenset[str]:
    return frozenset(name for cls in _data()["classes"].values() for name in cls["fields"])


def removed_field(name: str) -> RemovedField | None:
    record = _data()["removed"].get(name)
    if record is None or name in current_fields():
        return None
    match = _INSTEAD.search(record["help"])
    instead = match.group(1) if match and match.group(1) in current_fields() else None
    return RemovedField(
        name,
        record["package"],
        record["last_seen"],
        record["absent_from"],
        record["help"],
        instead,
    )


_UNSET = object()


def default_of(name: str) -> object:
    """The default of a TrainingArguments field when every config class agrees on it.

    TRL classes override some defaults (`logging_steps` 10, `learning_rate` 2e-5 for SFT, …);
    a file does not say which class reads it, so a field whose default differs between classes
    has no default here (`UNKNOWN_DEFAULT`), and a rule that needs it stays silent.
    """
    values = [
        cls["fields"][name]["default"]
        for cls in _data()["classes"].values()
        if name in cls["fields"] and "default" in cls["fields"][name]
    ]
    if not values or any(v != values[0] for v in values) or isinstance(values[0], dict):
        return UNKNOWN_DEFAULT
    return values[0]


UNKNOWN_DEFAULT: object = _UNSET
