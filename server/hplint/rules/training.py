"""HP1xx — learning rate, optimizer and batch size.

The scaling rules (HP103, HP105, HP106) follow reference/rules.md §3.1: the effective batch is
B = batch_size × grad_accum_steps × devices × nodes when the batch size is per device (the default
when `devices` is given) and B = batch_size × grad_accum_steps when it is global; k = B / the
reference batch; the expected learning rate is lr* = reference lr × k (linear family) or × √k
(square-root family).

HP104 (batch size changed since a git baseline, LR unchanged) needs the file's baseline revision;
the engine does no I/O, so it is not implemented here.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.model import MappingNode, Node, ScalarNode
from hplint.ir import AnyFact, Config, Reference, Training, number, text
from hplint.rules._base import Anchor, FixAvailability, RuleContext, Violation, rule
from hplint.rules._optimizers import (
    ADAM_LIKE,
    SGD_LIKE,
    canonical,
    canonical_mlp_solver,
    family,
    scaled_lr,
    short_number,
    yaml_float,
)
from hplint.rules._pipeline import n_train
from hplint.text import LineIndex, Span

Rule_ = Literal["linear", "sqrt"]

_MLP_CLASSES = frozenset({"MLPClassifier", "MLPRegressor"})
_ONE_CYCLE = frozenset({"onecycle", "onecyclelr", "one_cycle"})
_WARMUP_EPOCHS = 5
_RULE_WORDS: dict[str, str] = {"linear": "linear", "sqrt": "square-root"}


# --------------------------------------------------------------------------- shared facts


@dataclass(frozen=True, slots=True)
class Setup:
    """The gradient-training facts, from `training:` or a scikit-learn MLP's parameters."""

    optimizer: str | None  # canonical name (None when not given or unknown)
    optimizer_label: str  # what messages call it
    optimizer_fact: AnyFact | None
    lr: AnyFact | None  # training.learning_rate (or MLP learning_rate_init)
    peak: AnyFact | None  # scheduler max_lr/peak_lr when given, else `lr`
    batch: AnyFact | None
    mlp: bool


@dataclass(frozen=True, slots=True)
class EffectiveBatch:
    total: float  # B, samples per optimizer step
    per_device: float  # samples in one forward pass on one device
    factors: tuple[tuple[AnyFact, str], ...]  # multipliers besides batch_size, for messages


@dataclass(frozen=True, slots=True)
class Scaling:
    """HP103's computation against `training.reference`."""

    reference: Reference
    ref_batch: float
    ref_lr: float
    batch: EffectiveBatch
    k: float
    rule: Rule_ | None  # None: no scaling rule for this optimizer (or `scaling: none`)
    explicit: bool  # the rule comes from `reference.scaling`, not from the optimizer
    disabled: bool  # `scaling: none`

    def lr_star(self, rule_: Rule_ | None = None) -> float:
        chosen = rule_ or self.rule
        assert chosen is not None
        return scaled_lr(self.ref_lr, self.k, chosen)


def setup(config: Config) -> Setup:
    training = config.training
    estimator = config.model.final_estimator
    mlp = training.node is None and estimator is not None and estimator.class_name in _MLP_CLASSES
    if mlp:
        assert estimator is not None
        solver = estimator.param("solver")
        solver_name = text(solver)
        optimizer = canonical_mlp_solver(solver_name) if solver_name else "adam"
        lr = estimator.param("learning_rate_init")
        return Setup(
            optimizer,
            f"{estimator.class_name}(solver={solver_name or 'adam'})",
            solver,
            lr,
            lr,
            estimator.param("batch_size"),
            True,
        )
    written = text(training.optimizer)
    optimizer = canonical(written) if written else None
    if optimizer == "sgd" and (number(training.momentum) or 0) > 0:
        optimizer = "sgd_momentum"
    scheduler = training.scheduler
    peak = scheduler.max_lr if scheduler is not None and scheduler.max_lr is not None else None
    return Setup(
        optimizer,
        written or optimizer or "this optimizer",
        training.optimizer,
        training.learning_rate,
        peak or training.learning_rate,
        training.batch_size,
        False,
    )


