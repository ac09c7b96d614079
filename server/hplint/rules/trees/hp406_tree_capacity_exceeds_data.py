"""HP406 `tree-capacity-exceeds-data`."""

from __future__ import annotations

import math
from collections.abc import Iterator

from hplint.analysis import pipeline as pl
from hplint.diagnostics import Severity
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.trees._shared import boosters, fmt, gridded, lgbm, lookup, number_of


@rule(code="HP406", name="tree-capacity-exceeds-data", severity=Severity.HINT)
def tree_capacity_exceeds_data(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks whether the tree-size limit you set can bind at all given the training size: for
    depth-wise trees (scikit-learn trees and forests, XGBoost) whether 2^max_depth exceeds
    n_train / min_samples_leaf (n_train / max(1, min_child_weight) for XGBoost); for LightGBM
    whether num_leaves × min_data_in_leaf exceeds n_train. Needs `data.n_samples`.

    ## Why is this bad?
    If a tree could have more leaves than there are samples to fill them, the depth (or leaf)
    limit never stops growth: trees are limited only by the minimum leaf size and can memorize
    the training data. The training size is `n_samples` reduced by the validation scheme.

    ## Example
    ```yaml
    data:
      n_samples: 500
    model:
      estimator:
        class: sklearn.ensemble.GradientBoostingRegressor
        params:
          max_depth: 12
    ```

    Use instead:
    ```yaml
    data:
      n_samples: 500
    model:
      estimator:
        class: sklearn.ensemble.GradientBoostingRegressor
        params:
          max_depth: 4
    ```

    ## References
    - [skl-tree-tips]
    - [xgb-params]
    - [lgb-tuning]
    """
    config = ctx.config
    for kind, est in boosters(
        ctx, "lightgbm", "xgboost", "xgboost_rf", "sklearn_gb", "sklearn_tree"
    ):
        if gridded(
            ctx, est, "num_leaves", "max_depth", "min_data_in_leaf", "min_child_weight"
        ) or gridded(ctx, est, "min_samples_leaf"):
            continue
        limit = lgbm(est, "num_leaves") if kind == "lightgbm" else lookup(est, ("max_depth",))
        limit_value = number_of(limit)
        if limit is None or limit_value is None or limit_value <= 0:
            continue
        train = pl.n_train(config)
        if train is None:
            ctx.skip("n_samples")
            continue
        n = train.n
        if kind == "lightgbm":
            leaves = limit_value
            depth = number_of(lgbm(est, "max_depth"))
            if depth is not None and 0 < depth <= 62:
                leaves = min(leaves, 2 ** int(depth))
            min_leaf = number_of(lgbm(est, "min_data_in_leaf"))
            min_leaf = 20.0 if min_leaf is None else max(min_leaf, 1.0)
            too_big = leaves * min_leaf > n
            what = f"{fmt(leaves)} leaves of ≥ {fmt(min_leaf)} samples"
            limit_text = "num_leaves limit"
        else:
            leaves = float(2 ** min(int(limit_value), 62))
            if kind in ("xgboost", "xgboost_rf"):
                mcw = number_of(lookup(est, ("min_child_weight",)))
                min_leaf = max(1.0, mcw if mcw is not None else 1.0)
            else:
                msl = number_of(lookup(est, ("min_samples_leaf",)))
                if msl is None:
                    min_leaf = 1.0
                elif 0 < msl < 1:
                    min_leaf = float(math.ceil(msl * n))
                else:
                    min_leaf = max(msl, 1.0)
            too_big = leaves > n / min_leaf
            what = f"2^{fmt(limit_value)} = {fmt(leaves)} leaves"
            limit_text = "depth limit"
        if too_big:
            note = f" ({train.note})" if train.note else ""
            risk = (
                "memorization risk"
                if min_leaf <= 1
                else f"only the minimum leaf size {fmt(min_leaf)} limits the trees"
            )
            yield Violation(
                limit[1].node,
                f"Trees can have {what} but only {n} training samples{note}: the {limit_text} "
                f"does not restrict growth ({risk}).",
                related=((config.data.n_samples.node, "n_samples"),)
                if config.data.n_samples
                else (),
            )
