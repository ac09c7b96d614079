"""HP503 `training-data-not-shuffled`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.ir import boolean
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.networks._shared import MLP_CLASSES


@rule(
    code="HP503",
    name="training-data-not-shuffled",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
)
def training_data_not_shuffled(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for `training.shuffle: false` (or `shuffle: false` on a scikit-learn MLP) when the
    data are not declared time-ordered (`data.time_column`).

    ## Why is this bad?
    Without reshuffling, every epoch presents the same mini-batches in the same order, so
    successive gradient estimates are correlated and any ordering in the file (sorted by label,
    by date, by source) becomes a systematic drift within each epoch. Reshuffling each epoch
    keeps the gradient estimates unbiased and their noise useful (Bengio 2012). Keras `fit`
    and scikit-learn's MLP shuffle by default; PyTorch's `DataLoader` does not.

    ## Example
    ```yaml
    training:
      optimizer: adamw
      shuffle: false
    ```

    Use instead:
    ```yaml
    training:
      optimizer: adamw
      shuffle: true
    ```

    ## Fix safety
    The fix writes `shuffle: true`. It is unsafe because some set-ups depend on the order on
    purpose (curriculum learning, stateful recurrent networks); for time-ordered data declare
    `data.time_column` instead.

    ## References
    - [Bengio12]
    - [torch-dataloader]
    """
    config = ctx.config
    if config.data.time_column is not None:
        return
    shuffle = config.training.shuffle
    if shuffle is None:
        estimator = config.model.final_estimator
        if estimator is not None and estimator.class_name in MLP_CLASSES:
            shuffle = estimator.param("shuffle")
    if shuffle is None or boolean(shuffle) is not False:
        return
    yield Violation(
        shuffle.node,
        "Training data are not reshuffled each epoch: mini-batches repeat in the same order, "
        "correlating successive gradient estimates.",
        fix=Fix("Write `true`", (Edit(shuffle.node.span, "true"),), Applicability.UNSAFE),
    )
