"""HP620 `batch-size-searched-with-independent-lr`."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.ir import SearchParam, number
from hplint.knowledge import aliases
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.search._shared import EXP_MAX, entry, fmt, numeric_values, related_entry, shown

_BATCH_SIZE = re.compile(r"^(?:batch|bs|batchsize|\w*batch_size)$", re.IGNORECASE)


_BATCH_SPREAD = 4.0  # HP620: batch sizes 4× apart need learning rates 2–4× apart


def batch_spread(param: SearchParam) -> tuple[float, float] | None:
    """Smallest and largest value a searched parameter can take (both > 0): the batch sizes,
    or the learning rates, a search covers."""
    if param.values:
        values = [v for v in numeric_values(param) if v > 0]
        return (min(values), max(values)) if values else None
    low, high = number(param.low), number(param.high)
    if low is None or high is None:
        return None
    if param.exponent_bounds:
        if high > EXP_MAX or low > EXP_MAX:
            return None
        low, high = math.exp(low), math.exp(high)
    return (low, high) if 0 < low < high else None


@rule(code="HP620", name="batch-size-searched-with-independent-lr", severity=Severity.WARNING)
def batch_size_searched_with_independent_lr(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for searches that vary the batch size over 4× or more while the learning rate is
    fixed, or searched independently over a range narrower than the batch's (a learning rate
    searched over at least the batch's ratio can reach the best value for every batch size,
    so such a joint search is left alone).

    ## Why is this bad?
    The best learning rate moves with the batch size: linearly for SGD (Goyal et al.), with
    the square root for Adam-type optimizers (Malladi et al.). A batch 4× larger wants a
    learning rate 2–4× larger. With an independent learning rate, trials at large batches run
    at a learning rate tuned for small ones (or the reverse), so the search compares the batch
    sizes unfairly and tends to pick whichever suits the learning rate range. The tuning
    playbook's advice is to re-tune the learning rate for each batch size; a joint search whose
    learning-rate range spans the batch's ratio does that (lightning-hydra-template's
    `mnist_optuna.yaml` searches the batch over 8× and the learning rate over 1000×).

    ## Example
    ```yaml
    training:
      learning_rate: 1.0e-3
    search:
      space:
        training.batch_size: {choice: [32, 64, 128, 256]}
    ```

    Use instead:
    ```yaml
    training:
      learning_rate: 1.0e-3
      batch_size: 128
    search:
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
    ```

    ## References
    - [Goyal17]
    - [Malladi22]
    - [Playbook23]
    """
    config = ctx.config
    space = config.search.space
    searched_lr = next((p for p in space if aliases.is_learning_rate(p.short_name)), None)
    for param in space:
        if not _BATCH_SIZE.match(param.short_name):
            continue
        spread = batch_spread(param)
        anchor = entry(param)
        if spread is None or spread[1] / spread[0] < _BATCH_SPREAD or anchor is None:
            continue
        low, high = spread
        if searched_lr is not None:
            lr_spread = batch_spread(searched_lr)
            one_value = [v for v in numeric_values(searched_lr) if v > 0]
            if len(set(one_value)) == 1 and len(searched_lr.values) == 1:
                lr_text = f"fixed at {fmt(one_value[0])} (a one-value choice)"
            elif lr_spread is None or lr_spread[1] / lr_spread[0] >= high / low:
                continue  # wide enough to hold the best learning rate of every batch size
            else:
                lr_text = (
                    f"searched independently over only {lr_spread[1] / lr_spread[0]:.3g}× "
                    f"(`{searched_lr.short_name}`)"
                )
            related = related_entry(searched_lr, "learning rate searched independently")
        else:
            fixed = config.training.learning_rate
            if fixed is None and config.model.final_estimator is not None:
                fixed = config.model.final_estimator.param("learning_rate", "lr", "eta")
            if fixed is not None:
                lr_text = f"fixed at {shown(fixed, number(fixed) or 0.0)}"
                related = ((fixed.node, "fixed learning rate"),)
            else:
                lr_text = "fixed (not searched)"
                related = ()
        yield Violation(
            anchor,
            f"`{param.short_name}` is searched over {high / low:.0f}× ({fmt(low)}…{fmt(high)}) "
            f"while the learning rate is {lr_text}: the best learning rate grows with the batch "
            f"(×k for SGD, ×√k for Adam), so batch sizes are compared at mismatched learning "
            f"rates. Fix the batch size, or scale the learning rate with it.",
            related=related,
        )
