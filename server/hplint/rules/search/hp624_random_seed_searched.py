"""HP624 `random-seed-searched`."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from hplint.analysis.search_space import space_dims
from hplint.diagnostics import Severity
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.search._shared import entry, search_method

# A seed, not an id: ids are labels of data, seeds choose the randomness of a run.
_SEED = re.compile(r"(?:^|[_.-])(?:seed|random_state|seed_everything|rng)$", re.IGNORECASE)
_OPTIMIZING = frozenset({"random", "bayesian", "hyperband"})


@rule(code="HP624", name="random-seed-searched", severity=Severity.WARNING)
def random_seed_searched(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a random seed (`seed`, `random_state`, `seed_everything`) among the searched
    dimensions of a random, Bayesian or Hyperband search. A grid over seeds is replication
    (every seed runs for every configuration) and is not reported.

    ## Why is this bad?
    A search keeps the best trial. When the seed is one of its dimensions, "best" partly means
    "luckiest": the winning configuration is paired with the seed that happened to suit it, the
    reported score is biased upwards, and it does not reproduce with another seed. Run-to-run
    variance from the seed alone is often as large as the differences a search is looking for
    (Bouthillier et al. 2021; Picard 2021). Fix the seed during the search, then re-run the
    chosen configuration over several seeds and report the spread.

    ## Example
    ```yaml
    method: bayes
    metric: {name: val_loss, goal: minimize}
    parameters:
      seed:
        values: [0, 1, 2, 3, 4]
      learning_rate:
        distribution: log_uniform_values
        min: 1.0e-5
        max: 1.0e-2
    run_cap: 50
    ```

    Use instead:
    ```yaml
    method: bayes
    metric: {name: val_loss, goal: minimize}
    parameters:
      seed:
        value: 0
      learning_rate:
        distribution: log_uniform_values
        min: 1.0e-5
        max: 1.0e-2
    run_cap: 50
    ```

    ## References
    - [Bouthillier21]
    - [Picard21]
    """
    if search_method(ctx.config.search) not in _OPTIMIZING:
        return
    for param in space_dims(ctx.config.search):
        anchor = entry(param)
        if anchor is None or not _is_seed(param.short_name):
            continue
        if param.kind == "constant" or (param.kind == "choice" and len(param.values) < 2):
            continue
        yield Violation(
            anchor,
            f"`{param.short_name}` is searched: the best trial will partly be the luckiest seed, "
            "and its score will not reproduce. Fix the seed during the search; re-run the "
            "winner over several seeds.",
        )


@functools.lru_cache(maxsize=4096)  # asked of every searched name on every keystroke
def _is_seed(name: str) -> bool:
    return _SEED.search(name) is not None
