"""HP108 `batch-large-fraction-of-training-set`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.rules._edits import short_number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.training._shared import batch_vs_data


def _steps(per_epoch: float) -> str:
    steps = max(1, round(per_epoch))
    return "1 step" if steps == 1 else f"{steps} steps"


@rule(code="HP108", name="batch-large-fraction-of-training-set", severity=Severity.INFO)
def batch_large_fraction_of_training_set(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for an effective batch of 10 % of the training samples or more (but not more than
    all of them, which is HP107).

    ## Why is this bad?
    A heuristic, and a contested one. With a batch of a tenth of the data an epoch has ten
    steps or fewer, and the gradient noise that small batches add is mostly gone. Keskar et
    al. (2017) observed that such batches generalised worse and explained it by "sharp"
    minima; Dinh et al. (2017) showed that sharpness can be changed by reparametrization without
    changing the function, and Goyal et al. (2017) and Hoffer et al. (2017) closed much of the
    gap with learning-rate scaling, warmup and longer training. Masters & Luschi (2018) got
    their best results with batches of 2 to 32. The rule is opt-in (`heuristic`) for that
    reason: treat it as a prompt to check the learning rate and the number of steps.

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
    - [Dinh17]
    - [Goyal17]
    - [Hoffer17]
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
            f"training set ({_steps(train / batch.total)} per epoch): a heuristic links such "
            "batches to worse generalization unless the learning rate and the training length "
            "are retuned for them.",
            related=((n_fact.node, f"training samples: {why}"),),
        )
