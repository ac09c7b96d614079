"""HP607 `bayesian-search-highly-parallel`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.ir import number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.search._shared import fmt, search_method


@rule(code="HP607", name="bayesian-search-highly-parallel", severity=Severity.INFO)
def bayesian_search_highly_parallel(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for Bayesian searches that run at least half of their trials (and at least two)
    concurrently.

    ## Why is this bad?
    A Bayesian search picks each new configuration from the results of the finished ones.
    Trials that run at the same time cannot learn from each other, so with half the budget in
    flight at once the search degrades towards random search. SageMaker notes that running
    one training job at a time "achieves the best results with the least amount of compute
    time".

    ## Example
    ```yaml
    search:
      method: bayesian
      budget: {trials: 40, parallel: 20}
    ```

    Use instead:
    ```yaml
    search:
      method: bayesian
      budget: {trials: 40, parallel: 4}
    ```

    ## References
    - [sm-best]
    """
    search = ctx.config.search
    trials, parallel = number(search.trials), number(search.parallel)
    if search_method(search) != "bayesian" or search.parallel is None:
        return
    if trials is None or parallel is None or parallel < max(2.0, trials / 2):
        return
    if parallel > trials:
        return  # more parallel than total trials is HP616's finding: one cause, one diagnostic
    related = ((search.trials.node, "total trials"),) if search.trials is not None else ()
    yield Violation(
        search.parallel.node,
        f"{fmt(parallel)} of {fmt(trials)} trials run concurrently: Bayesian optimization "
        f"learns only between rounds.",
        related=related,
    )
