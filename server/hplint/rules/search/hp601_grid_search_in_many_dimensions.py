"""HP601 `grid-search-in-many-dimensions`."""

from __future__ import annotations

import math
from collections.abc import Iterator

from hplint.analysis.grids import estimator_grids
from hplint.analysis.search_space import grid_points, space_dims
from hplint.diagnostics import Applicability, Fix, Severity
from hplint.ir import AnyFact, SearchParam, as_number, text
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.search._shared import is_identifier, numeric_values, search_method
from hplint.rules.validation._shared import replace_scalar

NUMERIC_KINDS = frozenset({"uniform", "loguniform", "int", "quniform", "normal", "lognormal"})


def _is_continuous(param: SearchParam) -> bool:
    """A dimension whose values come from a continuum: a range, or a list of numbers that are
    not all whole (learning rates, dropout, weight decay written as a few values). A list of
    whole numbers (layers, widths, batch sizes, tree counts) may be the whole space, where
    random search would test no more distinct values than the grid, so it does not count.
    Seeds and ids are not tuned."""
    if is_identifier(param.short_name):
        return False
    if param.kind in NUMERIC_KINDS:
        return True
    if param.kind == "choice" and len(param.values) >= 2:  # one value is a constant
        numbers = numeric_values(param)
        return len(numbers) == len(param.values) and not all(float(v).is_integer() for v in numbers)
    return False


@rule(
    code="HP601",
    name="grid-search-in-many-dimensions",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def grid_search_in_many_dimensions(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for grid search over three or more continuous hyperparameters, in a tuner's search
    space or in a `GridSearchCV` / `HalvingGridSearchCV` `param_grid`. Continuous means a
    range, or a list of numbers that are not all whole (a learning rate, a weight decay, a
    dropout rate written as a few values). Lists of whole numbers (layers, widths, batch
    sizes), seeds and ids do not count: a grid over them tests every value random search
    could.

    ## Why is this bad?
    Usually only a few hyperparameters matter. A grid tries each of them at only a handful of
    values, repeated across every combination of the others, so most trials are spent on
    dimensions that do not matter. Random search with the same number of trials tries up to
    that many distinct values of every dimension, and Bergstra & Bengio found it as good or
    better in a fraction of the trials. A grid is reasonable in one or two dimensions (the
    tuning playbook's advice); three is where hplint starts warning.

    ## Example
    ```yaml
    search:
      method: grid
      space:
        training.learning_rate: {choice: [1.0e-4, 1.0e-3, 1.0e-2]}
        training.weight_decay: {choice: [0.0, 1.0e-4, 1.0e-2]}
        model.network.layers.0.dropout: {choice: [0.1, 0.3, 0.5]}
    ```

    Use instead:
    ```yaml
    search:
      method: random
      budget: {trials: 27}
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
        training.weight_decay: {dist: loguniform, low: 1.0e-5, high: 1.0e-2}
        model.network.layers.0.dropout: {dist: uniform, low: 0.1, high: 0.5}
    ```

    ## Fix safety
    Switching the method to random search changes which configurations run; the fix is unsafe.

    ## References
    - [Bergstra12]
    - [Playbook23]
    """
    yield from _estimator_grids(ctx)
    search = ctx.config.search
    if search_method(search) != "grid" or search.method is None:
        return
    numeric = [p for p in space_dims(search) if _is_continuous(p)]
    if len(numeric) < 3:
        return
    sizes = [grid_points(p) for p in space_dims(search)]
    numeric_sizes = [s for s in (grid_points(p) for p in numeric) if s is not None]
    k = max(numeric_sizes) if numeric_sizes else None
    total = math.prod(s for s in sizes if s is not None) if None not in sizes else None
    if k is not None and total is not None:
        message = (
            f"Grid search over {len(numeric)} continuous hyperparameters tests only {k} distinct "
            f"values of each; random search over their ranges with the same {total} trials tests "
            f"up to {total}."
        )
    else:
        message = (
            f"Grid search over {len(numeric)} continuous hyperparameters tests only a few "
            f"distinct values of each; random search over their ranges tests as many values as "
            f"trials."
        )
    fix = None
    raw = search.method_raw or text(search.method)
    if raw in ("grid", "Grid"):
        edit = replace_scalar(search.method.node, "random" if raw == "grid" else "Random")
        if edit is not None:
            fix = Fix("Use random search", (edit,), Applicability.UNSAFE)
    yield Violation(search.method.node, message, fix=fix)


def _estimator_grids(ctx: RuleContext) -> Iterator[Violation]:
    """The same judgement for a `GridSearchCV` `param_grid` written in the config."""
    for grid in estimator_grids(ctx.config):
        continuous = [d for d in grid.dimensions if _continuous_values(d.name, d.values)]
        if len(continuous) < 3:
            continue
        k = max(len(d.values) for d in continuous)
        total = math.prod(len(d.values) for d in grid.dimensions if d.values)
        yield Violation(
            grid.anchor,
            f"{grid.estimator_class} over {len(continuous)} continuous hyperparameters tests "
            f"only {k} distinct values of each; RandomizedSearchCV with distributions and "
            f"n_iter={total} tests up to {total}.",
        )


def _continuous_values(name: str, values: list[AnyFact]) -> bool:
    if is_identifier(name.rsplit("__", 1)[-1]) or len(values) < 2:
        return False
    numbers = [as_number(v.value) for v in values]
    if any(n is None for n in numbers):
        return False
    return not all(float(n).is_integer() for n in numbers if n is not None)
