"""HP108 `batch-large-fraction-of-training-set`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.rules._edits import short_number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.training._shared import batch_vs_data


@rule(code="HP108", name="batch-large-fraction-of-training-set", severity=Severity.INFO)
def batch_large_fraction_of_training_set(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for an effective batch of 10 % of the training samples or more (but not more than
    all of them, which is HP107).

    ## Why is this bad?
    Keskar et al. (2017) studied batches of about 10 % of the training set and found that they
    converge to sharp minima that generalise worse than the flat minima small batches find.
    Masters & Luschi (2018) got their best results with batches of 2 to 32: the gradient noise
    of small batches acts as a regulariser.

    ## Example
    ```yaml
    data:
      train: data/train.parquet
      n_samples: 5000
    training:
      batch_size: 1024
    ```

    Use instead:
    ```yaml
    data:
      train: data/train.parquet
      n_samples: 5000
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
    if 0.1 * train <= batch.total <= train:
        yield Violation(
            batch_fact.node,
            f"Batch {short_number(batch.total)} is {100 * batch.total / train:.0f}% of the "
            "training set; large batches tend to converge to sharp minima and generalize worse.",
            related=((n_fact.node, f"training samples: {why}"),),
        )
