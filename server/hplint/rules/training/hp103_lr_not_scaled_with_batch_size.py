"""HP103 `lr-not-scaled-with-batch-size`."""

from __future__ import annotations

import math
from collections.abc import Iterator

from hplint.analysis.training import RULE_WORDS, ScalingRule, has_warmup, scaling, setup
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.ir import number
from hplint.rules._edits import short_number, yaml_float
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.training._shared import (
    LR_SCALING_TOLERANCE,
    WARMUP_EPOCHS,
    WARMUP_MIN_SCALE,
    batch_related,
    key_name,
    shown,
    times_text,
    warmup_edit,
)


@rule(
    code="HP103",
    name="lr-not-scaled-with-batch-size",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
    options=(LR_SCALING_TOLERANCE, WARMUP_MIN_SCALE),
)
def lr_not_scaled_with_batch_size(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that the learning rate follows the batch size it is used with, relative to the
    `training.reference` it was tuned at. With effective batch B (batch × gradient accumulation
    × devices × nodes for a per-device batch) and k = B / `reference.batch_size`, the expected
    learning rate is

    - **linear rule** — lr* = reference lr × k — for SGD, SGD with momentum, Nesterov and the
      scikit-learn MLP with `solver: sgd`;
    - **between the square-root and the linear rule** — reference lr × √k … reference lr × k —
      for Adam, AdamW, NAdam, Adamax, RAdam, RMSprop, LAMB and the MLP with `solver: adam`:
      both rules are published for adaptive optimizers, so any value between them is accepted
      (`reference.scaling: sqrt` or `linear` picks one).
    It reports a learning rate more than 2× (`lr-scaling-tolerance`) outside that value or
    range, in either direction.

    ## Why is this bad?
    A batch k times larger averages k times more gradients per step and takes k times fewer
    steps per epoch. For SGD, multiplying the learning rate by k keeps the update per epoch —
    and the gradient-noise scale ε·N/B — unchanged: the linear scaling rule of Krizhevsky (2014)
    and Goyal et al. (2017), who trained ImageNet at batch 8192 with lr 3.2 (0.1 × 32) and the
    same accuracy as at batch 256. For adaptive optimizers the stochastic-differential-equation
    analysis of Malladi et al. (2022) gives a square-root rule instead — which also rescales
    Adam's β1, β2 (1 − β → κ(1 − β)) and ε (ε/√κ) — and LAMB uses √k (You et al. 2020); yet
    DeiT, MAE and ConvNeXt publish linear scaling with AdamW (base lr × batch / 256 or 512).
    A heuristic cannot choose between them for you, so hplint accepts both and asks only that
    the learning rate move with the batch. Hoffer et al. (2017) argue for √k with SGD too; if
    you follow them, set `reference.scaling: sqrt`. Either way, keeping the old learning rate
    after changing the batch size means training at a different effective step size than the
    one you tuned. Scaling holds only below a problem-dependent critical batch size (McCandlish
    et al. 2018); beyond it, retune.

    The tolerance of 2 is one step of a typical 2–3× learning-rate sweep: a reported value is
    at least one sweep step away from what the reference implies.

    ## Example
    ```yaml
    training:
      optimizer: sgd
      momentum: 0.9
      learning_rate: 0.1
      batch_size: 2048
      reference:
        batch_size: 256
        learning_rate: 0.1
    ```

    Use instead:
    ```yaml
    training:
      optimizer: sgd
      momentum: 0.9
      learning_rate: 0.8
      scheduler:
        warmup_epochs: 5
      batch_size: 2048
      reference:
        batch_size: 256
        learning_rate: 0.1
    ```

    ## Fix safety
    The fix sets the learning rate to lr*, or to the nearer end of the Adam family's range
    (two significant digits) and, when the batch grew by 8× or more and there is no warmup,
    adds `warmup_epochs: 5` to the scheduler (Goyal et al.).
    It is unsafe: the reference may be out of date, or you may have retuned at the new batch.

    Optimizers without a batch-size rule (LARS, Lion, Adagrad, Adafactor, L-BFGS or an unknown
    name) are skipped unless `reference.scaling` names the rule; `scaling: none` turns the
    check off.

    ## References
    - [Goyal17]
    - [Krizhevsky14]
    - [SmithLe18]
    - [Smith18]
    - [Hoffer17]
    - [Malladi22]
    - [You20]
    - [Touvron21] (DeiT: lr 5e-4 × batch / 512 with AdamW)
    - [He22] (MAE: base lr × batch / 256 with AdamW)
    - [Liu22] (ConvNeXt: 4e-3 at batch 4096 with AdamW)
    - [McCandlish18]
    - [Playbook23]
    """
    info = setup(ctx.config)
    scale = scaling(ctx.config)
    peak = info.peak
    if scale is None or scale.disabled or peak is None:
        return
    lr = number(peak)
    if lr is None or lr <= 0:
        return
    if scale.rule is None:
        ctx.skip("optimizer family")
        return
    tau = ctx.option(LR_SCALING_TOLERANCE)
    low, high = scale.expected_range()
    if not 0 < low <= high < math.inf or scale.accepts(lr, tau):
        return
    expected = low if lr < low else high
    name = key_name(peak, "learning_rate")
    expected_text = yaml_float(expected)
    batch_text = (
        f"effective batch {short_number(scale.batch.total)} "
        f"({times_text(scale.k)} the reference {short_number(scale.ref_batch)})"
    )
    if scale.spans_both_rules:
        message = (
            f"{name} {shown(peak)} is not scaled for {batch_text}: for {info.optimizer_label} "
            f"expected between ≈{yaml_float(low)} (square-root scaling; rescale β and ε too) "
            f"and ≈{yaml_float(high)} (linear scaling, as published AdamW recipes do)."
        )
    else:
        how = (
            f"under {RULE_WORDS[scale.rule]} scaling (`reference.scaling: {scale.rule}`)"
            if scale.explicit
            else f"under {RULE_WORDS[scale.rule]} scaling for {info.optimizer_label}"
        )
        message = (
            f"{name} {shown(peak)} is not scaled for {batch_text}: expected ≈{expected_text} {how}"
        )
        other: ScalingRule = "sqrt" if scale.rule == "linear" else "linear"
        other_expected = scale.lr_star(other)
        if 0 < other_expected < math.inf and 1 / tau <= lr / other_expected <= tau:
            who = "`reference.scaling` says" if scale.explicit else f"{info.optimizer_label} uses"
            message += (
                f" (this matches {RULE_WORDS[other]} scaling; {who} {RULE_WORDS[scale.rule]})"
            )
        message += "."
    edits = [Edit(peak.node.span, expected_text)]
    description = f"Set {name} to {expected_text}"
    if scale.k >= ctx.option(WARMUP_MIN_SCALE) and not has_warmup(ctx.config.training):
        warmup = warmup_edit(ctx, info)
        if warmup is not None:
            edits.append(warmup)
            description += f" and add {WARMUP_EPOCHS} warmup epochs"
    yield Violation(
        peak.node,
        message,
        related=batch_related(info, scale),
        fix=Fix(description, tuple(edits), Applicability.UNSAFE),
    )
