"""HP2xx — regularization and linear models.

HP203 (lasso-alpha-zeroes-all-coefficients) is not implemented: α_max = max_j |x_jᵀ(y − ȳ)| / n
needs the data matrix itself, which hplint does not read yet (rules.md §3.3 sniffing).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.model import MappingNode, Node, ScalarNode
from hplint.ir import AnyFact, Config, Estimator, boolean, number
from hplint.rules import _pipeline as pl
from hplint.rules._base import Anchor, FixAvailability, RuleContext, Violation, rule
from hplint.text import Span

_ZERO_ALPHA_CLASSES = frozenset(
    {"Ridge", "RidgeClassifier", "Lasso", "ElasticNet", "MultiTaskLasso", "MultiTaskElasticNet"}
)
_P_GT_N_CLASSES = frozenset(
    {"LinearRegression", "LogisticRegression", "Lasso", "LassoLars", "Ridge"}
)
_RIDGE_CLASSES = frozenset({"Ridge", "RidgeClassifier"})
_ENET_CLASSES = frozenset({"ElasticNet", "MultiTaskElasticNet"})

# scikit-learn's LogisticRegression solver → penalties it supports (`_check_solver`).
_SOLVER_PENALTIES: dict[str, frozenset[str | None]] = {
    "lbfgs": frozenset({"l2", None}),
    "newton-cg": frozenset({"l2", None}),
    "newton-cholesky": frozenset({"l2", None}),
    "sag": frozenset({"l2", None}),
    "liblinear": frozenset({"l1", "l2"}),
    "saga": frozenset({"l1", "l2", "elasticnet", None}),
}


def _sklearn(est: Estimator) -> bool:
    return est.library not in ("lightgbm", "xgboost")


def _fmt(value: float) -> str:
    return f"{value:g}" if not float(value).is_integer() else str(int(value))


def _is_inf(fact: AnyFact | None) -> bool:
    if fact is None:
        return False
    value = fact.value
    if isinstance(value, float) and not isinstance(value, bool):
        return math.isinf(value) and value > 0
    return isinstance(value, str) and value.strip().lower() in ("inf", ".inf", "infinity", "np.inf")


def _logistic_penalty(est: Estimator) -> tuple[str | None, AnyFact | None]:
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


def _unpenalized_logistic(est: Estimator) -> bool:
    penalty, _ = _logistic_penalty(est)
    return penalty is None or _is_inf(est.params.get("C"))


def _fact_note(fact: AnyFact | None, label: str) -> tuple[tuple[Anchor, str], ...]:
    if fact is None:
        return ()
    value = fact.value
    shown = (
        _fmt(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
    )
    return ((fact.node, f"{label} = {shown}"),)


def _data_related(config: Config) -> tuple[tuple[Anchor, str], ...]:
    return _fact_note(config.data.n_samples, "n_samples") + _fact_note(
        config.data.n_features, "n_features"
    )


def _shape(
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


@rule(
    code="HP201",
    name="zero-regularization-penalty",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def zero_regularization_penalty(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for `alpha: 0` on Ridge, RidgeClassifier, Lasso, ElasticNet, MultiTaskLasso and
    MultiTaskElasticNet, and for search spaces whose `alpha` range starts at 0.

    ## Why is this bad?
    With `alpha = 0` the penalty vanishes and the model is ordinary least squares. The estimator
    was chosen for its regularization, and its solvers are not meant for the unpenalized problem:
    scikit-learn's documentation advises against `alpha = 0` for Ridge, Lasso and ElasticNet
    ("for numerical reasons") and points to `LinearRegression` instead; coordinate descent may
    also fail to converge.

    ## Example
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.Lasso
        params:
          alpha: 0
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.Lasso
        params:
          alpha: 1.0
    ```

    ## Fix safety
    The fix restores the library default `alpha: 1.0`. It changes the fitted model, so it is
    unsafe; if you really want no penalty, use `sklearn.linear_model.LinearRegression`.

    ## References
    - [scikit-learn `Ridge`](https://scikit-learn.org/stable/modules/generated/sklearn.linear_model.Ridge.html)
    - [scikit-learn `Lasso`](https://scikit-learn.org/stable/modules/generated/sklearn.linear_model.Lasso.html)
    - [scikit-learn `ElasticNet`](https://scikit-learn.org/stable/modules/generated/sklearn.linear_model.ElasticNet.html)
    """
    for placement in pl.placements(ctx.config):
        est = placement.estimator
        if est.class_name not in _ZERO_ALPHA_CLASSES or not _sklearn(est):
            continue
        alpha = est.params.get("alpha")
        if alpha is not None and number(alpha) == 0:
            yield Violation(
                alpha.node,
                f"`alpha: {_raw(alpha.node)}` makes {est.class_name} unregularized least squares; "
                "scikit-learn advises LinearRegression instead (numerical issues).",
                fix=Fix(
                    "Set `alpha: 1.0` (the library default)",
                    (Edit(alpha.node.span, "1.0"),),
                    Applicability.UNSAFE,
                ),
            )
        for _, param in pl.searched(ctx.config, est, ("alpha",)):
            low = pl.space_low(param)
            if low is not None and low[0] == 0:
                yield Violation(
                    low[1],
                    f"The search space includes `alpha: 0`, which makes {est.class_name} "
                    "unregularized least squares; start the range above 0 (e.g. loguniform "
                    "from 1.0e-4).",
                )


