"""HP104 `batch-size-changed-lr-unchanged`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from hplint.analysis.training import RULE_WORDS, BaselineChange, against_baseline, setup
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.rules._edits import short_number, yaml_float
from hplint.rules.api import Anchor, FixAvailability, RuleContext, Violation, rule
from hplint.rules.training._shared import key_name, shown, times_text

MIN_BATCH_CHANGE: Final = 2.0
"""The factor (either way) from which a batch change needs a new learning rate: below it, the
linear and square-root rules differ by less than HP103's tolerance of one sweep step."""
SAME_LR: Final = 0.01
"""A learning rate within 1 % of the baseline's counts as unchanged (rounding, not a retune)."""

_FACTOR_WORDS = {
    "batch_size": "batch size",
    "grad_accum_steps": "gradient accumulation",
    "devices": "devices",
    "nodes": "nodes",
}


@rule(
    code="HP104",
    name="batch-size-changed-lr-unchanged",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
)
def batch_size_changed_lr_unchanged(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Compares the config with its last committed version (the CLI and pre-commit read it from
    git; the editor compares the unsaved buffer with `HEAD`). When the effective batch — batch
    size × gradient accumulation × devices × nodes — grew or shrank by 2× or more since then
    while the (peak) learning rate stayed the same, or moved the other way, it reports the
    learning rate with the value the batch change implies under HP103's rules: linear for SGD,
    anything from square-root to linear for the Adam family. A config with its own
    `training.reference` is judged against that by HP103 instead.

    ## Why is this bad?
    A learning rate is tuned for a batch size. Raising the batch from 256 to 1024 — or doubling
    the GPUs, or the gradient accumulation — makes every step average 4× more gradients and
    takes 4× fewer steps per epoch; with the old learning rate the run makes much less progress
    per epoch than the one that was tuned (Goyal et al. 2017: ImageNet at batch 8192 needed lr
    0.1 × 32). It is the most common silent mistake in a config change: the batch is edited for
    the new hardware and the learning rate is forgotten. The Deep Learning Tuning Playbook
    warns that changing the batch size requires re-tuning most hyperparameters; scaling the
    learning rate is the first step.

    ## Example
    Last commit:
    ```yaml
    training:
      optimizer: sgd
      momentum: 0.9
      learning_rate: 0.1
      batch_size: 256
    ```

    Now:
    ```yaml
    training:
      optimizer: sgd
      momentum: 0.9
      learning_rate: 0.1
      batch_size: 1024
    ```

    Use instead:
    ```yaml
    training:
      optimizer: sgd
      momentum: 0.9
      learning_rate: 0.4
      batch_size: 1024
    ```

    ## Fix safety
    The fix sets the learning rate to the expected value (the nearer end of the Adam family's
    range), two significant digits. It is unsafe: you may have retuned at the new batch — then
    record it with a `training.reference` block, or commit.

    ## References
    - [Goyal17]
    - [Krizhevsky14]
    - [Malladi22]
    - [Playbook23]
    """
    change = against_baseline(ctx.config, ctx.baseline)
    if change is None:
        return
    scale = change.scale
    if 1 / MIN_BATCH_CHANGE < scale.k < MIN_BATCH_CHANGE:
        return
    same = abs(change.lr_now - change.lr_before) / change.lr_before < SAME_LR
    wrong_way = (scale.k > 1 and change.lr_now < change.lr_before) or (
        scale.k < 1 and change.lr_now > change.lr_before
    )
    if not (same or wrong_way):
        return  # moved with the batch: how far is HP103's question, given a reference
    if scale.rule is None:
        ctx.skip("optimizer family")
        return
    low, high = scale.expected_range()
    if low <= 0:
        return
    expected = low if change.lr_now < low else high
    yield _violation(ctx, change, expected, same=same)


def _violation(
    ctx: RuleContext, change: BaselineChange, expected: float, *, same: bool
) -> Violation:
    scale = change.scale
    name = key_name(change.lr, "learning_rate")
    since = f"since {ctx.baseline_label}" if ctx.baseline_label else "since the baseline"
    before = shown(change.lr_before_fact)
    went = (
        f"{name} is unchanged ({shown(change.lr)})"
        if same
        else f"{name} went {before} → {shown(change.lr)}"
    )
    batch = (
        f"the effective batch went {short_number(scale.ref_batch)} → "
        f"{short_number(scale.batch.total)} ({times_text(scale.k)}) {since}"
    )
    label = setup(ctx.config).optimizer_label
    if scale.spans_both_rules:
        low, high = scale.expected_range()
        expect = (
            f"expected between ≈{yaml_float(low)} (square-root scaling from {before}) and "
            f"≈{yaml_float(high)} (linear) for {label}"
        )
    else:
        assert scale.rule is not None
        rule_words = RULE_WORDS[scale.rule]
        expect = f"expected ≈{yaml_float(expected)} ({rule_words} scaling of {before} for {label})"
    related: list[tuple[Anchor, str]] = [
        (
            factor.fact.node,
            f"{_FACTOR_WORDS[factor.name]} {short_number(factor.before)} → "
            f"{short_number(factor.now)} {since}",
        )
        for factor in change.factors
    ]
    fixed = yaml_float(expected)
    return Violation(
        change.lr.node,
        f"{went} but {batch}: {expect}.",
        related=tuple(related),
        fix=Fix(
            f"Set {name} to {fixed}", (Edit(change.lr.node.span, fixed),), Applicability.UNSAFE
        ),
    )
