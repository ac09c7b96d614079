"""HP402 `num-leaves-not-below-depth-capacity`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis import pipeline as pl
from hplint.diagnostics import Severity
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.trees._shared import LGBM_NAMES, boosters, gridded, leaves_fix, lgbm, number_of


@rule(code="HP402", name="num-leaves-not-below-depth-capacity", severity=Severity.INFO)
def num_leaves_not_below_depth_capacity(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks LightGBM models with `max_depth > 0` for `num_leaves == 2^max_depth`, and for
    `num_leaves` left at its default 31 while `max_depth ≥ 5`.

    ## Why is this bad?
    LightGBM's tuning guide recommends `num_leaves` *smaller* than 2^max_depth: at equality a
    leaf-wise tree can grow into a full depth-wise tree, which overfits. When `num_leaves` is not
    set and 2^max_depth > 31, LightGBM warns "Accuracy may be bad since you didn't explicitly set
    num_leaves OR 2^max_depth > num_leaves": the depth limit is then not what limits the trees.

    ## Example
    ```yaml
    model:
      estimator:
        class: lightgbm.LGBMRegressor
        params:
          max_depth: 7
          num_leaves: 128
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: lightgbm.LGBMRegressor
        params:
          max_depth: 7
          num_leaves: 77
    ```

    ## References
    - [lgb-tuning]
    - [lgb-config]
    """
    for _, est in boosters(ctx, "lightgbm"):
        if gridded(ctx, est, "num_leaves", "max_depth"):
            continue
        depth_fact = lgbm(est, "max_depth")
        depth = number_of(depth_fact)
        if (
            depth_fact is None
            or depth is None
            or depth <= 0
            or not depth.is_integer()
            or depth > 62
        ):
            continue
        cap = 2 ** int(depth)
        leaves = lgbm(est, "num_leaves")
        value = number_of(leaves)
        if leaves is not None and value is not None and value == cap:
            yield Violation(
                leaves[1].node,
                f"{leaves[0]} {cap} = 2^max_depth: num_leaves should be smaller than "
                f"2^max_depth ({cap}), e.g. {leaves_fix(int(depth))}.",
                related=((depth_fact[1].node, f"max_depth = {int(depth)}"),),
            )
        elif (
            leaves is None
            and depth >= 5
            and not pl.searched(ctx.config, est, LGBM_NAMES["num_leaves"])
        ):
            yield Violation(
                depth_fact[1].node,
                f"num_leaves should be smaller than 2^max_depth ({cap}); with the default 31 "
                "LightGBM warns 'Accuracy may be bad since you didn't explicitly set num_leaves "
                "OR 2^max_depth > num_leaves'.",
            )
