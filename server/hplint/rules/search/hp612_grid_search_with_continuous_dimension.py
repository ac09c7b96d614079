"""HP612 `grid-search-with-continuous-dimension`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.search._shared import entry, search_method


@rule(code="HP612", name="grid-search-with-continuous-dimension", severity=Severity.ERROR)
def grid_search_with_continuous_dimension(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for grid (exhaustive) search with a continuous dimension: a uniform, log-uniform or
    normal distribution without a step.

    ## Why is this bad?
    A grid enumerates values, and a continuous range has infinitely many. Depending on the
    tool the job is rejected (W&B grid needs `values`, SageMaker Grid takes only categorical
    ranges), or it silently picks a few points of its own choosing.

    ## Example
    ```yaml
    search:
      method: grid
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
    ```

    Use instead:
    ```yaml
    search:
      method: grid
      space:
        training.learning_rate: {choice: [1.0e-4, 1.0e-3, 1.0e-2]}
    ```

    ## References
    - [wandb-sweep]
    - [sm-api]
    - [katib-grid-step]
    """
    search = ctx.config.search
    if search_method(search) != "grid":
        return
    for param in search.space:
        if not param.continuous:
            continue
        anchor = param.dist.node if param.dist is not None else entry(param)
        if anchor is None:
            continue
        dist = param.dist_name or param.kind
        yield Violation(
            anchor,
            f"Grid search cannot enumerate `{param.short_name}`: `{dist}` is continuous; list "
            f"the values to try, or use random search.",
        )
