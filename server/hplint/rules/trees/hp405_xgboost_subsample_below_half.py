"""HP405 `xgboost-subsample-below-half`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis import pipeline as pl
from hplint.diagnostics import Severity
from hplint.ir import number, text
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.trees._shared import boosters, fmt, gridded


@rule(code="HP405", name="xgboost-subsample-below-half", severity=Severity.HINT)
def xgboost_subsample_below_half(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks XGBoost models for `subsample < 0.5` (fixed, or as the lower bound of a search) while
    `sampling_method` is `uniform`, the default.

    ## Why is this bad?
    XGBoost's parameter reference says that with uniform sampling you should typically set
    `subsample >= 0.5` for good results; only `sampling_method: gradient_based` (GPU) keeps
    accuracy with a subsample as low as 0.1.

    ## Example
    ```yaml
    model:
      estimator:
        class: xgboost.XGBClassifier
        params:
          subsample: 0.3
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: xgboost.XGBClassifier
        params:
          subsample: 0.8
    ```

    ## References
    - [xgb-params]
    """
    for _, est in boosters(ctx, "xgboost", "xgboost_rf"):
        if gridded(ctx, est, "subsample", "sampling_method"):
            continue
        method = text(est.params.get("sampling_method"))
        if method is not None and method != "uniform":
            continue
        fact = est.params.get("subsample")
        value = number(fact)
        if fact is not None and value is not None and 0 < value < 0.5:
            yield Violation(
                fact.node,
                f"subsample {fmt(value)} < 0.5: with uniform sampling XGBoost recommends ≥ 0.5 "
                "(gradient_based allows 0.1).",
            )
        for _, param in pl.searched(ctx.config, est, ("subsample",)):
            low = pl.space_low(param)
            if low is not None and 0 < low[0] < 0.5:
                yield Violation(
                    low[1],
                    f"The search space includes subsample {fmt(low[0])} < 0.5: with uniform "
                    "sampling XGBoost recommends ≥ 0.5 (gradient_based allows 0.1).",
                )
