"""HP625 `duplicate-search-choice`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.document.model import ScalarNode
from hplint.rules.api import RuleContext, Violation, rule


@rule(code="HP625", name="duplicate-search-choice", severity=Severity.WARNING)
def duplicate_search_choice(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a value listed twice among the choices of one searched parameter
    (`values: [True, True]`, `choice(32, 64, 32)`), in every format.

    ## Why is this bad?
    A grid runs the repeated value twice, spending trials on configurations it has already
    tried; a random or Bayesian search samples it twice as often as the others, silently
    weighting the search. A repeated value is almost always a typo for another value (the
    `[True, True]` that meant `[True, False]`), so the value the author wanted is never tried.

    ## Example
    ```yaml
    method: grid
    metric: {name: val_acc, goal: maximize}
    parameters:
      augment:
        values: [true, true]
      learning_rate:
        values: [1.0e-4, 1.0e-3, 1.0e-2]
    ```

    Use instead:
    ```yaml
    method: grid
    metric: {name: val_acc, goal: maximize}
    parameters:
      augment:
        values: [true, false]
      learning_rate:
        values: [1.0e-4, 1.0e-3, 1.0e-2]
    ```

    ## References
    - [wandb-sweep] (`metric.goal`)
    """
    for param in ctx.config.search.space:
        if param.kind != "choice":
            continue
        seen: dict[object, ScalarNode] = {}
        for fact in param.values:
            node = fact.node.resolve()
            if not isinstance(node, ScalarNode):
                continue
            value = fact.value
            key: object = (type(value).__name__ if isinstance(value, bool) else "v", value)
            if key in seen:
                yield Violation(
                    fact.node,
                    f"`{node.raw or value}` is listed twice among the choices of "
                    f"`{param.short_name}`: a grid runs it twice and a random search samples it "
                    f"twice as often; was another value meant?",
                    related=((seen[key], "first listed here"),),
                )
            else:
                seen[key] = node
