"""HP601 `grid-search-in-many-dimensions`."""

from __future__ import annotations

import math
from collections.abc import Iterator

from hplint.diagnostics import Applicability, Fix, Severity
from hplint.ir import SearchParam, text
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.search._shared import grid_points, numeric_values, search_method, space_dims
from hplint.rules.validation._shared import replace_scalar

NUMERIC_KINDS = frozenset({"uniform", "loguniform", "int", "quniform", "normal", "lognormal"})


def _is_numeric(param: SearchParam) -> bool:
    if param.kind in NUMERIC_KINDS:
        return True
    if param.kind == "choice" and param.values:
        return len(numeric_values(param)) == len(param.values)
    return False


@rule(
    code="HP601",
    name="grid-search-in-many-dimensions",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def grid_search_in_many_dimensions(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for grid search over three or more numeric hyperparameters.

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
        training.batch_size: {choice: [32, 64, 128]}
    ```

    Use instead:
    ```yaml
    search:
      method: random
      budget: {trials: 27}
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
        training.weight_decay: {dist: loguniform, low: 1.0e-5, high: 1.0e-2}
        training.batch_size: {choice: [32, 64, 128]}
    ```

    ## Fix safety
    Switching the method to random search changes which configurations run; the fix is unsafe.

    ## References
    - [Bergstra12]
    - [Playbook23]
    """
    search = ctx.config.search
    if search_method(search) != "grid" or search.method is None:
        return
    numeric = [p for p in space_dims(search) if _is_numeric(p)]
    if len(numeric) < 3:
        return
    sizes = [grid_points(p) for p in space_dims(search)]
    numeric_sizes = [s for s in (grid_points(p) for p in numeric) if s is not None]
    k = max(numeric_sizes) if numeric_sizes else None
    total = math.prod(s for s in sizes if s is not None) if None not in sizes else None
    if k is not None and total is not None:
        message = (
            f"Grid search over {len(numeric)} numeric hyperparameters tests only {k} distinct "
            f"values of each; random search with the same {total} trials tests up to {total}."
        )
    else:
        message = (
            f"Grid search over {len(numeric)} numeric hyperparameters tests only a few distinct "
            f"values of each; random search with the same trials tests as many values as trials."
        )
    fix = None
    raw = search.method_raw or text(search.method)
    if raw in ("grid", "Grid"):
        edit = replace_scalar(search.method.node, "random" if raw == "grid" else "Random")
        if edit is not None:
            fix = Fix("Use random search", (edit,), Applicability.UNSAFE)
    yield Violation(search.method.node, message, fix=fix)
