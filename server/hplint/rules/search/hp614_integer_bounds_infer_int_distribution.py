"""HP614 `integer-bounds-infer-int-distribution`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hplint.detection import WANDB
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.model import ScalarNode
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule

# HP614: names whose values are naturally continuous (docs/rules/conventions.md §5).
_CONTINUOUS_NAME = re.compile(
    r"^(?:learning_rate|lr|dropout|momentum|weight_decay|alpha|lambda|beta\w*|gamma|eps\w*|"
    r"temperature)$|_rate$|_ratio$|_fraction$|_prob",
    re.IGNORECASE,
)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@rule(
    code="HP614",
    name="integer-bounds-infer-int-distribution",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def integer_bounds_infer_int_distribution(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks W&B sweep parameters that give integer `min` and `max` and no `distribution` when
    the range is at most one wide or the parameter is naturally continuous (learning rate,
    dropout, momentum, weight decay, `*_rate`, `*_ratio`, `*_fraction`, …).

    ## Why is this bad?
    Without `distribution`, W&B infers it from the bounds: two integers make it `int_uniform`.
    `{min: 0, max: 1}` for a dropout rate then samples only 0 or 1 — never 0.3 — and the sweep
    quietly searches two useless values.

    ## Example
    ```yaml
    method: random
    parameters:
      dropout:
        min: 0
        max: 1
    ```

    Use instead:
    ```yaml
    method: random
    parameters:
      dropout:
        min: 0.0
        max: 1.0
    ```

    ## Fix safety
    The fix writes the bounds as floats (`0.0`), which makes W&B infer `uniform`. It is unsafe:
    if an integer parameter was meant, add `distribution: int_uniform` instead.

    ## References
    - [wandb-sweep]
    - [wandb-sweeps-schema]
    """
    if ctx.format_id != WANDB:
        return
    for param in ctx.config.search.space:
        if param.dist is not None or param.dist_name != "int_uniform" or param.key is None:
            continue
        if param.low is None or param.high is None:
            continue
        low, high = param.low.value, param.high.value
        if not (isinstance(low, int) and isinstance(high, int)):
            continue
        if not (_is_int(low) and _is_int(high)):
            continue
        if high - low > 1 and not _CONTINUOUS_NAME.search(param.short_name):
            continue
        if high - low == 1:
            values = f"only {low} or {high}"
        elif high == low:
            values = f"only {low}"
        else:
            values = f"only the integers {low}…{high}"
        message = (
            f"`{param.short_name}` has integer bounds ({low}, {high}) and no `distribution`, "
            f"so W&B infers `int_uniform` and samples {values}; write the bounds as floats "
            f"({low}.0, {high}.0) for a continuous range."
        )
        edits = tuple(
            Edit(fact.node.span, fact.node.raw + ".0")
            for fact in (param.low, param.high)
            if isinstance(fact.node, ScalarNode) and re.fullmatch(r"[-+]?\d+", fact.node.raw)
        )
        fix = (
            Fix("Write the bounds as floats", edits, Applicability.UNSAFE)
            if len(edits) == 2
            else None
        )
        yield Violation(
            param.key,
            message,
            related=((param.low.node, "integer min"), (param.high.node, "integer max")),
            fix=fix,
        )
