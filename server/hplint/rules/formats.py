"""HP614–HP619 — traps that belong to one tuning-config format.

The generic search rules (`rules/search.py`) run on every format. The rules here check things
that only one vendor's semantics make wrong — W&B's integer-bound inference, SageMaker's metric
directions, Azure's Bayesian sampler limits, off-by-one upper bounds in Hydra and Azure, and
deprecated spellings — but they still read the IR only (`ctx.format_id` says whose semantics).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from hplint.detection import AZUREML, HYDRA, SAGEMAKER, WANDB
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.model import Node, ScalarNode, ScalarStyle
from hplint.ir import AnyFact, SearchParam, number, text
from hplint.rules._base import FixAvailability, RuleContext, Violation, rule

_DEPRECATED = frozenset({"deprecated"})

# HP614: names whose values are naturally continuous (rules-codes.md clarification).
_CONTINUOUS_NAME = re.compile(
    r"^(?:learning_rate|lr|dropout|momentum|weight_decay|alpha|lambda|beta\w*|gamma|eps\w*|"
    r"temperature)$|_rate$|_ratio$|_fraction$|_prob",
    re.IGNORECASE,
)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _replace_text(node: Node, old: str, new: str) -> Edit | None:
    """Replace `old` by `new` inside a scalar's source text (quotes kept)."""
    if (
        not isinstance(node, ScalarNode)
        or old not in node.raw
        or node.style
        in (
            ScalarStyle.LITERAL,
            ScalarStyle.FOLDED,
        )
    ):
        return None
    return Edit(node.span, node.raw.replace(old, new, 1))


def _float_text(value: float) -> str:
    """A float that every YAML loader reads as a float (PyYAML needs a dot before `e`)."""
    shown = f"{value:.4g}"
    if "e" in shown:
        mantissa, exponent = shown.split("e")
        if "." not in mantissa:
            mantissa += ".0"
        sign = exponent[0] if exponent[0] in "+-" else "+"
        shown = f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"
    elif "." not in shown:
        shown += ".0"
    return shown


# ---------------------------------------------------------------------------------------------
# HP614
# ---------------------------------------------------------------------------------------------


