"""HP618 `bayesian-disallowed-distribution`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.detection import AZUREML
from hplint.diagnostics import Severity
from hplint.rules.api import RuleContext, Violation, rule

_AZURE_BAYESIAN_TYPES = frozenset({"choice", "uniform", "quniform"})


@rule(code="HP618", name="bayesian-disallowed-distribution", severity=Severity.ERROR)
def bayesian_disallowed_distribution(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks Azure ML sweep jobs with `sampling_algorithm: bayesian` for distributions other than
    `choice`, `uniform` and `quniform`, and for an `early_termination` policy.

    ## Why is this bad?
    Azure ML's Bayesian sampling "only supports choice, uniform, and quniform distributions"
    and "does not support early termination policies"; the job is rejected when submitted.

    ## Example
    ```yaml
    type: sweep
    sampling_algorithm: bayesian
    search_space:
      learning_rate: {type: loguniform, min_value: -9.2, max_value: -2.3}
    ```

    Use instead:
    ```yaml
    type: sweep
    sampling_algorithm: random
    search_space:
      learning_rate: {type: loguniform, min_value: -9.2, max_value: -2.3}
    ```

    ## References
    - [azure-loguniform]
    """
    if ctx.format_id != AZUREML:
        return
    search = ctx.config.search
    if search.method_name != "bayesian":
        return
    related = ((search.method.node, "Bayesian sampling"),) if search.method is not None else ()
    for param in search.space:
        if param.dist is None or param.dist_name in _AZURE_BAYESIAN_TYPES:
            continue
        yield Violation(
            param.dist.node,
            f"Bayesian sampling supports only choice, uniform and quniform, not "
            f"`{param.dist_name}` (`{param.name}`); use random sampling or one of those types.",
            related=related,
        )
    if search.early_termination is not None:
        yield Violation(
            search.early_termination.key_or_node,
            "Bayesian sampling does not support early termination policies; remove "
            "`early_termination` or use random sampling.",
            related=related,
        )
