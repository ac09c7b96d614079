"""HP305 `patience-exceeds-training-length`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.document.model import ScalarNode
from hplint.ir import AnyFact, number
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.validation._shared import fix_value, fmt, gbm_early_stopping

_GBM_ROUNDS = ("n_estimators", "num_boost_round", "num_iterations", "num_round", "num_trees")


# A run this short checks that the pipeline works (integration tests, `fast_dev_run`-like
# configs); whether early stopping could trigger there is beside the point.
_SMOKE_TEST_EPOCHS = 3


def _key_name(fact: AnyFact, default: str) -> str:
    key = fact.key.resolve() if fact.key is not None else None
    return key.value if isinstance(key, ScalarNode) and isinstance(key.value, str) else default


@rule(
    code="HP305",
    name="patience-exceeds-training-length",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def patience_exceeds_training_length(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that early-stopping patience is shorter than training: `patience` below `epochs`
    (runs of more than three epochs: shorter ones are smoke tests),
    or `early_stopping_rounds` below the number of boosting rounds.

    ## Why is this bad?
    Training stops after `patience` epochs without improvement. If patience is at least the
    total number of epochs, that can never happen, so early stopping is configured but inert
    and the run always trains to the end.

    ## Example
    ```yaml
    training:
      epochs: 30
      early_stopping:
        monitor: val_loss
        patience: 40
    ```

    Use instead:
    ```yaml
    training:
      epochs: 30
      early_stopping:
        monitor: val_loss
        patience: 3
    ```

    ## Fix safety
    The suggested patience, max(1, round(0.1 × epochs)), is hplint's heuristic (Keras and
    Lightning default to 0 and 3); the fix is unsafe.

    ## References
    - [keras-es]
    - [lgb-es]
    """
    config = ctx.config
    early = config.training.early_stopping
    epochs_fact = config.training.epochs
    epochs = number(epochs_fact)
    patience = number(early.patience) if early is not None else None
    if (
        early is not None
        and early.patience is not None
        and patience is not None
        and epochs_fact is not None
        and epochs is not None
        and epochs > _SMOKE_TEST_EPOCHS  # one to three epochs: a smoke test, not a training run
        and patience >= epochs
    ):
        suggested = str(max(1, round(0.1 * epochs)))
        yield Violation(
            early.patience.node,
            f"patience {fmt(patience)} ≥ epochs {fmt(epochs)}: early stopping can never trigger.",
            related=((epochs_fact.node, "total epochs"),),
            fix=fix_value(early.patience.node, suggested, f"Set `patience: {suggested}`"),
        )
    for estimator, rounds in gbm_early_stopping(config):
        total_fact = estimator.param(*_GBM_ROUNDS)
        total = number(total_fact)
        value = number(rounds)
        if total_fact is not None and total is not None and value is not None and value >= total:
            yield Violation(
                rounds.node,
                f"`{_key_name(rounds, 'early_stopping_rounds')}` {fmt(value)} ≥ "
                f"{fmt(total)} boosting rounds: early stopping can never trigger.",
                related=((total_fact.node, "boosting rounds"),),
            )
