"""HP401 `num-leaves-exceeds-depth-capacity`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis import pipeline as pl
from hplint.analysis.grids import grid_settings
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.ir import AnyFact, Estimator, number
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.trees._shared import (
    LGBM_NAMES,
    boosters,
    fmt,
    gridded,
    leaves_fix,
    lgbm,
    number_of,
)


@rule(
    code="HP401",
    name="num-leaves-exceeds-depth-capacity",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def num_leaves_exceeds_depth_capacity(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks LightGBM models with `max_depth > 0` for `num_leaves > 2^max_depth` (aliases
    such as `max_leaves` included), search spaces whose `num_leaves` range goes beyond it, and
    `GridSearchCV` grids (`num_leaves`, `clf__num_leaves`, …) that pair a `num_leaves` with a
    smaller depth's capacity.

    ## Why is this bad?
    A tree of depth d has at most 2^d leaves. LightGBM grows trees leaf-wise and silently lowers
    `num_leaves` to 2^max_depth (`Config::CheckParamConflict`), so the value you set — or tune —
    is not the one used. LightGBM's tuning guide advises `num_leaves` clearly below 2^max_depth
    (e.g. 70–80 for max_depth 7, not 127).

    ## Example
    ```yaml
    model:
      estimator:
        class: lightgbm.LGBMClassifier
        params:
          max_depth: 6
          num_leaves: 127
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: lightgbm.LGBMClassifier
        params:
          max_depth: 6
          num_leaves: 38
    ```

    ## Fix safety
    The fix sets `num_leaves` to round(0.6 · 2^max_depth), the ratio of the guide's example. The
    trees change, so the fix is unsafe; raising `max_depth` is the alternative.

    ## References
    - [lgb-tuning]
    - [lgb-config]
    """
    for _, est in boosters(ctx, "lightgbm"):
        yield from _grid_pairs(ctx, est)
        if gridded(ctx, est, "num_leaves", "max_depth"):
            continue
        depth = number_of(lgbm(est, "max_depth"))
        depth_fact = lgbm(est, "max_depth")
        if (
            depth is None
            or depth <= 0
            or not depth.is_integer()
            or depth_fact is None
            or depth > 62
        ):
            continue
        d = int(depth)
        cap = 2**d
        related = ((depth_fact[1].node, f"max_depth = {d}"),)
        leaves = lgbm(est, "num_leaves")
        value = number_of(leaves)
        if leaves is not None and value is not None and value > cap:
            name, fact = leaves
            suggestion = leaves_fix(d)
            yield Violation(
                fact.node,
                f"{name} {fmt(value)} > 2^max_depth = {cap}: the excess is ignored (LightGBM "
                f"lowers num_leaves to {cap}).",
                related=related,
                fix=Fix(
                    f"Set `{name}: {suggestion}` (≈ 0.6 × 2^max_depth)",
                    (Edit(fact.node.span, str(suggestion)),),
                    Applicability.UNSAFE,
                ),
            )
        for name, param in pl.searched(ctx.config, est, LGBM_NAMES["num_leaves"]):
            high = pl.space_high(param)
            if high is not None and high[0] > cap:
                yield Violation(
                    high[1],
                    f"The search space includes {name} {fmt(high[0])} > 2^max_depth = {cap}: "
                    f"LightGBM lowers it to {cap}, so those trials repeat the same model.",
                    related=related,
                )


def _grid_pairs(ctx: RuleContext, est: Estimator) -> Iterator[Violation]:
    """(num_leaves, max_depth) pairs a GridSearchCV grid fits where the depth caps the leaves."""
    for leaves in grid_settings(ctx.config, est, LGBM_NAMES["num_leaves"]):
        depth_dims = [
            d
            for d in leaves.grid.dimensions
            if d.name.rsplit("__", 1)[-1] == "max_depth"
            and d.name[: -len("max_depth")] == leaves.dimension.name[: -len(leaves.name)]
        ]
        fixed = lgbm(est, "max_depth")
        if depth_dims:
            depths, related_node = _numbers(depth_dims[0].values), depth_dims[0].key
        elif fixed is not None and number(fixed[1]) is not None:
            depths, related_node = [number(fixed[1]) or 0.0], fixed[1].node
        else:
            continue  # LightGBM's default max_depth is -1: no limit
        leaf_values = _numbers(leaves.dimension.values)
        capped = [
            (n, d)
            for n in leaf_values
            for d in depths
            if 0 < d <= 62 and float(d).is_integer() and n > 2 ** int(d)
        ]
        if not capped:
            continue
        related = ((related_node, "max_depth"),)
        if depth_dims:
            n, d = capped[0]
            pairs = len(leaf_values) * len(depths)
            yield Violation(
                leaves.dimension.key,
                f"{len(capped)} of the grid's {pairs} ({leaves.name}, max_depth) pairs ask for "
                f"more leaves than the depth allows (e.g. {fmt(n)} with max_depth {fmt(d)}, at "
                f"most {2 ** int(d)}): LightGBM lowers {leaves.name} to 2^max_depth there, so "
                f"those fits do not test the value they name.",
                related=related,
            )
            continue
        cap = 2 ** int(depths[0])
        over = ", ".join(fmt(n) for n, _ in capped)
        yield Violation(
            leaves.dimension.key,
            f"The grid tries {leaves.name} {over} > 2^max_depth = {cap}: LightGBM lowers "
            + (
                f"it to {cap}, so that fit does not test the value it names."
                if len(capped) == 1
                else f"them to {cap}, so those fits repeat the same model."
            ),
            related=related,
        )


def _numbers(values: list[AnyFact]) -> list[float]:
    return [v for v in (number(f) for f in values) if v is not None]
