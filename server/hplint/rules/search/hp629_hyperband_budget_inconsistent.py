"""HP629 `hyperband-budget-inconsistent`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis.metrics import metric_words
from hplint.detection import WANDB
from hplint.diagnostics import Severity
from hplint.ir import number, text
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.search._shared import entry, fmt


@rule(code="HP629", name="hyperband-budget-inconsistent", severity=Severity.WARNING)
def hyperband_budget_inconsistent(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks Hyperband's resource budget (native `search.resource` `min`/`max`, W&B
    `early_terminate` `min_iter`/`max_iter`): the smallest budget must be below the largest,
    and the first rung should come after the learning-rate warmup — in a W&B sweep, when the
    objective is logged once per epoch (its name says `epoch`) and a `…warmup…epoch…`
    parameter can reach `min_iter`.

    ## Why is this bad?
    Hyperband (and its asynchronous form, ASHA) runs many trials on the smallest budget and
    promotes the best to larger ones. With the smallest budget at or above the largest there
    is no successive halving at all — every trial runs to the end, or the schedule is
    undefined. And a first rung inside the warmup judges trials while their learning rate is
    still ramping up: the loss at that point mostly reflects the warmup, not the
    hyperparameters, so good configurations are stopped for the wrong reason (Li et al. 2018
    note that the minimum resource must be large enough to be informative).

    ## Example
    ```yaml
    training:
      scheduler: {type: cosine, warmup_epochs: 5}
    search:
      method: hyperband
      objective: {metric: val_loss, direction: minimize}
      resource: {param: training.epochs, min: 3, max: 81}
    ```

    Use instead:
    ```yaml
    training:
      scheduler: {type: cosine, warmup_epochs: 5}
    search:
      method: hyperband
      objective: {metric: val_loss, direction: minimize}
      resource: {param: training.epochs, min: 9, max: 81}
    ```

    ## References
    - [Li18]
    - [wandb-sweep] (`early_terminate`)
    """
    search = ctx.config.search
    low_fact, high_fact = search.resource_min, search.resource_max
    low, high = number(low_fact), number(high_fact)
    both = low_fact is not None and high_fact is not None
    if both and low is not None and high is not None and low >= high:
        assert low_fact is not None
        assert high_fact is not None
        yield Violation(
            low_fact.node,
            f"The smallest Hyperband budget ({fmt(low)}) is not below the largest "
            f"({fmt(high)}): there is nothing to halve, so every trial runs the full budget.",
            related=((high_fact.node, "largest budget"),),
        )
        return
    yield from _searched_warmup(ctx)
    scheduler = ctx.config.training.scheduler
    warmup = number(scheduler.warmup_epochs) if scheduler is not None else None
    param = (search.resource_param.value if search.resource_param is not None else None) or ""
    in_epochs = "epoch" in str(param)  # the resource is counted in epochs, as the warmup is
    if low_fact is None or low is None or warmup is None or not in_epochs or low > warmup:
        return
    assert scheduler is not None
    assert scheduler.warmup_epochs is not None
    yield Violation(
        low_fact.node,
        f"The first Hyperband rung ({fmt(low)} epochs) ends within the {fmt(warmup)}-epoch "
        "warmup: trials are judged while their learning rate is still ramping up. Start the "
        "budget after the warmup.",
        related=((scheduler.warmup_epochs.node, "warmup"),),
    )


def _searched_warmup(ctx: RuleContext) -> Iterator[Violation]:
    """W&B: a warmup in epochs that reaches the first rung, when the rungs count epochs.

    W&B counts Hyperband iterations as logged values of the objective metric, which may be
    steps: only a metric whose name says it is logged per epoch (`test_epoch_PER`,
    `epoch/val_loss`) makes `min_iter` a number of epochs.
    """
    search = ctx.config.search
    low = number(search.resource_min)
    metric = text(search.objective_metric)
    if ctx.format_id != WANDB or search.resource_min is None or low is None or metric is None:
        return
    if "epoch" not in metric_words(metric):
        return
    for param in search.space:
        name = param.short_name.lower()
        if "warmup" not in name or "epoch" not in name:
            continue
        values = [number(v) for v in param.values] if param.kind in ("choice", "constant") else []
        highest = max((v for v in values if v is not None), default=number(param.high))
        if highest is None or highest < low:
            continue
        anchor = entry(param)
        yield Violation(
            search.resource_min.node,
            f"The first Hyperband rung is {fmt(low)} logs of `{metric}`, i.e. {fmt(low)} epochs, "
            f"but `{param.short_name}` reaches {fmt(highest)}: those trials are judged while "
            f"their learning rate is still warming up.",
            related=((anchor, "warmup"),) if anchor is not None else (),
        )
