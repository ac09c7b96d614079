"""HP616 `parallel-exceeds-total-trials`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.model import ScalarNode
from hplint.ir import number
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.search._shared import fmt


@rule(
    code="HP616",
    name="parallel-exceeds-total-trials",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def parallel_exceeds_total_trials(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that the number of concurrent trials does not exceed the total number of trials.

    ## Why is this bad?
    At most `trials` trials can ever run, so the extra parallel slots are never used; it
    usually means the two numbers were swapped or one was edited without the other.
    SageMaker and Katib reject such jobs.

    ## Example
    ```yaml
    search:
      budget: {trials: 8, parallel: 16}
    ```

    Use instead:
    ```yaml
    search:
      budget: {trials: 8, parallel: 8}
    ```

    ## Fix safety
    Lowering the parallel count to the total changes nothing that could run; the fix is safe.

    ## References
    - [sm-resource-limits]
    - [katib]
    """
    search = ctx.config.search
    trials, parallel = number(search.trials), number(search.parallel)
    if search.trials is None or search.parallel is None or trials is None or parallel is None:
        return
    if parallel <= trials:
        return
    fix = None
    trials_node = search.trials.node.resolve()
    parallel_node = search.parallel.node
    if isinstance(trials_node, ScalarNode) and isinstance(parallel_node, ScalarNode):
        fix = Fix(
            f"Set the parallel trials to {fmt(trials)}",
            (Edit(parallel_node.span, trials_node.raw),),
            Applicability.SAFE,
        )
    yield Violation(
        parallel_node,
        f"{fmt(parallel)} parallel trials exceed the {fmt(trials)} total trials.",
        related=((search.trials.node, "total trials"),),
        fix=fix,
    )
