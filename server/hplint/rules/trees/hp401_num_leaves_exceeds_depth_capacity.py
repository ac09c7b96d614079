"""HP401 `num-leaves-exceeds-depth-capacity`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis import pipeline as pl
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.trees._shared import LGBM_NAMES, boosters, fmt, leaves_fix, lgbm, number_of


@rule(
    code="HP401",
    name="num-leaves-exceeds-depth-capacity",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def num_leaves_exceeds_depth_capacity(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks LightGBM models with `max_depth > 0` for `num_leaves > 2^max_depth` (aliases
    such as `max_leaves` included), and search spaces whose `num_leaves` range goes beyond it.

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
