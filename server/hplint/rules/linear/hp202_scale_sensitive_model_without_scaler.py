"""HP202 `scale-sensitive-model-without-scaler`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis import pipeline as pl
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.access import scalar_value
from hplint.document.model import MappingNode
from hplint.ir import boolean
from hplint.rules._edits import item_prefix, newline_of
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.linear._shared import unpenalized_logistic
from hplint.text import Span


def _sensitivity(name: str) -> str:
    if name in pl.PENALIZED_LINEAR:
        return "penalizes features by magnitude"
    if name in pl.DISTANCE_BASED:
        return "compares features by magnitude (distances or kernels)"
    return "is trained by gradient steps that assume features of similar magnitude"


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
    prefix = item_prefix(node, ctx.document)
    if prefix is None:
        return None
    scaler = "sklearn.preprocessing.StandardScaler" if "." in est.cls.value else "StandardScaler"
    taken = {
        str(value)
        for item in items.items
        if isinstance(step := item.resolve(), MappingNode)
        and (value := scalar_value(step.get("name"))) is not None
    }
    name = next(
        n for n in ("scale", "scaler", "standard_scale", "scale_features") if n not in taken
    )
    nl = newline_of(ctx.document.text)
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
    counts when every numeric branch scales. Steps whose outputs are already on one scale count
    as scaling: text vectorizers (Count, Tfidf, Hashing), one-hot and binning encoders, and
    `SplineTransformer`; a `PolynomialFeatures` after the scaler undoes it. k-nearest
    neighbours with `metric: cosine` are not checked. `data.scaled: true` silences the rule.

    ## Why is this bad?
    L1/L2 penalties assume every feature is centred with a variance of the same order; a feature
    measured in larger units gets a smaller coefficient and so escapes the penalty, while
    distances and RBF kernels are dominated by the feature with the largest range. Put the scaler
    inside the pipeline so that it is fitted on each training fold only. `Normalizer` does not
    count: it rescales rows, not columns. scikit-learn's own examples fit `LinearSVC` on tf-idf
    output and `Ridge` on a B-spline basis without a scaler, which is why those steps count.

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
    - [skl-scaler]
    - [skl-pipeline]
    - [skl-pitfalls]
    """
    config = ctx.config
    if boolean(config.data.scaled) is True:
        return
    numeric = pl.numeric_columns(config)
    for placement in pl.placements(config):
        est = placement.estimator
        if not pl.is_scale_sensitive(est) or est.cls is None:
            continue
        if est.class_name == "LogisticRegression" and unpenalized_logistic(est):
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
        where = (
            f"its features are not on one scale: {verdict.undone_by} after the scaler creates "
            "products on other scales; scale after the expansion"
            if verdict.undone_by
            else f"no scaler precedes it in the pipeline{notes}"
        )
        yield Violation(
            est.cls.node,
            f"{est.class_name} {_sensitivity(est.class_name)} but {where}.",
            related=related,
            fix=_insert_scaler(ctx, placement),
        )
