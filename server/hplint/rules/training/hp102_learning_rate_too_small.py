"""HP102 `learning-rate-too-small`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis.optimizers import SGD_LIKE
from hplint.analysis.training import searched_lrs, setup
from hplint.diagnostics import Severity
from hplint.ir import number
from hplint.rules.api import Option, RuleContext, Violation, rule
from hplint.rules.training._shared import key_name, shown

LR_TOO_SMALL = Option(
    "lr-too-small", 1e-6, "the smallest reasonable learning rate for the SGD family."
)
LR_TOO_SMALL_ADAM = Option(
    "lr-too-small-adam",
    1e-7,
    "the smallest reasonable learning rate for the Adam family and unnamed optimizers.",
)


@rule(
    code="HP102",
    name="learning-rate-too-small",
    severity=Severity.WARNING,
    options=(LR_TOO_SMALL, LR_TOO_SMALL_ADAM),
)
def learning_rate_too_small(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a learning rate below 1e-6 for the SGD family, or below 1e-7 for the Adam family
    and optimizers hplint cannot name (including the bounds of a searched learning rate).

    ## Why is this bad?
    Bengio (2012) gives 1e-6 as the lower end of the useful range for standardised inputs.
    Below it training crawls or stalls; and below about 1e-7 × |w| an update is smaller than
    float32's rounding step (ε ≈ 1.19e-7) and is lost entirely. Adam normalises its step, so
    fine-tuning recipes go lower on purpose: preference optimisation of 7B language models with
    DPO uses 5e-7 (Zephyr), so the Adam family's limit is 1e-7.

    ## Example
    ```yaml
    training:
      optimizer: adamw
      learning_rate: 1.0e-8
    ```

    Use instead:
    ```yaml
    training:
      optimizer: adamw
      learning_rate: 1.0e-4
    ```

    ## References
    - [Bengio12]
    - [Tunstall23] (DPO with AdamW at 5e-7)
    """
    info = setup(ctx.config)
    # An unknown optimizer may be Adam: the lower limit, so that the rule stays silent where
    # the stricter one might be wrong (W&B sweeps rarely name the optimizer).
    sgd = info.optimizer in SGD_LIKE
    limit = ctx.option(LR_TOO_SMALL if sgd else LR_TOO_SMALL_ADAM)
    usual = f"({limit:g} … 1)".replace("e-0", "e-")
    facts = [info.lr] if info.peak is info.lr else [info.lr, info.peak]
    for fact in (f for f in facts if f is not None):
        lr = number(fact)
        if lr is not None and 0 < lr < limit:
            yield Violation(
                fact.node,
                f"{key_name(fact, 'learning_rate')} {shown(fact)} is below the usual range "
                f"{usual}: training will be very slow or stall.",
            )
    for fact, value in searched_lrs(ctx.config):
        if value < limit:
            yield Violation(
                fact.node,
                f"The search space includes learning_rate {shown(fact)}, below the usual range "
                f"{usual}: those trials will barely train.",
            )
