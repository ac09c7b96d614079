"""HP602 `grid-larger-than-budget`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis.search_space import grid_size
from hplint.diagnostics import Severity
from hplint.ir import number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.search._shared import fmt, search_method


@rule(code="HP602", name="grid-larger-than-budget", severity=Severity.WARNING)
def grid_larger_than_budget(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that a grid search's number of combinations fits in its trial budget.

    ## Why is this bad?
    A grid is only a grid when all of it runs. When the budget is smaller, the search stops
    after the first combinations in enumeration order, so the later values of the first
    dimensions are never tried and the result depends on the order of the keys.

    scikit-learn's `GridSearchCV` has no trial budget — it always fits every combination — so
    its `param_grid` is judged by HP601 and HP401, not here.

    ## Example
    ```yaml
    search:
      method: grid
      budget: {trials: 6}
      space:
        training.learning_rate: {choice: [1.0e-4, 1.0e-3, 1.0e-2]}
        training.batch_size: {choice: [32, 64, 128]}
    ```

    Use instead:
    ```yaml
    search:
      method: grid
      budget: {trials: 9}
      space:
        training.learning_rate: {choice: [1.0e-4, 1.0e-3, 1.0e-2]}
        training.batch_size: {choice: [32, 64, 128]}
    ```

    ## References
    - [sm-api]
    - [katib]
    """
    search = ctx.config.search
    trials = number(search.trials)
    if search_method(search) != "grid" or search.trials is None or trials is None:
        return
    total = grid_size(search)
    if total is not None and total > trials:
        yield Violation(
            search.trials.node,
            f"Grid has {total} combinations but the budget allows {fmt(trials)}: only part of "
            f"the grid will run.",
        )
