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
    estimator class does not have, and suggests the closest valid name. A parameter the
    library removed is reported with the release that removed it and what replaces it
    (scikit-learn's `normalize` → a `StandardScaler` step, `base_estimator` → `estimator`);
    the table is `knowledge/data/removed_parameters.json`. Where the format's reader only warns
    about unknown keys (the W&B server returns them as validation warnings and creates the
    sweep), a key with no close valid name is reported as a warning: it is most likely the
    project's own setting.

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
    not always, the one you meant. For a removed parameter, renaming to its same-meaning
    successor (`base_estimator` → `estimator`) is safe, and so is deleting one that holds the
    value it had by default (`normalize: false`).

    ## References
    - [skl-dev]
    - [skl-release-1-2] (`normalize` removed from the linear models)
    - [xgb-params]
    """,
)
