"""HP005 `data-dependent-checks-skipped`."""

from __future__ import annotations

from hplint.diagnostics import Severity
from hplint.rules.api import declare

DATA_CHECKS_SKIPPED = declare(
    code="HP005",
    name="data-dependent-checks-skipped",
    severity=Severity.INFO,
    doc="""
    ## What it does
    Lists, once per file, the rules that apply to this config but could not run because a fact
    they need about the data (such as `n_samples` or `n_features`) is not declared in `data:`.

    ## Why is this bad?
    A silent skip looks like a pass. Several checks — features outnumbering samples, infeasible
    fold counts, batches larger than the training set — need the data's shape; declaring it
    lets hplint run them.

    ## Example
    ```yaml
    hplint: 1
    data:
      train: data/churn.csv
    validation:
      folds: 10
    ```

    Use instead:
    ```yaml
    hplint: 1
    data:
      train: data/churn.csv
      n_samples: 48000
      n_features: 31
    validation:
      folds: 10
    ```

    ## References
    - [hplint conventions, §4 Data shape](conventions.md)
    """,
)
