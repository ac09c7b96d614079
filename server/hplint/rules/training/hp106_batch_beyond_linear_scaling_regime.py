"""HP106 `batch-beyond-linear-scaling-regime`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis.optimizers import family
from hplint.analysis.training import effective_batch, setup
from hplint.diagnostics import Severity
from hplint.rules._edits import short_number
from hplint.rules.api import Option, RuleContext, Violation, rule
from hplint.rules.training._shared import optimizer_related, shown

LINEAR_SCALING_MAX_BATCH = Option(
    "linear-scaling-max-batch",
    8192.0,
    "the effective batch beyond which linear scaling has not been validated.",
)


@rule(
    code="HP106",
    name="batch-beyond-linear-scaling-regime",
    severity=Severity.INFO,
    options=(LINEAR_SCALING_MAX_BATCH,),
)
def batch_beyond_linear_scaling_regime(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for an effective batch above 8192 with an optimizer of the linear-scaling family
    (SGD, SGD with momentum, Nesterov).

    ## Why is this bad?
    Goyal et al. found ImageNet error flat up to batch 8192 with linear learning-rate scaling
    and rising beyond; every problem has a critical batch size past which larger batches stop
    paying off (McCandlish et al. 2018). Past it, layer-wise optimizers such as LARS (You et al.
    2017) or LAMB (You et al. 2020), or retuning, are needed.

    ## Example
    ```yaml
    training:
      optimizer: sgd
      batch_size: 512
      batch_size_scope: per_device
      devices: 32
    ```

    Use instead:
    ```yaml
    training:
      optimizer: lars
      batch_size: 512
      batch_size_scope: per_device
      devices: 32
    ```

    ## References
    - [Goyal17]
    - [McCandlish18]
    - [You17]
    - [You20]
    """
    info = setup(ctx.config)
    if family(info.optimizer) != "linear" or info.batch is None:
        return
    batch = effective_batch(ctx.config.training, info.batch)
    limit = ctx.option(LINEAR_SCALING_MAX_BATCH)
    if batch is None or batch.total <= limit:
        return
    related = tuple((fact.node, f"× {shown(fact)} ({name})") for fact, name in batch.factors)
    yield Violation(
        info.batch.node,
        f"Effective batch {short_number(batch.total)} is beyond the range where linear LR scaling "
        f"was validated (≤ {short_number(limit)}); consider LARS/LAMB or re-tuning.",
        related=related + optimizer_related(info),
    )
