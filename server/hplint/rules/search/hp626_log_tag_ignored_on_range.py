"""HP626 `log-tag-ignored-on-range`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.detection import HYDRA
from hplint.diagnostics import Severity
from hplint.formats.hydra import runs_official_sweeper
from hplint.ir import number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.search._shared import entry, fmt


@rule(code="HP626", name="log-tag-ignored-on-range", severity=Severity.WARNING)
def log_tag_ignored_on_range(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks Hydra-Optuna sweeper parameters written `tag(log, range(...))`.

    ## Why is this bad?
    The Optuna sweeper reads the `log` tag only on `interval(...)`: a `range(...)` becomes an
    integer (or stepped float) distribution sampled uniformly whatever its tags
    (`create_optuna_distribution_from_override` in the plugin's `_impl.py`). The author asked
    for a log scale and silently gets a linear one, so a range such as 1…1000 spends nine
    trials in ten above 100. `tag(log, interval(1, 1000))` gives a log-uniform integer
    distribution when both bounds are integers (`IntDistribution(..., log=True)`). Other
    Optuna-based sweepers named by `_target_` translate tags their own way: the rule is silent
    for them.

    ## Example
    ```yaml
    defaults:
      - override /hydra/sweeper: optuna
    hydra:
      sweeper:
        direction: minimize
        n_trials: 40
        params:
          model.hidden_size: tag(log, range(16, 1024))
    ```

    Use instead:
    ```yaml
    defaults:
      - override /hydra/sweeper: optuna
    hydra:
      sweeper:
        direction: minimize
        n_trials: 40
        params:
          model.hidden_size: tag(log, interval(16, 1024))
    ```

    ## References
    - [hydra-optuna-impl]
    - [hydra-optuna]
    """
    if ctx.format_id != HYDRA or not runs_official_sweeper(ctx.config.search):
        return
    for param in ctx.config.search.space:
        name = param.dist_name or ""
        anchor = entry(param)
        if "range" not in name or "tag(" not in name or "log" not in name or anchor is None:
            continue
        low, high = number(param.low), number(param.high)
        bounds = f"{fmt(low)}, {fmt(high)}" if low is not None and high is not None else "a, b"
        yield Violation(
            param.dist.node if param.dist is not None else anchor,
            f"The Optuna sweeper ignores `log` on `range`: `{param.short_name}` is sampled "
            f"uniformly; write `tag(log, interval({bounds}))` for a log scale.",
        )
