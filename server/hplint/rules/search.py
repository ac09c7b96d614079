"""HP6xx — search spaces and search strategy, for every format.

The rules read only the normalised `Search`/`SearchParam` facts of the IR, so the same check runs
on a native config, a W&B sweep, a SageMaker tuning job, a Katib experiment, an Azure ML sweep or
a Hydra Optuna sweeper. HP609 and HP610 resolve native `search.space` paths and run on the native
format only.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.model import MappingNode, Node, ScalarNode, SequenceNode
from hplint.document.values import remember
from hplint.ir import AnyFact, Search, SearchParam, as_number, number, text
from hplint.rules._base import FixAvailability, RuleContext, Violation, rule
from hplint.rules.validation import replace_scalar
from hplint.text import Span

NUMERIC_KINDS = frozenset({"uniform", "loguniform", "int", "quniform", "normal", "lognormal"})
LINEAR_KINDS = frozenset({"uniform", "int", "quniform"})
STARTUP_TRIALS = {"optuna": 10, "hyperopt": 20, "skopt": 10}
_LIBRARY_LABEL = {
    "optuna": "Optuna TPE (`n_startup_trials`)",
    "hyperopt": "Hyperopt TPE (`n_startup_jobs`)",
    "skopt": "scikit-optimize (`n_initial_points`)",
}
_FORMAT_LIBRARY = {"hydra-optuna": "optuna"}
_DEFAULT_TRIAL_CAP = {"hydra-optuna": 20, "azureml-sweep": 1000}  # n_trials, max_total_trials
_TRIAL_CAP_KEY = {
    "hplint": "`budget.trials`",
    "wandb-sweep": "`run_cap`",
    "katib-experiment": "`maxTrialCount`",
    "azureml-sweep": "`limits.max_total_trials`",
    "sagemaker-tuning": "`ResourceLimits.MaxNumberOfTrainingJobs`",
    "hydra-optuna": "`n_trials`",
}
_WANDB_EXPONENT_DISTS = frozenset({"log_uniform", "q_log_uniform", "inv_log_uniform"})
_STEP_WITH_LOG_FORMATS = frozenset({"hplint", "hydra-optuna"})  # Optuna: log and step exclusive
_LOG_FAMILY = re.compile(
    r"^(?:learning_rate|learning-rate|lr|base_lr|max_lr|init_lr|initial_lr|eta|eta0|alpha|"
    r"lambda|lambda_l[12]|reg_\w+|c|gamma|weight_decay|wd|epsilon|eps|l1|l2|l2_reg\w*)$"
    r"|(?:^|_)(?:lr|learning_rate|weight_decay)$",
    re.IGNORECASE,
)
_ZERO_SPAN_FAMILY = re.compile(
    r"^(?:\w*_)?(?:lr|learning_rate|eta|weight_decay|wd|alpha|lambda|lambda_l[12]|c)$|^reg_",
    re.IGNORECASE,
)
_IDENTIFIER = re.compile(r"(?:^|_)(?:seed|random_state|id)$", re.IGNORECASE)
_BATCH_SIZE = re.compile(r"^(?:batch|bs|batchsize|\w*batch_size)$", re.IGNORECASE)
_LEARNING_RATE = re.compile(r"^(?:\w*_)?(?:lr|learning_rate|eta)$", re.IGNORECASE)
_BATCH_SPREAD = 4.0  # HP620: batch sizes 4× apart need learning rates 2–4× apart
_TRIALS_PER_DIMENSION = 10  # HP608, from the tuning playbook's trial counts per Adam knob
_EXP_MAX = 700.0


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}"


def _shown(fact: AnyFact | None, value: float) -> str:
    """A number as the author wrote it (raw text of a plain scalar), else formatted."""
    node = fact.node.resolve() if fact is not None else None
    if isinstance(node, ScalarNode) and node.raw.strip("'\""):
        return node.raw.strip("'\"")
    return _fmt(value)


def is_log_family(name: str) -> bool:
    """Learning-rate, weight-decay and penalty parameters: naturally searched on a log scale."""
    return bool(_LOG_FAMILY.search(name))


def _method(search: Search) -> str | None:
    return text(search.method)


def _numeric_values(param: SearchParam) -> list[float]:
    return [v for v in (as_number(item.value) for item in param.values) if v is not None]


def _is_numeric(param: SearchParam) -> bool:
    if param.kind in NUMERIC_KINDS:
        return True
    if param.kind == "choice" and param.values:
        return len(_numeric_values(param)) == len(param.values)
    return False


def grid_points(param: SearchParam) -> int | None:
    """How many values a grid enumerates for `param` (None: not enumerable)."""
    if param.kind in ("choice", "constant") or (param.values and not param.continuous):
        if param.kind == "constant" and not param.values:
            return 1
        return len(param.values) or None
    if param.continuous:
        return None
    low, high = number(param.low), number(param.high)
    step = number(param.step)
    if step is None and param.integer:
        step = 1.0
    if low is None or high is None or step is None or step <= 0 or high < low:
        return None
    if param.dist_name == "range":  # Hydra's range(): the stop is excluded when enumerated
        return max(0, math.ceil((high - low) / step - 1e-9))
    return math.floor((high - low) / step + 1e-9) + 1


def _space_dims(search: Search) -> list[SearchParam]:
    return [p for p in search.space if p.kind != "constant"]


def _entry(param: SearchParam) -> Node | None:
    return param.anchor


def _related(param: SearchParam, message: str) -> tuple[tuple[Node | Span, str], ...]:
    anchor = _entry(param)
    return ((anchor, message),) if anchor is not None else ()


def _method_anchor(ctx: RuleContext) -> Node | Span:
    search = ctx.config.search
    if search.method is not None:
        return search.method.node
    if search.anchor is not None:
        return search.anchor
    return _first_line(ctx)


def _first_line(ctx: RuleContext) -> Span:
    source = ctx.document.text
    start = ctx.root.span.start
    start = source.rfind("\n", 0, start) + 1
    end = len(source)
    for stop in ("\r", "\n"):
        found = source.find(stop, start)
        if found != -1:
            end = min(end, found)
    return Span(start, end)


def linear_top_decade_share(low: float, high: float) -> float:
    """Share of a uniform [low, high] that falls in the top decade [high/10, high]."""
    if high <= low:
        return 1.0
    return (high - max(high / 10, low)) / (high - low)


def _exp_text(x: float) -> str:
    return f"{math.exp(x):.6g}" if x < _EXP_MAX else f"e^{_fmt(x)}"


def exponent_bounds_look_real(low: float, high: float, name: str) -> bool:
    """HP605: exponent bounds that are likely real values (the sampled range would be absurd)."""
    return (0 < low <= 1 and 0 < high <= 1) or high > 20 or (low >= 0 and is_log_family(name))


# ---------------------------------------------------------------------------------------------
# rules
# ---------------------------------------------------------------------------------------------


@rule(
    code="HP601",
    name="grid-search-in-many-dimensions",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def grid_search_in_many_dimensions(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for grid search over three or more numeric hyperparameters.

    ## Why is this bad?
    Usually only a few hyperparameters matter. A grid tries each of them at only a handful of
    values, repeated across every combination of the others, so most trials are spent on
    dimensions that do not matter. Random search with the same number of trials tries up to
    that many distinct values of every dimension, and Bergstra & Bengio found it as good or
    better in a fraction of the trials. A grid is reasonable in one or two dimensions (the
    tuning playbook's advice); three is where hplint starts warning.

    ## Example
    ```yaml
    search:
      method: grid
      space:
        training.learning_rate: {choice: [1.0e-4, 1.0e-3, 1.0e-2]}
        training.weight_decay: {choice: [0.0, 1.0e-4, 1.0e-2]}
        training.batch_size: {choice: [32, 64, 128]}
    ```

    Use instead:
    ```yaml
    search:
      method: random
      budget: {trials: 27}
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
        training.weight_decay: {dist: loguniform, low: 1.0e-5, high: 1.0e-2}
        training.batch_size: {choice: [32, 64, 128]}
    ```

    ## Fix safety
    Switching the method to random search changes which configurations run; the fix is unsafe.

    ## References
    - [Bergstra & Bengio, "Random Search for Hyper-Parameter Optimization", JMLR 13, 2012](https://www.jmlr.org/papers/v13/bergstra12a.html)
    - [Deep Learning Tuning Playbook](https://github.com/google-research/tuning_playbook)
    """
    search = ctx.config.search
    if _method(search) != "grid" or search.method is None:
        return
    numeric = [p for p in _space_dims(search) if _is_numeric(p)]
    if len(numeric) < 3:
        return
    sizes = [grid_points(p) for p in _space_dims(search)]
    numeric_sizes = [s for s in (grid_points(p) for p in numeric) if s is not None]
    k = max(numeric_sizes) if numeric_sizes else None
    total = math.prod(s for s in sizes if s is not None) if None not in sizes else None
    if k is not None and total is not None:
        message = (
            f"Grid search over {len(numeric)} numeric hyperparameters tests only {k} distinct "
            f"values of each; random search with the same {total} trials tests up to {total}."
        )
    else:
        message = (
            f"Grid search over {len(numeric)} numeric hyperparameters tests only a few distinct "
            f"values of each; random search with the same trials tests as many values as trials."
        )
    fix = None
    raw = search.method_raw or text(search.method)
    if raw in ("grid", "Grid"):
        edit = replace_scalar(search.method.node, "random" if raw == "grid" else "Random")
        if edit is not None:
            fix = Fix("Use random search", (edit,), Applicability.UNSAFE)
    yield Violation(search.method.node, message, fix=fix)


