"""HP207 `unpenalized-too-few-samples-per-feature`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis import pipeline as pl
from hplint.analysis.grids import set_by_grid
from hplint.diagnostics import Severity
from hplint.ir import Config, number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.linear._shared import (
    data_related,
    data_shape,
    fact_note,
    is_sklearn,
    unpenalized_logistic,
)


def _minority_count(config: Config) -> float | None:
    fact = config.data.class_counts
    if fact is None:
        return None
    value = fact.value
    counts = (
        list(value.values())
        if isinstance(value, dict)
        else value
        if isinstance(value, list)
        else []
    )
    numbers = [float(c) for c in counts if isinstance(c, (int, float)) and not isinstance(c, bool)]
    return min(numbers) if numbers else None


@rule(code="HP207", name="unpenalized-too-few-samples-per-feature", severity=Severity.HINT)
def unpenalized_too_few_samples_per_feature(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks unregularized models for fewer than 10 samples per feature: LinearRegression with
    n_train / p < 10, and unpenalized LogisticRegression with (minority-class count) / p < 10.
    When p > n, HP206 reports instead.

    ## Why is this bad?
    The "10 events per variable" guideline (Peduzzi et al. 1996) marks where unpenalized
    logistic regression starts to give biased coefficients and unreliable variances; the same
    10× heuristic is common for linear regression. A penalized model (Ridge, or
    LogisticRegression with its default C = 1.0) is the safer default.

    ## Example
    ```yaml
    data:
      n_samples: 300
      n_features: 60
    model:
      estimator:
        class: sklearn.linear_model.LinearRegression
    ```

    Use instead:
    ```yaml
    data:
      n_samples: 300
      n_features: 60
    model:
      pipeline:
        - {name: scale, class: sklearn.preprocessing.StandardScaler}
        - {name: reg, class: sklearn.linear_model.Ridge, params: {alpha: 1.0}}
    ```

    ## References
    - [Peduzzi96]
    - [skl-linreg]
    """
    config = ctx.config
    for placement in pl.placements(config):
        est = placement.estimator
        if not is_sklearn(est) or est.cls is None:
            continue
        logistic = est.class_name == "LogisticRegression"
        if not (est.class_name == "LinearRegression" or (logistic and unpenalized_logistic(est))):
            continue
        if logistic and set_by_grid(config, est, ["penalty", "C", "l1_ratio"]):
            continue
        shape = data_shape(ctx, placement)
        if shape is None:
            continue
        train, features = shape
        p = features.value
        if p <= 0 or p > train.n or features.at_least:
            continue
        related = data_related(config)
        if logistic:
            minority = _minority_count(config)
            if minority is None:
                ctx.skip("class_counts")
                continue
            n_samples = number(config.data.n_samples) or 1.0
            events = minority * train.n / n_samples
            ratio = events / p
            message = (
                f"Only {ratio:.1f} events (minority-class samples) per feature for an "
                "unpenalized LogisticRegression; a penalized model (the default C=1.0) is a "
                "safer default."
            )
            related += fact_note(config.data.class_counts, "class_counts")
        else:
            ratio = train.n / p
            message = (
                f"Only {ratio:.1f} samples per feature for an unregularized model; Ridge is a "
                "safer default."
            )
        if ratio < 10:
            yield Violation(est.cls.node, message, related=related)