@rule(
    code="HP614",
    name="integer-bounds-infer-int-distribution",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def integer_bounds_infer_int_distribution(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks W&B sweep parameters that give integer `min` and `max` and no `distribution` when
    the range is at most one wide or the parameter is naturally continuous (learning rate,
    dropout, momentum, weight decay, `*_rate`, `*_ratio`, `*_fraction`, …).

    ## Why is this bad?
    Without `distribution`, W&B infers it from the bounds: two integers make it `int_uniform`.
    `{min: 0, max: 1}` for a dropout rate then samples only 0 or 1 — never 0.3 — and the sweep
    quietly searches two useless values.

    ## Example
    ```yaml
    method: random
    parameters:
      dropout:
        min: 0
        max: 1
    ```

    Use instead:
    ```yaml
    method: random
    parameters:
      dropout:
        min: 0.0
        max: 1.0
    ```

    ## Fix safety
    The fix writes the bounds as floats (`0.0`), which makes W&B infer `uniform`. It is unsafe:
    if an integer parameter was meant, add `distribution: int_uniform` instead.

    ## References
    - [W&B sweep configuration: distributions and their defaults](https://docs.wandb.ai/guides/sweeps/sweep-config-keys)
    - [`wandb/sweeps` `config/schema.py` (`fill_parameter`: integer bounds → `int_uniform`)](https://github.com/wandb/sweeps)
    """
    if ctx.format_id != WANDB:
        return
    for param in ctx.config.search.space:
        if param.dist is not None or param.dist_name != "int_uniform" or param.key is None:
            continue
        if param.low is None or param.high is None:
            continue
        low, high = param.low.value, param.high.value
        if not (isinstance(low, int) and isinstance(high, int)):
            continue
        if not (_is_int(low) and _is_int(high)):
            continue
        if high - low > 1 and not _CONTINUOUS_NAME.search(param.short_name):
            continue
        if high - low == 1:
            values = f"only {low} or {high}"
        elif high == low:
            values = f"only {low}"
        else:
            values = f"only the integers {low}…{high}"
        message = (
            f"`{param.short_name}` has integer bounds ({low}, {high}) and no `distribution`, "
            f"so W&B infers `int_uniform` and samples {values}; write the bounds as floats "
            f"({low}.0, {high}.0) for a continuous range."
        )
        edits = tuple(
            Edit(fact.node.span, fact.node.raw + ".0")
            for fact in (param.low, param.high)
            if isinstance(fact.node, ScalarNode) and re.fullmatch(r"[-+]?\d+", fact.node.raw)
        )
        fix = (
            Fix("Write the bounds as floats", edits, Applicability.UNSAFE)
            if len(edits) == 2
            else None
        )
        yield Violation(
            param.key,
            message,
            related=((param.low.node, "integer min"), (param.high.node, "integer max")),
            fix=fix,
        )


# ---------------------------------------------------------------------------------------------
# HP615
# ---------------------------------------------------------------------------------------------

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
    {"HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "validation:auc"}}
    ```

    Use instead:
    ```json
    {"HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"}}
    ```

    ## Fix safety
    The fix flips `Type`. It is unsafe: a custom algorithm may emit a metric under a built-in
    name with another meaning.

    ## References
    - [SageMaker XGBoost: tunable hyperparameters and metrics](https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost-tuning.html)
    - [`aws/sagemaker-xgboost-container` `constants/xgb_constants.py`](https://github.com/aws/sagemaker-xgboost-container)
    - [SageMaker Linear Learner: tuning metrics](https://docs.aws.amazon.com/sagemaker/latest/dg/linear-learner-tuning.html)
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
    edit = _replace_text(node, direction, expected)
    yield Violation(
        node,
        f"`{metric}` is a metric to {expected.lower()}, but the objective `Type` is "
        f"`{direction}`: the tuning job will look for the worst model.",
        related=((search.objective_metric.node, "the metric"),)
        if search.objective_metric is not None
        else (),
        fix=Fix(f"Set `Type` to `{expected}`", (edit,), Applicability.UNSAFE) if edit else None,
    )


# ---------------------------------------------------------------------------------------------
# HP617
# ---------------------------------------------------------------------------------------------

_WANDB_DEPRECATED = {
    "log_uniform": "log_uniform_values",
    "q_log_uniform": "q_log_uniform_values",
    "inv_log_uniform": "inv_log_uniform_values",
}


def _exponents_look_real(low: float, high: float) -> bool:
    """Bounds that HP605 reports as real values given as exponents (one root cause there)."""
    return (low >= 0 and high <= 1) or high > 20 or (0 < low <= 1 and 0 < high <= 1)


@rule(
    code="HP617",
    name="deprecated-option",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def deprecated_option(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for deprecated or removed spellings: W&B `log_uniform`, `q_log_uniform` and
    `inv_log_uniform` (bounds given as exponents), Hydra's legacy `hydra.sweeper.search_space`
    block, the Optuna `motpe` sampler, and the XGBoost objective `reg:linear`.

    ## Why is this bad?
    W&B reports the exponent-style distributions as violations and recommends the `_values`
    variants; the Hydra Optuna sweeper removed `search_space` (use `params`) and Optuna removed
    `MOTPESampler` (TPE handles several objectives); XGBoost deprecated `reg:linear` in favour
    of `reg:squarederror`. Configs that still use them break on upgrade.

    ## Example
    ```yaml
    method: random
    parameters:
      learning_rate:
        distribution: log_uniform
        min: -9.2
        max: -6.9
    ```

    Use instead:
    ```yaml
    method: random
    parameters:
      learning_rate:
        distribution: log_uniform_values
        min: 1.0e-4
        max: 1.0e-3
    ```

    ## Fix safety
    W&B: the fix switches to the `_values` variant and converts the bounds with exp(); it is
    unsafe because the converted bounds are rounded to four significant digits. `motpe` →
    `tpe` and `reg:linear` → `reg:squarederror` are safe.

    ## References
    - [W&B sweep configuration (`log_uniform_values`)](https://docs.wandb.ai/guides/sweeps/sweep-config-keys)
    - [`wandb/sweeps` `params.py` `PARAM_DEPRECATION_MAP`](https://github.com/wandb/sweeps)
    - [Hydra Optuna sweeper](https://hydra.cc/docs/plugins/optuna_sweeper/)
    - [XGBoost parameters (`reg:squarederror`)](https://xgboost.readthedocs.io/en/stable/parameter.html)
    """
    config = ctx.config
    search = config.search
    if ctx.format_id == WANDB:
        for param in search.space:
            yield from _wandb_deprecated(param)
    if ctx.format_id == HYDRA:
        key = search.space_section.key
        if isinstance(key, ScalarNode) and key.value == "search_space":
            yield Violation(
                key,
                "`hydra.sweeper.search_space` is deprecated and removed from the Optuna sweeper; "
                "write the search space as override strings under `hydra.sweeper.params`.",
                tags=_DEPRECATED,
            )
        if search.method_raw is not None and search.method_raw.lower() == "motpe" and search.method:
            node = search.method.node
            edit = _replace_text(node, search.method_raw, "tpe")
            if edit is None:
                edit = _replace_text(node, "MOTPESampler", "TPESampler")
            yield Violation(
                node,
                "The `motpe` sampler was removed from Optuna; `tpe` handles multi-objective "
                "studies.",
                fix=Fix("Use the TPE sampler", (edit,)) if edit else None,
                tags=_DEPRECATED,
            )
    yield from _reg_linear(ctx)


def _wandb_deprecated(param: SearchParam) -> Iterator[Violation]:
    if param.dist is None or param.dist_name not in _WANDB_DEPRECATED:
        return
    low, high = number(param.low), number(param.high)
    if low is not None and high is not None and _exponents_look_real(low, high):
        return  # HP605: the bounds are values, not exponents — its fix also fixes this
    replacement = _WANDB_DEPRECATED[param.dist_name]
    message = (
        f"`{param.dist_name}` is deprecated: its bounds are natural-log exponents. Use "
        f"`{replacement}` with real bounds"
    )
    fix = None
    if low is not None and high is not None and param.dist_name != "inv_log_uniform":
        message += f" (min {_float_text(math.exp(low))}, max {_float_text(math.exp(high))})."
        edits = [_replace_text(param.dist.node, param.dist_name, replacement)]
        for fact, value in ((param.low, low), (param.high, high)):
            if fact is not None and isinstance(fact.node, ScalarNode):
                edits.append(Edit(fact.node.span, _float_text(math.exp(value))))
        if all(edit is not None for edit in edits) and len(edits) == 3:
            fix = Fix(
                f"Use `{replacement}` with exp() of the bounds",
                tuple(e for e in edits if e is not None),
                Applicability.UNSAFE,
            )
    else:
        message += "."
    yield Violation(param.dist.node, message, fix=fix, tags=_DEPRECATED)


def _reg_linear(ctx: RuleContext) -> Iterator[Violation]:
    candidates: list[AnyFact] = []
    for param in ctx.config.search.space:
        if param.short_name == "objective":
            candidates.extend(param.values)
    for estimator in ctx.config.all_estimators():
        if estimator.library == "xgboost":
            found = estimator.param("objective")
            if found is not None:
                candidates.append(found)
    for fact in candidates:
        if fact.value != "reg:linear":
            continue
        edit = _replace_text(fact.node, "reg:linear", "reg:squarederror")
        yield Violation(
            fact.node,
            "XGBoost objective `reg:linear` is deprecated; use `reg:squarederror` (same loss).",
            fix=Fix("Use `reg:squarederror`", (edit,)) if edit else None,
            tags=_DEPRECATED,
        )


# ---------------------------------------------------------------------------------------------
# HP618
# ---------------------------------------------------------------------------------------------

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
    - [Azure ML: Hyperparameter tuning a model (Bayesian sampling)](https://learn.microsoft.com/azure/machine-learning/how-to-tune-hyperparameters)
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


# ---------------------------------------------------------------------------------------------
# HP619
# ---------------------------------------------------------------------------------------------


@rule(code="HP619", name="integer-bound-semantics", severity=Severity.HINT)
def integer_bound_semantics(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Points out upper bounds whose inclusion differs from what the spelling suggests: Hydra
    `range(start, stop)` under the Optuna sweeper (Hydra's grammar excludes `stop`, but the
    sweeper maps it to an Optuna distribution whose `high` is inclusive, so `stop` can be
    sampled — except by the grid sampler), and Azure ML `randint(upper)` (`upper` is excluded).

    ## Why is this bad?
    An off-by-one upper bound silently adds or drops a value: `range(1, 4)` looks like 1…3 but
    the TPE sampler also tries 4; `randint: {upper: 10}` never tries 10.

    ## Example
    ```yaml
    hydra:
      sweeper:
        params:
          model.layers: range(1, 4)
    ```

    Use instead:
    ```yaml
    hydra:
      sweeper:
        params:
          model.layers: choice(1, 2, 3)
    ```

    ## References
    - [Hydra override grammar: `range` (stop excluded)](https://hydra.cc/docs/advanced/override_grammar/extended/)
    - [Optuna `IntDistribution` (`high` inclusive)](https://optuna.readthedocs.io/en/stable/reference/generated/optuna.distributions.IntDistribution.html)
    - [Azure ML sweep job YAML: `randint`](https://learn.microsoft.com/azure/machine-learning/reference-yaml-job-sweep)
    """
    search = ctx.config.search
    if ctx.format_id == HYDRA and search.method_name != "grid":
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
