"""HP303 `early-stopping-without-validation-data`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.detection import NATIVE
from hplint.diagnostics import Severity
from hplint.ir import Config
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.validation._shared import es_missing_validation_fix, gbm_early_stopping


def _has_validation_section(config: Config) -> bool:
    return config.validation.node is not None


@rule(
    code="HP303",
    name="early-stopping-without-validation-data",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
)
def early_stopping_without_validation_data(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that early stopping has held-out data to watch: a `data.valid` file, a `validation`
    section, or an inner `early_stopping.validation_fraction`.

    ## Why is this bad?
    Early stopping halts training when a *validation* metric stops improving. Without any
    validation data it either fails (LightGBM's callback "requires at least one validation
    data") or silently watches the training metric, which keeps improving while the model
    overfits — so it never stops at the right time.

    ## Example
    ```yaml
    training:
      epochs: 30
      early_stopping:
        monitor: val_loss
        patience: 5
    ```

    Use instead:
    ```yaml
    training:
      epochs: 30
      early_stopping:
        monitor: val_loss
        patience: 5
        validation_fraction: 0.1
    ```

    ## Fix safety
    Adding `validation_fraction: 0.1` holds out 10 % of the training data, which changes the
    training set; the fix is unsafe.

    ## References
    - [Prechelt98]
    - [lgb-es]
    - [sm-xgb]
    - [keras-es]
    """
    config = ctx.config
    if ctx.format_id != NATIVE:
        return  # only the native format declares its data; elsewhere the code supplies it
    if config.data.valid is not None or _has_validation_section(config):
        return
    message = "Early stopping needs held-out validation data, but none is configured."
    early = config.training.early_stopping
    if early is not None and early.validation_fraction is None:
        anchor = early.anchor
        if anchor is not None:
            yield Violation(anchor, message, fix=es_missing_validation_fix(ctx))
    for _, rounds in gbm_early_stopping(config):
        yield Violation(rounds.key_or_node, message)
