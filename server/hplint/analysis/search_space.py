"""Facts about a tuner's search space that rules and editor services share: how many values a
grid enumerates per dimension, and in all."""

from __future__ import annotations

import math

from hplint.ir import Search, SearchParam, number


def grid_points(param: SearchParam) -> int | None:
    """How many values a grid enumerates for `param` (None: not enumerable)."""
    if param.kind in ("choice", "constant") or (param.values and not param.continuous):
        if param.kind == "constant" and not param.values:
            return 1
        return len(param.values) or None
    if param.continuous:
        return None
    low, high = number(param.low), number(param.high)
    step = number(param.step)
    if step is None and param.integer:
        step = 1.0
    if low is None or high is None or step is None or step <= 0 or high < low:
        return None
    if param.dist_name == "range":  # Hydra's range(): the stop is excluded when enumerated
        return max(0, math.ceil((high - low) / step - 1e-9))
    return math.floor((high - low) / step + 1e-9) + 1


def space_dims(search: Search) -> list[SearchParam]:
    """The searched dimensions (constants fix a value, they do not search it)."""
    return [p for p in search.space if p.kind != "constant"]


def grid_size(search: Search) -> int | None:
    """The number of combinations a grid over the space enumerates (None: not enumerable)."""
    dims = space_dims(search)
    sizes = [grid_points(p) for p in dims]
    if not dims or any(size is None for size in sizes):
        return None
    return math.prod(size for size in sizes if size is not None)
