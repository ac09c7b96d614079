"""HP110 `schedule-longer-than-training`."""

from __future__ import annotations

import math
from collections.abc import Iterator

from hplint.analysis.pipeline import n_train
from hplint.analysis.training import effective_batch, setup
from hplint.diagnostics import Severity
from hplint.document.model import Node
from hplint.ir import AnyFact, Config, number, text
from hplint.rules._edits import short_number
from hplint.rules.api import Anchor, RuleContext, Violation, rule
from hplint.rules.training._shared import shown


def _key(fact: AnyFact) -> Node:
    return fact.key if fact.key is not None else fact.node


def _total_steps(config: Config, epochs: float | None) -> float | None:
    info = setup(config)
    batch = effective_batch(config.training, info.batch)
    train = n_train(config)
    if epochs is None or batch is None or train is None:
        return None
    return epochs * math.ceil(train.n / batch.total)


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
    - [torch-lr-schedulers]
    - [Goyal17]
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
