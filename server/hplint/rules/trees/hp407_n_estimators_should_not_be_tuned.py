"""HP407 `n-estimators-should-not-be-tuned`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis import pipeline as pl
from hplint.diagnostics import Severity
from hplint.ir import Estimator, boolean, number, text
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.trees._shared import (
    SK_FOREST,
    boost_params,
    boosters,
    entry_anchor,
    lgbm,
    lgbm_rf,
    number_of,
)


def _early_stopping(ctx: RuleContext, kind: str, est: Estimator) -> bool:
    if ctx.config.training.early_stopping is not None:
        return True
    if kind == "lightgbm":
        value = number_of(lgbm(est, "early_stopping_round"))
        return value is not None and value > 0
    if kind == "xgboost":
        value = number(est.params.get("early_stopping_rounds"))
        return value is not None and value > 0
    if kind == "sklearn_gb":
        fact = est.params.get("n_iter_no_change")
        return fact is not None and number(fact) is not None
    if kind == "sklearn_hgb":
        fact = est.params.get("early_stopping")
        if boolean(fact) is True:
            return True
        n = number(ctx.config.data.n_samples)
        return (fact is None or text(fact) == "auto") and n is not None and n > 10_000
    return False


@rule(code="HP407", name="n-estimators-should-not-be-tuned", severity=Severity.HINT)
def n_estimators_should_not_be_tuned(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks search spaces that tune the number of trees of a random forest (RandomForest,
    ExtraTrees, XGBoost's XGBRF*, LightGBM `boosting: rf`) or of a booster that already uses
    early stopping.

    ## Why is this bad?
    More trees do not overfit a random forest: performance levels off as trees are added
    (Probst & Boulesteix 2018), so tuning the count only spends trials to find "as many as you can
    afford". With early stopping, the booster already picks the number of rounds on validation
    data; the searched value is only an upper bound.

    ## Example
    ```yaml
    model:
      estimator:
        class: sklearn.ensemble.RandomForestClassifier
    search:
      method: random
      space:
        model.estimator.params.n_estimators: {dist: int, low: 100, high: 1000}
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: sklearn.ensemble.RandomForestClassifier
        params:
          n_estimators: 500
    ```

    ## References
    - [Probst18]
    - [lgb-es]
    - [xgb-early-stopping]
    """
    config = ctx.config
    forest_msg = (
        "More trees do not overfit a random forest; fix {name} at a large affordable value "
        "instead of tuning it."
    )
    boost_msg = "Early stopping already chooses the number of rounds; fix {name} at an upper bound."
    for kind, est in boosters(
        ctx, "lightgbm", "xgboost", "xgboost_rf", "sklearn_gb", "sklearn_hgb", "sklearn_tree"
    ):
        if kind == "sklearn_tree" and est.class_name not in SK_FOREST:
            continue
        spec = boost_params(kind)
        round_names = spec[2] if spec is not None else ("n_estimators",)
        if kind in ("xgboost_rf", "sklearn_tree") or (kind == "lightgbm" and lgbm_rf(est)):
            template = forest_msg
        elif _early_stopping(ctx, kind, est):
            template = boost_msg
        else:
            continue
        for name, param in pl.searched(config, est, round_names):
            yield Violation(entry_anchor(param), template.format(name=name))
