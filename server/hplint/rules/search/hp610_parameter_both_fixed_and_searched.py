"""HP610 `parameter-both-fixed-and-searched`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis.native_paths import native_path
from hplint.diagnostics import Severity
from hplint.document.model import ScalarNode
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.search._shared import related_entry


@rule(code="HP610", name="parameter-both-fixed-and-searched", severity=Severity.WARNING)
def parameter_both_fixed_and_searched(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a native setting that has a fixed value and is also searched.

    ## Why is this bad?
    During the search the sampled value replaces the fixed one, so the fixed value is dead
    text that misleads readers — and a run launched without the search silently uses it.

    ## Example
    ```yaml
    training:
      learning_rate: 1.0e-3
    search:
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
    ```

    Use instead:
    ```yaml
    training: {}
    search:
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
    ```

    ## References
    - [The native format](../native-format.md) (values in `space` override fixed ones)
    """
    if ctx.format_id != "hplint":
        return
    for param in ctx.config.search.space:
        if not param.path:
            continue
        found = native_path(ctx.config, param.path)
        value = found.value.resolve() if found.value is not None else None
        if found.key is None or not isinstance(value, ScalarNode):
            continue
        shown = value.raw if value.raw else str(value.value)
        related = related_entry(param, "searched here")
        yield Violation(
            found.key,
            f"`{param.name}` is fixed to {shown} and also searched; the fixed value is ignored "
            f"during search.",
            related=related,
        )
