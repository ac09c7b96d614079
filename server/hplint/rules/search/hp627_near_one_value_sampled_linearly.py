"""HP627 `near-one-value-sampled-linearly`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.ir import number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.search._shared import entry, fmt, shown

# Coefficients of exponential averages and discounts, whose effect is set by 1 − value.
_NEAR_ONE_NAMES = re.compile(
    r"(?:^|[_.-])(?:momentum|beta\d?|betas|mm|ema|ema_decay|ema_momentum|gamma|discount|"
    r"gae_lambda|lambda|lam|rho|decay)$",
    re.IGNORECASE,
)
_LINEAR_KINDS = frozenset({"uniform", "quniform"})
_DECADES = 10.0


@rule(code="HP627", name="near-one-value-sampled-linearly", severity=Severity.WARNING)
def near_one_value_sampled_linearly(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a momentum, β, EMA decay, discount or GAE λ searched on a linear scale over a
    range close to 1 that spans a decade or more of 1 − value (0.9…0.99, 0.95…0.999).

    ## Why is this bad?
    Near 1, what matters is 1 − value: a momentum or EMA coefficient m averages over about
    1 / (1 − m) steps, a discount γ looks 1 / (1 − γ) steps ahead. Over 0.9…0.99 that horizon
    runs from 10 to 100, but a uniform sample puts half the trials below 0.945 (a horizon
    under 18) and only one in ten above 0.98. The tuning playbook's advice is to search 1 − β
    on a log scale; where the tuner cannot express that, list a few values (0.9, 0.95, 0.99).

    ## Example
    ```yaml
    method: random
    metric: {name: val_loss, goal: minimize}
    parameters:
      momentum:
        distribution: uniform
        min: 0.9
        max: 0.999
    run_cap: 40
    ```

    Use instead:
    ```yaml
    method: random
    metric: {name: val_loss, goal: minimize}
    parameters:
      momentum:
        values: [0.9, 0.95, 0.99, 0.995, 0.999]
    run_cap: 40
    ```

    ## References
    - [Playbook23] (search 1 − β on a log scale)
    """
    for param in ctx.config.search.space:
        if param.log or param.kind not in _LINEAR_KINDS:
            continue
        if not _NEAR_ONE_NAMES.search(param.short_name):
            continue
        low, high = number(param.low), number(param.high)
        anchor = entry(param)
        if low is None or high is None or anchor is None or not 0.5 <= low < high < 1:
            continue
        if (1 - low) / (1 - high) < _DECADES * (1 - 1e-9):  # 0.9…0.99 is a decade exactly
            continue
        median = (low + high) / 2
        yield Violation(
            anchor,
            f"`{param.short_name}` spans {shown(param.low, low)}…{shown(param.high, high)} on a "
            f"linear scale, but near 1 what matters is 1 − {param.short_name} (a horizon of "
            f"{fmt(round(1 / (1 - low)))}…{fmt(round(1 / (1 - high)))} steps): half the trials "
            f"fall below {fmt(round(median, 4))}. Search 1 − {param.short_name} on a log scale, "
            f"or list a few values.",
        )