def effective_batch(training: Training, batch: AnyFact | None) -> EffectiveBatch | None:
    """B per rules-codes.md: per-device scope multiplies by accumulation, devices and nodes."""
    size = number(batch)
    if size is None or size <= 0:
        return None
    accum = _positive(training.grad_accum_steps)
    devices = _positive(training.devices)
    nodes = _positive(training.nodes)
    scope = text(training.batch_size_scope)
    if scope is None:
        scope = "per_device" if training.devices is not None else "global"
    factors: list[tuple[AnyFact, str]] = []
    if accum != 1 and training.grad_accum_steps is not None:
        factors.append((training.grad_accum_steps, "grad_accum_steps"))
    if scope == "per_device":
        for fact, name, value in (
            (training.devices, "devices", devices),
            (training.nodes, "nodes", nodes),
        ):
            if fact is not None and value != 1:
                factors.append((fact, name))
        return EffectiveBatch(size * accum * devices * nodes, size, tuple(factors))
    return EffectiveBatch(size * accum, size / (devices * nodes), tuple(factors))


def _positive(fact: AnyFact | None) -> float:
    value = number(fact)
    return value if value is not None and value > 0 else 1.0


def scaling(config: Config, info: Setup) -> Scaling | None:
    """The reference comparison, or None when there is no usable reference or batch size."""
    training = config.training
    reference = training.reference
    if reference is None:
        return None
    ref_batch = number(reference.batch_size)
    ref_lr = number(reference.learning_rate)
    batch = effective_batch(training, info.batch)
    if ref_batch is None or ref_lr is None or ref_batch <= 0 or ref_lr <= 0 or batch is None:
        return None
    mode = (text(reference.scaling) or "auto").lower()
    rule_: Rule_ | None = None
    if mode in ("linear", "sqrt"):
        rule_ = "linear" if mode == "linear" else "sqrt"
    elif mode != "none":
        fam = family(info.optimizer)
        rule_ = fam if fam != "none" else None
    return Scaling(
        reference,
        ref_batch,
        ref_lr,
        batch,
        batch.total / ref_batch,
        rule_,
        mode in ("linear", "sqrt"),
        mode == "none",
    )


def has_warmup(training: Training) -> bool:
    scheduler = training.scheduler
    if scheduler is None:
        return False
    kind = (text(scheduler.type) or "").lower().replace("-", "_")
    if kind in _ONE_CYCLE:
        return True  # one-cycle schedules ramp up from max_lr / div_factor
    return any(
        (number(fact) or 0) > 0
        for fact in (scheduler.warmup_epochs, scheduler.warmup_steps, scheduler.warmup_ratio)
    )


def shown(fact: AnyFact) -> str:
    """The value as the user wrote it (plain scalars), else a short number."""
    node = fact.node.resolve()
    if isinstance(node, ScalarNode) and not node.style.is_quoted and node.raw:
        return node.raw
    value = number(fact)
    return short_number(value) if value is not None else str(fact.value)


def key_name(fact: AnyFact, default: str) -> str:
    key = fact.key.resolve() if fact.key is not None else None
    return key.value if isinstance(key, ScalarNode) and isinstance(key.value, str) else default


def _searched_lrs(config: Config) -> Iterator[tuple[AnyFact, float]]:
    """Numeric bounds and choices of a searched training learning rate."""
    for param in config.search.space:
        path = param.path
        if not path or path[-1] not in ("learning_rate", "lr"):
            continue
        if len(path) > 1 and path[0] != "training":
            continue
        if param.exponent_bounds:
            continue
        candidates = [param.low, param.high, *param.values]
        for fact in candidates:
            value = number(fact)
            if fact is not None and value is not None and value > 0:
                yield fact, value


# --------------------------------------------------------------------------- fix helpers


def warmup_edit(ctx: RuleContext, info: Setup) -> Edit | None:
    """Add `warmup_epochs: 5` to `training.scheduler`, creating a block `scheduler:` after the
    learning-rate line when there is none. None when the layout does not allow a clean edit."""
    if info.mlp:
        return None
    training = ctx.config.training
    scheduler = training.scheduler
    text_ = ctx.document.text
    lines = ctx.document.lines
    newline = "\r\n" if "\r\n" in text_ else "\n"
    if scheduler is not None:
        if scheduler.warmup_epochs is not None:
            return Edit(scheduler.warmup_epochs.node.span, str(_WARMUP_EPOCHS))
        body = scheduler.mapping
        if body is None:
            return None
        if body.flow:
            if not body.entries:
                return Edit(body.span, f"{{warmup_epochs: {_WARMUP_EPOCHS}}}")
            end = body.entries[-1].value.span.end
            return Edit(Span(end, end), f", warmup_epochs: {_WARMUP_EPOCHS}")
        first = body.entries[0].key.span.start if body.entries else None
        if first is None:
            return None
        position = lines.position(first)
        start = lines.line_start(position.line)
        if text_[start:first].strip():
            return None
        entry = f"{' ' * position.column}warmup_epochs: {_WARMUP_EPOCHS}{newline}"
        return Edit(Span(start, start), entry)
    body = training.mapping
    lr = training.learning_rate
    if body is None or body.flow or lr is None or lr.key is None:
        return None
    key_at = lines.position(lr.key.span.start)
    if lines.position(lr.node.span.end).line != key_at.line:
        return None
    if text_[lines.line_start(key_at.line) : lr.key.span.start].strip():
        return None
    indent = " " * key_at.column
    step = " " * _indent_step(body, lines)
    block = f"{indent}scheduler:{newline}{indent}{step}warmup_epochs: {_WARMUP_EPOCHS}"
    if key_at.line + 1 < lines.line_count:
        at = lines.line_start(key_at.line + 1)
        return Edit(Span(at, at), block + newline)
    return Edit(Span(len(text_), len(text_)), newline + block)


