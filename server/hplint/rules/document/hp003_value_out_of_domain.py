"""HP003 `value-out-of-domain`."""

from __future__ import annotations

from hplint.diagnostics import Severity
from hplint.rules.api import FixAvailability, declare

VALUE_OUT_OF_DOMAIN = declare(
    code="HP003",
    name="value-out-of-domain",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
    doc="""
    ## What it does
    Reports a value of the wrong type, out of its allowed range, or not among its allowed
    options — including case slips such as SageMaker's `Bayes` for `Bayesian` or `OFF` for
    `Off` — with a did-you-mean suggestion for options.

    ## Why is this bad?
    Vendors check these only when the job is submitted (SageMaker rejects `Strategy: Bayes` at
    upload), and some never do: a `dropout` of 1.0 drops every unit and trains nothing.

    ## Example
    ```yaml
    training:
      learning_rate: -0.001
    model:
      network:
        layers:
          - {units: 128, dropout: 1.0}
    ```

    Use instead:
    ```yaml
    training:
      learning_rate: 0.001
    model:
      network:
        layers:
          - {units: 128, dropout: 0.3}
    ```

    ## Fix safety
    Replacing a case slip (`OFF` → `Off`) is safe; other suggestions are unsafe.

    ## References
    - [sm-api]
    - [torch-dropout]
    """,
)
