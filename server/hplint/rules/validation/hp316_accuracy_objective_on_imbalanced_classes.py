"""HP316 `accuracy-objective-on-imbalanced-classes`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hplint.analysis.metrics import metric_words
from hplint.diagnostics import Severity
from hplint.ir import as_number, text
from hplint.rules.api import RuleContext, Violation, rule

_MAJORITY_SHARE = 0.9
_BALANCED = re.compile(r"balanced", re.IGNORECASE)


@rule(code="HP316", name="accuracy-objective-on-imbalanced-classes", severity=Severity.WARNING)
def accuracy_objective_on_imbalanced_classes(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a search (or early stopping) that optimizes plain accuracy when
    `data.class_counts` says one class holds 90 % of the samples or more.

    ## Why is this bad?
    With 90 % of one class, predicting that class every time scores 0.9: accuracy barely moves
    when the minority class — usually the one that matters — is found or missed, so the search
    compares configurations on noise and may prefer the one that ignores the minority. Use a
    metric that weighs the classes: balanced accuracy, F1 or recall of the minority class,
    average precision (PR AUC) or ROC AUC.

    ## Example
    ```yaml
    data:
      task: binary
      class_counts: {fraud: 400, legit: 9600}
    search:
      method: random
      objective: {metric: val_accuracy, direction: maximize}
    ```

    Use instead:
    ```yaml
    data:
      task: binary
      class_counts: {fraud: 400, legit: 9600}
    search:
      method: random
      objective: {metric: val_average_precision, direction: maximize}
    ```

    ## References
    - [He09]
    - [skl-balanced-accuracy]
    """
    config = ctx.config
    counts_fact = config.data.class_counts
    if counts_fact is None or not isinstance(counts_fact.value, dict):
        return
    values = [as_number(value) for value in counts_fact.value.values()]
    numbers = [v for v in values if v is not None and v >= 0]
    total = sum(numbers)
    if len(numbers) < 2 or total <= 0:
        return
    share = max(numbers) / total
    if share < _MAJORITY_SHARE:
        return
    candidates = [config.search.objective_metric]
    if config.training.early_stopping is not None:
        candidates.append(config.training.early_stopping.monitor)
    for fact in candidates:
        name = text(fact)
        if fact is None or name is None or _BALANCED.search(name):
            continue
        words = set(metric_words(name))
        if not words & {"acc", "accuracy"}:
            continue
        yield Violation(
            fact.node,
            f"`{name}` on classes where one holds {share:.0%} of the samples: always predicting "
            "it scores that much. Optimize balanced accuracy, F1, average precision or ROC AUC.",
            related=((counts_fact.node, "class counts"),),
        )
