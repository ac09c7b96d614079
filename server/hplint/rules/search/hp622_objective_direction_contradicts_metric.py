"""HP622 `objective-direction-contradicts-metric`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis.metrics import metric_goal
from hplint.detection import HYDRA_TRAINING, LIGHTNING_CLI, SAGEMAKER
from hplint.diagnostics import Applicability, Fix, Severity
from hplint.ir import text
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.search._formats import replace_text

_OTHER = {"maximize": "minimize", "minimize": "maximize"}


@rule(
    code="HP622",
    name="objective-direction-contradicts-metric",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def objective_direction_contradicts_metric(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that a search's objective direction matches what its metric's name says: a loss,
    an error or a distance is minimized; an accuracy, F1, AUC, correlation or reward is
    maximized. Names that say neither, or both (`score`, `energy`, `neg_mse`), are left
    alone. W&B `metric.goal`, Katib `objective.type`, Azure ML `objective.goal`, the
    Hydra-Optuna sweeper's `direction` and native `search.objective.direction` are read;
    SageMaker's `Type` is HP615's. Early stopping's `mode` is checked the same way against its
    `monitor` (native configs, and LightningCLI's EarlyStopping, whose default `mode` is
    `min`).

    ## Why is this bad?
    The tuner does exactly what it is told: maximizing a loss, or minimizing an accuracy,
    searches for the worst model and reports it as the best. Published configs carry this
    mistake — `val/loss` with `direction: maximize`, `val_f1` or `best_val_pearson` with
    `goal: minimize` — and nothing downstream notices: every trial runs, and the winner is
    simply bad.

    ## Example
    ```yaml
    method: bayes
    metric:
      name: val_f1
      goal: minimize
    parameters:
      learning_rate:
        distribution: log_uniform_values
        min: 1.0e-5
        max: 1.0e-2
    run_cap: 40
    ```

    Use instead:
    ```yaml
    method: bayes
    metric:
      name: val_f1
      goal: maximize
    parameters:
      learning_rate:
        distribution: log_uniform_values
        min: 1.0e-5
        max: 1.0e-2
    run_cap: 40
    ```

    ## Fix safety
    The fix flips the direction. It is unsafe: a metric may be logged negated or inverted under
    a name that does not say so.

    ## References
    - [wandb-sweep] (`metric.goal`)
    - [katib] (`objective.type`)
    """
    yield from _early_stopping_mode(ctx)
    if ctx.format_id == SAGEMAKER:
        return
    search = ctx.config.search
    metric, direction = text(search.objective_metric), text(search.objective_direction)
    if metric is None or direction is None or search.objective_direction is None:
        return
    written = direction.strip()
    said = written.lower()
    expected = metric_goal(metric)
    if said not in _OTHER or expected is None or said == expected:
        return
    node = search.objective_direction.node
    fix = None
    replacement = expected if written.islower() else expected.capitalize()
    edit = replace_text(node, written, replacement)
    if edit is not None:
        fix = Fix(f"Use `{replacement}`", (edit,), Applicability.UNSAFE)
    related = ((search.objective_metric.node, "the metric"),) if search.objective_metric else ()
    yield Violation(
        node,
        f"`{metric}` improves when it {'rises' if expected == 'maximize' else 'falls'}, but the "
        f"search is told to {said} it: it will select the worst configuration.",
        fix=fix,
        related=related,
    )


# Early stopping's `mode` when the file leaves it out: Lightning's EarlyStopping uses `min`.
# Keras infers it from the name (`auto`), and the native format says nothing: no default there.
_DEFAULT_MODE = {LIGHTNING_CLI: "min", HYDRA_TRAINING: "min"}  # hydra: Lightning's callback
_MODE_GOAL = {"min": "minimize", "max": "maximize"}


def _early_stopping_mode(ctx: RuleContext) -> Iterator[Violation]:
    early = ctx.config.training.early_stopping
    metric = text(early.monitor) if early is not None else None
    if early is None or early.monitor is None or metric is None:
        return
    written = text(early.mode)
    mode = (written or _DEFAULT_MODE.get(ctx.format_id, "")).strip().lower()
    expected = metric_goal(metric)
    if mode not in _MODE_GOAL or expected is None or _MODE_GOAL[mode] == expected:
        return
    wanted = "max" if expected == "maximize" else "min"
    shown = f"mode {mode}" if written else f"mode {mode} (the default)"
    fix = None
    if early.mode is not None:
        edit = replace_text(early.mode.node, written or mode, wanted)
        fix = Fix(f"Use `mode: {wanted}`", (edit,), Applicability.UNSAFE) if edit else None
    yield Violation(
        (early.mode or early.monitor).node,
        f"`{metric}` improves when it {'rises' if expected == 'maximize' else 'falls'}, but "
        f"early stopping watches it with {shown}: training stops when it stops "
        f"{'falling' if expected == 'maximize' else 'rising'}, and the best epoch is the worst.",
        fix=fix,
    )
