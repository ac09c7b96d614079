"""HP312 `unstratified-classification-cv`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Applicability, Fix, Severity
from hplint.ir import text
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.validation._shared import cv_method, replace_scalar

_CLASSIFICATION = frozenset({"binary", "multiclass"})


@rule(
    code="HP312",
    name="unstratified-classification-cv",
    severity=Severity.HINT,
    fix=FixAvailability.ALWAYS,
)
def unstratified_classification_cv(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for classification tasks validated with plain (unstratified) `kfold`.

    ## Why is this bad?
    Random folds can leave a class under- or over-represented, especially a rare one, which
    adds variance to the fold scores. Stratified k-fold keeps the class proportions in every
    fold; Kohavi found stratified 10-fold the best choice for model selection.

    ## Example
    ```yaml
    data:
      task: binary
    validation:
      method: kfold
      folds: 5
    ```

    Use instead:
    ```yaml
    data:
      task: binary
    validation:
      method: stratified_kfold
      folds: 5
    ```

    ## Fix safety
    Stratifying changes the folds (and so the scores); the fix is unsafe.

    ## References
    - [Kohavi95]
    - [skl-stratified]
    """
    config = ctx.config
    method_fact = config.validation.method
    task = text(config.data.task)
    if method_fact is None or cv_method(config) != "kfold" or task not in _CLASSIFICATION:
        return
    if config.data.group_column is not None or config.data.time_column is not None:
        return  # HP311 / HP310 suggest the right split
    edit = replace_scalar(method_fact.node, "stratified_kfold")
    yield Violation(
        method_fact.node,
        "Use stratified k-fold for classification so each fold keeps the class proportions.",
        fix=Fix("Use `method: stratified_kfold`", (edit,), Applicability.UNSAFE) if edit else None,
    )
