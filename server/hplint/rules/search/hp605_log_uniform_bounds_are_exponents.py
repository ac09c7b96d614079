"""HP605 `log-uniform-bounds-are-exponents`."""

from __future__ import annotations

import math
from collections.abc import Iterator

from hplint.diagnostics import Applicability, Fix, Severity
from hplint.ir import number
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.search._shared import EXP_MAX, entry, fmt, is_log_family, shown
from hplint.rules.validation._shared import replace_scalar

_WANDB_EXPONENT_DISTS = frozenset({"log_uniform", "q_log_uniform", "inv_log_uniform"})


def _exp_text(x: float) -> str:
    return f"{math.exp(x):.6g}" if x < EXP_MAX else f"e^{fmt(x)}"


def exponent_bounds_look_real(low: float, high: float, name: str) -> bool:
    """HP605: exponent bounds that are likely real values (the sampled range would be absurd)."""
    return (0 < low <= 1 and 0 < high <= 1) or high > 20 or (low >= 0 and is_log_family(name))


@rule(
    code="HP605",
    name="log-uniform-bounds-are-exponents",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
)
def log_uniform_bounds_are_exponents(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks distributions whose bounds are natural-log *exponents* — W&B `log_uniform`,
    `q_log_uniform` and `inv_log_uniform`, Azure ML `loguniform` and `qloguniform` — for bounds
    that look like real values: both in (0, 1], an upper bound above 20 (e^20 ≈ 4.9e8), or a
    non-negative lower bound on a learning rate or penalty.

    ## Why is this bad?
    These distributions sample exp(min)…exp(max). `min: 0.00001, max: 0.01` therefore samples
    learning rates between 1.00001 and 1.01005 — every trial diverges, and the sweep reports
    nothing useful. The same word means the opposite in other tools (Katib `logUniform`, Ray
    `loguniform`, Optuna `log=True` take real values), which is why the mistake is common.
    Native hplint configs cannot make it: their `loguniform` bounds are always real values.

    ## Example
    ```yaml
    method: random
    metric: {name: val_loss, goal: minimize}
    parameters:
      learning_rate:
        distribution: log_uniform
        min: 0.00001
        max: 0.01
    ```

    Use instead:
    ```yaml
    method: random
    metric: {name: val_loss, goal: minimize}
    parameters:
      learning_rate:
        distribution: log_uniform_values
        min: 0.00001
        max: 0.01
    ```

    ## Fix safety
    For W&B the fix switches to the `_values` variant, which reads the bounds as real values
    — what the author meant. It is safe when both bounds lie in (0, 1] (as exponents they
    would confine every sample to [1, e]); otherwise it is unsafe.

    ## References
    - [wandb-sweep]
    - [hyperopt-fmin]
    - [azure-loguniform]
    """
    for param in ctx.config.search.space:
        if not param.exponent_bounds:
            continue
        low, high = number(param.low), number(param.high)
        if (
            low is None
            or high is None
            or not exponent_bounds_look_real(low, high, param.short_name)
        ):
            continue
        anchor = param.dist.node if param.dist is not None else entry(param)
        if anchor is None:
            continue
        dist = param.dist_name or "loguniform"
        low_text, high_text = shown(param.low, low), shown(param.high, high)
        if ctx.format_id == "wandb-sweep":
            advice = f"use `{dist}_values` to give real bounds"
        elif low > 0:
            advice = (
                f"give the bounds as natural logs, ln({low_text})…ln({high_text}) ≈ "
                f"{math.log(low):.4g}…{math.log(high):.4g}"
            )
        else:
            advice = "give the bounds as natural logs of the real values"
        message = (
            f"`{dist}` bounds are exponents: this samples exp({low_text})…exp({high_text}) ≈ "
            f"{_exp_text(low)}…{_exp_text(high)}; {advice}."
        )
        fix = None
        if (
            ctx.format_id == "wandb-sweep"
            and param.dist is not None
            and param.dist_name in _WANDB_EXPONENT_DISTS
            and low > 0
        ):
            edit = replace_scalar(param.dist.node, f"{param.dist_name}_values")
            safe = 0 < low <= 1 and 0 < high <= 1
            if edit is not None:
                fix = Fix(
                    f"Use `{param.dist_name}_values`",
                    (edit,),
                    Applicability.SAFE if safe else Applicability.UNSAFE,
                )
        yield Violation(anchor, message, fix=fix)
