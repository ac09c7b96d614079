"""HP313 `validation-set-too-small`."""

from __future__ import annotations

import math
from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.ir import number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.validation._shared import cv_method, fmt

_MIN_VALIDATION = 100  # HP313: 95% CI of an accuracy near 0.5 is ±9.8 points at n = 100


def accuracy_ci_points(n_val: float) -> float:
    """Half-width in percentage points of the 95 % interval of an accuracy near 0.5."""
    return 1.96 * 0.5 / math.sqrt(n_val) * 100


def holdout_size(n_samples: float, holdout: float) -> int:
    """Validation samples of a holdout split (scikit-learn rounds the test size up)."""
    return math.ceil(n_samples * holdout - 1e-9)


@rule(code="HP313", name="validation-set-too-small", severity=Severity.WARNING)
def validation_set_too_small(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that the validation scores rest on at least 100 samples: `n_samples × holdout` for
    a holdout split, `n_samples` for cross-validation (scores are pooled over the folds).

    ## Why is this bad?
    For an accuracy near 0.5 the standard error is 0.5/√n, so with n = 100 validation samples
    the 95 % interval is ±9.8 points — wider than the differences hyperparameter search tries
    to resolve. Needs `data.n_samples`; without it the check is skipped and listed by HP005.

    ## Example
    ```yaml
    data:
      n_samples: 300
    validation:
      method: holdout
      holdout: 0.2
    ```

    Use instead:
    ```yaml
    data:
      n_samples: 300
    validation:
      method: kfold
      folds: 5
    ```

    ## References
    - [Kohavi95]
    """
    config = ctx.config
    validation = config.validation
    method = cv_method(config)
    holdout = number(validation.holdout)
    if method == "holdout" or (method is None and holdout is not None):
        anchor_fact = validation.holdout
    else:
        anchor_fact = validation.folds or validation.method
    if anchor_fact is None:
        return
    n_fact = config.data.n_samples
    n = number(n_fact)
    if n is None or n_fact is None:
        ctx.skip("n_samples")
        return
    if anchor_fact is validation.holdout:
        if holdout is None:
            return
        n_val = float(holdout_size(n, holdout))
    else:
        n_val = n
    if n_val >= _MIN_VALIDATION or n_val <= 0:
        return
    yield Violation(
        anchor_fact.node,
        f"Only {fmt(n_val)} validation samples: the 95% interval of an accuracy estimate is "
        f"±{accuracy_ci_points(n_val):.0f} points.",
        related=((n_fact.node, "number of samples"),),
    )
