"""HP107 `batch-larger-than-training-set`."""

from __future__ import annotations

import math
from collections.abc import Iterator

from hplint.analysis.training import setup
from hplint.diagnostics import Severity
from hplint.rules._edits import short_number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.training._shared import batch_vs_data

# Optimizers that work on the full gradient by design (the full-batch case is their normal one).
FULL_BATCH_OPTIMIZERS = frozenset({"lbfgs"})


def _count(value: float) -> str:
    return f"{math.floor(value):,}"


@rule(code="HP107", name="batch-larger-than-training-set", severity=Severity.WARNING)
def batch_larger_than_training_set(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for an effective batch larger than the number of training samples, computed from
    `data.n_samples` and the validation split (× (1 − holdout), × (k − 1)/k for k folds).

    ## Why is this bad?
    Every step then sees the whole training set: mini-batch training degenerates to full-batch
    gradient descent, without the gradient noise that helps generalisation — and with
    `drop_last=True` an epoch has zero steps and nothing trains at all.

    Full-batch training is sometimes the design: L-BFGS needs the full gradient, and
    whole-graph GNN training (one graph, every node at once) has no mini-batches. With
    `optimizer: lbfgs` the finding is information only. It is a warning otherwise, not an
    error: a reviewer would change it in most configs, but the run is not certainly wrong.

    ## Example
    ```yaml
    data:
      train: data/train.parquet
      n_samples: 1000
    training:
      batch_size: 2048
    ```

    Use instead:
    ```yaml
    data:
      train: data/train.parquet
      n_samples: 1000
    training:
      batch_size: 64
    ```

    ## References
    - [Keskar17]
    - [Masters18]
    """
    found = batch_vs_data(ctx)
    if found is None:
        return
    batch_fact, batch, train, why, n_fact = found
    if batch.total > train:
        full_batch_optimizer = setup(ctx.config).optimizer in FULL_BATCH_OPTIMIZERS
        tail = (
            "full-batch training, as L-BFGS needs."
            if full_batch_optimizer
            else "every step is full-batch (or zero steps with drop_last)."
        )
        yield Violation(
            batch_fact.node,
            f"Effective batch {short_number(batch.total)} exceeds the {_count(train)} training "
            f"samples: {tail}",
            related=((n_fact.node, f"training samples: {why}"),),
            severity=Severity.INFO if full_batch_optimizer else None,
        )
