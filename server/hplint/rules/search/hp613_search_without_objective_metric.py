"""HP613 `search-without-objective-metric`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.search._shared import method_anchor, search_method


@rule(code="HP613", name="search-without-objective-metric", severity=Severity.ERROR)
def search_without_objective_metric(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that a Bayesian search, a Hyperband search or a search with early termination names
    the metric it optimizes.

    ## Why is this bad?
    A Bayesian sampler models the objective and early termination compares trials on it;
    without a metric they have nothing to learn from. W&B rejects `method: bayes` and
    `early_terminate` without `metric`; other tools fall back to a default metric you did not
    choose.

    ## Example
    ```yaml
    search:
      method: bayesian
      budget: {trials: 60}
    ```

    Use instead:
    ```yaml
    search:
      method: bayesian
      objective: {metric: val_loss, direction: minimize}
      budget: {trials: 60}
    ```

    ## References
    - [wandb-sweep]
    - [sm-objective]
    """
    search = ctx.config.search
    method = search_method(search)
    needs_metric = method in ("bayesian", "hyperband") or search.early_termination is not None
    if not needs_metric or search.objective_metric is not None:
        return
    if method in ("bayesian", "hyperband"):
        what = f"`{search.method_raw or method}` search"
    else:
        what = "Early termination"
    yield Violation(
        method_anchor(ctx),
        f"{what} needs an objective metric to compare trials, but none is configured.",
    )
