"""HP603 `wide-range-sampled-linearly`."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from hplint.diagnostics import Applicability, Fix, Severity
from hplint.ir import SearchParam, number
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.search._shared import entry, fmt, is_identifier, is_log_family, shown
from hplint.rules.validation._shared import replace_scalar

LINEAR_KINDS = frozenset({"uniform", "int", "quniform"})


_ZERO_SPAN_FAMILY = re.compile(
    r"^(?:\w*_)?(?:lr|learning_rate|eta|weight_decay|wd|alpha|lambda|lambda_l[12]|c)$|^reg_",
    re.IGNORECASE,
)


_NEAR_ONE = re.compile(r"(?:^|[_.-])(?:momentum|beta\d?|betas?|rho|ema_decay|decay_rate)$", re.I)


def linear_top_decade_share(low: float, high: float) -> float:
    """Share of a uniform [low, high] that falls in the top decade [high/10, high]."""
    if high <= low:
        return 1.0
    return (high - max(high / 10, low)) / (high - low)


def _log_scale_fix(ctx: RuleContext, param: SearchParam, low: float) -> Fix | None:
    if low <= 0 or param.dist is None or param.dist_name != "uniform":
        return None
    target = {"hplint": "loguniform", "wandb-sweep": "log_uniform_values"}.get(ctx.format_id)
    if target is None:
        return None
    edit = replace_scalar(param.dist.node, target)
    return Fix(f"Use `{target}`", (edit,), Applicability.UNSAFE) if edit else None


@rule(
    code="HP603",
    name="wide-range-sampled-linearly",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def wide_range_sampled_linearly(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for ranges sampled on a linear scale that span two decades or more (more than one
    decade for learning-rate, weight-decay and penalty parameters such as `alpha`, `lambda`,
    `C`, `gamma` and `reg_*`). A learning-rate, weight-decay or penalty range that starts at 0
    is reported as information only: a log scale cannot include 0, and searching "off" next to
    small values is a legitimate choice. Momentum and β-like parameters, which live near 1,
    seeds and ids are not checked.

    ## Why is this bad?
    A uniform sample of 1e-4…1 lands in the top decade (0.1…1) 90 % of the time, so the small
    values — often the good ones for a learning rate or penalty — are barely explored.
    SageMaker's guidance is that a linear scale suits ranges "within one order of magnitude".
    A range that starts at 0 is judged by its positive part: from the smallest positive value
    it can take (1 for integers, `q` for quantised ranges); a continuous range from 0 is
    flagged only for the log-scale families above.

    ## Example
    ```yaml
    search:
      space:
        model.estimator.params.learning_rate: {dist: uniform, low: 1.0e-4, high: 0.3}
    ```

    Use instead:
    ```yaml
    search:
      space:
        model.estimator.params.learning_rate: {dist: loguniform, low: 1.0e-4, high: 0.3}
    ```

    ## Fix safety
    Switching to a log scale changes the sampled distribution; the fix is unsafe.

    ## References
    - [sm-ranges]
    - [sm-best]
    - [Bergstra12]
    """
    for param in ctx.config.search.space:
        if param.log or param.exponent_bounds or param.kind not in LINEAR_KINDS:
            continue
        low, high = number(param.low), number(param.high)
        anchor = entry(param)
        if low is None or high is None or high <= 0 or low >= high or anchor is None:
            continue
        if is_identifier(param.short_name):
            continue  # seeds and ids are labels, not magnitudes
        if _NEAR_ONE.search(param.short_name):
            continue  # momentum and β live near 1: a log scale of the value is no better
        if "tag(" in (param.dist_name or "") and "log" in (param.dist_name or ""):
            continue  # a log tag the sweeper ignores (on `range`) is HP626's finding
        family = is_log_family(param.short_name)
        positive_low: float | None = low
        if low <= 0:
            step = number(param.step)
            if step is None and param.integer:
                step = 1.0
            positive_low = step if step is not None and 0 < step < high else None
        if positive_low is None:
            # A continuous range from 0: its positive part spans unboundedly many decades.
            # That is a mistake for learning-rate, weight-decay and penalty parameters (the
            # binding list); other "0 = off" knobs such as XGBoost's gamma are left alone.
            if not _ZERO_SPAN_FAMILY.search(param.short_name):
                continue
            ratio = math.inf
        else:
            ratio = high / positive_low
        if not (ratio > 10 if family else ratio >= 100):
            continue
        share = round(100 * linear_top_decade_share(low, high))
        low_text, high_text = shown(param.low, low), shown(param.high, high)
        if math.isinf(ratio):
            # A log scale cannot include 0, and searching "off" alongside small values is a
            # legitimate choice: a heuristic, said as information.
            yield Violation(
                anchor,
                f"`{param.short_name}` spans {low_text}…{high_text} on a linear scale: {share}% "
                f"of samples fall in the top decade, so small values are rarely tried; if they "
                f"matter, search a log scale from a small positive bound (and try 0 on its own).",
                fix=_log_scale_fix(ctx, param, low),
                severity=Severity.INFO,
            )
            continue
        span_text = f"spans {ratio:,.0f}× ({fmt(positive_low or low)}…{high_text})".replace(",", "")
        yield Violation(
            anchor,
            f"`{param.short_name}` {span_text} on a linear scale: {share}% of samples fall in "
            f"the top decade; use a log scale.",
            fix=_log_scale_fix(ctx, param, low),
        )
