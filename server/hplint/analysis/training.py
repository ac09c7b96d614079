"""The training setup as the learning-rate rules see it: optimizer family, learning rate and its
peak, the effective batch and the scaling against a reference (docs/rules/conventions.md §2)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from hplint.analysis import derived
from hplint.analysis.optimizers import canonical, canonical_mlp_solver, family, scaled_lr
from hplint.ir import AnyFact, Config, Reference, SearchParam, Training, number, text
from hplint.knowledge import aliases

ScalingRule = Literal["linear", "sqrt"]
RULE_WORDS: dict[str, str] = {"linear": "linear", "sqrt": "square-root"}
"""How messages, hints and hovers name each scaling rule."""


_MLP_CLASSES = frozenset({"MLPClassifier", "MLPRegressor"})


_ONE_CYCLE = frozenset({"onecycle", "onecyclelr", "one_cycle"})


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
    """The effective batch B (samples per optimizer step) and what multiplies the batch size."""

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

    @property
    def spans_both_rules(self) -> bool:
        """An adaptive optimizer whose rule was not declared: the square-root rule (Malladi et
        al.) and the linear rule that published AdamW recipes use (DeiT, MAE, ConvNeXt) are
        both defensible, so any learning rate between the two is."""
        return self.rule == "sqrt" and not self.explicit

    def expected_range(self) -> tuple[float, float]:
        """The learning rates the reference implies: lr* alone, or the square-root…linear
        interval when `spans_both_rules` (in increasing order)."""
        if not self.spans_both_rules:
            return self.lr_star(), self.lr_star()
        ends = (self.lr_star("sqrt"), self.lr_star("linear"))
        return min(ends), max(ends)

    def accepts(self, lr: float, tolerance: float) -> bool:
        """`lr` is within `tolerance` (a ratio, either way) of the expected range."""
        low, high = self.expected_range()
        return low / tolerance <= lr <= high * tolerance


def setup(config: Config) -> Setup:
    """Optimizer, learning rate, peak and batch of the config (once per config)."""
    return derived(config, "setup", lambda: _setup(config))


def _setup(config: Config) -> Setup:
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
    optimizer = canonical(written) if written else training.default_optimizer
    if optimizer == "sgd" and (number(training.momentum) or 0) > 0:
        optimizer = "sgd_momentum"
    scheduler = training.scheduler
    peak = scheduler.max_lr if scheduler is not None and scheduler.max_lr is not None else None
    return Setup(
        optimizer,
        written or (f"{optimizer} (the default)" if optimizer else "this optimizer"),
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


def scaling(config: Config) -> Scaling | None:
    """The reference comparison, or None when there is no usable reference or batch size
    (once per config)."""
    return derived(config, "scaling", lambda: _scaling(config, setup(config)))


def _scaling(config: Config, info: Setup) -> Scaling | None:
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


def searched_lrs(config: Config) -> Iterator[tuple[AnyFact, float]]:
    """Numeric bounds and choices of a searched training learning rate.

    A constant "search" parameter that the adapter took as the training learning rate (a W&B
    `lr: {value: 0.5}`) is the fixed value the rules check already: it is not yielded again."""
    for param in searched_lr_params(config):
        candidates = [param.low, param.high, *param.values]
        for fact in candidates:
            value = number(fact)
            if fact is not None and value is not None and value > 0:
                yield fact, value


def searched_lr_params(config: Config) -> Iterator[SearchParam]:
    """The search-space parameters that search the training learning rate (not those given
    as exponents, and not a constant the adapter took as the fixed learning rate)."""
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
        yield param


@dataclass(frozen=True, slots=True)
class FactorChange:
    """A factor of the effective batch whose value differs from the baseline's."""

    fact: AnyFact  # where it is written now
    name: str  # the IR field (`batch_size`, `grad_accum_steps`, `devices`, `nodes`)
    before: float
    now: float


@dataclass(frozen=True, slots=True)
class BaselineChange:
    """The config against its earlier text (HP104, HP105): the baseline's effective batch and
    peak learning rate play the part of `training.reference`."""

    scale: Scaling
    lr: AnyFact  # the peak learning rate as written now
    lr_before_fact: AnyFact  # as written in the baseline (its node is in the baseline's text)
    lr_before: float
    lr_now: float
    factors: tuple[FactorChange, ...]


def may_compare_with_baseline(config: Config) -> bool:
    """Whether `against_baseline` could find a change for some baseline: the config has a
    positive learning rate and an effective batch, and no `training.reference` of its own. The
    engine reads a file's baseline (a git call) only then."""
    if config.training.reference is not None:
        return False
    now = setup(config)
    lr = number(now.peak)
    return lr is not None and lr > 0 and effective_batch(config.training, now.batch) is not None


def against_baseline(config: Config, baseline: Config | None) -> BaselineChange | None:
    """The comparison with `baseline`, or None: no baseline, a `training.reference` of the
    file's own (HP103 judges against it), another optimizer, or a batch or learning rate that
    is not known in both (once per config)."""
    if baseline is None or config.training.reference is not None:
        return None
    return derived(config, ("baseline", id(baseline)), lambda: _against(config, baseline))


def _against(config: Config, baseline: Config) -> BaselineChange | None:
    now, before = setup(config), setup(baseline)
    if now.mlp != before.mlp or now.optimizer != before.optimizer or now.peak is None:
        return None
    lr_now, lr_before = number(now.peak), number(before.peak)
    batch_now = effective_batch(config.training, now.batch)
    batch_before = effective_batch(baseline.training, before.batch)
    if lr_now is None or lr_before is None or lr_now <= 0 or lr_before <= 0:
        return None
    if batch_now is None or batch_before is None:
        return None
    fam = family(now.optimizer)
    scale = Scaling(
        Reference(),
        batch_before.total,
        lr_before,
        batch_now,
        batch_now.total / batch_before.total,
        fam if fam != "none" else None,
        explicit=False,
        disabled=False,
    )
    assert before.peak is not None
    factors = _changed_factors(config, baseline)
    return BaselineChange(scale, now.peak, before.peak, lr_before, lr_now, factors)


def _changed_factors(config: Config, baseline: Config) -> tuple[FactorChange, ...]:
    changes: list[FactorChange] = []
    pairs = [
        (setup(config).batch, setup(baseline).batch, "batch_size"),
        *(
            (getattr(config.training, name), getattr(baseline.training, name), name)
            for name in ("grad_accum_steps", "devices", "nodes")
        ),
    ]
    for now, before, name in pairs:
        if now is None:
            continue
        value_now = _positive(now)
        value_before = _positive(before) if before is not None else 1.0
        if value_now != value_before:
            changes.append(FactorChange(now, name, value_before, value_now))
    return tuple(changes)


def reference_scaling(config: Config, baseline: Config | None) -> Scaling | None:
    """The scaling against `training.reference`, else against the baseline (the file's last
    commit): what a learning rate scaled for a larger batch is measured against."""
    scale = scaling(config)
    if scale is not None:
        return scale
    change = against_baseline(config, baseline)
    return change.scale if change is not None else None
