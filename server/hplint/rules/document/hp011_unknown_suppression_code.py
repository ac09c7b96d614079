"""HP011 `unknown-suppression-code`."""

from __future__ import annotations

from hplint.diagnostics import Severity
from hplint.rules.api import declare

UNKNOWN_SUPPRESSION = declare(
    code="HP011",
    name="unknown-suppression-code",
    severity=Severity.WARNING,
    doc="""
    ## What it does
    Reports a `# hplint: disable=...` comment that names no hplint rule.

    ## Why is this bad?
    A typo in a suppression comment suppresses nothing, so the diagnostic you meant to silence
    keeps appearing — or, after the typo is "fixed" to the wrong code, a different one is
    silenced.

    ## Example
    ```yaml
    training:
      learning_rate: 0.4  # hplint: disable=HP1O3
    ```

    Use instead:
    ```yaml
    training:
      learning_rate: 0.4  # hplint: disable=HP103
    ```

    ## References
    - [ruff-unused-noqa]
    """,
)
