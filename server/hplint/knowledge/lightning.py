"""Generated knowledge of Lightning's Trainer and callbacks (`data/lightning.json`, written by
`scripts/generate_lightning_knowledge.py` from the released wheels)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from hplint.knowledge import read_data


@dataclass(frozen=True, slots=True)
class RemovedArgument:
    """A removed Lightning `Trainer` argument: the last release that took it, what replaces it."""

    name: str
    last_seen: str  # the pytorch-lightning release that still took it
    instead: str | None  # the upgrade guide's replacement, Markdown
    rename: str | None  # an argument that takes the same value


@functools.cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = read_data("lightning.json")
    return data


@functools.cache
def trainer_arguments() -> frozenset[str]:
    return frozenset(_data()["classes"]["Trainer"])


def default_of(cls: str, argument: str) -> object:
    """The default of a Trainer or callback argument (None when it has none)."""
    entry = _data()["classes"].get(cls, {}).get(argument, {})
    return entry.get("default")


def removed_argument(name: str) -> RemovedArgument | None:
    record = _data()["removed"].get(name)
    if record is None:
        return None
    return RemovedArgument(name, record["last_seen"], record.get("instead"), record.get("rename"))


def version() -> str:
    return str(_data()["generated_from"]["lightning"])
