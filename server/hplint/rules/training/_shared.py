"""What several learning-rate and batch-size rules share: their options, how they show values,
related locations, and the warmup edit."""

from __future__ import annotations

from hplint.analysis.pipeline import n_train
from hplint.analysis.training import EffectiveBatch, Scaling, Setup, effective_batch, setup
from hplint.diagnostics import Edit
from hplint.document.model import MappingNode, ScalarNode
from hplint.ir import AnyFact, number
from hplint.rules._edits import short_number, yaml_float
from hplint.rules.api import Anchor, Option, RuleContext
from hplint.text import LineIndex, Span

WARMUP_EPOCHS = 5


LR_SCALING_TOLERANCE = Option(
    "lr-scaling-tolerance",
    2.0,
    "the allowed ratio, either way, between the learning rate and the lr* its reference implies "
    "(HP103), one step of a typical learning-rate sweep; a large learning rate within it of lr* "
    "is not reported as too large (HP101).",
)
WARMUP_MIN_SCALE = Option(
    "warmup-min-scale",
    8.0,
    "the batch-scale factor k from which a scaled learning rate needs warmup (HP105, and the "
    "warmup HP103's fix adds).",
)


def shown(fact: AnyFact) -> str:
    """The value as the user wrote it (plain scalars), else a short number."""
    node = fact.node.resolve()
    if isinstance(node, ScalarNode) and not node.style.is_quoted and node.raw:
        return node.raw
    value = number(fact)
    return short_number(value) if value is not None else str(fact.value)


# Keys that hold a searched parameter's value rather than name it (W&B `lr: {value: 0.5}`).
_VALUE_KEYS = frozenset({"value", "values", "min", "max"})


def key_name(fact: AnyFact, default: str) -> str:
    """The name the config gives the value: its key, or for a W&B `value:` the parameter's."""
    key = fact.key.resolve() if fact.key is not None else None
    if not isinstance(key, ScalarNode) or not isinstance(key.value, str):
        return default
    if key.value in _VALUE_KEYS and fact.key is not None:
        body, outer = fact.key.parent, fact.key.parent.parent if fact.key.parent else None
        if isinstance(outer, MappingNode):
            for entry in outer.entries:
                if entry.value.resolve() is body:
                    return entry.key_text
    return key.value


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