def _indent_step(body: MappingNode, lines: LineIndex) -> int:
    """The indentation step used by nested block mappings of `body` (2 when there are none)."""
    for entry in body.entries:
        child = entry.value.resolve()
        if isinstance(child, MappingNode) and not child.flow and child.entries:
            step = lines.position(child.entries[0].key.span.start).column
            step -= lines.position(entry.key.span.start).column
            if step > 0:
                return step
    return 2


# --------------------------------------------------------------------------- rules


@rule(code="HP101", name="learning-rate-too-large", severity=Severity.WARNING)
def learning_rate_too_large(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a learning rate above the usual range of its optimizer: above 1e-2 for Adam,
    AdamW, NAdam, Adamax, RAdam and RMSprop, and 1.0 or more for SGD (with or without momentum).
    The peak of a schedule (`scheduler.max_lr`) is checked when one is given, and so are the
    bounds of a searched `training.learning_rate`.

    ## Why is this bad?
    Too large a step overshoots minima: the loss oscillates or diverges to NaN. Adam's change
    of each weight per step is bounded by roughly the learning rate (Kingma & Ba, §2.1), so 1e-2
    is already ten times the paper's default of 1e-3 and comparable to the scale of freshly
    initialised weights. For SGD on standardised inputs, Bengio (2012) puts the usual upper end
    below 1. Larger values are legitimate as learning rates scaled up for large batches (3.2 at
    batch 8192 in Goyal et al.), so a value that `training.reference` justifies (see HP103) is
    not reported.

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

    ## Options
    - `lr-too-large-adam` (default 1e-2), `lr-too-large-sgd` (default 1.0)
    - `lr-scaling-tolerance` (default 1.5): how close to the reference-derived lr* a large
      learning rate must be to count as justified.

    ## References
    - [Kingma & Ba 2015, Adam: A Method for Stochastic Optimization](https://arxiv.org/abs/1412.6980)
    - [Bengio 2012, Practical Recommendations for Gradient-Based Training of Deep Architectures](https://arxiv.org/abs/1206.5533)
    - [Goyal et al. 2017, Accurate, Large Minibatch SGD](https://arxiv.org/abs/1706.02677)
    - [Deep Learning Tuning Playbook](https://github.com/google-research/tuning_playbook)
    """
    info = setup(ctx.config)
    if info.optimizer in ADAM_LIKE:
        limit = ctx.option("lr-too-large-adam", 1e-2)
        too_large = _gt
        why = "per-step weight change ≈ lr; default 1e-3"
    elif info.optimizer in SGD_LIKE:
        limit = ctx.option("lr-too-large-sgd", 1.0)
        too_large = _ge
        why = "usual range for standardized inputs is below 1"
    else:
        return
    tau = ctx.option("lr-scaling-tolerance", 1.5)
    scale = scaling(ctx.config, info)
    related = _optimizer_related(info)
    peak = info.peak
    lr = number(peak)
    if peak is not None and lr is not None and too_large(lr, limit):
        justified = scale is not None and scale.rule is not None and scale.lr_star() >= lr / tau
        if not justified:
            name = key_name(peak, "learning_rate")
            yield Violation(
                peak.node,
                f"{name} {shown(peak)} is high for {info.optimizer_label} ({why}): "
                "training is likely to diverge.",
                related=related,
            )
    for fact, value in _searched_lrs(ctx.config):
        if too_large(value, limit):
            yield Violation(
                fact.node,
                f"The search space includes learning_rate {shown(fact)}, high for "
                f"{info.optimizer_label} ({why}): those trials are likely to diverge.",
                related=related,
            )


def _gt(value: float, limit: float) -> bool:
    return value > limit


def _ge(value: float, limit: float) -> bool:
    return value >= limit


def _optimizer_related(info: Setup) -> tuple[tuple[Anchor, str], ...]:
    if info.optimizer_fact is None:
        return ()
    return ((info.optimizer_fact.node, f"optimizer: {info.optimizer_label}"),)


@rule(code="HP102", name="learning-rate-too-small", severity=Severity.WARNING)
def learning_rate_too_small(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a learning rate below 1e-6 for any gradient-trained model (including the bounds
    of a searched `training.learning_rate`).

    ## Why is this bad?
    Bengio (2012) gives 1e-6 as the lower end of the useful range for standardised inputs.
    Below it training crawls or stalls; and below about 1e-7 × |w| an update is smaller than
    float32's rounding step (ε ≈ 1.19e-7) and is lost entirely.

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

    ## Options
    - `lr-too-small` (default 1e-6)

    ## References
    - [Bengio 2012, Practical Recommendations for Gradient-Based Training of Deep Architectures](https://arxiv.org/abs/1206.5533)
    """
    info = setup(ctx.config)
    limit = ctx.option("lr-too-small", 1e-6)
    facts = [info.lr] if info.peak is info.lr else [info.lr, info.peak]
    for fact in (f for f in facts if f is not None):
        lr = number(fact)
        if lr is not None and 0 < lr < limit:
            yield Violation(
                fact.node,
                f"{key_name(fact, 'learning_rate')} {shown(fact)} is below the usual range "
                "(1e-6 … 1): training will be very slow or stall.",
            )
    for fact, value in _searched_lrs(ctx.config):
        if value < limit:
            yield Violation(
                fact.node,
                f"The search space includes learning_rate {shown(fact)}, below the usual range "
                "(1e-6 … 1): those trials will barely train.",
            )


@rule(
    code="HP103",
    name="lr-not-scaled-with-batch-size",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
)
def lr_not_scaled_with_batch_size(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that the learning rate follows the batch size it is used with, relative to the
    `training.reference` it was tuned at. With effective batch B (batch × gradient accumulation
    × devices × nodes for a per-device batch) and k = B / `reference.batch_size`, the expected
    learning rate is

    - **linear rule** — lr* = reference lr × k — for SGD, SGD with momentum, Nesterov and the
      scikit-learn MLP with `solver: sgd`;
    - **square-root rule** — lr* = reference lr × √k — for Adam, AdamW, NAdam, Adamax, RAdam,
      RMSprop, LAMB and the MLP with `solver: adam`.

    It reports a learning rate more than 1.5× away from lr* in either direction.

    ## Why is this bad?
    A batch k times larger averages k times more gradients per step and takes k times fewer
    steps per epoch. For SGD, multiplying the learning rate by k keeps the update per epoch —
    and the gradient-noise scale ε·N/B — unchanged: the linear scaling rule of Krizhevsky (2014)
    and Goyal et al. (2017), who trained ImageNet at batch 8192 with lr 3.2 (0.1 × 32) and the
    same accuracy as at batch 256. For adaptive optimizers the stochastic-differential-equation
    analysis of Malladi et al. (2022) gives a square-root rule instead (LAMB uses the same in
    You et al. 2020). Hoffer et al. (2017) argue for √k with SGD too; if you follow them, set
    `reference.scaling: sqrt`. Either way, keeping the old learning rate after changing the
    batch size means training at a different effective step size than the one you tuned.
    Scaling holds only below a problem-dependent critical batch size (McCandlish et al. 2018);
    beyond it, retune.

    The tolerance of 1.5 separates the two rules once k ≥ 2.25 (where k and √k differ by 1.5×)
    and stays below the factor 2–3 spacing of a typical learning-rate sweep, so a reported value
    is at least one sweep step away from lr*.

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
    The fix sets the learning rate to lr* (two significant digits) and, when the batch grew by
    8× or more and there is no warmup, adds `warmup_epochs: 5` to the scheduler (Goyal et al.).
    It is unsafe: the reference may be out of date, or you may have retuned at the new batch.

    ## Options
    - `lr-scaling-tolerance` (default 1.5): the allowed ratio between the learning rate and lr*.
    - `warmup-min-scale` (default 8): k from which the fix also adds a warmup.

    Optimizers without a batch-size rule (LARS, Lion, Adagrad, Adafactor, L-BFGS or an unknown
    name) are skipped unless `reference.scaling` names the rule; `scaling: none` turns the
    check off.

    ## References
    - [Goyal et al. 2017, Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour](https://arxiv.org/abs/1706.02677)
    - [Krizhevsky 2014, One weird trick for parallelizing convolutional neural networks](https://arxiv.org/abs/1404.5997)
    - [Smith & Le 2018, A Bayesian Perspective on Generalization and SGD](https://arxiv.org/abs/1710.06451)
    - [Smith et al. 2018, Don't Decay the Learning Rate, Increase the Batch Size](https://arxiv.org/abs/1711.00489)
    - [Hoffer, Hubara, Soudry 2017, Train longer, generalize better](https://arxiv.org/abs/1705.08741)
    - [Malladi et al. 2022, On the SDEs and Scaling Rules for Adaptive Gradient Algorithms](https://arxiv.org/abs/2205.10287)
    - [You et al. 2020, Large Batch Optimization for Deep Learning (LAMB)](https://arxiv.org/abs/1904.00962)
    - [McCandlish et al. 2018, An Empirical Model of Large-Batch Training](https://arxiv.org/abs/1812.06162)
    - [Deep Learning Tuning Playbook](https://github.com/google-research/tuning_playbook)
    """
    info = setup(ctx.config)
    scale = scaling(ctx.config, info)
    peak = info.peak
    if scale is None or scale.disabled or peak is None:
        return
    lr = number(peak)
    if lr is None or lr <= 0:
        return
    if scale.rule is None:
        ctx.skip("optimizer family")
        return
    tau = ctx.option("lr-scaling-tolerance", 1.5)
    expected = scale.lr_star()
    if not 0 < expected < math.inf:
        return
    ratio = lr / expected
    if 1 / tau <= ratio <= tau:
        return
    name = key_name(peak, "learning_rate")
    expected_text = yaml_float(expected)
    how = (
        f"under {_RULE_WORDS[scale.rule]} scaling (`reference.scaling: {scale.rule}`)"
        if scale.explicit
        else f"under {_RULE_WORDS[scale.rule]} scaling for {info.optimizer_label}"
    )
    message = (
        f"{name} {shown(peak)} is not scaled for effective batch {short_number(scale.batch.total)} "
        f"({_times(scale.k)} the reference {short_number(scale.ref_batch)}): "
        f"expected ≈{expected_text} {how}"
    )
    other: Rule_ = "sqrt" if scale.rule == "linear" else "linear"
    other_expected = scale.lr_star(other)
    if 0 < other_expected < math.inf and 1 / tau <= lr / other_expected <= tau:
        who = "`reference.scaling` says" if scale.explicit else f"{info.optimizer_label} uses"
        message += f" (this matches {_RULE_WORDS[other]} scaling; {who} {_RULE_WORDS[scale.rule]})"
    message += "."
    edits = [Edit(peak.node.span, expected_text)]
    description = f"Set {name} to {expected_text}"
    if scale.k >= ctx.option("warmup-min-scale", 8.0) and not has_warmup(ctx.config.training):
        warmup = warmup_edit(ctx, info)
        if warmup is not None:
            edits.append(warmup)
            description += f" and add {_WARMUP_EPOCHS} warmup epochs"
    yield Violation(
        peak.node,
        message,
        related=_batch_related(info, scale),
        fix=Fix(description, tuple(edits), Applicability.UNSAFE),
    )


def _times(k: float) -> str:
    return f"{short_number(k)}×"


def _batch_related(info: Setup, scale: Scaling) -> tuple[tuple[Anchor, str], ...]:
    related: list[tuple[Anchor, str]] = []
    if info.batch is not None:
        parts = [shown(info.batch)] + [f"{shown(f)} ({n})" for f, n in scale.batch.factors]
        equation = " × ".join(parts)
        if scale.batch.factors:
            equation += f" = {short_number(scale.batch.total)}"
        related.append((info.batch.node, f"effective batch {equation}"))
    ref = scale.reference
    anchor = ref.key if ref.key is not None else ref.node
    if anchor is not None:
        related.append(
            (
                anchor,
                f"reference: batch {short_number(scale.ref_batch)}, learning rate "
                f"{yaml_float(scale.ref_lr, 3)}",
            )
        )
    return tuple(related)


@rule(
    code="HP105",
    name="scaled-lr-without-warmup",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def scaled_lr_without_warmup(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a learning rate scaled up from `training.reference` for a batch 8× or more
    larger, with no warmup (`warmup_epochs`, `warmup_steps` or `warmup_ratio` above 0, or a
    one-cycle schedule).

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

    ## Options
    - `warmup-min-scale` (default 8)

    ## References
    - [Goyal et al. 2017, Accurate, Large Minibatch SGD](https://arxiv.org/abs/1706.02677)
    - [Deep Learning Tuning Playbook](https://github.com/google-research/tuning_playbook)
    """
    info = setup(ctx.config)
    scale = scaling(ctx.config, info)
    peak = info.peak
    lr = number(peak)
    if scale is None or peak is None or lr is None:
        return
    if scale.k < ctx.option("warmup-min-scale", 8.0) or lr <= scale.ref_lr:
        return
    if has_warmup(ctx.config.training):
        return
    warmup = warmup_edit(ctx, info)
    fix = (
        Fix(f"Add {_WARMUP_EPOCHS} warmup epochs", (warmup,), Applicability.UNSAFE)
        if warmup is not None
        else None
    )
    yield Violation(
        peak.node,
        f"{key_name(peak, 'learning_rate')} scaled {_times(lr / scale.ref_lr)} from the reference "
        f"(batch {short_number(scale.batch.total)} vs {short_number(scale.ref_batch)}) without "
        "warmup; large scaled learning rates are unstable early in training.",
        related=_batch_related(info, scale),
        fix=fix,
    )


@rule(code="HP106", name="batch-beyond-linear-scaling-regime", severity=Severity.INFO)
def batch_beyond_linear_scaling_regime(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for an effective batch above 8192 with an optimizer of the linear-scaling family
    (SGD, SGD with momentum, Nesterov).

    ## Why is this bad?
    Goyal et al. found ImageNet error flat up to batch 8192 with linear learning-rate scaling
    and rising beyond; every problem has a critical batch size past which larger batches stop
    paying off (McCandlish et al. 2018). Past it, layer-wise optimizers such as LARS (You et al.
    2017) or LAMB (You et al. 2020), or retuning, are needed.

    ## Example
    ```yaml
    training:
      optimizer: sgd
      batch_size: 512
      batch_size_scope: per_device
      devices: 32
    ```

    Use instead:
    ```yaml
    training:
      optimizer: lars
      batch_size: 512
      batch_size_scope: per_device
      devices: 32
    ```

    ## Options
    - `linear-scaling-max-batch` (default 8192)

    ## References
    - [Goyal et al. 2017, Accurate, Large Minibatch SGD](https://arxiv.org/abs/1706.02677)
    - [McCandlish et al. 2018, An Empirical Model of Large-Batch Training](https://arxiv.org/abs/1812.06162)
    - [You, Gitman, Ginsburg 2017, Large Batch Training of Convolutional Networks (LARS)](https://arxiv.org/abs/1708.03888)
    - [You et al. 2020, Large Batch Optimization for Deep Learning (LAMB)](https://arxiv.org/abs/1904.00962)
    """
    info = setup(ctx.config)
    if family(info.optimizer) != "linear" or info.batch is None:
        return
    batch = effective_batch(ctx.config.training, info.batch)
    limit = ctx.option("linear-scaling-max-batch", 8192.0)
    if batch is None or batch.total <= limit:
        return
    related = tuple((fact.node, f"× {shown(fact)} ({name})") for fact, name in batch.factors)
    yield Violation(
        info.batch.node,
        f"Effective batch {short_number(batch.total)} is beyond the range where linear LR scaling "
        f"was validated (≤ {short_number(limit)}); consider LARS/LAMB or re-tuning.",
        related=related + _optimizer_related(info),
    )


@rule(code="HP107", name="batch-larger-than-training-set", severity=Severity.ERROR)
def batch_larger_than_training_set(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for an effective batch larger than the number of training samples, computed from
    `data.n_samples` and the validation split (× (1 − holdout), × (k − 1)/k for k folds).

    ## Why is this bad?
    Every step then sees the whole training set: mini-batch training degenerates to full-batch
    gradient descent, without the gradient noise that helps generalisation — and with
    `drop_last=True` an epoch has zero steps and nothing trains at all.

    ## Example
    ```yaml
    data:
      train: data/train.parquet
      n_samples: 1000
    training:
      batch_size: 2048
    ```

    Use instead:
    ```yaml
    data:
      train: data/train.parquet
      n_samples: 1000
    training:
      batch_size: 64
    ```

    ## References
    - [Keskar et al. 2017, On Large-Batch Training for Deep Learning](https://arxiv.org/abs/1609.04836)
    - [Masters & Luschi 2018, Revisiting Small Batch Training for Deep Neural Networks](https://arxiv.org/abs/1804.07612)
    """
    found = _batch_vs_data(ctx)
    if found is None:
        return
    batch_fact, batch, train, why, n_fact = found
    if batch.total > train:
        yield Violation(
            batch_fact.node,
            f"Effective batch {short_number(batch.total)} exceeds the {_count(train)} training "
            "samples: every step is full-batch (or zero steps with drop_last).",
            related=((n_fact.node, f"training samples: {why}"),),
        )


@rule(code="HP108", name="batch-large-fraction-of-training-set", severity=Severity.INFO)
def batch_large_fraction_of_training_set(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for an effective batch of 10 % of the training samples or more (but not more than
    all of them, which is HP107).

    ## Why is this bad?
    Keskar et al. (2017) studied batches of about 10 % of the training set and found that they
    converge to sharp minima that generalise worse than the flat minima small batches find.
    Masters & Luschi (2018) got their best results with batches of 2 to 32: the gradient noise
    of small batches acts as a regulariser.

    ## Example
    ```yaml
    data:
      train: data/train.parquet
      n_samples: 5000
    training:
      batch_size: 1024
    ```

    Use instead:
    ```yaml
    data:
      train: data/train.parquet
      n_samples: 5000
    training:
      batch_size: 64
    ```

    ## References
    - [Keskar et al. 2017, On Large-Batch Training for Deep Learning](https://arxiv.org/abs/1609.04836)
    - [Masters & Luschi 2018, Revisiting Small Batch Training for Deep Neural Networks](https://arxiv.org/abs/1804.07612)
    """
    found = _batch_vs_data(ctx)
    if found is None:
        return
    batch_fact, batch, train, why, n_fact = found
    if 0.1 * train <= batch.total <= train:
        yield Violation(
            batch_fact.node,
            f"Batch {short_number(batch.total)} is {100 * batch.total / train:.0f}% of the "
            "training set; large batches tend to converge to sharp minima and generalize worse.",
            related=((n_fact.node, f"training samples: {why}"),),
        )


def _batch_vs_data(
    ctx: RuleContext,
) -> tuple[AnyFact, EffectiveBatch, float, str, AnyFact] | None:
    info = setup(ctx.config)
    if info.batch is None:
        return None
    batch = effective_batch(ctx.config.training, info.batch)
    if batch is None:
        return None
    train = n_train(ctx.config)
    n_fact = ctx.config.data.n_samples
    if train is None or n_fact is None:
        ctx.skip("n_samples")
        return None
    if train.n <= 0:
        return None
    why = f"{shown(n_fact)} samples" + (f", {train.note}" if train.note else "")
    return info.batch, batch, train.n, why, n_fact


def _count(value: float) -> str:
    return f"{math.floor(value):,}"


@rule(
    code="HP109",
    name="adam-with-coupled-weight-decay",
    severity=Severity.HINT,
    fix=FixAvailability.ALWAYS,
)
def adam_with_coupled_weight_decay(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for `weight_decay` above 0 with `optimizer: adam`.

    ## Why is this bad?
    PyTorch's `Adam` (and the native format) adds `weight_decay × w` to the gradient — L2
    regularisation — before the adaptive rescaling, so weights with large gradient history are
    barely regularised. For adaptive optimizers L2 and weight decay are not equivalent;
    Loshchilov & Hutter's AdamW decouples the decay from the gradient step, which regularises
    every weight alike and makes the best decay independent of the learning rate.

    ## Example
    ```yaml
    training:
      optimizer: adam
      weight_decay: 0.01
    ```

    Use instead:
    ```yaml
    training:
      optimizer: adamw
      weight_decay: 0.01
    ```

    ## Fix safety
    The fix switches to AdamW. The same `weight_decay` value means a different strength there,
    so it is unsafe: retune the decay afterwards.

    ## References
    - [Loshchilov & Hutter 2019, Decoupled Weight Decay Regularization](https://arxiv.org/abs/1711.05101)
    - [PyTorch `torch.optim.Adam`](https://pytorch.org/docs/stable/generated/torch.optim.Adam.html)
    """
    training = ctx.config.training
    optimizer = training.optimizer
    decay = training.weight_decay
    written = text(optimizer)
    if optimizer is None or decay is None or written is None or canonical(written) != "adam":
        return
    value = number(decay)
    if value is None or value <= 0:
        return
    fix = None
    node = optimizer.node.resolve()
    if isinstance(node, ScalarNode) and node is optimizer.node and written[-4:].lower() == "adam":
        capital = written[-4].isupper()  # Adam → AdamW, adam → adamw
        replacement = written + ("W" if capital else "w")
        quoted = node.raw[0] if node.raw[:1] in ("'", '"') else ""
        fix = Fix(
            f"Use `{replacement}`",
            (Edit(node.span, f"{quoted}{replacement}{quoted}"),),
            Applicability.UNSAFE,
        )
    yield Violation(
        decay.node,
        "`weight_decay` with Adam is L2 regularization, not decoupled weight decay; use `adamw`.",
        related=((optimizer.node, f"optimizer: {written}"),),
        fix=fix,
    )


@rule(code="HP110", name="schedule-longer-than-training", severity=Severity.WARNING)
def schedule_longer_than_training(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a learning-rate schedule that does not fit in the training run: a warmup as long
    as training (`warmup_epochs ≥ epochs`, `warmup_steps ≥ max_steps`), a step-decay milestone
    at or after the last epoch, or a cosine `T_max` beyond the end of training.

    ## Why is this bad?
    With warmup as long as training the learning rate never reaches its target value; a
    milestone after the last epoch never decays the rate; a cosine period longer than training
    stops before the rate has annealed, so the run ends at a high learning rate. All three
    usually mean the schedule was written for a longer run, or in steps where epochs are meant.

    ## Example
    ```yaml
    training:
      epochs: 30
      scheduler: {type: multistep, milestones: [30, 60]}
    ```

    Use instead:
    ```yaml
    training:
      epochs: 90
      scheduler: {type: multistep, milestones: [30, 60]}
    ```

    ## References
    - [PyTorch learning-rate schedulers](https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate)
    - [Goyal et al. 2017, Accurate, Large Minibatch SGD](https://arxiv.org/abs/1706.02677)
    """
    training = ctx.config.training
    scheduler = training.scheduler
    if scheduler is None:
        return
    epochs = number(training.epochs)
    max_steps = number(training.max_steps)
    epochs_related: tuple[tuple[Anchor, str], ...] = (
        ((training.epochs.node, f"epochs: {short_number(epochs)}"),)
        if training.epochs is not None and epochs is not None
        else ()
    )
    warmup = number(scheduler.warmup_epochs)
    if (
        scheduler.warmup_epochs is not None
        and warmup is not None
        and epochs is not None
        and warmup >= epochs
    ):
        yield Violation(
            _key(scheduler.warmup_epochs),
            f"warmup_epochs {shown(scheduler.warmup_epochs)} ≥ epochs {short_number(epochs)}: "
            "the learning rate never reaches its target value.",
            related=epochs_related,
        )
    steps = number(scheduler.warmup_steps)
    if scheduler.warmup_steps is not None and steps is not None and steps > 0:
        total = max_steps if max_steps is not None else _total_steps(ctx.config, epochs)
        if total is not None and steps >= total:
            where = "max_steps" if max_steps is not None else "the total number of steps"
            yield Violation(
                _key(scheduler.warmup_steps),
                f"warmup_steps {shown(scheduler.warmup_steps)} ≥ {where} ({short_number(total)}): "
                "the learning rate never reaches its target value.",
            )
    milestones = scheduler.milestones
    if milestones is not None and epochs is not None and isinstance(milestones.value, list):
        late = [
            m
            for m in milestones.value
            if not isinstance(m, bool) and isinstance(m, int) and m >= epochs
        ]
        if late:
            yield Violation(
                _key(milestones),
                f"milestone {late[0]} ≥ epochs {short_number(epochs)}: that learning-rate decay "
                "never happens.",
                related=epochs_related,
            )
    kind = (text(scheduler.type) or "").lower()
    t_max = number(scheduler.t_max)
    if scheduler.t_max is not None and t_max is not None and "cosine" in kind:
        if max_steps is not None and epochs is None:
            limit, unit = max_steps, "max_steps"
        elif epochs is not None:
            limit, unit = epochs, "epochs"
            total = _total_steps(ctx.config, epochs)
            if total is not None and t_max <= total:
                return  # T_max may count iterations rather than epochs
        else:
            return
        if t_max > limit:
            yield Violation(
                _key(scheduler.t_max),
                f"T_max {shown(scheduler.t_max)} > {unit} {short_number(limit)}: the cosine "
                "schedule ends before the learning rate has annealed.",
                related=epochs_related,
            )


def _key(fact: AnyFact) -> Node:
    return fact.key if fact.key is not None else fact.node


def _total_steps(config: Config, epochs: float | None) -> float | None:
    info = setup(config)
    batch = effective_batch(config.training, info.batch)
    train = n_train(config)
    if epochs is None or batch is None or train is None:
        return None
    return epochs * math.ceil(train.n / batch.total)
