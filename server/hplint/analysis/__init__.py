"""Facts derived from the IR, below the rules: what several rules reason about, computed once.

`optimizers` (families and their batch-size rules), `training` (learning rate, effective batch,
scaling against a reference), `pipeline` (estimator placements, scalers, training-set size,
feature counts, searched parameters). Nothing here reads raw document shape that the IR does not
carry, reports a finding or builds an edit: rules do that (`hplint.rules`), from these facts.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar, cast

if TYPE_CHECKING:
    from hplint.ir import Config

T = TypeVar("T")


def derived(config: Config, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per config for `key`: the one memo of facts derived from a config.

    A config is built by one lint and read, never changed, by its rules; so is what is derived
    from it. Keys are the deriving function's name, with its arguments when it has any."""
    memo = config.derived
    if key not in memo:
        memo[key] = compute()
    return cast("T", memo[key])
