"""HP304 `early-stopping-monitors-training-metric`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hplint.diagnostics import Applicability, Fix, Severity
from hplint.ir import text
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.validation._shared import replace_scalar

_TRAIN_METRIC = re.compile(r"^(?:loss$|train(?:ing)?(?=[_/\-.:]))", re.IGNORECASE)


@rule(
    code="HP304",
    name="early-stopping-monitors-training-metric",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
)
def early_stopping_monitors_training_metric(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for early stopping that monitors a training metric: `loss`, `train_*` or
    `training_*`.

    ## Why is this bad?
    Training loss keeps falling while the model overfits, so stopping on it only detects
    convergence. The stopping rule that reduces overfitting watches the validation error and
    stops when it starts rising.

    ## Example
    ```yaml
    training:
      early_stopping:
        monitor: train_loss
        patience: 5
    ```

    Use instead:
    ```yaml
    training:
      early_stopping:
        monitor: val_loss
        patience: 5
    ```

    ## Fix safety
    The fix renames `loss` to `val_loss` and `train_X` to `val_X`; it is unsafe because the
    validation metric must exist under that name.

    ## References
    - [Prechelt98]
    - [keras-es]
    """
    early = ctx.config.training.early_stopping
    monitor = text(early.monitor) if early is not None else None
    if early is None or early.monitor is None or monitor is None:
        return
    match = _TRAIN_METRIC.match(monitor)
    if match is None:
        return
    renamed = "val_loss" if monitor.lower() == "loss" else "val" + monitor[match.end() :]
    edit = replace_scalar(early.monitor.node, renamed)
    fix = Fix(f"Monitor `{renamed}`", (edit,), Applicability.UNSAFE) if edit else None
    yield Violation(
        early.monitor.node,
        f"Early stopping monitors `{monitor}` (training data): it stops on convergence, not "
        f"when overfitting starts; monitor a validation metric (e.g. `{renamed}`).",
        fix=fix,
    )
