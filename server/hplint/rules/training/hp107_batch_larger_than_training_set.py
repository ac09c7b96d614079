"""HP107 `batch-larger-than-training-set`."""

from __future__ import annotations

import math
from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.rules._edits import short_number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.training._shared import batch_vs_data


def _count(value: float) -> str:
    return f"{math.floor(value):,}"


@rule(code="HP107", name="batch-larger-than-training-set", severity=Severity.ERROR)
def batch_larger_than_training_set(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for an effective batch larger than the number of training samples, computed from
    `data.n_samples` and the validation split (× (1 − holdout), × (k − 1)/k for k folds).

    ## Why is this bad?
    Every step then sees the whole training set: mini-batch training degenerates to full-batch
    gradient descent, without the gradient noise that helps generalisation — and with
    `drop_last=True` an epoch has zero steps and nothing trains at all.

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
        yield Violation(
            batch_fact.node,
            f"Effective batch {short_number(batch.total)} exceeds the {_count(train)} training "
            "samples: every step is full-batch (or zero steps with drop_last).",
            related=((n_fact.node, f"training samples: {why}"),),
        )
