"""HP308 `early-stopping-on-scoring-fold`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.validation._shared import es_missing_validation_fix, gbm_early_stopping


@rule(
    code="HP308",
    name="early-stopping-on-scoring-fold",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def early_stopping_on_scoring_fold(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for early stopping whose only validation data is the CV or holdout fold that is
    also scored (no `data.valid` and no inner `early_stopping.validation_fraction`).

    ## Why is this bad?
    The stopping epoch is chosen to be best on the very fold the model is then scored on — a
    training decision made on evaluation data — so the cross-validation score is optimistic.
    An inner split of the training part keeps the scored fold untouched.

    ## Example
    ```yaml
    training:
      early_stopping:
        monitor: val_loss
        patience: 5
    validation:
      method: kfold
      folds: 5
    ```

    Use instead:
    ```yaml
    training:
      early_stopping:
        monitor: val_loss
        patience: 5
        validation_fraction: 0.1
    validation:
      method: kfold
      folds: 5
    ```

    ## Fix safety
    The inner split takes 10 % of each training fold; the fix is unsafe.

    ## References
    - [skl-pitfalls]
    - [Prechelt98]
    """
    config = ctx.config
    validation = config.validation
    if config.data.valid is not None or validation.anchor is None:
        return
    message = (
        "Early stopping selects the stopping epoch on the fold it is scored on; CV scores will "
        "be optimistic. Use an inner `validation_fraction`."
    )
    related = ((validation.anchor, "the validation split that is also scored"),)
    early = config.training.early_stopping
    if early is not None and early.validation_fraction is None and early.anchor is not None:
        yield Violation(early.anchor, message, related=related, fix=es_missing_validation_fix(ctx))
    for _, rounds in gbm_early_stopping(config):
        yield Violation(rounds.key_or_node, message, related=related)
