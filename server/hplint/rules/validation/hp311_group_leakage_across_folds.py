"""HP311 `group-leakage-across-folds`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Applicability, Fix, Severity
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.validation._shared import STRATIFIED, cv_method, replace_scalar

_GROUPED = frozenset({"group_kfold", "stratified_group_kfold", "leave_one_group_out"})


@rule(
    code="HP311",
    name="group-leakage-across-folds",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def group_leakage_across_folds(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for grouped data (`data.group_column`) validated with a split that ignores the
    groups.

    ## Why is this bad?
    Samples of one group (a customer, a patient, a recording session) are correlated. When the
    same group lands in training and validation folds, the model is scored on near-copies of
    its training data and the score is optimistic. `GroupKFold` keeps each group in one fold.

    ## Example
    ```yaml
    data:
      group_column: customer_id
    validation:
      method: kfold
      folds: 5
    ```

    Use instead:
    ```yaml
    data:
      group_column: customer_id
    validation:
      method: group_kfold
      folds: 5
    ```

    ## Fix safety
    A grouped split changes the folds; the fix is unsafe.

    ## References
    - [skl-group-cv]
    """
    config = ctx.config
    column = config.data.group_column
    method_fact = config.validation.method
    method = cv_method(config)
    if column is None or method_fact is None or method is None or method in _GROUPED:
        return
    target = "stratified_group_kfold" if method in STRATIFIED else "group_kfold"
    edit = replace_scalar(method_fact.node, target)
    yield Violation(
        method_fact.node,
        f"Samples share `{column.value}` but folds are not grouped: the same group appears in "
        f"training and validation.",
        related=((column.node, "group column"),),
        fix=Fix(f"Use `method: {target}`", (edit,), Applicability.UNSAFE) if edit else None,
    )
