"""HP101 `learning-rate-too-large`."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from hplint.analysis.optimizers import (
    ADAM_LIKE,
    SGD_LIKE,
)
from hplint.analysis.training import reference_scaling, searched_lr_params, setup
from hplint.diagnostics import Severity
from hplint.ir import AnyFact, Config, number
from hplint.rules.api import Option, RuleContext, Violation, rule
from hplint.rules.training._shared import LR_SCALING_TOLERANCE, key_name, optimizer_related, shown


def _gt(value: float, limit: float) -> bool:
    return value > limit


def _ge(value: float, limit: float) -> bool:
    return value >= limit


LR_TOO_LARGE_ADAM = Option(
    "lr-too-large-adam", 3e-2, "the largest reasonable learning rate for the Adam family."
)
# A searched range is reported for its upper end only when that end reaches 1: a log range
# that ends an order of magnitude above the usual values lets the search find the edge of
# stability, which is how learning-rate ranges are meant to be chosen (tuning playbook).
_SEARCH_UPPER_LIMIT = 1.0
LR_TOO_LARGE_SGD = Option(
    "lr-too-large-sgd", 1.0, "the largest reasonable learning rate for the SGD family."
)


@rule(
    code="HP101",
    name="learning-rate-too-large",
    severity=Severity.WARNING,
    options=(LR_TOO_LARGE_ADAM, LR_TOO_LARGE_SGD, LR_SCALING_TOLERANCE),
)
def learning_rate_too_large(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a learning rate above the usual range of its optimizer: above 3e-2 for Adam,
    AdamW, NAdam, Adamax, RAdam and RMSprop, and 1.0 or more for SGD (with or without momentum).
    The peak of a schedule (`scheduler.max_lr`) is checked when one is given. A searched
    learning rate is reported when its range starts above that limit (every trial is too high),
    when its range reaches 1 or more, or for a listed choice above the limit; a range that
    merely ends above the usual values is how a search should bracket the optimum.

    ## Why is this bad?
    Too large a step overshoots minima: the loss oscillates or diverges to NaN. Adam's change
    of each weight per step is bounded by roughly the learning rate (Kingma & Ba, §2.1), so
    above 3e-2 every step moves each weight by more than the scale of many freshly initialised
    weights. Published recipes stay below: TabNet trains with Adam at 2e-2, the highest common
    value; most use 1e-4 to 3e-3. For SGD on standardised inputs, Bengio (2012) puts the usual
    upper end below 1. Larger values are legitimate as learning rates scaled up for large
    batches (3.2 at batch 8192 in Goyal et al.), so a value that `training.reference`
    justifies (see HP103) is not reported.

    ## Example
    ```yaml
    training:
      optimizer: adam
      learning_rate: 0.1
    ```

    Use instead:
    ```yaml
    training:
      optimizer: adam
      learning_rate: 1.0e-3
    ```

    ## References
    - [Kingma15]
    - [Arik21] (TabNet: Adam at 2e-2)
    - [Bengio12]
    - [Goyal17]
    - [Playbook23]
    """
    info = setup(ctx.config)
    if info.optimizer in ADAM_LIKE:
        limit = ctx.option(LR_TOO_LARGE_ADAM)
        too_large = _gt
        why = "per-step weight change ≈ lr; default 1e-3"
    elif info.optimizer in SGD_LIKE:
        limit = ctx.option(LR_TOO_LARGE_SGD)
        too_large = _ge
        why = "usual range for standardized inputs is below 1"
    else:
        return
    tau = ctx.option(LR_SCALING_TOLERANCE)
    scale = reference_scaling(ctx.config, ctx.baseline)
    related = optimizer_related(info)
    peak = info.peak
    lr = number(peak)
    if peak is not None and lr is not None and too_large(lr, limit):
        justified = (
            scale is not None and scale.rule is not None and lr <= scale.expected_range()[1] * tau
        )
        if not justified:
            name = key_name(peak, "learning_rate")
            yield Violation(
                peak.node,
                f"{name} {shown(peak)} is high for {info.optimizer_label} ({why}): "
                "training is likely to diverge.",
                related=related,
            )
    for fact in _searched_too_large(ctx.config, limit, too_large):
        yield Violation(
            fact.node,
            f"The search space includes learning_rate {shown(fact)}, high for "
            f"{info.optimizer_label} ({why}): those trials are likely to diverge.",
            related=related,
        )


def _searched_too_large(
    config: Config, limit: float, too_large: Callable[[float, float], bool]
) -> Iterator[AnyFact]:
    """The searched learning rates to report: a listed choice above the limit; of a range,
    the lower bound when it is already above the limit, else the upper bound when it reaches
    1."""
    for param in searched_lr_params(config):
        for choice in param.values:
            value = number(choice)
            if value is not None and value > 0 and too_large(value, limit):
                yield choice
        low, high = number(param.low), number(param.high)
        if param.low is not None and low is not None and low > 0 and too_large(low, limit):
            yield param.low
        elif param.high is not None and high is not None and high >= _SEARCH_UPPER_LIMIT:
            yield param.high
