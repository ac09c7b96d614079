"""HP621 `unbounded-search-budget`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.search._shared import method_anchor, search_method

_DEFAULT_TRIAL_CAP = {"hydra-optuna": 20, "azureml-sweep": 1000}  # n_trials, max_total_trials


_TRIAL_CAP_KEY = {
    "hplint": "`budget.trials`",
    "wandb-sweep": "`run_cap`",
    "katib-experiment": "`maxTrialCount`",
    "azureml-sweep": "`limits.max_total_trials`",
    "sagemaker-tuning": "`ResourceLimits.MaxNumberOfTrainingJobs`",
    "hydra-optuna": "`n_trials`",
}


@rule(code="HP621", name="unbounded-search-budget", severity=Severity.INFO)
def unbounded_search_budget(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that a random or Bayesian search has a trial cap (or a time limit).

    ## Why is this bad?
    Random and Bayesian searches have no natural end: W&B documents that a sweep without
    `run_cap` runs until it is stopped by hand, so an unattended sweep keeps consuming compute.

    ## Example
    ```yaml
    search:
      method: random
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
    ```

    Use instead:
    ```yaml
    search:
      method: random
      budget: {trials: 40}
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
    ```

    ## References
    - [wandb-sweep]
    """
    search = ctx.config.search
    method = search_method(search)
    if method not in ("random", "bayesian") or search.trials is not None:
        return
    if ctx.format_id in _DEFAULT_TRIAL_CAP:
        return  # the tool caps the search itself when the key is absent
    if search.timeout is not None:
        return
    cap = _TRIAL_CAP_KEY.get(ctx.format_id, "a trial cap")
    yield Violation(
        method_anchor(ctx),
        f"`{search.method_raw or method}` search has no trial cap: it runs until stopped by "
        f"hand; set {cap}.",
    )
