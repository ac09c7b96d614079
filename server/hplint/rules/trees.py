"""HP4xx — trees and boosting."""

from __future__ import annotations

import math
from collections.abc import Iterator

from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.model import Node
from hplint.ir import AnyFact, Estimator, SearchParam, boolean, number, text
from hplint.rules import _pipeline as pl
from hplint.rules._base import FixAvailability, RuleContext, Violation, rule

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
_SK_FOREST = frozenset(
    {
        "RandomForestClassifier",
        "RandomForestRegressor",
        "ExtraTreesClassifier",
        "ExtraTreesRegressor",
    }
)
_SK_TREES = (
    _SK_FOREST
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


def _lookup(est: Estimator, names: tuple[str, ...]) -> tuple[str, AnyFact] | None:
    for name in names:
        fact = est.params.get(name)
        if fact is not None:
            return name, fact
    return None


def lgbm(est: Estimator, param: str) -> tuple[str, AnyFact] | None:
    return _lookup(est, LGBM_NAMES[param])


def _num(found: tuple[str, AnyFact] | None) -> float | None:
    return number(found[1]) if found is not None else None


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _lgbm_rf(est: Estimator) -> bool:
    found = lgbm(est, "boosting")
    return found is not None and text(found[1]) in ("rf", "random_forest")


def _boosters(ctx: RuleContext, *families: str) -> Iterator[tuple[str, Estimator]]:
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


def _entry_anchor(param: SearchParam) -> Node:
    anchor = param.key if param.key is not None else param.node
    assert anchor is not None
    return anchor


def leaves_fix(depth: int) -> int:
    """The suggested `num_leaves` for `max_depth` d: round(0.6 · 2^d), at least 2."""
    return max(2, math.floor(0.6 * float(2**depth) + 0.5))


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
    - [LightGBM: Parameters Tuning](https://lightgbm.readthedocs.io/en/latest/Parameters-Tuning.html)
    - [LightGBM `src/io/config.cpp` `CheckParamConflict`](https://github.com/microsoft/LightGBM/blob/master/src/io/config.cpp)
    """
    for _, est in _boosters(ctx, "lightgbm"):
        depth = _num(lgbm(est, "max_depth"))
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
        value = _num(leaves)
        if leaves is not None and value is not None and value > cap:
            name, fact = leaves
            suggestion = leaves_fix(d)
            yield Violation(
                fact.node,
                f"{name} {_fmt(value)} > 2^max_depth = {cap}: the excess is ignored (LightGBM "
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
                    f"The search space includes {name} {_fmt(high[0])} > 2^max_depth = {cap}: "
                    f"LightGBM lowers it to {cap}, so those trials repeat the same model.",
                    related=related,
                )


@rule(code="HP402", name="num-leaves-not-below-depth-capacity", severity=Severity.INFO)
def num_leaves_not_below_depth_capacity(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks LightGBM models with `max_depth > 0` for `num_leaves == 2^max_depth`, and for
    `num_leaves` left at its default 31 while `max_depth ≥ 5`.

    ## Why is this bad?
    LightGBM's tuning guide recommends `num_leaves` *smaller* than 2^max_depth: at equality a
    leaf-wise tree can grow into a full depth-wise tree, which overfits. When `num_leaves` is not
    set and 2^max_depth > 31, LightGBM warns "Accuracy may be bad since you didn't explicitly set
    num_leaves OR 2^max_depth > num_leaves": the depth limit is then not what limits the trees.

    ## Example
    ```yaml
    model:
      estimator:
        class: lightgbm.LGBMRegressor
        params:
          max_depth: 7
          num_leaves: 128
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: lightgbm.LGBMRegressor
        params:
          max_depth: 7
          num_leaves: 77
    ```

    ## References
    - [LightGBM: Parameters Tuning](https://lightgbm.readthedocs.io/en/latest/Parameters-Tuning.html)
    - [LightGBM `src/io/config.cpp` `CheckParamConflict`](https://github.com/microsoft/LightGBM/blob/master/src/io/config.cpp)
    """
    for _, est in _boosters(ctx, "lightgbm"):
        depth_fact = lgbm(est, "max_depth")
        depth = _num(depth_fact)
        if (
            depth_fact is None
            or depth is None
            or depth <= 0
            or not depth.is_integer()
            or depth > 62
        ):
            continue
        cap = 2 ** int(depth)
        leaves = lgbm(est, "num_leaves")
        value = _num(leaves)
        if leaves is not None and value is not None and value == cap:
            yield Violation(
                leaves[1].node,
                f"{leaves[0]} {cap} = 2^max_depth: num_leaves should be smaller than "
                f"2^max_depth ({cap}), e.g. {leaves_fix(int(depth))}.",
                related=((depth_fact[1].node, f"max_depth = {int(depth)}"),),
            )
        elif (
            leaves is None
            and depth >= 5
            and not pl.searched(ctx.config, est, LGBM_NAMES["num_leaves"])
        ):
            yield Violation(
                depth_fact[1].node,
                f"num_leaves should be smaller than 2^max_depth ({cap}); with the default 31 "
                "LightGBM warns 'Accuracy may be bad since you didn't explicitly set num_leaves "
                "OR 2^max_depth > num_leaves'.",
            )


@rule(
    code="HP403",
    name="bagging-fraction-without-frequency",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def bagging_fraction_without_frequency(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks LightGBM models for `bagging_fraction < 1` (alias `subsample`) while `bagging_freq`
    (alias `subsample_freq`) is absent or 0 — fixed or searched — and for `bagging_freq > 0`
    with `bagging_fraction` 1.0.

    ## Why is this bad?
    LightGBM bags only when both are set: "to enable bagging, bagging_freq should be set to a non
    zero value as well". With the default `bagging_freq: 0` the fraction is silently ignored and
    every tree sees all rows — the regularization you configured (or tune) does nothing.
    XGBoost's `subsample` needs no frequency, which makes this easy to miss when porting.

    ## Example
    ```yaml
    model:
      estimator:
        class: lightgbm.LGBMClassifier
        params:
          bagging_fraction: 0.7
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: lightgbm.LGBMClassifier
        params:
          bagging_fraction: 0.7
          bagging_freq: 1
    ```

    ## Fix safety
    The fix sets the frequency to 1 (bag at every iteration). Bagging then takes effect and the
    model changes, so the fix is unsafe.

    ## References
    - [LightGBM Parameters: `bagging_fraction`, `bagging_freq`](https://lightgbm.readthedocs.io/en/latest/Parameters.html#bagging_fraction)
    """
    for _, est in _boosters(ctx, "lightgbm"):
        frac = lgbm(est, "bagging_fraction")
        freq = lgbm(est, "bagging_freq")
        freq_value = _num(freq)
        freq_searched = pl.searched(ctx.config, est, LGBM_NAMES["bagging_freq"])
        frac_searched = pl.searched(ctx.config, est, LGBM_NAMES["bagging_fraction"])
        no_freq = (freq_value is None or freq_value <= 0) and not freq_searched
        frac_value = _num(frac)
        freq_name = (
            "subsample_freq" if frac is not None and frac[0] == "subsample" else "bagging_freq"
        )
        if frac is not None and frac_value is not None and frac_value < 1 and no_freq:
            shown = _fmt(freq_value) if freq_value is not None else "0 (default)"
            yield Violation(
                frac[1].node,
                f"{frac[0]} {_fmt(frac_value)} has no effect while {freq_name} = {shown}; set "
                f"{freq_name} (e.g. 1).",
                related=((freq[1].node, f"{freq[0]} = {shown}"),) if freq is not None else (),
                fix=_enable_bagging(ctx, est, freq, freq_name),
            )
        if no_freq:
            for name, param in frac_searched:
                low = pl.space_low(param)
                if low is not None and low[0] < 1:
                    yield Violation(
                        _entry_anchor(param),
                        f"The search space varies {name}, but it has no effect while "
                        f"{freq_name} = 0; set {freq_name} (e.g. 1).",
                        fix=_enable_bagging(ctx, est, freq, freq_name),
                    )
        pos_neg = [
            number(est.params.get(k)) for k in ("pos_bagging_fraction", "neg_bagging_fraction")
        ]
        if (
            freq is not None
            and freq_value is not None
            and freq_value > 0
            and (frac_value is None or frac_value >= 1)
            and not frac_searched
            and not any(v is not None and v < 1 for v in pos_neg)
        ):
            shown = _fmt(frac_value) if frac_value is not None else "1.0 (default)"
            yield Violation(
                freq[1].node,
                f"{freq[0]} {_fmt(freq_value)} has no effect while bagging_fraction = {shown}: "
                "every row is used; set bagging_fraction below 1 (e.g. 0.8).",
            )


def _enable_bagging(
    ctx: RuleContext, est: Estimator, freq: tuple[str, AnyFact] | None, name: str
) -> Fix | None:
    if freq is not None:
        edit: Edit | None = Edit(freq[1].node.span, "1")
        name = freq[0]
    else:
        edit = pl.insert_param(est, name, "1", ctx.document)
    if edit is None:
        return None
    return Fix(f"Set `{name}: 1`", (edit,), Applicability.UNSAFE)


def _boost_params(kind: str) -> tuple[tuple[str, ...], float, tuple[str, ...], float] | None:
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


def residual_after(eta: float, rounds: float) -> float:
    """Fraction of the residual left after `rounds` steps of shrinkage `eta`: e^(−η·m)."""
    return math.exp(-eta * rounds)


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
    - [XGBoost: Notes on Parameter Tuning](https://xgboost.readthedocs.io/en/stable/tutorials/param_tuning.html)
    - [LightGBM: Parameters Tuning](https://lightgbm.readthedocs.io/en/latest/Parameters-Tuning.html)
    - Friedman, "Greedy Function Approximation: A Gradient Boosting Machine", Annals of
      Statistics 29(5), 2001
    """
    config = ctx.config
    for kind, est in _boosters(ctx, "lightgbm", "xgboost", "sklearn_gb", "sklearn_hgb"):
        spec = _boost_params(kind)
        if spec is None or (kind == "lightgbm" and _lgbm_rf(est)):
            continue
        lr_names, lr_default, round_names, round_default = spec
        lr = _lookup(est, lr_names)
        rounds = _lookup(est, round_names)
        lr_space = pl.searched(config, est, lr_names)
        round_space = pl.searched(config, est, round_names)
        round_value = _num(rounds) if rounds is not None else round_default
        round_note = ""
        for name, param in round_space:
            low = pl.space_low(param)
            if low is not None:
                round_value, round_note = (
                    low[0],
                    f" (the search space includes {name} {_fmt(low[0])})",
                )
        if round_value is None or round_value <= 0:
            continue
        round_name = rounds[0] if rounds is not None else round_names[-1]
        related = ((rounds[1].node, f"{round_name} = {_fmt(round_value)}"),) if rounds else ()
        if not lr_space:
            eta = _num(lr) if lr is not None else lr_default
            if eta is None or eta <= 0 or eta * round_value >= 1:
                continue
            anchor = (
                lr[1].node if lr is not None else rounds[1].node if rounds is not None else None
            )
            if anchor is None:
                continue
            lr_shown = f"{lr[0] if lr else 'learning_rate'} {_fmt(eta)}" + (
                "" if lr else " (default)"
            )
            fix = _more_rounds(ctx, est, rounds, round_names[-1], eta) if not round_space else None
            yield Violation(
                anchor,
                f"{lr_shown} × {_fmt(round_value)} rounds = {eta * round_value:.3g} < 1: the "
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
                f"The search space includes {name} {_fmt(eta)} × {_fmt(round_value)} rounds = "
                f"{eta * round_value:.3g} < 1 (≈{100 * residual_after(eta, round_value):.0f}% "
                f"residual unfit){round_note}; raise the lower bound or the rounds.",
                related=related,
            )


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
        edit = pl.insert_param(est, name, str(needed), ctx.document)
    if edit is None:
        return None
    return Fix(
        f"Set `{name}: {needed}` (≈5% residual; use early stopping)", (edit,), Applicability.UNSAFE
    )


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
    - [XGBoost parameters: `subsample`, `sampling_method`](https://xgboost.readthedocs.io/en/stable/parameter.html)
    """
    for _, est in _boosters(ctx, "xgboost", "xgboost_rf"):
        method = text(est.params.get("sampling_method"))
        if method is not None and method != "uniform":
            continue
        fact = est.params.get("subsample")
        value = number(fact)
        if fact is not None and value is not None and 0 < value < 0.5:
            yield Violation(
                fact.node,
                f"subsample {_fmt(value)} < 0.5: with uniform sampling XGBoost recommends ≥ 0.5 "
                "(gradient_based allows 0.1).",
            )
        for _, param in pl.searched(ctx.config, est, ("subsample",)):
            low = pl.space_low(param)
            if low is not None and 0 < low[0] < 0.5:
                yield Violation(
                    low[1],
                    f"The search space includes subsample {_fmt(low[0])} < 0.5: with uniform "
                    "sampling XGBoost recommends ≥ 0.5 (gradient_based allows 0.1).",
                )


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
    - [scikit-learn: Decision Trees, tips on practical use](https://scikit-learn.org/stable/modules/tree.html#tips-on-practical-use)
    - [XGBoost parameters: `max_depth`, `min_child_weight`](https://xgboost.readthedocs.io/en/stable/parameter.html)
    - [LightGBM: Parameters Tuning](https://lightgbm.readthedocs.io/en/latest/Parameters-Tuning.html)
    """
    config = ctx.config
    for kind, est in _boosters(
        ctx, "lightgbm", "xgboost", "xgboost_rf", "sklearn_gb", "sklearn_tree"
    ):
        limit = lgbm(est, "num_leaves") if kind == "lightgbm" else _lookup(est, ("max_depth",))
        limit_value = _num(limit)
        if limit is None or limit_value is None or limit_value <= 0:
            continue
        train = pl.n_train(config)
        if train is None:
            ctx.skip("n_samples")
            continue
        n = train.n
        if kind == "lightgbm":
            leaves = limit_value
            depth = _num(lgbm(est, "max_depth"))
            if depth is not None and 0 < depth <= 62:
                leaves = min(leaves, 2 ** int(depth))
            min_leaf = _num(lgbm(est, "min_data_in_leaf"))
            min_leaf = 20.0 if min_leaf is None else max(min_leaf, 1.0)
            too_big = leaves * min_leaf > n
            what = f"{_fmt(leaves)} leaves of ≥ {_fmt(min_leaf)} samples"
            limit_text = "num_leaves limit"
        else:
            leaves = float(2 ** min(int(limit_value), 62))
            if kind in ("xgboost", "xgboost_rf"):
                mcw = _num(_lookup(est, ("min_child_weight",)))
                min_leaf = max(1.0, mcw if mcw is not None else 1.0)
            else:
                msl = _num(_lookup(est, ("min_samples_leaf",)))
                if msl is None:
                    min_leaf = 1.0
                elif 0 < msl < 1:
                    min_leaf = float(math.ceil(msl * n))
                else:
                    min_leaf = max(msl, 1.0)
            too_big = leaves > n / min_leaf
            what = f"2^{_fmt(limit_value)} = {_fmt(leaves)} leaves"
            limit_text = "depth limit"
        if too_big:
            note = f" ({train.note})" if train.note else ""
            risk = (
                "memorization risk"
                if min_leaf <= 1
                else f"only the minimum leaf size {_fmt(min_leaf)} limits the trees"
            )
            yield Violation(
                limit[1].node,
                f"Trees can have {what} but only {n} training samples{note}: the {limit_text} "
                f"does not restrict growth ({risk}).",
                related=((config.data.n_samples.node, "n_samples"),)
                if config.data.n_samples
                else (),
            )


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
    - Probst & Boulesteix, "To Tune or Not to Tune the Number of Trees in Random Forest", JMLR
      18(181), 2018
    - [LightGBM `early_stopping` callback](https://lightgbm.readthedocs.io/en/latest/pythonapi/lightgbm.early_stopping.html)
    - [XGBoost parameters: `early_stopping_rounds`](https://xgboost.readthedocs.io/en/stable/python/python_api.html)
    """
    config = ctx.config
    forest_msg = (
        "More trees do not overfit a random forest; fix {name} at a large affordable value "
        "instead of tuning it."
    )
    boost_msg = "Early stopping already chooses the number of rounds; fix {name} at an upper bound."
    for kind, est in _boosters(
        ctx, "lightgbm", "xgboost", "xgboost_rf", "sklearn_gb", "sklearn_hgb", "sklearn_tree"
    ):
        if kind == "sklearn_tree" and est.class_name not in _SK_FOREST:
            continue
        spec = _boost_params(kind)
        round_names = spec[2] if spec is not None else ("n_estimators",)
        if kind in ("xgboost_rf", "sklearn_tree") or (kind == "lightgbm" and _lgbm_rf(est)):
            template = forest_msg
        elif _early_stopping(ctx, kind, est):
            template = boost_msg
        else:
            continue
        for name, param in pl.searched(config, est, round_names):
            yield Violation(_entry_anchor(param), template.format(name=name))


def _early_stopping(ctx: RuleContext, kind: str, est: Estimator) -> bool:
    if ctx.config.training.early_stopping is not None:
        return True
    if kind == "lightgbm":
        value = _num(lgbm(est, "early_stopping_round"))
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
