"""HP105 `scaled-lr-without-warmup`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis.training import has_warmup, reference_scaling, scaling, setup
from hplint.diagnostics import Applicability, Fix, Severity
from hplint.ir import number
from hplint.rules._edits import short_number
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.training._shared import (
    WARMUP_EPOCHS,
    WARMUP_MIN_SCALE,
    batch_related,
    key_name,
    times_text,
    warmup_edit,
)


@rule(
    code="HP105",
    name="scaled-lr-without-warmup",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    options=(WARMUP_MIN_SCALE,),
)
def scaled_lr_without_warmup(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a learning rate scaled up from `training.reference` — or, without one, from the
    file's last commit (see HP104) — for a batch 8× or more larger, with no warmup
    (`warmup_epochs`, `warmup_steps` or `warmup_ratio` above 0, or a one-cycle schedule).

    ## Why is this bad?
    A large scaled learning rate is unstable in the first iterations, while the weights change
    fastest. Goyal et al. could only train at k = 32 (batch 8192) with a gradual warmup that
    ramps the rate from the reference value to k times it over 5 epochs; without it the large
    batch lost accuracy. k ≥ 8 is hplint's conservative starting point.

    ## Example
    ```yaml
    training:
      optimizer: sgd
      learning_rate: 0.8
      batch_size: 2048
      reference: {batch_size: 256, learning_rate: 0.1}
    ```

    Use instead:
    ```yaml
    training:
      optimizer: sgd
      learning_rate: 0.8
      scheduler:
        warmup_epochs: 5
      batch_size: 2048
      reference: {batch_size: 256, learning_rate: 0.1}
    ```

    ## Fix safety
    The fix adds `warmup_epochs: 5` to the scheduler (creating one when there is none and the
    training section is in block style). It changes the schedule, so it is unsafe.

    ## References
    - [Goyal17]
    - [Playbook23]
    """
    info = setup(ctx.config)
    scale = reference_scaling(ctx.config, ctx.baseline)
    # Without a reference of its own, the file's last commit is the reference.
    origin = (
        "the reference"
        if scaling(ctx.config) is not None
        else f"its version at {ctx.baseline_label}"
    )
    peak = info.peak
    lr = number(peak)
    if scale is None or peak is None or lr is None:
        return
    if scale.k < ctx.option(WARMUP_MIN_SCALE) or lr <= scale.ref_lr:
        return
    if has_warmup(ctx.config.training):
        return
    warmup = warmup_edit(ctx, info)
    fix = (
        Fix(f"Add {WARMUP_EPOCHS} warmup epochs", (warmup,), Applicability.UNSAFE)
        if warmup is not None
        else None
    )
    yield Violation(
        peak.node,
        f"{key_name(peak, 'learning_rate')} scaled {times_text(lr / scale.ref_lr)} from "
        f"{origin} (batch {short_number(scale.batch.total)} vs {short_number(scale.ref_batch)}) "
        "without warmup; large scaled learning rates are unstable early in training.",
        related=batch_related(info, scale),
        fix=fix,
    )
