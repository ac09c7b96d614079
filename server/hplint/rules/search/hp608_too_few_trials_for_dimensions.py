"""HP608 `too-few-trials-for-dimensions`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis.search_space import space_dims
from hplint.diagnostics import Severity
from hplint.ir import number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.search._shared import fmt, search_method

_TRIALS_PER_DIMENSION = 10  # HP608, from the tuning playbook's trial counts per Adam knob


@rule(code="HP608", name="too-few-trials-for-dimensions", severity=Severity.INFO)
def too_few_trials_for_dimensions(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that a random or Bayesian search has at least 10 trials per searched
    hyperparameter.

    ## Why is this bad?
    Each searched dimension needs trials to be explored. The tuning playbook adds roughly one
    Adam hyperparameter per ten trials (fewer than 10 trials: learning rate only; 10–25: add
    β1; 25+: add ε), and SageMaker advises searching far fewer hyperparameters than its
    limit. With fewer trials the search finds little more than a lucky draw. The factor of 10
    per dimension is hplint's reading of the playbook.

    ## Example
    ```yaml
    search:
      method: random
      budget: {trials: 8}
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
        training.weight_decay: {dist: loguniform, low: 1.0e-5, high: 1.0e-2}
    ```

    Use instead:
    ```yaml
    search:
      method: random
      budget: {trials: 20}
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
        training.weight_decay: {dist: loguniform, low: 1.0e-5, high: 1.0e-2}
    ```

    ## References
    - [Playbook23]
    - [sm-best]
    """
    search = ctx.config.search
    trials = number(search.trials)
    dims = len(space_dims(search))
    if (
        search_method(search) not in ("random", "bayesian")
        or search.trials is None
        or trials is None
    ):
        return
    if dims == 0 or trials >= _TRIALS_PER_DIMENSION * dims:
        return
    plural = "s" if dims != 1 else ""
    yield Violation(
        search.trials.node,
        f"{fmt(trials)} trials for {dims} searched hyperparameter{plural} (< "
        f"{_TRIALS_PER_DIMENSION} per dimension); search fewer dimensions or raise the budget.",
    )
