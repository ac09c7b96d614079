"""What several rules of this group share: helpers, constants and how they show values."""

from __future__ import annotations

import math
from collections.abc import Iterator

from hplint.analysis import pipeline as pl
from hplint.analysis.grids import set_by_grid
from hplint.document.model import Node
from hplint.ir import AnyFact, Estimator, SearchParam, number, text
from hplint.rules.api import RuleContext

# LightGBM parameter → its names (primary first, the scikit-learn API name last), from
# LightGBM's `config.h` `// alias =` annotations (checked against schemas/estimators/lightgbm.json
# by the tests).
LGBM_NAMES: dict[str, tuple[str, ...]] = {
    "num_leaves": ("num_leaves", "num_leaf", "max_leaves", "max_leaf", "max_leaf_nodes"),
    "max_depth": ("max_depth",),
    "bagging_fraction": ("bagging_fraction", "sub_row", "bagging", "subsample"),
    "bagging_freq": ("bagging_freq", "subsample_freq"),
    "learning_rate": ("learning_rate", "shrinkage_rate", "eta"),
    "num_iterations": (
        "num_iterations",
        "num_iteration",
        "n_iter",
        "num_tree",
        "num_trees",
        "num_round",
        "num_rounds",
        "nrounds",
        "num_boost_round",
        "max_iter",
        "n_estimators",
    ),
    "min_data_in_leaf": (
        "min_data_in_leaf",
        "min_data_per_leaf",
        "min_data",
        "min_samples_leaf",
        "min_child_samples",
    ),
    "early_stopping_round": (
        "early_stopping_round",
        "early_stopping_rounds",
        "early_stopping",
        "n_iter_no_change",
    ),
    "boosting": ("boosting", "boost", "boosting_type"),
}


_XGB_ROUNDS = ("n_estimators", "num_boost_round", "num_round", "num_rounds", "nrounds")


_LGBM = frozenset({"LGBMClassifier", "LGBMRegressor", "LGBMRanker", "LGBMModel"})


_XGB = frozenset({"XGBClassifier", "XGBRegressor", "XGBRanker", "XGBModel"})


_XGB_RF = frozenset({"XGBRFClassifier", "XGBRFRegressor"})


_SK_GB = frozenset({"GradientBoostingClassifier", "GradientBoostingRegressor"})


_SK_HGB = frozenset({"HistGradientBoostingClassifier", "HistGradientBoostingRegressor"})


SK_FOREST = frozenset(
    {
        "RandomForestClassifier",
        "RandomForestRegressor",
        "ExtraTreesClassifier",
        "ExtraTreesRegressor",
    }
)


_SK_TREES = (
    SK_FOREST
    | _SK_GB
    | frozenset(
        {
            "DecisionTreeClassifier",
            "DecisionTreeRegressor",
            "ExtraTreeClassifier",
            "ExtraTreeRegressor",
        }
    )
)


def family(est: Estimator) -> str | None:
    """lightgbm | xgboost | xgboost_rf | sklearn_gb | sklearn_hgb | sklearn_tree, else None."""
    name = est.class_name
    library = est.library
    if name in _LGBM and library in ("lightgbm", ""):
        return "lightgbm"
    if name in _XGB and library in ("xgboost", ""):
        return "xgboost"
    if name in _XGB_RF and library in ("xgboost", ""):
        return "xgboost_rf"
    if library not in ("sklearn", ""):
        return None
    if name in _SK_GB:
        return "sklearn_gb"
    if name in _SK_HGB:
        return "sklearn_hgb"
    if name in _SK_TREES:
        return "sklearn_tree"
    return None


def lookup(est: Estimator, names: tuple[str, ...]) -> tuple[str, AnyFact] | None:
    for name in names:
        fact = est.params.get(name)
        if fact is not None:
            return name, fact
    return None


def lgbm(est: Estimator, param: str) -> tuple[str, AnyFact] | None:
    return lookup(est, LGBM_NAMES[param])


def number_of(found: tuple[str, AnyFact] | None) -> float | None:
    return number(found[1]) if found is not None else None


def fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def lgbm_rf(est: Estimator) -> bool:
    found = lgbm(est, "boosting")
    return found is not None and text(found[1]) in ("rf", "random_forest")


def boosters(ctx: RuleContext, *families: str) -> Iterator[tuple[str, Estimator]]:
    for kind, estimator in ctx.shared("tree-families", lambda: _tree_families(ctx)):
        if kind in families:
            yield kind, estimator


def _tree_families(ctx: RuleContext) -> list[tuple[str, Estimator]]:
    """Every placed tree-based estimator with its family, once per lint (seven rules ask)."""
    found = []
    for placement in pl.placements(ctx.config):
        kind = family(placement.estimator)
        if kind is not None:
            found.append((kind, placement.estimator))
    return found


def gridded(ctx: RuleContext, est: Estimator, *params: str) -> bool:
    """Does a GridSearchCV grid set one of `params` (LightGBM names with their aliases) on `est`?

    The grid's values then replace the written one, so a judgement of the written value (or of
    the default) would be about a model that never runs.
    """
    names = [name for param in params for name in LGBM_NAMES.get(param, (param,))]
    return set_by_grid(ctx.config, est, names)


def entry_anchor(param: SearchParam) -> Node:
    anchor = param.key if param.key is not None else param.node
    assert anchor is not None
    return anchor


def leaves_fix(depth: int) -> int:
    """The suggested `num_leaves` for `max_depth` d: round(0.6 · 2^d), at least 2."""
    return max(2, math.floor(0.6 * float(2**depth) + 0.5))


def boost_params(kind: str) -> tuple[tuple[str, ...], float, tuple[str, ...], float] | None:
    """(learning-rate names, default, round names, default) for a gradient-boosting family."""
    if kind == "lightgbm":
        return LGBM_NAMES["learning_rate"], 0.1, LGBM_NAMES["num_iterations"], 100.0
    if kind == "xgboost":
        return ("learning_rate", "eta"), 0.3, _XGB_ROUNDS, 100.0
    if kind == "sklearn_gb":
        return ("learning_rate",), 0.1, ("n_estimators",), 100.0
    if kind == "sklearn_hgb":
        return ("learning_rate",), 0.1, ("max_iter",), 100.0
    return None