def _raw(node: Node) -> str:
    resolved = node.resolve()
    return resolved.raw if isinstance(resolved, ScalarNode) else "0"


def _sensitivity(name: str) -> str:
    if name in pl.PENALIZED_LINEAR:
        return "penalizes features by magnitude"
    if name in pl.DISTANCE_BASED:
        return "compares features by magnitude (distances or kernels)"
    return "is trained by gradient steps that assume features of similar magnitude"


@rule(
    code="HP202",
    name="scale-sensitive-model-without-scaler",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def scale_sensitive_model_without_scaler(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that a scale-sensitive estimator — penalized linear models (Ridge, Lasso, ElasticNet,
    LogisticRegression, SGD, linear SVMs), kernel SVMs, k-nearest neighbours, k-means and MLPs —
    has a scaler before it: `StandardScaler`, `RobustScaler`, `MinMaxScaler`, `MaxAbsScaler`,
    `QuantileTransformer` or `PowerTransformer`. Wrappers such as `GridSearchCV` and
    `TransformedTargetRegressor` are looked through; a `ColumnTransformer` or `FeatureUnion`
    counts when every numeric branch scales. `data.scaled: true` silences the rule.

    ## Why is this bad?
    L1/L2 penalties assume every feature is centred with a variance of the same order; a feature
    measured in larger units gets a smaller coefficient and so escapes the penalty, while
    distances and RBF kernels are dominated by the feature with the largest range. Put the scaler
    inside the pipeline so that it is fitted on each training fold only. `Normalizer` does not
    count: it rescales rows, not columns.

    ## Example
    ```yaml
    model:
      pipeline:
        - name: impute
          class: sklearn.impute.SimpleImputer
        - name: reg
          class: sklearn.linear_model.Ridge
    ```

    Use instead:
    ```yaml
    model:
      pipeline:
        - name: impute
          class: sklearn.impute.SimpleImputer
        - name: scale
          class: sklearn.preprocessing.StandardScaler
        - name: reg
          class: sklearn.linear_model.Ridge
    ```

    ## Fix safety
    The fix inserts a `StandardScaler` step before the estimator in a block-style pipeline (not
    for a lone `model.estimator`). It changes the fitted model, so it is unsafe.

    ## References
    - [scikit-learn `StandardScaler`](https://scikit-learn.org/stable/modules/generated/sklearn.preprocessing.StandardScaler.html)
    - [scikit-learn `Pipeline`](https://scikit-learn.org/stable/modules/compose.html#pipeline)
    - [scikit-learn: Common pitfalls and recommended practices](https://scikit-learn.org/stable/common_pitfalls.html)
    """
    config = ctx.config
    if boolean(config.data.scaled) is True:
        return
    numeric = pl.numeric_columns(config)
    for placement in pl.placements(config):
        est = placement.estimator
        if not pl.is_scale_sensitive(est) or est.cls is None:
            continue
        if est.class_name == "LogisticRegression" and _unpenalized_logistic(est):
            continue
        verdict = pl.scaler_verdict(placement.preceding, numeric)
        if verdict.scaled:
            continue
        notes = f" ({'; '.join(verdict.notes)})" if verdict.notes else ""
        related = tuple(
            (step.cls.node, "this step does not scale the features")
            for step in placement.preceding
            if step.cls is not None
        )
        yield Violation(
            est.cls.node,
            f"{est.class_name} {_sensitivity(est.class_name)} but no scaler precedes it in the "
            f"pipeline{notes}.",
            related=related,
            fix=_insert_scaler(ctx, placement),
        )


def _insert_scaler(ctx: RuleContext, placement: pl.Placement) -> Fix | None:
    est = placement.estimator
    items = placement.siblings
    node = est.node
    if (
        items is None
        or items.flow
        or node is None
        or est.cls is None
        or ctx.document.language != "yaml"
    ):
        return None
    if not any(item is node for item in items.items) or not isinstance(node, MappingNode):
        return None
    prefix = pl.item_prefix(node, ctx.document)
    if prefix is None:
        return None
    scaler = "sklearn.preprocessing.StandardScaler" if "." in est.cls.value else "StandardScaler"
    taken = {
        str(value)
        for item in items.items
        if isinstance(step := item.resolve(), MappingNode)
        and (value := _scalar_value(step.get("name"))) is not None
    }
    name = next(
        n for n in ("scale", "scaler", "standard_scale", "scale_features") if n not in taken
    )
    nl = pl.newline_of(ctx.document.text)
    has_name = node.get("name") is not None
    if node.flow:
        flow = f"{{name: {name}, class: {scaler}}}" if has_name else f"{{class: {scaler}}}"
        text = f"{prefix}{flow}{nl}"
    else:
        indent = " " * len(prefix)
        text = (
            f"{prefix}name: {name}{nl}{indent}class: {scaler}{nl}"
            if has_name
            else f"{prefix}class: {scaler}{nl}"
        )
    start = node.span.start - len(prefix)
    return Fix(
        f"Insert a StandardScaler step before `{est.class_name}`",
        (Edit(Span(start, start), text),),
        Applicability.UNSAFE,
    )


def _scalar_value(node: Node | None) -> object:
    if node is None:
        return None
    resolved = node.resolve()
    return resolved.value if isinstance(resolved, ScalarNode) else None


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
    - Hastie, Tibshirani, Friedman, *The Elements of Statistical Learning*, 2nd ed., §3.4.1
    - Hoerl & Kennard, "Ridge Regression", Technometrics 12(1), 1970
    - [scikit-learn `Ridge`](https://scikit-learn.org/stable/modules/generated/sklearn.linear_model.Ridge.html)
    """
    config = ctx.config
    numeric = pl.numeric_columns(config)
    declared_scaled = boolean(config.data.scaled) is True
    for placement in pl.placements(config):
        est = placement.estimator
        if est.class_name not in _RIDGE_CLASSES or not _sklearn(est):
            continue
        alpha_fact = est.params.get("alpha")
        alpha = number(alpha_fact)
        if alpha_fact is None or alpha is None or alpha < 10:
            continue  # below 10 the rule can never fire (max(n, p) ≥ 1)
        if not declared_scaled and not pl.scaler_verdict(placement.preceding, numeric).scaled:
            continue
        shape = _shape(ctx, placement)
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
            f"alpha {_fmt(alpha)} shrinks typical coefficient directions by ≈{100 * shrink:.0f}% "
            f"(effective df ≈ {df:.1f} of {rank}); likely underfit.",
            related=_data_related(config),
        )


def ridge_shrinkage(n: int, p: int, alpha: float) -> tuple[float, float, float, int]:
    """(threshold 10·max(n, p), shrinkage of a typical direction, effective df, rank)."""
    mean_eigen = max(n, p)
    rank = min(n, p)
    shrink = alpha / (mean_eigen + alpha)
    df = rank * mean_eigen / (mean_eigen + alpha)
    return 10.0 * mean_eigen, shrink, df, rank


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
    - [scikit-learn `ElasticNet`](https://scikit-learn.org/stable/modules/generated/sklearn.linear_model.ElasticNet.html)
    - [scikit-learn user guide: Elastic-Net](https://scikit-learn.org/stable/modules/linear_model.html#elastic-net)
    - Zou & Hastie, "Regularization and variable selection via the elastic net", JRSS-B 67(2), 2005
    """
    for placement in pl.placements(ctx.config):
        est = placement.estimator
        if est.class_name not in _ENET_CLASSES or not _sklearn(est):
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
            f"l1_ratio {_fmt(ratio)}: {est.class_name} is {what}; use Ridge or a larger l1_ratio.",
        )


@rule(
    code="HP206",
    name="features-exceed-samples",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def features_exceed_samples(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for more features than training samples (`n_features > n_train`, after the known
    expansions and reductions of the preceding pipeline steps) with LinearRegression,
    unpenalized LogisticRegression, Lasso, LassoLars or Ridge. ElasticNet is the recommended
    model here and never triggers the rule.

    ## Why is this bad?
    With p > n, least squares has infinitely many exact fits; unpenalized logistic regression can
    separate the training data and its coefficients diverge; Lasso selects at most n features and
    picks one feature of a correlated group arbitrarily; Ridge keeps all p features. Elastic-net
    (Zou & Hastie 2005) removes Lasso's n-feature limit and keeps correlated groups together. The
    training size is `n_samples` reduced by the validation scheme (e.g. × (k−1)/k for k folds).

    ## Example
    ```yaml
    data:
      n_samples: 240
      n_features: 5200
    model:
      estimator:
        class: sklearn.linear_model.Lasso
        params:
          alpha: 0.1
    ```

    Use instead:
    ```yaml
    data:
      n_samples: 240
      n_features: 5200
    model:
      estimator:
        class: sklearn.linear_model.ElasticNet
        params:
          alpha: 0.1
          l1_ratio: 0.5
    ```

    ## Fix safety
    The fix replaces the class with ElasticNet, keeps `alpha` and adds `l1_ratio: 0.5`. It changes
    the model, so it is unsafe; it is not offered for LogisticRegression or when a parameter
    would not be valid for ElasticNet.

    ## References
    - Zou & Hastie, "Regularization and variable selection via the elastic net", JRSS-B 67(2), 2005
    - [scikit-learn `ElasticNet`](https://scikit-learn.org/stable/modules/generated/sklearn.linear_model.ElasticNet.html)
    - [scikit-learn user guide: Linear Models](https://scikit-learn.org/stable/modules/linear_model.html)
    """
    config = ctx.config
    for placement in pl.placements(config):
        est = placement.estimator
        if est.class_name not in _P_GT_N_CLASSES or not _sklearn(est) or est.cls is None:
            continue
        if est.class_name == "LogisticRegression" and not _unpenalized_logistic(est):
            continue
        shape = _shape(ctx, placement)
        if shape is None:
            continue
        train, features = shape
        n, p = train.n, features.value
        if p <= n:
            continue
        n_text = f"{n}" + (f" ({train.note})" if train.note else "")
        p_text = f"at least {p}" if features.at_least else f"{p}"
        yield Violation(
            est.cls.node,
            _p_gt_n_message(est.class_name, n_text, p_text),
            related=_data_related(config),
            fix=_to_elasticnet(ctx, est),
        )


def _p_gt_n_message(cls: str, n: str, p: str) -> str:
    if cls == "LinearRegression":
        return f"p={p} > n={n}: least squares is underdetermined (infinitely many exact fits)."
    if cls == "LogisticRegression":
        return (
            f"p={p} > n={n}: unpenalized logistic regression can separate the training data, so "
            "its coefficients diverge; use a penalty."
        )
    if cls in ("Lasso", "LassoLars"):
        return f"{cls} can select at most n={n} of p={p} features; prefer ElasticNet."
    return (
        f"p={p} > n={n}: {cls} keeps all {p} features; if many are uninformative prefer ElasticNet."
    )


def _to_elasticnet(ctx: RuleContext, est: Estimator) -> Fix | None:
    from hplint.knowledge.estimators import catalog
    from hplint.rules.schema import respell_value

    if est.cls is None or est.class_name == "LogisticRegression":
        return None
    known = catalog()
    original = known.resolve(est.cls.value) or known.resolve(est.class_name)
    enet = known.resolve("sklearn.linear_model.ElasticNet")
    if enet is not None:
        for name in est.params:
            if (
                original is not None
                and original.param(name) is not None
                and enet.param(name) is None
            ):
                return None  # e.g. Ridge's `solver`: the rewritten config would not construct
    value = est.cls.value
    if value.startswith("sklearn."):
        new_class = "sklearn.linear_model.ElasticNet"
    elif "." in value:
        new_class = value.rsplit(".", 1)[0] + ".ElasticNet"
    else:
        new_class = "ElasticNet"
    edits = [Edit(est.cls.node.span, respell_value(est.cls.node, new_class))]
    params = est.params_section.mapping
    if "l1_ratio" not in est.params and params is not None and not params.flow:
        added = pl.insert_param(est, "l1_ratio", "0.5", ctx.document)
        if added is not None:
            edits.append(added)
    return Fix(
        "Use ElasticNet (keeps alpha, adds l1_ratio: 0.5)", tuple(edits), Applicability.UNSAFE
    )


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
    - Peduzzi et al., "A simulation study of the number of events per variable in logistic
      regression analysis", J Clin Epidemiol 49(12), 1996
    - [scikit-learn `LinearRegression`](https://scikit-learn.org/stable/modules/generated/sklearn.linear_model.LinearRegression.html)
    """
    config = ctx.config
    for placement in pl.placements(config):
        est = placement.estimator
        if not _sklearn(est) or est.cls is None:
            continue
        logistic = est.class_name == "LogisticRegression"
        if not (est.class_name == "LinearRegression" or (logistic and _unpenalized_logistic(est))):
            continue
        shape = _shape(ctx, placement)
        if shape is None:
            continue
        train, features = shape
        p = features.value
        if p <= 0 or p > train.n or features.at_least:
            continue
        related = _data_related(config)
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
            related += _fact_note(config.data.class_counts, "class_counts")
        else:
            ratio = train.n / p
            message = (
                f"Only {ratio:.1f} samples per feature for an unregularized model; Ridge is a "
                "safer default."
            )
        if ratio < 10:
            yield Violation(est.cls.node, message, related=related)


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


@rule(
    code="HP208",
    name="logistic-penalty-solver-incompatible",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
)
def logistic_penalty_solver_incompatible(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks LogisticRegression for a penalty that its solver does not support: lbfgs, newton-cg,
    newton-cholesky and sag fit only L2 or no penalty, liblinear only L1 or L2, and saga all of
    them. It also reports `penalty: elasticnet` without `l1_ratio`, and `dual: true` with any
    solver but liblinear.

    ## Why is this bad?
    `fit` raises `ValueError` — after the job was submitted. Since scikit-learn 1.8 `penalty` is
    deprecated and the penalty follows `l1_ratio` (0 → L2, 1 → L1, in between → elastic-net)
    and `C` (`.inf` → none), so `l1_ratio: 0.5` with the default lbfgs solver fails too. Before
    1.8, `penalty: elasticnet` without `l1_ratio` raised; from 1.8 it silently fits a pure L2
    penalty (`l1_ratio` defaults to 0.0).

    ## Example
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.LogisticRegression
        params:
          l1_ratio: 1.0
          solver: lbfgs
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.LogisticRegression
        params:
          l1_ratio: 1.0
          solver: saga
    ```

    ## Fix safety
    The fix switches the solver to `saga` (or `lbfgs` for no penalty with liblinear); a different
    solver converges differently, so the fix is unsafe.

    ## References
    - [scikit-learn `LogisticRegression`](https://scikit-learn.org/stable/modules/generated/sklearn.linear_model.LogisticRegression.html)
    - [scikit-learn user guide: solvers](https://scikit-learn.org/stable/modules/linear_model.html#solvers)
    """
    for placement in pl.placements(ctx.config):
        est = placement.estimator
        if est.class_name != "LogisticRegression" or not _sklearn(est):
            continue
        yield from _check_logistic(ctx, est)


def _check_logistic(ctx: RuleContext, est: Estimator) -> Iterator[Violation]:
    solver_fact = est.params.get("solver")
    solver = solver_fact.value if solver_fact is not None else "lbfgs"
    if not isinstance(solver, str) or solver not in _SOLVER_PENALTIES:
        return  # unknown solver: HP003's finding
    penalty, source = _logistic_penalty(est)
    explicit = est.params.get("penalty")
    if penalty == "?" or (penalty is not None and penalty not in ("l1", "l2", "elasticnet")):
        return
    if penalty not in _SOLVER_PENALTIES[solver]:
        shown = "None" if penalty is None else f"'{penalty}'"
        origin = ""
        if source is not None and source is not explicit:
            origin = f" (from `{_key(source)}: {_display(source)}`)"
        solvers = [s for s, allowed in _SOLVER_PENALTIES.items() if penalty in allowed]
        new = "lbfgs" if penalty is None else "saga"
        anchor = (
            solver_fact.node
            if solver_fact is not None
            else (source.node if source else est.cls.node if est.cls else None)
        )
        if anchor is None:
            return
        default = "" if solver_fact is not None else "the default "
        related = (
            ((source.node, "the penalty is decided here"),)
            if source is not None and solver_fact is not None
            else ()
        )
        yield Violation(
            anchor,
            f"{default}solver '{solver}' does not support penalty {shown}{origin} (fit raises "
            f"ValueError); use {_or_list(solvers)}.",
            related=related,
            fix=_set_solver(ctx, est, solver_fact, new),
        )
    elif explicit is not None and penalty == "elasticnet" and "l1_ratio" not in est.params:
        edit = pl.insert_param(est, "l1_ratio", "0.5", ctx.document)
        yield Violation(
            explicit.node,
            "penalty 'elasticnet' without `l1_ratio`: scikit-learn < 1.8 raises ValueError, and "
            "≥ 1.8 uses l1_ratio=0.0 (a pure L2 penalty); set l1_ratio (e.g. 0.5).",
            fix=Fix("Add `l1_ratio: 0.5`", (edit,), Applicability.UNSAFE) if edit else None,
        )
    dual = est.params.get("dual")
    if boolean(dual) is True and solver != "liblinear" and dual is not None:
        yield Violation(
            dual.node,
            f"solver '{solver}' supports only dual=False (fit raises ValueError); use liblinear "
            "or `dual: false`.",
        )


def _key(fact: AnyFact) -> str:
    return str(_scalar_value(fact.key)) if fact.key is not None else "?"


def _display(fact: AnyFact) -> str:
    node = fact.node.resolve()
    return node.raw if isinstance(node, ScalarNode) else str(fact.value)


def _or_list(items: list[str]) -> str:
    quoted = [f"'{i}'" for i in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _set_solver(ctx: RuleContext, est: Estimator, solver: AnyFact | None, new: str) -> Fix | None:
    from hplint.rules.schema import respell_value

    if solver is not None:
        edit: Edit | None = Edit(solver.node.span, respell_value(solver.node, new))
    else:
        value = f'"{new}"' if ctx.document.language == "json" else new
        edit = pl.insert_param(est, "solver", value, ctx.document)
    if edit is None:
        return None
    return Fix(f"Use `solver: {new}`", (edit,), Applicability.UNSAFE)
