"""What several rules of this group share: helpers, constants and how they show values."""

from __future__ import annotations

import math

from hplint.analysis import pipeline as pl
from hplint.ir import AnyFact, Config, Estimator, number
from hplint.rules.api import Anchor, RuleContext


def is_sklearn(est: Estimator) -> bool:
    return est.library not in ("lightgbm", "xgboost")


def fmt(value: float) -> str:
    return f"{value:g}" if not float(value).is_integer() else str(int(value))


def _is_inf(fact: AnyFact | None) -> bool:
    if fact is None:
        return False
    value = fact.value
    if isinstance(value, float) and not isinstance(value, bool):
        return math.isinf(value) and value > 0
    return isinstance(value, str) and value.strip().lower() in ("inf", ".inf", "infinity", "np.inf")


def logistic_penalty(est: Estimator) -> tuple[str | None, AnyFact | None]:
    """The penalty a LogisticRegression fits with, and the fact that decides it.

    Follows scikit-learn ≥ 1.8: an explicit `penalty` (deprecated) wins; otherwise `l1_ratio`
    decides (0 → l2, 1 → l1, in between → elasticnet) and `C: .inf` means no penalty.
    """
    penalty = est.params.get("penalty")
    if penalty is not None and penalty.value != "deprecated":
        value = penalty.value
        if value is None or (isinstance(value, str) and value.strip().lower() == "none"):
            return None, penalty
        return (value.strip().lower() if isinstance(value, str) else "?"), penalty
    c = est.params.get("C")
    if _is_inf(c):
        return None, c
    ratio_fact = est.params.get("l1_ratio")
    ratio = number(ratio_fact)
    if ratio_fact is None or ratio_fact.value is None or ratio == 0:
        return "l2", ratio_fact
    if ratio == 1:
        return "l1", ratio_fact
    return "elasticnet", ratio_fact


def unpenalized_logistic(est: Estimator) -> bool:
    penalty, _ = logistic_penalty(est)
    return penalty is None or _is_inf(est.params.get("C"))


def fact_note(fact: AnyFact | None, label: str) -> tuple[tuple[Anchor, str], ...]:
    if fact is None:
        return ()
    value = fact.value
    shown = fmt(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
    return ((fact.node, f"{label} = {shown}"),)


def data_related(config: Config) -> tuple[tuple[Anchor, str], ...]:
    return fact_note(config.data.n_samples, "n_samples") + fact_note(
        config.data.n_features, "n_features"
    )


def data_shape(
    ctx: RuleContext, placement: pl.Placement
) -> tuple[pl.TrainSize, pl.FeatureCount] | None:
    """(n_train, effective n_features) for the estimator, recording HP005 when unknown."""
    config = ctx.config
    missing = [
        name
        for name, fact in (
            ("n_samples", config.data.n_samples),
            ("n_features", config.data.n_features),
        )
        if number(fact) is None
    ]
    if missing:
        ctx.skip(*missing)
        return None
    train = pl.n_train(config)
    p = number(config.data.n_features)
    if train is None or p is None:
        return None
    features = pl.effective_features(int(p), train.n, placement.preceding)
    if features is None:
        return None
    return train, features