@rule(code="HP602", name="grid-larger-than-budget", severity=Severity.WARNING)
def grid_larger_than_budget(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that a grid search's number of combinations fits in its trial budget.

    ## Why is this bad?
    A grid is only a grid when all of it runs. When the budget is smaller, the search stops
    after the first combinations in enumeration order, so the later values of the first
    dimensions are never tried and the result depends on the order of the keys.

    ## Example
    ```yaml
    search:
      method: grid
      budget: {trials: 6}
      space:
        training.learning_rate: {choice: [1.0e-4, 1.0e-3, 1.0e-2]}
        training.batch_size: {choice: [32, 64, 128]}
    ```

    Use instead:
    ```yaml
    search:
      method: grid
      budget: {trials: 9}
      space:
        training.learning_rate: {choice: [1.0e-4, 1.0e-3, 1.0e-2]}
        training.batch_size: {choice: [32, 64, 128]}
    ```

    ## References
    - [SageMaker `HyperParameterTuningJobConfig` (Grid strategy)](https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_HyperParameterTuningJobConfig.html)
    - [Katib: How to configure an Experiment](https://www.kubeflow.org/docs/components/katib/user-guides/hp-tuning/configure-experiment/)
    """
    search = ctx.config.search
    trials = number(search.trials)
    dims = _space_dims(search)
    if _method(search) != "grid" or search.trials is None or trials is None or not dims:
        return
    sizes = [grid_points(p) for p in dims]
    if any(size is None for size in sizes):
        return
    total = math.prod(size for size in sizes if size is not None)
    if total > trials:
        yield Violation(
            search.trials.node,
            f"Grid has {total} combinations but the budget allows {_fmt(trials)}: only part of "
            f"the grid will run.",
        )


@rule(
    code="HP603",
    name="wide-range-sampled-linearly",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def wide_range_sampled_linearly(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for ranges sampled on a linear scale that span two decades or more (more than one
    decade for learning-rate, weight-decay and penalty parameters such as `alpha`, `lambda`,
    `C`, `gamma` and `reg_*`).

    ## Why is this bad?
    A uniform sample of 1e-4…1 lands in the top decade (0.1…1) 90 % of the time, so the small
    values — often the good ones for a learning rate or penalty — are barely explored.
    SageMaker's guidance is that a linear scale suits ranges "within one order of magnitude".
    A range that starts at 0 is judged by its positive part: from the smallest positive value
    it can take (1 for integers, `q` for quantised ranges); a continuous range from 0 is
    flagged only for the log-scale families above.

    ## Example
    ```yaml
    search:
      space:
        model.estimator.params.learning_rate: {dist: uniform, low: 1.0e-4, high: 0.3}
    ```

    Use instead:
    ```yaml
    search:
      space:
        model.estimator.params.learning_rate: {dist: loguniform, low: 1.0e-4, high: 0.3}
    ```

    ## Fix safety
    Switching to a log scale changes the sampled distribution; the fix is unsafe.

    ## References
    - [SageMaker: Define hyperparameter ranges (scaling types)](https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-define-ranges.html)
    - [SageMaker: Best practices for hyperparameter tuning](https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-considerations.html)
    - [Bergstra & Bengio, JMLR 13, 2012](https://www.jmlr.org/papers/v13/bergstra12a.html)
    """
    for param in ctx.config.search.space:
        if param.log or param.exponent_bounds or param.kind not in LINEAR_KINDS:
            continue
        low, high = number(param.low), number(param.high)
        anchor = _entry(param)
        if low is None or high is None or high <= 0 or low >= high or anchor is None:
            continue
        if _IDENTIFIER.search(param.short_name):
            continue  # seeds and ids are labels, not magnitudes
        family = is_log_family(param.short_name)
        positive_low: float | None = low
        if low <= 0:
            step = number(param.step)
            if step is None and param.integer:
                step = 1.0
            positive_low = step if step is not None and 0 < step < high else None
        if positive_low is None:
            # A continuous range from 0: its positive part spans unboundedly many decades.
            # That is a mistake for learning-rate, weight-decay and penalty parameters (the
            # binding list); other "0 = off" knobs such as XGBoost's gamma are left alone.
            if not _ZERO_SPAN_FAMILY.search(param.short_name):
                continue
            ratio = math.inf
        else:
            ratio = high / positive_low
        if not (ratio > 10 if family else ratio >= 100):
            continue
        share = round(100 * linear_top_decade_share(low, high))
        low_text, high_text = _shown(param.low, low), _shown(param.high, high)
        if math.isinf(ratio):
            span_text = f"spans {low_text}…{high_text} (from zero)"
        else:
            span_text = f"spans {ratio:,.0f}× ({_fmt(positive_low or low)}…{high_text})".replace(
                ",", ""
            )
        yield Violation(
            anchor,
            f"`{param.short_name}` {span_text} on a linear scale: {share}% of samples fall in "
            f"the top decade; use a log scale.",
            fix=_log_scale_fix(ctx, param, low),
        )


def _log_scale_fix(ctx: RuleContext, param: SearchParam, low: float) -> Fix | None:
    if low <= 0 or param.dist is None or param.dist_name != "uniform":
        return None
    target = {"hplint": "loguniform", "wandb-sweep": "log_uniform_values"}.get(ctx.format_id)
    if target is None:
        return None
    edit = replace_scalar(param.dist.node, target)
    return Fix(f"Use `{target}`", (edit,), Applicability.UNSAFE) if edit else None


@rule(code="HP604", name="invalid-distribution", severity=Severity.ERROR)
def invalid_distribution(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks search distributions that the tuning library rejects or cannot sample: a lower
    bound not below the upper bound, a log scale with a lower bound ≤ 0, a log scale combined
    with a step (Optuna), a step `q` ≤ 0, or an empty list of values.

    ## Why is this bad?
    These fail when the search starts — Optuna raises `ValueError` for `log=True` with
    `low <= 0` or with `step`, SageMaker rejects logarithmic ranges that are not strictly
    positive, W&B requires `min < max` — or, worse, silently sample a single value.

    ## Example
    ```yaml
    search:
      space:
        model.estimator.params.reg_lambda: {dist: loguniform, low: 0, high: 10}
    ```

    Use instead:
    ```yaml
    search:
      space:
        model.estimator.params.reg_lambda: {dist: loguniform, low: 1.0e-3, high: 10}
    ```

    ## References
    - [Optuna `FloatDistribution`](https://optuna.readthedocs.io/en/stable/reference/generated/optuna.distributions.FloatDistribution.html)
    - [SageMaker: Define hyperparameter ranges](https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-define-ranges.html)
    - [W&B sweep configuration](https://docs.wandb.ai/guides/sweeps/sweep-config-keys)
    """
    for param in ctx.config.search.space:
        anchor = _entry(param)
        if anchor is None:
            continue
        reasons = distribution_problems(param, ctx.format_id)
        if reasons:
            yield Violation(
                anchor, f"Invalid distribution for `{param.name}`: {'; '.join(reasons)}."
            )


def distribution_problems(param: SearchParam, format_id: str) -> list[str]:
    """Why `param` cannot be sampled (empty when it can)."""
    reasons: list[str] = []
    dist = param.dist_name or param.kind
    if param.kind == "choice":
        # the native schema already rejects an empty `choice` (HP003)
        if not param.values and param.dist is not None and format_id != "hplint":
            reasons.append("the list of values is empty")
        return reasons
    if param.kind == "constant":
        return reasons
    low, high = number(param.low), number(param.high)
    step = number(param.step)
    if low is not None and high is not None and low >= high:
        reasons.append(f"low ({_shown(param.low, low)}) ≥ high ({_shown(param.high, high)})")
    if param.log and not param.exponent_bounds and low is not None and low <= 0:
        reasons.append(
            f"`{dist}` is a log scale, which requires low > 0, but low = {_shown(param.low, low)}"
        )
    if param.log and param.step is not None and format_id in _STEP_WITH_LOG_FORMATS:
        reasons.append("a log scale cannot be combined with a step (Optuna raises)")
    if param.step is not None and step is not None and step <= 0:
        reasons.append(f"the step must be > 0, got {_shown(param.step, step)}")
    return reasons


@rule(
    code="HP605",
    name="log-uniform-bounds-are-exponents",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
)
def log_uniform_bounds_are_exponents(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks distributions whose bounds are natural-log *exponents* — W&B `log_uniform`,
    `q_log_uniform` and `inv_log_uniform`, Azure ML `loguniform` and `qloguniform` — for bounds
    that look like real values: both in (0, 1], an upper bound above 20 (e^20 ≈ 4.9e8), or a
    non-negative lower bound on a learning rate or penalty.

    ## Why is this bad?
    These distributions sample exp(min)…exp(max). `min: 0.00001, max: 0.01` therefore samples
    learning rates between 1.00001 and 1.01005 — every trial diverges, and the sweep reports
    nothing useful. The same word means the opposite in other tools (Katib `logUniform`, Ray
    `loguniform`, Optuna `log=True` take real values), which is why the mistake is common.
    Native hplint configs cannot make it: their `loguniform` bounds are always real values.

    ## Example
    ```yaml
    method: random
    metric: {name: val_loss, goal: minimize}
    parameters:
      learning_rate:
        distribution: log_uniform
        min: 0.00001
        max: 0.01
    ```

    Use instead:
    ```yaml
    method: random
    metric: {name: val_loss, goal: minimize}
    parameters:
      learning_rate:
        distribution: log_uniform_values
        min: 0.00001
        max: 0.01
    ```

    ## Fix safety
    For W&B the fix switches to the `_values` variant, which reads the bounds as real values
    — what the author meant. It is safe when both bounds lie in (0, 1] (as exponents they
    would confine every sample to [1, e]); otherwise it is unsafe.

    ## References
    - [W&B sweep configuration: `log_uniform` vs `log_uniform_values`](https://docs.wandb.ai/guides/sweeps/sweep-config-keys)
    - [Hyperopt FMin: `hp.loguniform`](https://github.com/hyperopt/hyperopt/wiki/FMin)
    - [Azure ML sweep job: `loguniform`](https://learn.microsoft.com/azure/machine-learning/how-to-tune-hyperparameters)
    """
    for param in ctx.config.search.space:
        if not param.exponent_bounds:
            continue
        low, high = number(param.low), number(param.high)
        if (
            low is None
            or high is None
            or not exponent_bounds_look_real(low, high, param.short_name)
        ):
            continue
        anchor = param.dist.node if param.dist is not None else _entry(param)
        if anchor is None:
            continue
        dist = param.dist_name or "loguniform"
        low_text, high_text = _shown(param.low, low), _shown(param.high, high)
        if ctx.format_id == "wandb-sweep":
            advice = f"use `{dist}_values` to give real bounds"
        elif low > 0:
            advice = (
                f"give the bounds as natural logs, ln({low_text})…ln({high_text}) ≈ "
                f"{math.log(low):.4g}…{math.log(high):.4g}"
            )
        else:
            advice = "give the bounds as natural logs of the real values"
        message = (
            f"`{dist}` bounds are exponents: this samples exp({low_text})…exp({high_text}) ≈ "
            f"{_exp_text(low)}…{_exp_text(high)}; {advice}."
        )
        fix = None
        if (
            ctx.format_id == "wandb-sweep"
            and param.dist is not None
            and param.dist_name in _WANDB_EXPONENT_DISTS
            and low > 0
        ):
            edit = replace_scalar(param.dist.node, f"{param.dist_name}_values")
            safe = 0 < low <= 1 and 0 < high <= 1
            if edit is not None:
                fix = Fix(
                    f"Use `{param.dist_name}_values`",
                    (edit,),
                    Applicability.SAFE if safe else Applicability.UNSAFE,
                )
        yield Violation(anchor, message, fix=fix)


@rule(code="HP606", name="bayesian-budget-within-random-startup", severity=Severity.WARNING)
def bayesian_budget_within_random_startup(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that a Bayesian search has more trials than its sampler's random start-up trials:
    Optuna TPE 10 (`n_startup_trials`), Hyperopt TPE 20 (`n_startup_jobs`), scikit-optimize
    10 (`n_initial_points`), or the configured `startup_trials`.

    ## Why is this bad?
    Bayesian samplers first draw configurations at random to fit their model; only the trials
    after that are guided. With a budget at or below the start-up count the "Bayesian" search
    is a random search.

    ## Example
    ```yaml
    search:
      method: bayesian
      library: optuna
      budget: {trials: 8}
    ```

    Use instead:
    ```yaml
    search:
      method: bayesian
      library: optuna
      budget: {trials: 60}
    ```

    ## References
    - [Optuna `TPESampler(n_startup_trials=10)`](https://optuna.readthedocs.io/en/stable/reference/samplers/generated/optuna.samplers.TPESampler.html)
    - [Hyperopt `tpe.py`: `_default_n_startup_jobs = 20`](https://github.com/hyperopt/hyperopt/blob/master/hyperopt/tpe.py)
    - [scikit-optimize `gp_minimize(n_initial_points=10)`](https://scikit-optimize.github.io/stable/modules/generated/skopt.gp_minimize.html)
    - Bergstra et al., "Algorithms for Hyper-Parameter Optimization", NeurIPS 2011
    """
    search = ctx.config.search
    trials = number(search.trials)
    if _method(search) != "bayesian" or search.trials is None or trials is None:
        return
    override = number(search.startup_trials)
    library = (text(search.library) or _FORMAT_LIBRARY.get(ctx.format_id, "")).lower()
    if override is not None:
        startup, label = override, "the configured `startup_trials`"
    elif library in STARTUP_TRIALS:
        startup, label = float(STARTUP_TRIALS[library]), _LIBRARY_LABEL[library]
    else:
        return
    if trials <= startup:
        related = ((search.library.node, "library"),) if search.library is not None else ()
        yield Violation(
            search.trials.node,
            f"{_fmt(trials)} trials ≤ {_fmt(startup)} random start-up trials of {label}: the "
            f"search is effectively random.",
            related=related,
        )


@rule(code="HP607", name="bayesian-search-highly-parallel", severity=Severity.INFO)
def bayesian_search_highly_parallel(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for Bayesian searches that run at least half of their trials (and at least two)
    concurrently.

    ## Why is this bad?
    A Bayesian search picks each new configuration from the results of the finished ones.
    Trials that run at the same time cannot learn from each other, so with half the budget in
    flight at once the search degrades towards random search. SageMaker notes that running
    one training job at a time "achieves the best results with the least amount of compute
    time".

    ## Example
    ```yaml
    search:
      method: bayesian
      budget: {trials: 40, parallel: 20}
    ```

    Use instead:
    ```yaml
    search:
      method: bayesian
      budget: {trials: 40, parallel: 4}
    ```

    ## References
    - [SageMaker: Best practices for hyperparameter tuning](https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-considerations.html)
    """
    search = ctx.config.search
    trials, parallel = number(search.trials), number(search.parallel)
    if _method(search) != "bayesian" or search.parallel is None:
        return
    if trials is None or parallel is None or parallel < max(2.0, trials / 2):
        return
    related = ((search.trials.node, "total trials"),) if search.trials is not None else ()
    yield Violation(
        search.parallel.node,
        f"{_fmt(parallel)} of {_fmt(trials)} trials run concurrently: Bayesian optimization "
        f"learns only between rounds.",
        related=related,
    )


@rule(code="HP608", name="too-few-trials-for-dimensions", severity=Severity.INFO)
def too_few_trials_for_dimensions(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that a random or Bayesian search has at least 10 trials per searched
    hyperparameter.

    ## Why is this bad?
    Each searched dimension needs trials to be explored. The tuning playbook adds roughly one
    Adam hyperparameter per ten trials (fewer than 10 trials: learning rate only; 10–25: add
    β1; 25+: add ε), and SageMaker advises searching far fewer hyperparameters than its
    limit. With fewer trials the search finds little more than a lucky draw. The factor of 10
    per dimension is hplint's reading of the playbook.

    ## Example
    ```yaml
    search:
      method: random
      budget: {trials: 8}
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
        training.weight_decay: {dist: loguniform, low: 1.0e-5, high: 1.0e-2}
    ```

    Use instead:
    ```yaml
    search:
      method: random
      budget: {trials: 20}
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
        training.weight_decay: {dist: loguniform, low: 1.0e-5, high: 1.0e-2}
    ```

    ## References
    - [Deep Learning Tuning Playbook](https://github.com/google-research/tuning_playbook)
    - [SageMaker: Best practices for hyperparameter tuning](https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-considerations.html)
    """
    search = ctx.config.search
    trials = number(search.trials)
    dims = len(_space_dims(search))
    if _method(search) not in ("random", "bayesian") or search.trials is None or trials is None:
        return
    if dims == 0 or trials >= _TRIALS_PER_DIMENSION * dims:
        return
    plural = "s" if dims != 1 else ""
    yield Violation(
        search.trials.node,
        f"{_fmt(trials)} trials for {dims} searched hyperparameter{plural} (< "
        f"{_TRIALS_PER_DIMENSION} per dimension); search fewer dimensions or raise the budget.",
    )


# ---------------------------------------------------------------------------------------------
# native search paths (HP609, HP610)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PathResolution:
    """Where a native `search.space` path leads."""

    settable: bool
    key: Node | None = None  # key node of the existing entry, if the path exists in the file
    value: Node | None = None
    suggestion: str | None = None


@functools.cache
def _native_schema() -> Mapping[str, Any]:
    from hplint.resources import load_json

    schema = load_json("hplint.schema.json")
    return schema if isinstance(schema, dict) else {}


def _deref(schema: Mapping[str, Any] | None) -> tuple[Mapping[str, Any] | None, str]:
    """Follow a local `$ref`; returns the target and the `$defs` name it came from."""
    if schema is None:
        return None, ""
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        name = ref.rsplit("/", 1)[-1]
        target = _native_schema().get("$defs", {}).get(name)
        return (target if isinstance(target, dict) else None), name
    return schema, ""


def _schema_child(schema: Mapping[str, Any] | None, segment: str) -> Mapping[str, Any] | None:
    if schema is None:
        return None
    properties = schema.get("properties")
    if isinstance(properties, dict) and isinstance(properties.get(segment), dict):
        child: Mapping[str, Any] = properties[segment]
        return child
    return None


def _schema_items(schema: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    items = schema.get("items") if schema is not None else None
    return items if isinstance(items, dict) else None


def _doc_child(node: Node | None, segment: str) -> tuple[Node | None, Node | None]:
    """(key node, value node) of `segment` under `node` (list items by index or `name`)."""
    resolved = node.resolve() if node is not None else None
    if isinstance(resolved, MappingNode):
        entry = resolved.get_entry(segment)
        return (entry.key, entry.value) if entry is not None else (None, None)
    if isinstance(resolved, SequenceNode):
        if segment.isdigit():
            index = int(segment)
            return (None, resolved.items[index]) if index < len(resolved.items) else (None, None)
        position = resolved.index_named(segment)
        if position is not None:
            return None, resolved.items[position]
    return None, None


def _doc_names(node: Node | None) -> list[str]:
    resolved = node.resolve() if node is not None else None
    if isinstance(resolved, MappingNode):
        return resolved.keys()
    if isinstance(resolved, SequenceNode):
        names: list[str] = []
        for item in resolved.items:
            body = item.resolve()
            name = body.get("name") if isinstance(body, MappingNode) else None
            name = name.resolve() if name is not None else None
            if isinstance(name, ScalarNode) and isinstance(name.value, str):
                names.append(name.value)
        return names
    return []


def _closest(word: str, candidates: list[str]) -> str | None:
    from hplint.knowledge.estimators import damerau_levenshtein

    best: tuple[int, str] | None = None
    for candidate in dict.fromkeys(candidates):
        if candidate == word:
            continue
        distance = damerau_levenshtein(word.lower(), candidate.lower())
        limit = 1 if len(word) <= 4 else 2
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best is not None else None


def _estimator_param(estimator: Node | None, name: str) -> tuple[bool, str | None]:
    """Whether `name` is a parameter of the estimator mapping, and a did-you-mean."""
    body = estimator.resolve() if estimator is not None else None
    cls = body.get("class") if isinstance(body, MappingNode) else None
    cls = cls.resolve() if cls is not None else None
    if not isinstance(cls, ScalarNode) or not isinstance(cls.value, str):
        return True, None
    try:
        from hplint.knowledge.estimators import catalog

        info = catalog().resolve(cls.value)
    except (ImportError, OSError, ValueError):  # knowledge not installed: accept any name
        return True, None
    if info is None:
        return True, None
    if info.param(name) is not None:
        return True, None
    return False, info.suggest_param(name)


def _resolved(ctx: RuleContext, path: tuple[str, ...]) -> PathResolution:
    """`resolve_native_path` once per lint and path (HP609 and HP610 resolve the same paths),
    and across lints while the section the path starts in is unchanged."""
    found: PathResolution = ctx.shared(("native-path", path), lambda: _resolve_kept(ctx, path))
    return found


def _resolve_kept(ctx: RuleContext, path: tuple[str, ...]) -> PathResolution:
    # Below the root, a resolution reads only the top-level section it starts in (and the
    # static schema and estimator knowledge), so that section's memo may keep it.
    return remember(
        ctx.path_memo(path), ("native-path", path), lambda: resolve_native_path(ctx.root, path)
    )


def resolve_native_path(root: Node, path: tuple[str, ...]) -> PathResolution:
    """Resolve a dotted native path against the file and the native schema."""
    doc: Node | None = root
    key: Node | None = None
    schema: Mapping[str, Any] | None = _native_schema()
    parent_doc: Node | None = None
    for index, segment in enumerate(path):
        resolved_schema, ref_name = _deref(schema)
        if ref_name == "freeParams":
            child_key, child = _doc_child(doc, segment)
            if child is not None:
                return PathResolution(True, child_key, child)
            ok, suggestion = _estimator_param(parent_doc, segment)
            if ok:
                return PathResolution(True)
            if suggestion is None:
                suggestion = _closest(segment, _doc_names(doc))
            full = ".".join((*path[:index], suggestion)) if suggestion else None
            return PathResolution(False, suggestion=full)
        child_key, child = _doc_child(doc, segment)
        resolved_doc = doc.resolve() if doc is not None else None
        if isinstance(resolved_doc, SequenceNode) or _schema_items(resolved_schema) is not None:
            child_schema = _schema_items(resolved_schema)
            if child is None:  # list items must exist (pipeline steps are named in the file)
                suggestion = _closest(segment, _doc_names(doc))
                full = (
                    ".".join((*path[:index], suggestion, *path[index + 1 :]))
                    if suggestion
                    else None
                )
                return PathResolution(False, suggestion=full)
        else:
            child_schema = _schema_child(resolved_schema, segment)
        if child is None and child_schema is None:
            properties = resolved_schema.get("properties", {}) if resolved_schema else {}
            candidates = [*_doc_names(doc), *(properties if isinstance(properties, dict) else [])]
            suggestion = _closest(segment, candidates)
            full = ".".join((*path[:index], suggestion, *path[index + 1 :])) if suggestion else None
            return PathResolution(False, suggestion=full)
        parent_doc, doc, key, schema = doc, child, child_key, child_schema
    return PathResolution(True, key, doc)


@rule(
    code="HP609",
    name="unknown-search-path",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
)
def unknown_search_path(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that every key of a native `search.space` is a dotted path to a setting of this
    file: a key the format allows (such as `training.batch_size`) or a parameter of the named
    estimator (`model.pipeline.reg.params.alpha`, pipeline steps by name).

    ## Why is this bad?
    A path that names nothing is searched in vain: the tuner varies a value that no component
    reads, every trial trains the same model, and the "best" configuration is noise. The
    typo is usually one character (`colsample_by_tree` for `colsample_bytree`).

    ## Example
    ```yaml
    model:
      estimator:
        class: lightgbm.LGBMClassifier
    search:
      space:
        model.estimator.params.colsample_by_tree: {dist: uniform, low: 0.3, high: 1.0}
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: lightgbm.LGBMClassifier
    search:
      space:
        model.estimator.params.colsample_bytree: {dist: uniform, low: 0.3, high: 1.0}
    ```

    ## Fix safety
    Renaming the key to the suggestion is unsafe: the closest name is usually, not always, the
    intended one.

    ## References
    - hplint rule catalogue, §4 "Native config format" (`space` keys are paths)
    """
    if ctx.format_id != "hplint":
        return
    for param in ctx.config.search.space:
        if param.key is None or not param.path:
            continue
        found = _resolved(ctx, param.path)
        if found.settable:
            continue
        message = f"`{param.name}` does not exist"
        fix = None
        if found.suggestion:
            message += f"; did you mean `{found.suggestion}`?"
            edit = replace_scalar(param.key, found.suggestion)
            if edit is not None:
                fix = Fix(f"Rename to `{found.suggestion}`", (edit,), Applicability.UNSAFE)
        else:
            message += " in this config."
        yield Violation(param.key, message, fix=fix)


@rule(code="HP610", name="parameter-both-fixed-and-searched", severity=Severity.WARNING)
def parameter_both_fixed_and_searched(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a native setting that has a fixed value and is also searched.

    ## Why is this bad?
    During the search the sampled value replaces the fixed one, so the fixed value is dead
    text that misleads readers — and a run launched without the search silently uses it.

    ## Example
    ```yaml
    training:
      learning_rate: 1.0e-3
    search:
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
    ```

    Use instead:
    ```yaml
    training: {}
    search:
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
    ```

    ## References
    - hplint rule catalogue, §4 "Native config format" (values in `space` override fixed ones)
    """
    if ctx.format_id != "hplint":
        return
    for param in ctx.config.search.space:
        if not param.path:
            continue
        found = _resolved(ctx, param.path)
        value = found.value.resolve() if found.value is not None else None
        if found.key is None or not isinstance(value, ScalarNode):
            continue
        shown = value.raw if value.raw else str(value.value)
        related = _related(param, "searched here")
        yield Violation(
            found.key,
            f"`{param.name}` is fixed to {shown} and also searched; the fixed value is ignored "
            f"during search.",
            related=related,
        )


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
    - [Li et al., "Hyperband", JMLR 18(185), 2018](https://jmlr.org/papers/v18/16-558.html)
    - [SageMaker `HyperbandStrategyConfig`](https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_HyperbandStrategyConfig.html)
    - [Katib: How to configure an Experiment](https://www.kubeflow.org/docs/components/katib/user-guides/hp-tuning/configure-experiment/)
    """
    search = ctx.config.search
    early = search.early_termination
    anchor: Node | Span
    if _method(search) == "hyperband":
        anchor = _method_anchor(ctx)
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
                    *_related(param, "searched here"),
                ),
            )


@rule(code="HP612", name="grid-search-with-continuous-dimension", severity=Severity.ERROR)
def grid_search_with_continuous_dimension(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for grid (exhaustive) search with a continuous dimension: a uniform, log-uniform or
    normal distribution without a step.

    ## Why is this bad?
    A grid enumerates values, and a continuous range has infinitely many. Depending on the
    tool the job is rejected (W&B grid needs `values`, SageMaker Grid takes only categorical
    ranges), or it silently picks a few points of its own choosing.

    ## Example
    ```yaml
    search:
      method: grid
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
    ```

    Use instead:
    ```yaml
    search:
      method: grid
      space:
        training.learning_rate: {choice: [1.0e-4, 1.0e-3, 1.0e-2]}
    ```

    ## References
    - [W&B sweep configuration (grid needs `values`)](https://docs.wandb.ai/guides/sweeps/sweep-config-keys)
    - [SageMaker `HyperParameterTuningJobConfig` (Grid strategy)](https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_HyperParameterTuningJobConfig.html)
    - [Katib: grid search requires `step` for doubles](https://www.kubeflow.org/docs/components/katib/user-guides/hp-tuning/configure-algorithm/)
    """
    search = ctx.config.search
    if _method(search) != "grid":
        return
    for param in search.space:
        if not param.continuous:
            continue
        anchor = param.dist.node if param.dist is not None else _entry(param)
        if anchor is None:
            continue
        dist = param.dist_name or param.kind
        yield Violation(
            anchor,
            f"Grid search cannot enumerate `{param.short_name}`: `{dist}` is continuous; list "
            f"the values to try, or use random search.",
        )


@rule(code="HP613", name="search-without-objective-metric", severity=Severity.ERROR)
def search_without_objective_metric(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that a Bayesian search, a Hyperband search or a search with early termination names
    the metric it optimizes.

    ## Why is this bad?
    A Bayesian sampler models the objective and early termination compares trials on it;
    without a metric they have nothing to learn from. W&B rejects `method: bayes` and
    `early_terminate` without `metric`; other tools fall back to a default metric you did not
    choose.

    ## Example
    ```yaml
    search:
      method: bayesian
      budget: {trials: 60}
    ```

    Use instead:
    ```yaml
    search:
      method: bayesian
      objective: {metric: val_loss, direction: minimize}
      budget: {trials: 60}
    ```

    ## References
    - [W&B sweep configuration (`metric`)](https://docs.wandb.ai/guides/sweeps/sweep-config-keys)
    - [SageMaker `HyperParameterTuningJobObjective`](https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_HyperParameterTuningJobObjective.html)
    """
    search = ctx.config.search
    method = _method(search)
    needs_metric = method in ("bayesian", "hyperband") or search.early_termination is not None
    if not needs_metric or search.objective_metric is not None:
        return
    if method in ("bayesian", "hyperband"):
        what = f"`{search.method_raw or method}` search"
    else:
        what = "Early termination"
    yield Violation(
        _method_anchor(ctx),
        f"{what} needs an objective metric to compare trials, but none is configured.",
    )


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
    - [SageMaker `ResourceLimits`](https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ResourceLimits.html)
    - [Katib: How to configure an Experiment](https://www.kubeflow.org/docs/components/katib/user-guides/hp-tuning/configure-experiment/)
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
            f"Set the parallel trials to {_fmt(trials)}",
            (Edit(parallel_node.span, trials_node.raw),),
            Applicability.SAFE,
        )
    yield Violation(
        parallel_node,
        f"{_fmt(parallel)} parallel trials exceed the {_fmt(trials)} total trials.",
        related=((search.trials.node, "total trials"),),
        fix=fix,
    )


@rule(code="HP620", name="batch-size-searched-with-independent-lr", severity=Severity.WARNING)
def batch_size_searched_with_independent_lr(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for searches that vary the batch size over 4× or more while the learning rate is
    fixed or searched independently of it.

    ## Why is this bad?
    The best learning rate moves with the batch size: linearly for SGD (Goyal et al.), with
    the square root for Adam-type optimizers (Malladi et al.). A batch 4× larger wants a
    learning rate 2–4× larger. With an independent learning rate, trials at large batches run
    at a learning rate tuned for small ones (or the reverse), so the search compares the batch
    sizes unfairly and tends to pick whichever suits the learning rate range.

    ## Example
    ```yaml
    training:
      learning_rate: 1.0e-3
    search:
      space:
        training.batch_size: {choice: [32, 64, 128, 256]}
    ```

    Use instead:
    ```yaml
    training:
      learning_rate: 1.0e-3
      batch_size: 128
    search:
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
    ```

    ## References
    - [Goyal et al., "Accurate, Large Minibatch SGD", 2017](https://arxiv.org/abs/1706.02677)
    - [Malladi et al., "On the SDEs and Scaling Rules for Adaptive Gradient Algorithms", 2022](https://arxiv.org/abs/2205.10287)
    - [Deep Learning Tuning Playbook: changing the batch size requires re-tuning](https://github.com/google-research/tuning_playbook)
    """
    config = ctx.config
    space = config.search.space
    searched_lr = next((p for p in space if _LEARNING_RATE.match(p.short_name)), None)
    for param in space:
        if not _BATCH_SIZE.match(param.short_name):
            continue
        spread = batch_spread(param)
        anchor = _entry(param)
        if spread is None or spread[1] / spread[0] < _BATCH_SPREAD or anchor is None:
            continue
        low, high = spread
        if searched_lr is not None:
            lr_text = f"searched independently (`{searched_lr.short_name}`)"
            related = _related(searched_lr, "learning rate searched independently")
        else:
            fixed = config.training.learning_rate
            if fixed is None and config.model.final_estimator is not None:
                fixed = config.model.final_estimator.param("learning_rate", "lr", "eta")
            if fixed is not None:
                lr_text = f"fixed at {_shown(fixed, number(fixed) or 0.0)}"
                related = ((fixed.node, "fixed learning rate"),)
            else:
                lr_text = "fixed (not searched)"
                related = ()
        yield Violation(
            anchor,
            f"`{param.short_name}` is searched over {high / low:.0f}× ({_fmt(low)}…{_fmt(high)}) "
            f"while the learning rate is {lr_text}: the best learning rate grows with the batch "
            f"(×k for SGD, ×√k for Adam), so batch sizes are compared at mismatched learning "
            f"rates. Fix the batch size, or scale the learning rate with it.",
            related=related,
        )


def batch_spread(param: SearchParam) -> tuple[float, float] | None:
    """Smallest and largest batch size a searched parameter can take (both > 0)."""
    if param.values:
        values = [v for v in _numeric_values(param) if v > 0]
        return (min(values), max(values)) if values else None
    low, high = number(param.low), number(param.high)
    if low is None or high is None:
        return None
    if param.exponent_bounds:
        if high > _EXP_MAX or low > _EXP_MAX:
            return None
        low, high = math.exp(low), math.exp(high)
    return (low, high) if 0 < low < high else None


@rule(code="HP621", name="unbounded-search-budget", severity=Severity.INFO)
def unbounded_search_budget(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that a random or Bayesian search has a trial cap (or a time limit).

    ## Why is this bad?
    Random and Bayesian searches have no natural end: W&B documents that a sweep without
    `run_cap` runs until it is stopped by hand, so an unattended sweep keeps consuming compute.

    ## Example
    ```yaml
    search:
      method: random
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
    ```

    Use instead:
    ```yaml
    search:
      method: random
      budget: {trials: 40}
      space:
        training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
    ```

    ## References
    - [W&B sweep configuration (`run_cap`)](https://docs.wandb.ai/guides/sweeps/sweep-config-keys)
    """
    search = ctx.config.search
    method = _method(search)
    if method not in ("random", "bayesian") or search.trials is not None:
        return
    if ctx.format_id in _DEFAULT_TRIAL_CAP:
        return  # the tool caps the search itself when the key is absent
    if search.timeout is not None:
        return
    cap = _TRIAL_CAP_KEY.get(ctx.format_id, "a trial cap")
    yield Violation(
        _method_anchor(ctx),
        f"`{search.method_raw or method}` search has no trial cap: it runs until stopped by "
        f"hand; set {cap}.",
    )
