"""HP206 `features-exceed-samples`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis import pipeline as pl
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.ir import Estimator
from hplint.rules._edits import insert_param
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.linear._shared import data_related, data_shape, is_sklearn, unpenalized_logistic

_P_GT_N_CLASSES = frozenset({"LinearRegression", "LogisticRegression", "Lasso", "LassoLars"})
# Lasso with p > n is a legitimate sparse model: its n-feature cap is worth knowing, not a fault.
_CAPPED_CLASSES = frozenset({"Lasso", "LassoLars"})


def _p_gt_n_message(cls: str, n: str, p: str) -> str:
    if cls == "LinearRegression":
        return f"p={p} > n={n}: least squares is underdetermined (infinitely many exact fits)."
    if cls == "LogisticRegression":
        return (
            f"p={p} > n={n}: unpenalized logistic regression can separate the training data, so "
            "its coefficients diverge; use a penalty."
        )
    return (
        f"{cls} can select at most n={n} of p={p} features (and picks one of a correlated "
        "group); if more are informative, ElasticNet is not capped."
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
        added = insert_param(est, "l1_ratio", "0.5", ctx.document)
        if added is not None:
            edits.append(added)
    return Fix(
        "Use ElasticNet (keeps alpha, adds l1_ratio: 0.5)", tuple(edits), Applicability.UNSAFE
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
    expansions and reductions of the preceding pipeline steps) with LinearRegression or
    unpenalized LogisticRegression (a warning), and with Lasso or LassoLars (a hint about their
    n-feature cap). Ridge — the textbook method when p > n — and ElasticNet never trigger it.

    ## Why is this bad?
    With p > n, least squares has infinitely many exact fits; unpenalized logistic regression can
    separate the training data and its coefficients diverge. Lasso is well defined and often
    chosen on purpose with p > n (sparse recovery), but it selects at most n features and picks
    one feature of a correlated group arbitrarily (Zou & Hastie 2005, §2.3); elastic-net removes
    that limit and keeps correlated groups together. Ridge keeps all p features and is
    well-posed for any p (Hastie, Tibshirani & Friedman, ESL §3.4.1), so it is not reported. The
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

    ## Severity
    A warning for LinearRegression and unpenalized LogisticRegression (the fit is ill-posed); a
    hint for Lasso and LassoLars (a property of a valid model that the author may want).

    ## References
    - [Zou05]
    - [ESL] (§3.4.1: ridge is well-posed for any p)
    - [skl-enet]
    - [skl-linear-guide]
    """
    config = ctx.config
    for placement in pl.placements(config):
        est = placement.estimator
        if est.class_name not in _P_GT_N_CLASSES or not is_sklearn(est) or est.cls is None:
            continue
        if est.class_name == "LogisticRegression" and not unpenalized_logistic(est):
            continue
        shape = data_shape(ctx, placement)
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
            related=data_related(config),
            fix=_to_elasticnet(ctx, est),
            severity=Severity.HINT if est.class_name in _CAPPED_CLASSES else None,
        )
