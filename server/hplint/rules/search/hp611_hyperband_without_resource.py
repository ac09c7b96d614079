"""HP611 `hyperband-without-resource`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.document.model import Node
from hplint.ir import text
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.search._shared import method_anchor, related_entry, search_method
from hplint.text import Span


@rule(code="HP611", name="hyperband-without-resource", severity=Severity.ERROR)
def hyperband_without_resource(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that a Hyperband search defines the resource it allocates (epochs, boosting rounds)
    and does not also search that resource.

    ## Why is this bad?
    Hyperband runs many trials on a small budget of a resource and promotes the best to larger
    budgets. Without a resource definition (native `search.resource`, SageMaker
    `MinResource`/`MaxResource`, Katib `resource_name`/`r_l`, W&B `min_iter`/`max_iter`) it
    cannot schedule anything; with the resource also searched, the tuner and the scheduler
    fight over the same value.

    ## Example
    ```yaml
    search:
      method: hyperband
      objective: {metric: val_loss, direction: minimize}
    ```

    Use instead:
    ```yaml
    search:
      method: hyperband
      objective: {metric: val_loss, direction: minimize}
      resource: {param: training.epochs, min: 1, max: 81}
    ```

    ## References
    - [Li18]
    - [sm-hyperband]
    - [katib]
    """
    search = ctx.config.search
    early = search.early_termination
    anchor: Node | Span
    if search_method(search) == "hyperband":
        anchor = method_anchor(ctx)
    elif early is not None and (text(early) or "").lower() == "hyperband":
        anchor = early.key_or_node
    else:
        return
    if search.resource is None:
        yield Violation(
            anchor,
            "Hyperband allocates a resource (epochs/rounds) across trials, but no resource is "
            "configured.",
        )
        return
    resource = text(search.resource_param)
    if resource is None or search.resource_param is None:
        return
    for param in search.space:
        if param.name == resource:
            yield Violation(
                anchor,
                f"Hyperband allocates `{resource}` across trials, but it is also searched.",
                related=(
                    (search.resource_param.node, "the resource"),
                    *related_entry(param, "searched here"),
                ),
            )
