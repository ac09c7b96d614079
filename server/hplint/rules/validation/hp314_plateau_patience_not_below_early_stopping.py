"""HP314 `plateau-patience-not-below-early-stopping`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.ir import number, text
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.validation._shared import fmt

_PLATEAU = frozenset({"plateau", "reducelronplateau", "reduce_on_plateau", "reduce_lr_on_plateau"})


@rule(
    code="HP314",
    name="plateau-patience-not-below-early-stopping",
    severity=Severity.WARNING,
)
def plateau_patience_not_below_early_stopping(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that a reduce-on-plateau learning-rate schedule has a smaller `patience` than early
    stopping.

    ## Why is this bad?
    Both wait for the monitored metric to stop improving. If early stopping waits no longer
    than the scheduler, it stops training at the moment the learning rate would first have been
    reduced — or before — so the schedule never acts and the model is judged at a learning rate
    that was meant to be lowered. Keras and PyTorch Lightning examples set the plateau patience
    well below the early-stopping patience (for example 5 and 10) so that the learning rate can
    drop at least once before training gives up.

    ## Example
    ```yaml
    training:
      epochs: 100
      scheduler: {type: plateau, patience: 10}
      early_stopping: {monitor: val_loss, patience: 10}
    ```

    Use instead:
    ```yaml
    training:
      epochs: 100
      scheduler: {type: plateau, patience: 5}
      early_stopping: {monitor: val_loss, patience: 15}
    ```

    ## References
    - [keras-reducelr]
    - [torch-plateau]
    """
    training = ctx.config.training
    scheduler, early = training.scheduler, training.early_stopping
    if scheduler is None or early is None or scheduler.patience is None:
        return
    # `plateau`, or a class path (`torch.optim.lr_scheduler.ReduceLROnPlateau`)
    kind = (text(scheduler.type) or "").rsplit(".", 1)[-1].lower().replace("-", "_")
    if kind not in _PLATEAU:
        return
    plateau, stopping = number(scheduler.patience), number(early.patience)
    if plateau is None or stopping is None or early.patience is None or plateau < stopping:
        return
    yield Violation(
        scheduler.patience.node,
        f"Plateau patience {fmt(plateau)} ≥ early-stopping patience {fmt(stopping)}: training "
        "stops before the learning rate is ever reduced. Make the plateau patience smaller.",
        related=((early.patience.node, "early-stopping patience"),),
    )
