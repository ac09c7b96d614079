"""HP205 `elasticnet-l1-ratio-degenerate`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis import pipeline as pl
from hplint.diagnostics import Severity
from hplint.ir import number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.linear._shared import fmt, is_sklearn

_ENET_CLASSES = frozenset({"ElasticNet", "MultiTaskElasticNet"})


@rule(code="HP205", name="elasticnet-l1-ratio-degenerate", severity=Severity.WARNING)
def elasticnet_l1_ratio_degenerate(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks ElasticNet (and MultiTaskElasticNet) for `l1_ratio: 0` or `0 < l1_ratio ≤ 0.01`.

    ## Why is this bad?
    `l1_ratio` mixes the L1 penalty (1.0 = Lasso) with the L2 penalty (0.0 = Ridge). At 0 the model
    is a Ridge regression fitted by a slower coordinate-descent solver, and scikit-learn states
    that `l1_ratio <= 0.01` is not reliable unless you supply your own sequence of alphas.

    ## Example
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.ElasticNet
        params:
          l1_ratio: 0.0
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.ElasticNet
        params:
          l1_ratio: 0.5
    ```

    ## References
    - [skl-enet]
    - [skl-enet-guide]
    - [Zou05]
    """
    for placement in pl.placements(ctx.config):
        est = placement.estimator
        if est.class_name not in _ENET_CLASSES or not is_sklearn(est):
            continue
        fact = est.params.get("l1_ratio")
        ratio = number(fact)
        if fact is None or ratio is None:
            continue
        if ratio == 0:
            what = "pure Ridge"
        elif 0 < ratio <= 0.01:
            what = "unreliable for l1_ratio ≤ 0.01 (scikit-learn)"
        else:
            continue
        yield Violation(
            fact.node,
            f"l1_ratio {fmt(ratio)}: {est.class_name} is {what}; use Ridge or a larger l1_ratio.",
        )
