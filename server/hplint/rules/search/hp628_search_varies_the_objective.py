"""HP628 `search-varies-the-objective`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis.metrics import metric_words
from hplint.analysis.search_space import space_dims
from hplint.diagnostics import Severity
from hplint.ir import SearchParam, text
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.search._shared import entry

# What decides which data the objective is measured on.
# Whole key segments only: `text_splitter` chunks documents, it does not split the data.
_SPLIT = frozenset(
    {
        *("test_size", "val_size", "valid_size", "validation_size", "validation_split"),
        *("validation_fraction", "holdout", "train_size", "train_split", "n_splits", "folds"),
        *("n_folds", "cv", "cv_folds", "splitter", "cv_splitter"),
    }
)
# What decides how the objective is computed, when the objective is that loss: the loss function
# by name (`loss`, `losses`, `loss_type`, `criterion`), or a `…_loss` whose values are names
# (`recon_loss: [mse, huber]`; a number there is a weight).
_LOSS = frozenset(
    {"loss", "losses", "loss_fn", "loss_function", "loss_type", "loss_name", "criterion"}
)


@rule(code="HP628", name="search-varies-the-objective", severity=Severity.WARNING)
def search_varies_the_objective(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a search that varies what its objective is measured on or with: the validation
    split (`test_size`, `validation_split`, `validation_fraction`, `folds`, `cv`, the
    splitter), or the loss function when the objective is the loss itself (`val_loss` while
    `loss` or `criterion` is searched).

    ## Why is this bad?
    Trials are ranked by one number, which must mean the same thing in every trial. A
    different validation split changes the data the score comes from — a trial with a smaller
    or easier split can win by luck of the split, not by its hyperparameters — and losses of
    different functions (MSE and Huber, cross-entropy and focal loss) are on different scales,
    so the search compares numbers that cannot be compared. Fix the split and the evaluation
    metric; search the training loss, if at all, against a metric that does not change with it.

    ## Example
    ```yaml
    method: bayes
    metric: {name: val_loss, goal: minimize}
    parameters:
      loss:
        values: [mse, huber]
      validation_split:
        values: [0.1, 0.2, 0.3]
    run_cap: 40
    ```

    Use instead:
    ```yaml
    method: bayes
    metric: {name: val_mae, goal: minimize}
    parameters:
      loss:
        values: [mse, huber]
      validation_split:
        value: 0.2
    run_cap: 40
    ```

    ## References
    - [skl-cv]
    - [Playbook23]
    """
    search = ctx.config.search
    metric = text(search.objective_metric)
    metric_is_loss = metric is not None and "loss" in metric_words(metric)
    for param in space_dims(search):
        anchor = entry(param)
        if anchor is None or (param.kind == "choice" and len(param.values) < 2):
            continue  # one value is not a search
        name = param.short_name
        lowered = name.lower()
        if lowered in _SPLIT:
            yield Violation(
                anchor,
                f"`{param.short_name}` is searched: each trial measures the objective on a "
                "different split, so scores are not comparable. Fix the split.",
            )
        elif metric_is_loss and (lowered in _LOSS or _names_a_loss(lowered, param)):
            yield Violation(
                anchor,
                f"`{param.short_name}` is searched while the objective is `{metric}`: losses of "
                "different functions are on different scales. Select on a metric that does not "
                "change with the loss.",
            )


def _names_a_loss(name: str, param: SearchParam) -> bool:
    """`recon_loss: {values: [mse, huber]}`: a `…_loss` choosing between loss functions
    (`name` in lower case)."""
    return (
        name.endswith("_loss")
        and param.kind == "choice"
        and all(isinstance(v.value, str) for v in param.values)
    )
