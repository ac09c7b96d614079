"""HP007 `duplicate-key`."""

from __future__ import annotations

from hplint.diagnostics import Severity
from hplint.rules.api import declare

DUPLICATE_KEY = declare(
    code="HP007",
    name="duplicate-key",
    severity=Severity.ERROR,
    doc="""
    ## What it does
    Reports a key that appears twice in one mapping. The second occurrence is underlined and
    the first is shown as related information.

    ## Why is this bad?
    YAML forbids duplicate keys, but PyYAML and `json.load` accept them and silently keep the
    last value, so the first setting is lost without a word. Which value "wins" depends on the
    loader.

    ## Example
    ```yaml
    training:
      learning_rate: 1.0e-3
      batch_size: 64
      learning_rate: 3.0e-4
    ```

    Use instead:
    ```yaml
    training:
      learning_rate: 3.0e-4
      batch_size: 64
    ```

    ## References
    - [YAML122-unique-keys]
    - [RFC8259-unique-names]
    """,
)
