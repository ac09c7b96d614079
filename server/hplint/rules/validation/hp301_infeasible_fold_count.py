"""HP301 `infeasible-fold-count`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.ir import AnyFact, number, text
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.validation._shared import STRATIFIED, cv_method, fmt


def _class_counts(fact: AnyFact | None) -> list[float] | None:
    if fact is None:
        return None
    raw = fact.value
    items = list(raw.values()) if isinstance(raw, dict) else raw if isinstance(raw, list) else []
    counts = [float(v) for v in items if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return counts if counts else None


@rule(code="HP301", name="infeasible-fold-count", severity=Severity.ERROR)
def infeasible_fold_count(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that the number of cross-validation folds can be split from the data: at least 2
    folds, no more folds than samples, and — for stratified splits — no more folds than the
    smallest class has members.

    ## Why is this bad?
    scikit-learn raises `ValueError` for fewer than 2 folds or more folds than samples, after
    the job has started. `StratifiedKFold` with more folds than the least populated class only
    warns ("The least populated class in y has only N members, which is less than n_splits")
    and produces folds without that class, so per-fold scores are meaningless. Needs
    `data.n_samples` (and `data.class_counts` for stratified splits); without them the check
    is skipped and listed by HP005.

    ## Example
    ```yaml
    data:
      n_samples: 500
      class_counts: {churned: 4, stayed: 496}
    validation:
      method: stratified_kfold
      folds: 5
    ```

    Use instead:
    ```yaml
    data:
      n_samples: 500
      class_counts: {churned: 4, stayed: 496}
    validation:
      method: stratified_kfold
      folds: 4
    ```

    ## References
    - [skl-cv]
    - [skl-split]
    """
    config = ctx.config
    folds_fact = config.validation.folds
    folds = number(folds_fact)
    method = cv_method(config)
    if folds_fact is None or folds is None or method in ("holdout", "loo", "leave_one_group_out"):
        return
    shown = fmt(folds)
    if folds < 2:
        yield Violation(
            folds_fact.node,
            f"{shown}-fold CV is impossible: cross-validation needs at least 2 folds.",
        )
        return
    n_fact = config.data.n_samples
    n = number(n_fact)
    if n is None:
        ctx.skip("n_samples")
    elif folds > n and n_fact is not None:
        yield Violation(
            folds_fact.node,
            f"{shown}-fold CV is impossible: there are only {fmt(n)} samples "
            f"(`n_samples`), fewer than the folds.",
            related=((n_fact.node, "number of samples"),),
        )
        return
    if method not in STRATIFIED or text(config.data.task) == "regression":
        return  # stratifying a regression target is HP315's finding
    counts_fact = config.data.class_counts
    counts = _class_counts(counts_fact)
    if counts is None or counts_fact is None:
        ctx.skip("class_counts")
        return
    smallest = min(counts)
    if folds > smallest:
        yield Violation(
            folds_fact.node,
            f"{shown}-fold CV is unsafe here: the smallest class has only {fmt(smallest)} "
            f"members, so some stratified folds contain none of it.",
            related=((counts_fact.node, "samples per class"),),
        )
