"""HP201 `zero-regularization-penalty`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis import pipeline as pl
from hplint.analysis.grids import set_by_grid
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.model import Node, ScalarNode
from hplint.ir import number
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.linear._shared import is_sklearn

_ZERO_ALPHA_CLASSES = frozenset(
    {"Ridge", "RidgeClassifier", "Lasso", "ElasticNet", "MultiTaskLasso", "MultiTaskElasticNet"}
)


def _raw(node: Node) -> str:
    resolved = node.resolve()
    return resolved.raw if isinstance(resolved, ScalarNode) else "0"


@rule(
    code="HP201",
    name="zero-regularization-penalty",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def zero_regularization_penalty(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for `alpha: 0` on Ridge, RidgeClassifier, Lasso, ElasticNet, MultiTaskLasso and
    MultiTaskElasticNet, and for search spaces whose `alpha` range starts at 0.

    ## Why is this bad?
    With `alpha = 0` the penalty vanishes and the model is ordinary least squares. The estimator
    was chosen for its regularization, and its solvers are not meant for the unpenalized problem:
    scikit-learn's documentation advises against `alpha = 0` for Ridge, Lasso and ElasticNet
    ("for numerical reasons") and points to `LinearRegression` instead; coordinate descent may
    also fail to converge.

    ## Example
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.Lasso
        params:
          alpha: 0
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.Lasso
        params:
          alpha: 1.0
    ```

    ## Fix safety
    The fix restores the library default `alpha: 1.0`. It changes the fitted model, so it is
    unsafe; if you really want no penalty, use `sklearn.linear_model.LinearRegression`.

    ## References
    - [skl-ridge]
    - [skl-lasso]
    - [skl-enet]
    """
    for placement in pl.placements(ctx.config):
        est = placement.estimator
        if est.class_name not in _ZERO_ALPHA_CLASSES or not is_sklearn(est):
            continue
        alpha = est.params.get("alpha")
        if alpha is not None and number(alpha) == 0 and not set_by_grid(ctx.config, est, ["alpha"]):
            yield Violation(
                alpha.node,
                f"`alpha: {_raw(alpha.node)}` makes {est.class_name} unregularized least squares; "
                "scikit-learn advises LinearRegression instead (numerical issues).",
                fix=Fix(
                    "Set `alpha: 1.0` (the library default)",
                    (Edit(alpha.node.span, "1.0"),),
                    Applicability.UNSAFE,
                ),
            )
        for _, param in pl.searched(ctx.config, est, ("alpha",)):
            low = pl.space_low(param)
            if low is not None and low[0] == 0:
                yield Violation(
                    low[1],
                    f"The search space includes `alpha: 0`, which makes {est.class_name} "
                    "unregularized least squares; start the range above 0 (e.g. loguniform "
                    "from 1.0e-4).",
                )
