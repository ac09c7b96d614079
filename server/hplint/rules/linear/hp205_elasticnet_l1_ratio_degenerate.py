"""HP205 `elasticnet-l1-ratio-degenerate`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis import pipeline as pl
from hplint.analysis.grids import set_by_grid
from hplint.diagnostics import Severity
from hplint.document.model import Node, ScalarNode, SequenceNode
from hplint.ir import AnyFact, as_number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.linear._shared import fmt, is_sklearn

_ENET_CV_CLASSES = frozenset({"ElasticNetCV", "MultiTaskElasticNetCV"})
_UNRELIABLE = 0.01


@rule(code="HP205", name="elasticnet-l1-ratio-degenerate", severity=Severity.WARNING)
def elasticnet_l1_ratio_degenerate(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks ElasticNetCV (and MultiTaskElasticNetCV) for an `l1_ratio` of 0.01 or less — a
    value, or one of a list — when the alphas are generated automatically (`alphas` absent or
    a number of alphas rather than a list).

    ## Why is this bad?
    The automatic grid starts at the smallest alpha that zeroes every coefficient, which grows
    as 1 / l1_ratio: scikit-learn states that `l1_ratio <= 0.01` is not reliable unless you
    supply your own sequence of alphas, and at `l1_ratio: 0` the fit raises `ValueError`
    ("Automatic alpha grid generation is not supported for l1_ratio=0"), so that case is an
    error. A fixed-alpha `ElasticNet` with a small or zero `l1_ratio` is a valid (Ridge-like)
    model and is not reported.

    ## Example
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.ElasticNetCV
        params:
          l1_ratio: [0.0, 0.5, 1.0]
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.ElasticNetCV
        params:
          l1_ratio: [0.1, 0.5, 0.9, 1.0]
    ```

    ## References
    - [skl-enet]
    - [skl-enet-guide]
    - [Zou05]
    """
    for placement in pl.placements(ctx.config):
        est = placement.estimator
        if est.class_name not in _ENET_CV_CLASSES or not is_sklearn(est):
            continue
        fact = est.params.get("l1_ratio")
        if fact is None or _own_alpha_grid(est.params.get("alphas")):
            continue
        if set_by_grid(ctx.config, est, ["l1_ratio", "alphas"]):
            continue
        for node, ratio in _ratios(fact):
            if ratio == 0:
                yield Violation(
                    node,
                    f"l1_ratio 0 with {est.class_name}'s automatic alpha grid: fit raises "
                    "ValueError (the grid is undefined for l1_ratio 0); give `alphas` as a list, "
                    "or use RidgeCV.",
                    severity=Severity.ERROR,
                )
            elif 0 < ratio <= _UNRELIABLE:
                yield Violation(
                    node,
                    f"l1_ratio {fmt(ratio)} with {est.class_name}'s automatic alpha grid: "
                    "scikit-learn states that l1_ratio ≤ 0.01 is not reliable unless you supply "
                    "your own alphas; give `alphas` as a list, or use a larger l1_ratio.",
                )


def _own_alpha_grid(alphas: AnyFact | None) -> bool:
    """`alphas` given as a list of values (an int, or nothing, asks for the automatic grid)."""
    node = alphas.node.resolve() if alphas is not None else None
    return isinstance(node, SequenceNode)


def _ratios(fact: AnyFact) -> Iterator[tuple[Node, float]]:
    """The numeric l1_ratio values of a scalar or a list, with their nodes."""
    node = fact.node.resolve()
    items = node.items if isinstance(node, SequenceNode) else [fact.node]
    for item in items:
        scalar = item.resolve()
        if isinstance(scalar, ScalarNode):
            value = as_number(scalar.value)
            if value is not None:
                yield item, value
