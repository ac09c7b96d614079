"""HP002 `unknown-key`."""

from __future__ import annotations

from hplint.diagnostics import Severity
from hplint.rules.api import FixAvailability, declare

UNKNOWN_KEY = declare(
    code="HP002",
    name="unknown-key",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
    doc="""
    ## What it does
    Reports a key that the format's schema does not allow, or a parameter that the named
    estimator class does not have, and suggests the closest valid name.

    ## Why is this bad?
    A misspelt key is usually ignored: `learning_rat: 0.1` leaves the learning rate at its
    default, and XGBoost or LightGBM warn about an unknown parameter and carry on with the
    default value. scikit-learn raises `TypeError` only when the estimator is built — after the
    job was submitted.

    ## Example
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.Lasso
        params:
          max_iters: 2000
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.Lasso
        params:
          max_iter: 2000
    ```

    ## Fix safety
    Renaming to the suggestion is offered as an unsafe fix: the closest name is usually, but
    not always, the one you meant.

    ## References
    - [skl-dev]
    - [xgb-params]
    """,
)
