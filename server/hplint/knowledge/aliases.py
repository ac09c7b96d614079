"""One table of the names configs give the training hyperparameters (`data/aliases.json`).

The format adapters use it to recognise fixed values (a W&B `base_lr: {value: 0.5}`, a SageMaker
static `learning-rate`), the rules to recognise a searched learning rate, and hover to find the
explanation; so a spelling is the learning rate everywhere or nowhere. The file is read on first
use, not at import.
"""

from __future__ import annotations

import functools
from types import MappingProxyType
from typing import Final

from hplint.knowledge import read_data

LEARNING_RATE: Final = "learning_rate"


@functools.lru_cache(maxsize=4096)
def normalise(name: str) -> str:
    """`--Learning-Rate`, `trainer.lr`, `optim/lr` → `learning_rate`, `lr`, `lr`: the spelling
    the table is written in (leading dashes dropped, lower case, `-` as `_`, last segment)."""
    short = name.strip().rsplit(".", 1)[-1].rsplit("/", 1)[-1]
    return short.lstrip("-").lower().replace("-", "_")


@functools.cache
def _table() -> MappingProxyType[str, str]:
    """normalised name → the Training field it names."""
    fields: dict[str, dict[str, object]] = read_data("aliases.json")["training"]
    table: dict[str, str] = {}
    for field, spec in fields.items():
        names = spec["names"]
        assert isinstance(names, list)
        for name in names:
            table[normalise(str(name))] = field
    return MappingProxyType(table)


@functools.lru_cache(maxsize=4096)
def training_field(name: str) -> str | None:
    """The `Training` field that a hyperparameter called `name` sets, if hplint knows it.
    (Cached: rules ask it of every searched name on every keystroke.)"""
    return _table().get(normalise(name))


def names_of(field: str) -> tuple[str, ...]:
    """Every name of `field` in the table, in table order."""
    return tuple(name for name, owner in _table().items() if owner == field)


def is_learning_rate(name: str) -> bool:
    """Whether `name` is an optimizer learning rate: a name of the table, or a per-group one
    such as `backbone_lr` / `head_learning_rate`."""
    short = normalise(name)
    return training_field(short) == LEARNING_RATE or short.endswith(("_lr", "_learning_rate"))
