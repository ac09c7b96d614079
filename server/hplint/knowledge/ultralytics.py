"""Generated knowledge of Ultralytics YOLO arguments (`data/ultralytics.json`, written by
`scripts/generate_ultralytics_knowledge.py` from the released wheel)."""

from __future__ import annotations

import functools
from typing import Any

from hplint.knowledge import read_data


@functools.cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = read_data("ultralytics.json")
    return data


@functools.cache
def argument_names() -> frozenset[str]:
    """Every key an Ultralytics args file may hold: the arguments, and what the current
    release still accepts (deprecated keys, run dumps' `save_dir`, older releases' arguments)."""
    return frozenset(_data()["arguments"]) | frozenset(_data()["also_accepted"])


def default_of(name: str) -> object:
    """The argument's default in `cfg/default.yaml` (None when it has none)."""
    entry = _data()["arguments"].get(name)
    return entry.get("default") if entry is not None else None


def version() -> str:
    return str(_data()["generated_from"]["ultralytics"])
