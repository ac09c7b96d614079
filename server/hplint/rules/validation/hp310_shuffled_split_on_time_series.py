"""HP310 `shuffled-split-on-time-series`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Applicability, Fix, Severity
from hplint.ir import AnyFact, Config, boolean
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.validation._shared import cv_method, replace_scalar

_SHUFFLING = frozenset({"kfold", "stratified_kfold", "holdout"})


@rule(
    code="HP310",
    name="shuffled-split-on-time-series",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def shuffled_split_on_time_series(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for time-ordered data (`data.time_column`) validated with a split that shuffles:
    k-fold, stratified k-fold or holdout with `shuffle` not set to `false` — also among the
    values a native search tries for `validation.method` or `validation.shuffle`.

    ## Why is this bad?
    A shuffled split trains on samples from the future and validates on the past, so the
    score measures interpolation, not forecasting. scikit-learn's `TimeSeriesSplit` notes that
    "shuffling in cross validator is inappropriate" for time series.

    ## Example
    ```yaml
    data:
      time_column: date
    validation:
      method: kfold
      folds: 5
      shuffle: true
    ```

    Use instead:
    ```yaml
    data:
      time_column: date
    validation:
      method: timeseries
      folds: 5
    ```

    ## Fix safety
    Switching to `method: timeseries` changes the folds; the fix is unsafe.

    ## References
    - [skl-tss]
    """
    config = ctx.config
    column = config.data.time_column
    if column is None:
        return
    yield from _searched_shuffles(config, column)
    method_fact = config.validation.method
    method = cv_method(config)
    if method_fact is None or method not in _SHUFFLING:
        return
    if boolean(config.validation.shuffle) is False:
        return
    edit = replace_scalar(method_fact.node, "timeseries")
    yield Violation(
        method_fact.node,
        f"Data are time-ordered (`{column.value}`) but the split shuffles: future samples train "
        f"the model that predicts the past.",
        related=((column.node, "time column"),),
        fix=Fix("Use `method: timeseries`", (edit,), Applicability.UNSAFE) if edit else None,
    )


def _searched_shuffles(config: Config, column: AnyFact) -> Iterator[Violation]:
    """A search that tries shuffled splits of time-ordered data (`validation.method` or
    `validation.shuffle` among the searched dimensions): those trials leak the future."""
    for param in config.search.space:
        if param.path[:1] != ("validation",) or param.kind != "choice":
            continue
        field = param.path[-1]
        for choice in param.values:
            value = choice.value
            shuffles = (field == "method" and value in _SHUFFLING) or (
                field == "shuffle" and value is True
            )
            if shuffles:
                yield Violation(
                    choice.node,
                    f"The search space includes a shuffled split (`{field}: "
                    f"{'true' if value is True else value}`) of time-ordered data "
                    f"(`{column.value}`): those trials train on the future.",
                    related=((column.node, "time column"),),
                )
