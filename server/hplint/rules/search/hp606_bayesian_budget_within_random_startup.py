"""HP606 `bayesian-budget-within-random-startup`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.detection import KATIB
from hplint.diagnostics import Severity
from hplint.ir import number, text
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.search._shared import fmt, search_method

STARTUP_TRIALS = {"optuna": 10, "hyperopt": 20, "skopt": 10}


_LIBRARY_LABEL = {
    "optuna": "Optuna TPE (`n_startup_trials`)",
    "hyperopt": "Hyperopt TPE (`n_startup_jobs`)",
    "skopt": "scikit-optimize (`n_initial_points`)",
}


_FORMAT_LIBRARY = {"hydra-optuna": "optuna"}

# Katib's suggestion services: `tpe` runs Hyperopt, `multivariate-tpe` Optuna's TPE sampler,
# `bayesianoptimization` scikit-optimize (Katib docs, "Configure an Experiment" → algorithms).
_KATIB_ALGORITHM_LIBRARY = {
    "tpe": "hyperopt",
    "multivariate-tpe": "optuna",
    "bayesianoptimization": "skopt",
}


@rule(code="HP606", name="bayesian-budget-within-random-startup", severity=Severity.WARNING)
def bayesian_budget_within_random_startup(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that a Bayesian search has more trials than its sampler's random start-up trials:
    Optuna TPE 10 (`n_startup_trials`), Hyperopt TPE 20 (`n_startup_jobs`), scikit-optimize
    10 (`n_initial_points`), or the configured `startup_trials`. Katib's algorithms are read
    as the libraries behind them: `tpe` (Hyperopt), `multivariate-tpe` (Optuna),
    `bayesianoptimization` (scikit-optimize), with `n_startup_trials` / `n_initial_points`
    from `algorithmSettings`.

    ## Why is this bad?
    Bayesian samplers first draw configurations at random to fit their model; only the trials
    after that are guided. With a budget at or below the start-up count the "Bayesian" search
    is a random search.

    ## Example
    ```yaml
    search:
      method: bayesian
      library: optuna
      budget: {trials: 8}
    ```

    Use instead:
    ```yaml
    search:
      method: bayesian
      library: optuna
      budget: {trials: 60}
    ```

    ## References
    - [optuna-tpe]
    - [hyperopt-tpe]
    - [skopt-gp]
    - [Bergstra11]
    """
    search = ctx.config.search
    trials = number(search.trials)
    if search_method(search) != "bayesian" or search.trials is None or trials is None:
        return
    override = number(search.startup_trials)
    library = (text(search.library) or _FORMAT_LIBRARY.get(ctx.format_id, "")).lower()
    if ctx.format_id == KATIB and not library:
        library = _KATIB_ALGORITHM_LIBRARY.get((search.method_raw or "").lower(), "")
    if override is not None:
        startup, label = override, "the configured `startup_trials`"
    elif library in STARTUP_TRIALS:
        startup, label = float(STARTUP_TRIALS[library]), _LIBRARY_LABEL[library]
    else:
        return
    if trials <= startup:
        related = ((search.library.node, "library"),) if search.library is not None else ()
        yield Violation(
            search.trials.node,
            f"{fmt(trials)} trials ≤ {fmt(startup)} random start-up trials of {label}: the "
            f"search is effectively random.",
            related=related,
        )
