"""Facts derived from the IR, below the rules: what several rules reason about, computed once.

`optimizers` (families and their batch-size rules), `training` (learning rate, effective batch,
scaling against a reference), `pipeline` (estimator placements, scalers, training-set size,
feature counts, searched parameters), `estimators` (estimators and `_target_` objects as one
shape, what a search path names in them), `native_paths` (where a native search path leads),
`metrics` (what a metric's name says), `grids` (the `param_grid` of grid-search estimators).
Nothing here reports a finding or builds an edit: rules do that (`hplint.rules`), from these
facts. Where a fact follows a path through the document (native paths, Hydra objects) it reads
nodes; rules never do.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar, cast

from hplint.document.model import MappingNode
from hplint.document.values import subtree_memo

if TYPE_CHECKING:
    from hplint.document.model import Node
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


def section_memo(root: Node, path: tuple[str, ...]) -> dict[object, object] | None:
    """The `subtree_memo` of the top-level value a dotted path starts in (`model` for
    `model.pipeline.reg.params.alpha`), or None.

    For what is computed by following `path` down from the root: after an edit in another
    section (a search-space bound, say), the language server's next lint reuses it. Only
    valid when nothing on the way depends on the root mapping itself (keys never change
    without a re-parse, so finding `path[0]` in the root does not)."""
    top = root.resolve()
    if not path or not isinstance(top, MappingNode):
        return None
    return subtree_memo(top.get(path[0]))
