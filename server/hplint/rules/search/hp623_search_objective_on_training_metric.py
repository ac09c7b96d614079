"""HP623 `search-objective-on-training-metric`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hplint.analysis.metrics import is_training_metric
from hplint.diagnostics import Applicability, Fix, Severity
from hplint.ir import text
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.validation._shared import replace_scalar

_TRAIN_PREFIX = re.compile(r"^train(?:ing)?", re.IGNORECASE)


@rule(
    code="HP623",
    name="search-objective-on-training-metric",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def search_objective_on_training_metric(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a search whose objective metric is measured on the training data
    (`train_loss`, `training_f1_score`, `Train-accuracy`), in every format. A metric logged
    under `train/` that names an evaluation (`train/mean_reward_eval`) is not reported.

    ## Why is this bad?
    Hyperparameters are chosen to generalize. On the training data the most flexible model
    always wins — the least regularization, the most epochs, the largest network — so a search
    that compares training metrics selects the configuration that overfits most, and its best
    score says nothing about unseen data. Azure ML's own scikit-learn sweep example tunes on
    `training_f1_score`; select on a validation metric instead.

    ## Example
    ```yaml
    method: bayes
    metric:
      name: train_loss
      goal: minimize
    parameters:
      weight_decay:
        distribution: log_uniform_values
        min: 1.0e-6
        max: 1.0e-2
    run_cap: 40
    ```

    Use instead:
    ```yaml
    method: bayes
    metric:
      name: val_loss
      goal: minimize
    parameters:
      weight_decay:
        distribution: log_uniform_values
        min: 1.0e-6
        max: 1.0e-2
    run_cap: 40
    ```

    ## Fix safety
    The fix renames the `train` prefix to `val`; it is unsafe because the validation metric
    must exist, and be logged, under that name.

    ## References
    - [Playbook23]
    - [skl-cv]
    """
    fact = ctx.config.search.objective_metric
    metric = text(fact)
    if fact is None or metric is None or not is_training_metric(metric):
        return
    renamed = _TRAIN_PREFIX.sub("val", metric, count=1)
    edit = replace_scalar(fact.node, renamed) if renamed != metric else None
    yield Violation(
        fact.node,
        f"`{metric}` is measured on the training data: the search will favour the "
        f"configuration that overfits most; select on a validation metric.",
        fix=Fix(f"Use `{renamed}`", (edit,), Applicability.UNSAFE) if edit else None,
    )
