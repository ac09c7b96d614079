"""HP315 `stratified-split-on-regression-target`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.ir import text
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.validation._shared import STRATIFIED


@rule(code="HP315", name="stratified-split-on-regression-target", severity=Severity.ERROR)
def stratified_split_on_regression_target(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for stratified cross-validation (`stratified_kfold`, `stratified_group_kfold`) on a
    regression task.

    ## Why is this bad?
    Stratification keeps the class proportions in every fold; a continuous target has no
    classes. scikit-learn's `StratifiedKFold` raises `ValueError: Supported target types are:
    ('binary', 'multiclass'). Got 'continuous' instead.` — the run fails when the split is made.
    To keep folds balanced on a regression target, bin the target first and stratify on the
    bins in your own code, or use plain `kfold` with shuffling.

    ## Example
    ```yaml
    data:
      task: regression
    validation:
      method: stratified_kfold
      folds: 5
    ```

    Use instead:
    ```yaml
    data:
      task: regression
    validation:
      method: kfold
      folds: 5
      shuffle: true
    ```

    ## References
    - [skl-stratifiedkfold]
    """
    config = ctx.config
    method = text(config.validation.method)
    if method not in STRATIFIED or text(config.data.task) != "regression":
        return
    assert config.validation.method is not None
    related = ((config.data.task.node, "task: regression"),) if config.data.task else ()
    yield Violation(
        config.validation.method.node,
        f"`{method}` needs class labels, but the task is regression: scikit-learn raises "
        "ValueError on a continuous target. Use `kfold` (bin the target yourself to stratify).",
        related=related,
    )
