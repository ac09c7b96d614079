"""HP000 `parse-error`."""

from __future__ import annotations

from hplint.diagnostics import Severity
from hplint.rules.api import declare

PARSE_ERROR = declare(
    code="HP000",
    name="parse-error",
    severity=Severity.ERROR,
    doc="""
    ## What it does
    Reports a file that cannot be read as YAML or JSON: a syntax error, an encoding that is
    not UTF-8 (or UTF-16/32 with a byte-order mark), a NUL byte, or a file beyond hplint's
    safety limits (5 MB, 200 levels of nesting, 200,000 values after alias expansion).

    ## Why is this bad?
    The tool that consumes the config will fail to load it, or — worse — a lenient loader
    will read something other than what you meant. No other rule can run on a file that does
    not parse, so this is reported where the parser stopped.

    ## Example
    ```yaml
    search:
      space:
        lr: {choice: [1.0e-3, 1.0e-2}
    ```

    Use instead:
    ```yaml
    search:
      space:
        lr: {choice: [1.0e-3, 1.0e-2]}
    ```

    ## References
    - [YAML122]
    - [RFC8259]
    """,
)
