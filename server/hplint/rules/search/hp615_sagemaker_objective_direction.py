"""HP615 `sagemaker-objective-direction`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.detection import SAGEMAKER
from hplint.diagnostics import Applicability, Fix, Severity
from hplint.ir import text
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.search._formats import replace_text

# Metric directions: XGBoost (`constants/xgb_constants.py`), Linear Learner and other built-ins.
MAXIMIZE_METRICS = frozenset(
    {
        "accuracy",
        "auc",
        "aucpr",
        "f1",
        "map",
        "ndcg",
        "precision",
        "r2",
        "recall",
        "binary_f_beta",
        "binary_classification_accuracy",
        "macro_f_beta",
        "macro_precision",
        "macro_recall",
        "multiclass_accuracy",
        "multiclass_top_k_accuracy",
        "balanced_accuracy",
        "roc_auc_score",
        "precision_at_target_recall",
        "recall_at_target_precision",
    }
)


MINIMIZE_METRICS = frozenset(
    {
        "error",
        "logloss",
        "mae",
        "mape",
        "merror",
        "mlogloss",
        "mse",
        "rmse",
        "rmsle",
        "mphe",
        "poisson-nloglik",
        "gamma-nloglik",
        "gamma-deviance",
        "cox-nloglik",
        "tweedie-nloglik",
        "aft-nloglik",
        "objective_loss",
        "absolute_loss",
        "squared_loss",
        "cross_entropy",
        "binary_classification_cross_entropy",
        "multiclass_cross_entropy_loss",
        "loss",
    }
)


def metric_direction(metric: str) -> str | None:
    """`Maximize`/`Minimize` for a known SageMaker tuning metric (`validation:auc`), else None."""
    name = metric.rsplit(":", 1)[-1].split("@", 1)[0].strip().lower()
    if name in MAXIMIZE_METRICS:
        return "Maximize"
    if name in MINIMIZE_METRICS:
        return "Minimize"
    return None


@rule(
    code="HP615",
    name="sagemaker-objective-direction",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
)
def sagemaker_objective_direction(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that a SageMaker tuning objective's `Type` matches the direction of its metric,
    for the metrics of the built-in algorithms (XGBoost `validation:auc` is maximized,
    `validation:rmse` minimized; Linear Learner `validation:objective_loss` minimized, …).

    ## Why is this bad?
    AMT optimizes exactly what `Type` says. `Minimize` on `validation:auc` searches for the
    worst classifier it can find and reports it as the best training job.

    ## Example
    ```json
    {"HyperParameterTuningJobConfig": {
      "Strategy": "Bayesian",
      "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
      "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "validation:auc"}
    }}
    ```

    Use instead:
    ```json
    {"HyperParameterTuningJobConfig": {
      "Strategy": "Bayesian",
      "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
      "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"}
    }}
    ```

    ## Fix safety
    The fix flips `Type`. It is unsafe: a custom algorithm may emit a metric under a built-in
    name with another meaning.

    ## References
    - [sm-xgb-tuning]
    - [sm-xgb-container]
    - [sm-linear-learner]
    """
    if ctx.format_id != SAGEMAKER:
        return
    search = ctx.config.search
    metric, direction = text(search.objective_metric), text(search.objective_direction)
    if metric is None or direction is None or search.objective_direction is None:
        return
    expected = metric_direction(metric)
    if expected is None or direction.lower() == expected.lower():
        return
    node = search.objective_direction.node
    edit = replace_text(node, direction, expected)
    yield Violation(
        node,
        f"`{metric}` is a metric to {expected.lower()}, but the objective `Type` is "
        f"`{direction}`: the tuning job will look for the worst model.",
        related=((search.objective_metric.node, "the metric"),)
        if search.objective_metric is not None
        else (),
        fix=Fix(f"Set `Type` to `{expected}`", (edit,), Applicability.UNSAFE) if edit else None,
    )
