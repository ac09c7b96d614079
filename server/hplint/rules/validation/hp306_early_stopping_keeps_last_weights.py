"""HP306 `early-stopping-keeps-last-weights`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.ir import boolean, number
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.validation._shared import fix_value, fmt


@rule(
    code="HP306",
    name="early-stopping-keeps-last-weights",
    severity=Severity.HINT,
    fix=FixAvailability.ALWAYS,
)
def early_stopping_keeps_last_weights(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for Keras-style early stopping with `restore_best_weights: false` and a positive
    patience.

    ## Why is this bad?
    When training stops, the model holds the weights of the *last* epoch — `patience` epochs
    after the best one, when the validation metric had already stopped improving. Keras
    documents that with `False` "the model weights obtained at the last step of training are
    used".

    ## Example
    ```yaml
    training:
      early_stopping:
        monitor: val_loss
        patience: 10
        restore_best_weights: false
    ```

    Use instead:
    ```yaml
    training:
      early_stopping:
        monitor: val_loss
        patience: 10
        restore_best_weights: true
    ```

    ## Fix safety
    Restoring the best weights changes the final model (for the better); the fix is unsafe.

    ## References
    - [keras-es]
    """
    early = ctx.config.training.early_stopping
    if early is None or early.restore_best_weights is None:
        return
    patience = number(early.patience)
    if boolean(early.restore_best_weights) is not False or patience is None or patience <= 0:
        return
    node = early.restore_best_weights.node
    yield Violation(
        node,
        f"The model keeps the weights from {fmt(patience)} epochs after the best epoch; set "
        f"`restore_best_weights: true`.",
        related=((early.patience.node, "patience"),) if early.patience is not None else (),
        fix=fix_value(node, "true", "Set `restore_best_weights: true`"),
    )
