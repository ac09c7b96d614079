"""HP204 `ridge-alpha-overshrinks`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis import pipeline as pl
from hplint.analysis.grids import set_by_grid
from hplint.diagnostics import Severity
from hplint.ir import boolean, number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.linear._shared import data_related, data_shape, fmt, is_sklearn

_RIDGE_CLASSES = frozenset({"Ridge", "RidgeClassifier"})


def ridge_shrinkage(n: int, p: int, alpha: float) -> tuple[float, float, float, int]:
    """(threshold 10·max(n, p), shrinkage of a typical direction, effective df, rank)."""
    mean_eigen = max(n, p)
    rank = min(n, p)
    shrink = alpha / (mean_eigen + alpha)
    df = rank * mean_eigen / (mean_eigen + alpha)
    return 10.0 * mean_eigen, shrink, df, rank


@rule(code="HP204", name="ridge-alpha-overshrinks", severity=Severity.WARNING)
def ridge_alpha_overshrinks(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks Ridge (and RidgeClassifier) on standardized features for
    `alpha ≥ 10 · max(n_train, n_features)`.

    ## Why is this bad?
    With unit-variance columns, trace(XᵀX) = n·p, so the average non-zero eigenvalue d² of XᵀX is
    max(n, p). Ridge shrinks each principal direction by the factor d²/(d² + α) (ESL §3.4.1); at
    α = 10·max(n, p) a typical direction keeps at most 1/11 of its least-squares size, the
    effective degrees of freedom fall to about rank(X)/11, and the model underfits. The rule
    needs a scaler before Ridge (or `data.scaled: true`) so that this arithmetic holds, and the
    declared `n_samples` and `n_features`.

    ## Example
    ```yaml
    data:
      n_samples: 1000
      n_features: 40
    model:
      pipeline:
        - {name: scale, class: sklearn.preprocessing.StandardScaler}
        - {name: reg, class: sklearn.linear_model.Ridge, params: {alpha: 50000}}
    ```

    Use instead:
    ```yaml
    data:
      n_samples: 1000
      n_features: 40
    model:
      pipeline:
        - {name: scale, class: sklearn.preprocessing.StandardScaler}
        - {name: reg, class: sklearn.linear_model.Ridge, params: {alpha: 10.0}}
    ```

    ## References
    - [ESL] §3.4.1
    - [Hoerl70]
    - [skl-ridge]
    """
    config = ctx.config
    numeric = pl.numeric_columns(config)
    declared_scaled = boolean(config.data.scaled) is True
    for placement in pl.placements(config):
        est = placement.estimator
        if est.class_name not in _RIDGE_CLASSES or not is_sklearn(est):
            continue
        alpha_fact = est.params.get("alpha")
        alpha = number(alpha_fact)
        if alpha_fact is None or alpha is None or alpha < 10:
            continue  # below 10 the rule can never fire (max(n, p) ≥ 1)
        if set_by_grid(config, est, ["alpha"]):
            continue
        if not declared_scaled and not pl.scaler_verdict(placement.preceding, numeric).scaled:
            continue
        shape = data_shape(ctx, placement)
        if shape is None:
            continue
        train, features = shape
        if features.at_least:
            continue
        threshold, shrink, df, rank = ridge_shrinkage(train.n, features.value, alpha)
        if alpha < threshold:
            continue
        yield Violation(
            alpha_fact.node,
            f"alpha {fmt(alpha)} shrinks typical coefficient directions by ≈{100 * shrink:.0f}% "
            f"(effective df ≈ {df:.1f} of {rank}); likely underfit.",
            related=data_related(config),
        )
