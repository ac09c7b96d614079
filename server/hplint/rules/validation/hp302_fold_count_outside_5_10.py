"""HP302 `fold-count-outside-5-10`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.ir import number
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.validation._shared import cv_method, fix_value, fmt

_CV_METHODS = frozenset(
    {"kfold", "stratified_kfold", "group_kfold", "stratified_group_kfold", "timeseries"}
)


_LOO_FOLDS = 20  # more folds than this behave like leave-one-out (HP302)


@rule(
    code="HP302",
    name="fold-count-outside-5-10",
    severity=Severity.INFO,
    fix=FixAvailability.SOMETIMES,
)
def fold_count_outside_5_10(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for leave-one-out-like cross-validation (`method: loo`, as many folds as samples, or
    more than 20 folds) and for very few folds (2–4).

    ## Why is this bad?
    With k folds every model trains on (k−1)/k of the data. Leave-one-out models are nearly
    identical, so the averaged score has high variance, and it costs n fits. With 2–4 folds
    each model sees only 50–75 % of the data, so the estimate is pessimistic. Kohavi found
    stratified 10-fold the best choice for model selection, and the scikit-learn guide
    recommends 5- or 10-fold over leave-one-out. The 20-fold cut-off is hplint's heuristic.

    ## Example
    ```yaml
    data:
      n_samples: 240
    validation:
      method: kfold
      folds: 240
    ```

    Use instead:
    ```yaml
    data:
      n_samples: 240
    validation:
      method: kfold
      folds: 10
    ```

    ## Fix safety
    `folds: 10` changes how the model is evaluated, so the fix is unsafe.

    ## References
    - [Kohavi95]
    - [skl-cv]
    """
    config = ctx.config
    method_fact = config.validation.method
    method = cv_method(config)
    if method == "loo" and method_fact is not None:
        yield Violation(
            method_fact.node,
            "`loo` is leave-one-out: a high-variance estimate that refits the model once per "
            "sample; 5 or 10 folds are preferred.",
        )
        return
    folds_fact = config.validation.folds
    folds = number(folds_fact)
    if folds_fact is None or folds is None or folds < 2:
        return
    if method is not None and method not in _CV_METHODS:
        return
    n = number(config.data.n_samples)
    if n is not None and folds > n:
        return  # infeasible: HP301 reports it
    fix = fix_value(folds_fact.node, "10", "Set `folds: 10`")
    shown = fmt(folds)
    if (n is not None and folds == n) or folds > _LOO_FOLDS:
        reason = " = n_samples" if n is not None and folds == n else ""
        yield Violation(
            folds_fact.node,
            f"{shown} folds{reason} is (near) leave-one-out: a high-variance estimate and "
            f"costly; 5 or 10 folds are preferred.",
            fix=fix,
        )
    elif folds <= 4:
        pct = round(100 * (folds - 1) / folds)
        yield Violation(
            folds_fact.node,
            f"{shown} folds train each model on only {pct}% of the data: a pessimistic "
            f"estimate; 5 or 10 folds are preferred.",
            fix=fix,
        )
