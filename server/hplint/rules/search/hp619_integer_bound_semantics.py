"""HP619 `integer-bound-semantics`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.detection import AZUREML, HYDRA
from hplint.diagnostics import Severity
from hplint.formats.hydra import runs_official_sweeper
from hplint.ir import number
from hplint.rules.api import RuleContext, Violation, rule


@rule(code="HP619", name="integer-bound-semantics", severity=Severity.HINT)
def integer_bound_semantics(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Points out upper bounds whose inclusion differs from what the spelling suggests: Hydra
    `range(start, stop)` under the Optuna sweeper (Hydra's grammar excludes `stop`, but the
    sweeper maps it to an Optuna distribution whose `high` is inclusive, so `stop` can be
    sampled — except by the grid sampler; other sweepers named by `_target_` are not judged), and
    Azure ML `randint(upper)` (`upper` is excluded).

    ## Why is this bad?
    An off-by-one upper bound silently adds or drops a value: `range(1, 4)` looks like 1…3 but
    the TPE sampler also tries 4; `randint: {upper: 10}` never tries 10.

    ## Example
    ```yaml
    hydra:
      sweeper:
        n_trials: 20
        params:
          model.layers: range(1, 4)
    ```

    Use instead:
    ```yaml
    hydra:
      sweeper:
        n_trials: 20
        params:
          model.layers: choice(1, 2, 3)
    ```

    ## References
    - [hydra-grammar]
    - [optuna-int]
    - [azure-randint]
    """
    search = ctx.config.search
    if ctx.format_id == HYDRA and search.method_name != "grid" and runs_official_sweeper(search):
        for param in search.space:
            if param.dist_name != "range" or param.high is None:
                continue
            high = param.high.value
            yield Violation(
                param.high.node,
                f"`range` stop {high} is excluded in Hydra's grammar, but the Optuna sweeper "
                f"maps `{param.short_name}` to a distribution whose upper bound is inclusive: "
                f"{high} can be sampled.",
            )
    if ctx.format_id == AZUREML:
        for param in search.space:
            if param.dist_name != "randint" or param.high is None:
                continue
            upper = number(param.high)
            shown = (
                f"0…{int(upper) - 1}" if upper is not None and upper.is_integer() else "below it"
            )
            yield Violation(
                param.high.node,
                f"`randint` excludes its upper bound: `{param.short_name}` takes {shown}, never "
                f"{param.high.value}.",
            )
