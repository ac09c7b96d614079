"""HP604 `invalid-distribution`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.ir import SearchParam, number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.search._shared import entry, shown

_STEP_WITH_LOG_FORMATS = frozenset({"hplint", "hydra-optuna"})  # Optuna: log and step exclusive


def distribution_problems(param: SearchParam, format_id: str) -> list[str]:
    """Why `param` cannot be sampled (empty when it can)."""
    reasons: list[str] = []
    dist = param.dist_name or param.kind
    if param.kind == "choice":
        # the native schema already rejects an empty `choice` (HP003)
        if not param.values and param.dist is not None and format_id != "hplint":
            reasons.append("the list of values is empty")
        return reasons
    if param.kind == "constant":
        return reasons
    low, high = number(param.low), number(param.high)
    step = number(param.step)
    if low is not None and high is not None and low >= high:
        reasons.append(f"low ({shown(param.low, low)}) ≥ high ({shown(param.high, high)})")
    if param.log and not param.exponent_bounds and low is not None and low <= 0:
        reasons.append(
            f"`{dist}` is a log scale, which requires low > 0, but low = {shown(param.low, low)}"
        )
    if param.log and param.step is not None and format_id in _STEP_WITH_LOG_FORMATS:
        reasons.append("a log scale cannot be combined with a step (Optuna raises)")
    if param.step is not None and step is not None and step <= 0:
        reasons.append(f"the step must be > 0, got {shown(param.step, step)}")
    return reasons


@rule(code="HP604", name="invalid-distribution", severity=Severity.ERROR)
def invalid_distribution(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks search distributions that the tuning library rejects or cannot sample: a lower
    bound not below the upper bound, a log scale with a lower bound ≤ 0, a log scale combined
    with a step (Optuna), a step `q` ≤ 0, or an empty list of values.

    ## Why is this bad?
    These fail when the search starts — Optuna raises `ValueError` for `log=True` with
    `low <= 0` or with `step`, SageMaker rejects logarithmic ranges that are not strictly
    positive, W&B requires `min < max` — or, worse, silently sample a single value.

    ## Example
    ```yaml
    search:
      space:
        model.estimator.params.reg_lambda: {dist: loguniform, low: 0, high: 10}
    ```

    Use instead:
    ```yaml
    search:
      space:
        model.estimator.params.reg_lambda: {dist: loguniform, low: 1.0e-3, high: 10}
    ```

    ## References
    - [optuna-float]
    - [sm-ranges]
    - [wandb-sweep]
    """
    for param in ctx.config.search.space:
        anchor = entry(param)
        if anchor is None:
            continue
        reasons = distribution_problems(param, ctx.format_id)
        if reasons:
            yield Violation(
                anchor, f"Invalid distribution for `{param.name}`: {'; '.join(reasons)}."
            )
