"""HP404 `too-few-boosting-rounds-for-learning-rate`."""

from __future__ import annotations

import math
from collections.abc import Iterator

from hplint.analysis import pipeline as pl
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.ir import AnyFact, Estimator
from hplint.rules._edits import insert_param
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.trees._shared import (
    boost_params,
    boosters,
    fmt,
    gridded,
    lgbm_rf,
    lookup,
    number_of,
)


def residual_after(eta: float, rounds: float) -> float:
    """Fraction of the residual left after `rounds` steps of shrinkage `eta`: e^(−η·m)."""
    return math.exp(-eta * rounds)


def _more_rounds(
    ctx: RuleContext,
    est: Estimator,
    rounds: tuple[str, AnyFact] | None,
    default_name: str,
    eta: float,
) -> Fix | None:
    needed = math.ceil(3 / eta)
    if rounds is not None:
        name = rounds[0]
        edit: Edit | None = Edit(rounds[1].node.span, str(needed))
    else:
        name = default_name
        edit = insert_param(est, name, str(needed), ctx.document)
    if edit is None:
        return None
    return Fix(
        f"Set `{name}: {needed}` (≈5% residual; use early stopping)", (edit,), Applicability.UNSAFE
    )


@rule(
    code="HP404",
    name="too-few-boosting-rounds-for-learning-rate",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def too_few_boosting_rounds_for_learning_rate(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks gradient boosting (LightGBM, XGBoost, scikit-learn GradientBoosting and
    HistGradientBoosting) for `learning_rate × rounds < 1`, where rounds is `n_estimators` (or
    `num_iterations`, `num_boost_round`, `max_iter`, …). A searched learning rate is tested at
    its lower bound, searched rounds at theirs.

    ## Why is this bad?
    With squared loss each round removes about a fraction η of the remaining residual, so after
    m rounds about (1 − η)^m ≈ e^(−η·m) of it is left: at η·m < 1 more than 37 % of the signal is
    never fitted. Both XGBoost and LightGBM advise that a smaller learning rate needs
    proportionally more rounds.

    ## Example
    ```yaml
    model:
      estimator:
        class: xgboost.XGBRegressor
        params:
          learning_rate: 0.001
          n_estimators: 300
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: xgboost.XGBRegressor
        params:
          learning_rate: 0.001
          n_estimators: 3000
    ```

    ## Fix safety
    The fix raises the rounds to ⌈3/η⌉ (≈ 5 % residual); pair it with early stopping. Training
    takes longer and the model changes, so the fix is unsafe.

    ## References
    - [xgb-tuning]
    - [lgb-tuning]
    - [Friedman01]
    """
    config = ctx.config
    for kind, est in boosters(ctx, "lightgbm", "xgboost", "sklearn_gb", "sklearn_hgb"):
        spec = boost_params(kind)
        if spec is None or (kind == "lightgbm" and lgbm_rf(est)):
            continue
        lr_names, lr_default, round_names, round_default = spec
        if gridded(ctx, est, *lr_names, *round_names):
            continue
        lr = lookup(est, lr_names)
        rounds = lookup(est, round_names)
        lr_space = pl.searched(config, est, lr_names)
        round_space = pl.searched(config, est, round_names)
        round_value = number_of(rounds) if rounds is not None else round_default
        round_note = ""
        for name, param in round_space:
            low = pl.space_low(param)
            if low is not None:
                round_value, round_note = (
                    low[0],
                    f" (the search space includes {name} {fmt(low[0])})",
                )
        if round_value is None or round_value <= 0:
            continue
        round_name = rounds[0] if rounds is not None else round_names[-1]
        related = ((rounds[1].node, f"{round_name} = {fmt(round_value)}"),) if rounds else ()
        if not lr_space:
            eta = number_of(lr) if lr is not None else lr_default
            if eta is None or eta <= 0 or eta * round_value >= 1:
                continue
            anchor = (
                lr[1].node if lr is not None else rounds[1].node if rounds is not None else None
            )
            if anchor is None:
                continue
            lr_shown = f"{lr[0] if lr else 'learning_rate'} {fmt(eta)}" + (
                "" if lr else " (default)"
            )
            fix = _more_rounds(ctx, est, rounds, round_names[-1], eta) if not round_space else None
            yield Violation(
                anchor,
                f"{lr_shown} × {fmt(round_value)} rounds = {eta * round_value:.3g} < 1: the "
                f"ensemble cannot fit the signal (≈{100 * residual_after(eta, round_value):.0f}% "
                f"residual remains){round_note}.",
                related=related,
                fix=fix,
            )
            continue
        for name, param in lr_space:
            low = pl.space_low(param)
            if low is None or low[0] <= 0 or low[0] * round_value >= 1:
                continue
            eta = low[0]
            yield Violation(
                low[1],
                f"The search space includes {name} {fmt(eta)} × {fmt(round_value)} rounds = "
                f"{eta * round_value:.3g} < 1 (≈{100 * residual_after(eta, round_value):.0f}% "
                f"residual unfit){round_note}; raise the lower bound or the rounds.",
                related=related,
            )
