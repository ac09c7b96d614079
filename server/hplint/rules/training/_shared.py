"""What several rules of training.py share (helpers, constants, derived values)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from hplint.diagnostics import Edit
from hplint.document.model import MappingNode, ScalarNode
from hplint.ir import AnyFact, Config, Reference, Training, number, text
from hplint.knowledge import aliases
from hplint.rules._optimizers import (
    canonical,
    canonical_mlp_solver,
    family,
    scaled_lr,
    short_number,
    yaml_float,
)
from hplint.rules._pipeline import n_train
from hplint.rules.api import Anchor, Option, RuleContext
from hplint.text import LineIndex, Span

ScalingRule = Literal["linear", "sqrt"]


_MLP_CLASSES = frozenset({"MLPClassifier", "MLPRegressor"})


_ONE_CYCLE = frozenset({"onecycle", "onecyclelr", "one_cycle"})


WARMUP_EPOCHS = 5


LR_SCALING_TOLERANCE = Option(
    "lr-scaling-tolerance",
    1.5,
    "the allowed ratio, either way, between the learning rate and the lr* its reference implies "
    "(HP103); a large learning rate within it of lr* is not reported as too large (HP101).",
)
WARMUP_MIN_SCALE = Option(
    "warmup-min-scale",
    8.0,
    "the batch-scale factor k from which a scaled learning rate needs warmup (HP105, and the "
    "warmup HP103's fix adds).",
)


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
    rule: ScalingRule | None  # None: no scaling rule for this optimizer (or `scaling: none`)
    explicit: bool  # the rule comes from `reference.scaling`, not from the optimizer
    disabled: bool  # `scaling: none`

    def lr_star(self, rule_: ScalingRule | None = None) -> float:
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
    """B per docs/rules/conventions.md §2: the per-device scope multiplies by accumulation,
    devices and nodes."""
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
    rule_: ScalingRule | None = None
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


def searched_lrs(config: Config) -> Iterator[tuple[AnyFact, float]]:
    """Numeric bounds and choices of a searched training learning rate.

    A constant "search" parameter that the adapter took as the training learning rate (a W&B
    `lr: {value: 0.5}`) is the fixed value the rules check already: it is not yielded again."""
    fixed = config.training.learning_rate
    for param in config.search.space:
        path = param.path
        if not path or aliases.training_field(path[-1]) != aliases.LEARNING_RATE:
            continue
        if len(path) > 1 and path[0] != "training":
            continue
        if param.exponent_bounds:
            continue
        if param.kind == "constant" and any(value is fixed for value in param.values):
            continue
        candidates = [param.low, param.high, *param.values]
        for fact in candidates:
            value = number(fact)
            if fact is not None and value is not None and value > 0:
                yield fact, value


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
            return Edit(scheduler.warmup_epochs.node.span, str(WARMUP_EPOCHS))
        body = scheduler.mapping
        if body is None:
            return None
        if body.flow:
            if not body.entries:
                return Edit(body.span, f"{{warmup_epochs: {WARMUP_EPOCHS}}}")
            end = body.entries[-1].value.span.end
            return Edit(Span(end, end), f", warmup_epochs: {WARMUP_EPOCHS}")
        first = body.entries[0].key.span.start if body.entries else None
        if first is None:
            return None
        position = lines.position(first)
        start = lines.line_start(position.line)
        if text_[start:first].strip():
            return None
        entry = f"{' ' * position.column}warmup_epochs: {WARMUP_EPOCHS}{newline}"
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
    block = f"{indent}scheduler:{newline}{indent}{step}warmup_epochs: {WARMUP_EPOCHS}"
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


def optimizer_related(info: Setup) -> tuple[tuple[Anchor, str], ...]:
    if info.optimizer_fact is None:
        return ()
    return ((info.optimizer_fact.node, f"optimizer: {info.optimizer_label}"),)


def times_text(k: float) -> str:
    return f"{short_number(k)}×"


def batch_related(info: Setup, scale: Scaling) -> tuple[tuple[Anchor, str], ...]:
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


def batch_vs_data(
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
