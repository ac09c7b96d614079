"""HP208 `logistic-penalty-solver-incompatible`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis import pipeline as pl
from hplint.analysis.grids import set_by_grid
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.access import scalar_value
from hplint.document.model import ScalarNode
from hplint.ir import AnyFact, Estimator, boolean
from hplint.rules._edits import insert_param
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.linear._shared import is_sklearn, logistic_penalty

# scikit-learn's LogisticRegression solver → penalties it supports (`_check_solver`).
_SOLVER_PENALTIES: dict[str, frozenset[str | None]] = {
    "lbfgs": frozenset({"l2", None}),
    "newton-cg": frozenset({"l2", None}),
    "newton-cholesky": frozenset({"l2", None}),
    "sag": frozenset({"l2", None}),
    "liblinear": frozenset({"l1", "l2"}),
    "saga": frozenset({"l1", "l2", "elasticnet", None}),
}


def _check_logistic(ctx: RuleContext, est: Estimator) -> Iterator[Violation]:
    solver_fact = est.params.get("solver")
    solver = solver_fact.value if solver_fact is not None else "lbfgs"
    if not isinstance(solver, str) or solver not in _SOLVER_PENALTIES:
        return  # unknown solver: HP003's finding
    penalty, source = logistic_penalty(est)
    explicit = est.params.get("penalty")
    if penalty == "?" or (penalty is not None and penalty not in ("l1", "l2", "elasticnet")):
        return
    if penalty not in _SOLVER_PENALTIES[solver]:
        shown = "None" if penalty is None else f"'{penalty}'"
        origin = ""
        if source is not None and source is not explicit:
            origin = f" (from `{_key(source)}: {_display(source)}`)"
        solvers = [s for s, allowed in _SOLVER_PENALTIES.items() if penalty in allowed]
        new = "lbfgs" if penalty is None else "saga"
        anchor = (
            solver_fact.node
            if solver_fact is not None
            else (source.node if source else est.cls.node if est.cls else None)
        )
        if anchor is None:
            return
        default = "" if solver_fact is not None else "the default "
        related = (
            ((source.node, "the penalty is decided here"),)
            if source is not None and solver_fact is not None
            else ()
        )
        yield Violation(
            anchor,
            f"{default}solver '{solver}' does not support penalty {shown}{origin} (fit raises "
            f"ValueError); use {_or_list(solvers)}.",
            related=related,
            fix=_set_solver(ctx, est, solver_fact, new),
        )
    elif explicit is not None and penalty == "elasticnet" and "l1_ratio" not in est.params:
        edit = insert_param(est, "l1_ratio", "0.5", ctx.document)
        yield Violation(
            explicit.node,
            "penalty 'elasticnet' without `l1_ratio`: scikit-learn < 1.8 raises ValueError, and "
            "≥ 1.8 uses l1_ratio=0.0 (a pure L2 penalty); set l1_ratio (e.g. 0.5).",
            fix=Fix("Add `l1_ratio: 0.5`", (edit,), Applicability.UNSAFE) if edit else None,
        )
    dual = est.params.get("dual")
    if boolean(dual) is True and solver != "liblinear" and dual is not None:
        yield Violation(
            dual.node,
            f"solver '{solver}' supports only dual=False (fit raises ValueError); use liblinear "
            "or `dual: false`.",
        )


def _key(fact: AnyFact) -> str:
    return str(scalar_value(fact.key)) if fact.key is not None else "?"


def _display(fact: AnyFact) -> str:
    node = fact.node.resolve()
    return node.raw if isinstance(node, ScalarNode) else str(fact.value)


def _or_list(items: list[str]) -> str:
    quoted = [f"'{i}'" for i in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _set_solver(ctx: RuleContext, est: Estimator, solver: AnyFact | None, new: str) -> Fix | None:
    from hplint.rules.schema import respell_value

    if solver is not None:
        edit: Edit | None = Edit(solver.node.span, respell_value(solver.node, new))
    else:
        value = f'"{new}"' if ctx.document.language == "json" else new
        edit = insert_param(est, "solver", value, ctx.document)
    if edit is None:
        return None
    return Fix(f"Use `solver: {new}`", (edit,), Applicability.UNSAFE)


@rule(
    code="HP208",
    name="logistic-penalty-solver-incompatible",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
)
def logistic_penalty_solver_incompatible(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks LogisticRegression for a penalty that its solver does not support: lbfgs, newton-cg,
    newton-cholesky and sag fit only L2 or no penalty, liblinear only L1 or L2, and saga all of
    them. It also reports `penalty: elasticnet` without `l1_ratio`, and `dual: true` with any
    solver but liblinear.

    ## Why is this bad?
    `fit` raises `ValueError` — after the job was submitted. Since scikit-learn 1.8 `penalty` is
    deprecated and the penalty follows `l1_ratio` (0 → L2, 1 → L1, in between → elastic-net)
    and `C` (`.inf` → none), so `l1_ratio: 0.5` with the default lbfgs solver fails too. Before
    1.8, `penalty: elasticnet` without `l1_ratio` raised; from 1.8 it silently fits a pure L2
    penalty (`l1_ratio` defaults to 0.0).

    ## Example
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.LogisticRegression
        params:
          l1_ratio: 1.0
          solver: lbfgs
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: sklearn.linear_model.LogisticRegression
        params:
          l1_ratio: 1.0
          solver: saga
    ```

    ## Fix safety
    The fix switches the solver to `saga` (or `lbfgs` for no penalty with liblinear); a different
    solver converges differently, so the fix is unsafe.

    ## References
    - [skl-logreg]
    - [skl-logreg-solvers]
    """
    for placement in pl.placements(ctx.config):
        est = placement.estimator
        if est.class_name != "LogisticRegression" or not is_sklearn(est):
            continue
        if set_by_grid(ctx.config, est, ["penalty", "solver", "l1_ratio", "dual", "C"]):
            continue  # each grid point has its own combination: judged there, not here
        yield from _check_logistic(ctx, est)
