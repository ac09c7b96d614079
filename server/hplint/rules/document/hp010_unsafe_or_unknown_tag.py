"""HP010 `unsafe-or-unknown-tag`."""

from __future__ import annotations

from hplint.diagnostics import Severity
from hplint.rules.api import declare

UNSAFE_TAG = declare(
    code="HP010",
    name="unsafe-or-unknown-tag",
    severity=Severity.ERROR,
    doc="""
    ## What it does
    Reports YAML tags that are not standard YAML types, such as `!!python/object/apply:` or
    custom `!tags`. hplint never constructs tagged values; it only reports them.

    ## Why is this bad?
    A `!!python/...` tag runs code when the file is loaded with an unsafe loader, and safe
    loaders (PyYAML's `safe_load`, used by W&B and most tools) reject the file outright.

    ## Example
    ```yaml
    training:
      learning_rate: !!python/object/apply:math.sqrt [1.0e-6]
    ```

    Use instead:
    ```yaml
    training:
      learning_rate: 1.0e-3
    ```

    ## References
    - [pyyaml-safe-load]
    """,
)
