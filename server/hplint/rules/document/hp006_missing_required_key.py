"""HP006 `missing-required-key`."""

from __future__ import annotations

from hplint.diagnostics import Severity
from hplint.rules.api import declare

MISSING_REQUIRED_KEY = declare(
    code="HP006",
    name="missing-required-key",
    severity=Severity.ERROR,
    doc="""
    ## What it does
    Reports a key that the format requires but the config leaves out. The parent key is
    underlined (the first line, for a key required at the top level).

    ## Why is this bad?
    The tool rejects the config when it is submitted, or falls back to a default you did not
    choose (a SageMaker tuning job without `ResourceLimits`, a W&B `metric` without `name`).

    ## Example
    ```yaml
    method: bayes
    metric:
      goal: minimize
    parameters:
      lr: {min: 0.0001, max: 0.1}
    ```

    Use instead:
    ```yaml
    method: bayes
    metric:
      name: val_loss
      goal: minimize
    parameters:
      lr: {min: 0.0001, max: 0.1}
    ```

    ## References
    - [jsonschema-required]
    """,
)
