"""Generated knowledge of LLaMA-Factory's training files (`data/llamafactory.json`, written by
`scripts/generate_llamafactory_knowledge.py` from its hparams dataclasses)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from hplint.knowledge import read_data


@functools.cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = read_data("llamafactory.json")
    return data


def is_recipe(top_level_keys: Iterable[str]) -> bool:
    """Two of LLaMA-Factory's own fields (`stage`, `finetuning_type`, `template`) at the top
    level: `llamafactory-cli` reads the file, with OmegaConf rather than HfArgumentParser."""
    markers = set(_data()["markers"])
    return len(markers.intersection(top_level_keys)) >= 2


def reads_exponents_as_numbers() -> bool:
    """Whether llamafactory-cli's loader reads a plain `2e-5` as a number (OmegaConf does)."""
    return bool(_data()["reader"]["exponent_without_dot"] == "number")


@functools.cache
def fields() -> frozenset[str]:
    """Every argument LLaMA-Factory's training-file dataclasses declare."""
    return frozenset(_data()["fields"])
