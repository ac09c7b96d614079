"""Adapter golden tests: each vendor format → IR facts, with the source lines they point at."""

from __future__ import annotations

import textwrap

import pytest

from hplint.detection import detect_root
from hplint.document.loader import parse_text
from hplint.formats import FORMATS
from hplint.formats.hydra import TASK_RETURN_VALUE, parse_override
from hplint.ir import AnyFact, Config, SearchParam
from hplint.text import LineIndex


def adapt(format_id: str, text: str, language: str = "yaml") -> tuple[Config, LineIndex, str]:
    source = textwrap.dedent(text).lstrip("\n")
    document = parse_text(source, language)
    node = document.roots[0].node
    assert node is not None
    return FORMATS[format_id].adapt(node), document.lines, source


def at(fact: AnyFact | None, lines: LineIndex, source: str) -> tuple[object, int, str] | None:
    """(value, 1-based line, source text of the node) of a fact."""
    if fact is None:
        return None
    span = fact.node.span
    return (fact.value, lines.position(span.start).line + 1, source[span.start : span.end])


def param(config: Config, name: str) -> SearchParam:
    found = [p for p in config.search.space if p.name == name]
    assert len(found) == 1, [p.name for p in config.search.space]
    return found[0]


def shape(p: SearchParam) -> tuple[str, str | None, bool, bool, bool, bool]:
    return (p.kind, p.dist_name, p.log, p.integer, p.exponent_bounds, p.continuous)


# --- W&B ---------------------------------------------------------------------------------------

WANDB_SWEEP = """
program: train.py
method: bayes
run_cap: 30
metric:
  name: val_loss
  goal: minimize
early_terminate:
  type: hyperband
  min_iter: 3
parameters:
  learning_rate:
    distribution: log_uniform
    min: -9.2
    max: -6.9
  dropout:
    min: 0
    max: 1
  momentum:
    min: 0.8
    max: 0.99
  optimizer:
    values: [adam, sgd]
  batch_size:
    value: 64
  model:
    parameters:
      depth:
        distribution: int_uniform
        min: 2
        max: 8
      width:
        distribution: q_log_uniform_values
        min: 16
        max: 512
        q: 16
"""


def test_wandb_search_facts() -> None:
    config, lines, src = adapt("wandb-sweep", WANDB_SWEEP)
    search = config.search
    assert at(search.method, lines, src) == ("bayesian", 2, "bayes")
    assert search.method_raw == "bayes"
    assert at(search.trials, lines, src) == (30, 3, "30")
    assert at(search.objective_metric, lines, src) == ("val_loss", 5, "val_loss")
    assert at(search.objective_direction, lines, src) == ("minimize", 6, "minimize")
    assert search.early_termination is not None and search.early_termination.value == "hyperband"
    assert lines.position(search.early_termination.key_or_node.span.start).line + 1 == 7
    assert search.resource is not None
    assert [p.name for p in search.space] == [
        "learning_rate",
        "dropout",
        "momentum",
        "optimizer",
        "batch_size",
        "model.depth",
        "model.width",
    ]


def test_wandb_parameters() -> None:
    config, lines, src = adapt("wandb-sweep", WANDB_SWEEP)
    lr = param(config, "learning_rate")
    assert shape(lr) == ("loguniform", "log_uniform", True, False, True, True)
    assert at(lr.dist, lines, src) == ("log_uniform", 12, "log_uniform")
    assert at(lr.low, lines, src) == (-9.2, 13, "-9.2")
    assert lines.position(lr.key.span.start).line + 1 == 11  # type: ignore[union-attr]

    dropout = param(config, "dropout")  # inferred: W&B picks int_uniform for integer bounds
    assert shape(dropout) == ("int", "int_uniform", False, True, False, False)
    assert dropout.dist is None
    momentum = param(config, "momentum")  # inferred: float bounds → uniform
    assert shape(momentum) == ("uniform", "uniform", False, False, False, True)

    optimizer = param(config, "optimizer")
    assert optimizer.kind == "choice" and [at(v, lines, src) for v in optimizer.values] == [
        ("adam", 22, "adam"),
        ("sgd", 22, "sgd"),
    ]
    batch = param(config, "batch_size")
    assert batch.kind == "constant" and at(batch.values[0], lines, src) == (64, 24, "64")
    # fixed values with a training meaning become training facts
    assert at(config.training.batch_size, lines, src) == (64, 24, "64")

    depth = param(config, "model.depth")
    assert depth.path == ("model", "depth")
    assert shape(depth) == ("int", "int_uniform", False, True, False, False)
    width = param(config, "model.width")
    assert shape(width) == ("quniform", "q_log_uniform_values", True, False, False, False)
    assert at(width.step, lines, src) == (16, 35, "16")


# --- SageMaker ---------------------------------------------------------------------------------

SAGEMAKER_REQUEST = """
{
  "HyperParameterTuningJobName": "xgb-tuning",
  "HyperParameterTuningJobConfig": {
    "Strategy": "Hyperband",
    "StrategyConfig": {"HyperbandStrategyConfig": {"MinResource": 1, "MaxResource": 81}},
    "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
    "ResourceLimits": {"MaxNumberOfTrainingJobs": 50, "MaxParallelTrainingJobs": 5},
    "TrainingJobEarlyStoppingType": "Off",
    "ParameterRanges": {
      "ContinuousParameterRanges": [
        {"Name": "eta", "MinValue": "0.01", "MaxValue": "0.5", "ScalingType": "Logarithmic"},
        {"Name": "subsample", "MinValue": "0.5", "MaxValue": "1"}
      ],
      "IntegerParameterRanges": [
        {"Name": "max_depth", "MinValue": "3", "MaxValue": "10", "ScalingType": "Linear"}
      ],
      "CategoricalParameterRanges": [{"Name": "booster", "Values": ["gbtree", "dart"]}]
    }
  },
  "TrainingJobDefinition": {
    "StaticHyperParameters": {
      "objective": "binary:logistic",
      "num_round": "200",
      "mini_batch_size": "256",
      "_tuning_objective_metric": "validation:auc"
    }
  }
}
"""


def test_sagemaker_request() -> None:
    config, lines, src = adapt("sagemaker-tuning", SAGEMAKER_REQUEST, "json")
    search = config.search
    assert at(search.method, lines, src) == ("hyperband", 4, '"Hyperband"')
    assert search.method_raw == "Hyperband"
    assert at(search.trials, lines, src) == (50, 7, "50")
    assert at(search.parallel, lines, src) == (5, 7, "5")
    assert at(search.objective_metric, lines, src)[:2] == ("validation:auc", 6)  # type: ignore[index]
    assert at(search.objective_direction, lines, src)[:2] == ("Maximize", 6)  # type: ignore[index]
    assert search.early_termination is None  # "Off"
    assert search.resource is not None  # HyperbandStrategyConfig with MaxResource
    eta = param(config, "eta")
    assert shape(eta) == ("loguniform", "Logarithmic", True, False, False, True)
    assert at(eta.low, lines, src) == ("0.01", 11, '"0.01"')  # raw strings kept
    assert src[eta.key.span.start : eta.key.span.end] == '"eta"'  # type: ignore[union-attr]
    assert shape(param(config, "subsample")) == ("uniform", "Auto", False, False, False, True)
    assert shape(param(config, "max_depth")) == ("int", "Linear", False, True, False, False)
    booster = param(config, "booster")
    assert booster.kind == "choice" and [v.value for v in booster.values] == ["gbtree", "dart"]
    statics = {p.name: p for p in config.search.space if p.kind == "constant"}
    assert sorted(statics) == ["mini_batch_size", "num_round", "objective"]  # `_…` left out
    assert at(config.training.batch_size, lines, src) == ("256", 24, '"256"')


SAGEMAKER_BARE = """
Strategy: Bayesian
HyperParameterTuningJobObjective: {Type: Minimize, MetricName: "validation:rmse"}
ResourceLimits: {MaxNumberOfTrainingJobs: 20, MaxParallelTrainingJobs: 2}
TrainingJobEarlyStoppingType: Auto
ParameterRanges:
  ContinuousParameterRanges:
    - {Name: alpha, MinValue: "0", MaxValue: "0.99", ScalingType: ReverseLogarithmic}
"""


def test_sagemaker_bare_config() -> None:
    config, lines, src = adapt("sagemaker-tuning", SAGEMAKER_BARE)
    search = config.search
    assert at(search.method, lines, src) == ("bayesian", 1, "Bayesian")
    assert at(search.early_termination, lines, src) == ("Auto", 4, "Auto")
    alpha = param(config, "alpha")
    assert shape(alpha) == ("other", "ReverseLogarithmic", False, False, False, True)


def test_sagemaker_describe_with_definitions(corpus) -> None:  # type: ignore[no-untyped-def]
    path = next(corpus.glob("sagemaker-tuning/*success_describe_variation.json"))
    config, _, _ = adapt("sagemaker-tuning", path.read_text(encoding="utf-8"), "json")
    search = config.search
    # the config's objective is null: the definition's TuningObjective is used
    assert (
        search.objective_metric is not None and search.objective_metric.value == "validation:error"
    )
    names = [(p.name, p.kind, p.path[0]) for p in search.space]
    assert ("gamma", "uniform", "training-job-for-hpo") in names
    assert ("num_round", "int", "training-job-for-hpo") in names


# --- Katib -------------------------------------------------------------------------------------

KATIB = """
apiVersion: kubeflow.org/v1beta1
kind: Experiment
metadata: {name: hb}
spec:
  objective:
    type: maximize
    objectiveMetricName: accuracy
  algorithm:
    algorithmName: hyperband
    algorithmSettings:
      - name: resource_name
        value: epochs
      - name: r_l
        value: "9"
  earlyStopping:
    algorithmName: medianstop
  maxTrialCount: 12
  parallelTrialCount: 3
  parameters:
    - name: lr
      parameterType: double
      feasibleSpace: {min: "0.0001", max: "0.1", distribution: logUniform}
    - name: momentum
      parameterType: double
      feasibleSpace: {min: "0.5", max: "0.9", step: "0.1"}
    - name: layers
      parameterType: int
      feasibleSpace: {min: "2", max: "5"}
    - name: optimizer
      parameterType: categorical
      feasibleSpace: {list: [sgd, adam]}
    - name: epochs
      parameterType: int
      feasibleSpace: {min: "1", max: "9"}
"""


def test_katib() -> None:
    config, lines, src = adapt("katib-experiment", KATIB)
    search = config.search
    assert at(search.method, lines, src) == ("hyperband", 9, "hyperband")
    assert at(search.objective_direction, lines, src) == ("maximize", 6, "maximize")
    assert at(search.objective_metric, lines, src) == ("accuracy", 7, "accuracy")
    assert at(search.trials, lines, src) == (12, 17, "12")
    assert at(search.parallel, lines, src) == (3, 18, "3")
    assert at(search.resource_param, lines, src) == ("epochs", 12, "epochs")
    assert search.resource is not None
    assert search.early_termination is not None and search.early_termination.value == "medianstop"
    # the hyperband resource parameter is set by the algorithm, not sampled
    assert [p.name for p in search.space] == ["lr", "momentum", "layers", "optimizer"]
    lr = param(config, "lr")
    assert shape(lr) == ("loguniform", "logUniform", True, False, False, True)
    assert at(lr.low, lines, src) == ("0.0001", 22, '"0.0001"')
    assert at(lr.dist, lines, src) == ("logUniform", 22, "logUniform")
    momentum = param(config, "momentum")  # a double with a step is discrete
    assert shape(momentum) == ("quniform", "double", False, False, False, False)
    assert shape(param(config, "layers")) == ("int", "int", False, True, False, False)
    assert [v.value for v in param(config, "optimizer").values] == ["sgd", "adam"]


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("random", "random"),
        ("tpe", "bayesian"),
        ("multivariate-tpe", "bayesian"),
        ("bayesianoptimization", "bayesian"),
        ("cmaes", "bayesian"),
        ("grid", "grid"),
        ("hyperband", "hyperband"),
        ("sobol", "other"),
        ("pbt", "other"),
    ],
)
def test_katib_algorithm_names(name: str, method: str) -> None:
    text = (
        "apiVersion: kubeflow.org/v1beta1\nkind: Experiment\n"
        f"spec:\n  algorithm: {{algorithmName: {name}}}\n"
    )
    config, _, _ = adapt("katib-experiment", text)
    assert config.search.method is not None and config.search.method.value == method


# --- Azure ML ----------------------------------------------------------------------------------

AZURE = """
type: sweep
sampling_algorithm:
  type: bayesian
search_space:
  learning_rate: {type: loguniform, min_value: -9.2, max_value: -2.3}
  layers: {type: randint, upper: 5}
  dropout: {type: quniform, min_value: 0.1, max_value: 0.5, q: 0.1}
  act: {type: choice, values: [relu, gelu]}
  noise: {type: normal, mu: 0, sigma: 1}
objective: {primary_metric: val_acc, goal: maximize}
limits: {max_total_trials: 40, max_concurrent_trials: 4, timeout: 3600}
early_termination: {type: median_stopping, evaluation_interval: 1}
"""


def test_azureml() -> None:
    config, lines, src = adapt("azureml-sweep", AZURE)
    search = config.search
    assert at(search.method, lines, src) == ("bayesian", 3, "bayesian")
    assert at(search.objective_metric, lines, src) == ("val_acc", 10, "val_acc")
    assert at(search.trials, lines, src) == (40, 11, "40")
    assert at(search.parallel, lines, src) == (4, 11, "4")
    assert (
        search.early_termination is not None and search.early_termination.value == "median_stopping"
    )
    lr = param(config, "learning_rate")
    assert shape(lr) == ("loguniform", "loguniform", True, False, True, True)
    assert at(lr.low, lines, src) == (-9.2, 5, "-9.2")
    layers = param(config, "layers")
    assert shape(layers) == ("int", "randint", False, True, False, False)
    assert at(layers.high, lines, src) == (5, 6, "5") and layers.low is None
    dropout = param(config, "dropout")
    assert dropout.kind == "quniform" and at(dropout.step, lines, src) == (0.1, 7, "0.1")
    assert param(config, "noise").kind == "normal" and param(config, "noise").continuous


AZURE_PIPELINE = """
type: pipeline
jobs:
  first:
    type: sweep
    sampling_algorithm: grid
    search_space:
      a: {type: choice, values: [1, 2]}
    objective: {primary_metric: m, goal: minimize}
  second:
    type: sweep
    sampling_algorithm: random
    search_space:
      b: {type: uniform, min_value: 0, max_value: 1}
    objective: {primary_metric: m, goal: minimize}
"""


def test_azureml_pipeline_sweeps() -> None:
    source = textwrap.dedent(AZURE_PIPELINE).lstrip("\n")
    node = parse_text(source, "yaml").roots[0].node
    assert node is not None
    spec = FORMATS["azureml-sweep"]
    configs = spec.configs(node)
    assert [c.search.method_name for c in configs] == ["grid", "random"]
    assert [[p.name for p in c.search.space] for c in configs] == [["a"], ["b"]]
    assert spec.adapt(node).search.method_name == "grid"  # the engine's single config: the first


# --- Hydra -------------------------------------------------------------------------------------

HYDRA = """
defaults:
  - override hydra/sweeper: optuna
  - override hydra/sweeper/sampler: random
optimized_metric: val/acc
hydra:
  sweeper:
    direction: maximize
    n_trials: 40
    n_jobs: 4
    params:
      model.lr: tag(log, interval(1e-5, 1e-1))
      model.layers: range(1, 4)
      model.width: int(interval(16, 256))
      model.act: choice(relu, "gelu")
      model.dropout: interval(0, 0.5)
      model.seed: 1,2,3
      data.batch_size: 64
      model.x: range(0, 5, step=0.5)
      model.order: shuffle(range(1, 4))
"""


def test_hydra() -> None:
    config, lines, src = adapt("hydra-optuna", HYDRA)
    search = config.search
    assert at(search.method, lines, src) == ("random", 3, "random")
    assert search.method_raw == "random"
    assert at(search.objective_metric, lines, src) == ("val/acc", 4, "val/acc")
    assert at(search.objective_direction, lines, src) == ("maximize", 7, "maximize")
    assert at(search.trials, lines, src) == (40, 8, "40")
    assert at(search.parallel, lines, src) == (4, 9, "4")

    lr = param(config, "model.lr")
    assert shape(lr) == ("loguniform", "tag(log, interval)", True, False, False, True)
    assert at(lr.low, lines, src) == (1e-5, 11, "1e-5")  # exact span of the argument
    assert at(lr.high, lines, src) == (0.1, 11, "1e-1")
    assert at(lr.dist, lines, src) == ("tag(log, interval)", 11, "tag(log, interval(1e-5, 1e-1))")
    layers = param(config, "model.layers")
    assert shape(layers) == ("int", "range", False, True, False, False)
    assert at(layers.high, lines, src) == (4, 12, "4")
    width = param(config, "model.width")
    assert shape(width) == ("int", "int(interval)", False, True, False, False)
    act = param(config, "model.act")
    assert act.kind == "choice" and [at(v, lines, src) for v in act.values] == [
        ("relu", 14, "relu"),
        ("gelu", 14, '"gelu"'),
    ]
    assert shape(param(config, "model.dropout")) == (
        "uniform",
        "interval",
        False,
        False,
        False,
        True,
    )
    seed = param(config, "model.seed")
    assert seed.kind == "choice" and [v.value for v in seed.values] == [1, 2, 3]
    batch = param(config, "data.batch_size")
    assert batch.kind == "constant" and at(config.training.batch_size, lines, src) == (64, 17, "64")
    x = param(config, "model.x")
    assert x.kind == "quniform" and at(x.step, lines, src) == (0.5, 18, "0.5")
    assert param(config, "model.order").kind == "choice"


def test_hydra_default_sampler_and_objective() -> None:
    text = """
    defaults:
      - override hydra/sweeper: optuna
    hydra:
      sweeper:
        direction: minimize
        sampler:
          _target_: optuna.samplers.TPESampler
          n_startup_trials: 5
        params:
          x: interval(0, 1)
    """
    config, lines, src = adapt("hydra-optuna", text)
    assert at(config.search.method, lines, src) == ("bayesian", 7, "optuna.samplers.TPESampler")
    assert config.search.method_raw == "tpe"
    assert at(config.search.startup_trials, lines, src) == (5, 8, "5")
    # no named metric: the objective is the task function's return value, at `direction`
    assert at(config.search.objective_metric, lines, src) == (TASK_RETURN_VALUE, 5, "minimize")


def test_hydra_legacy_search_space() -> None:
    text = """
    hydra:
      sweeper:
        search_space:
          lr: {type: float, low: 1.0e-5, high: 1.0e-1, log: true}
          layers: {type: int, low: 1, high: 4}
          act: {type: categorical, choices: [relu, tanh]}
    """
    config, _, _ = adapt("hydra-optuna", text)
    assert [(p.name, p.kind, p.log) for p in config.search.space] == [
        ("lr", "loguniform", True),
        ("layers", "int", False),
        ("act", "choice", False),
    ]
    assert config.search.method_name == "bayesian"  # Optuna's default sampler, TPE


def test_hydra_log_tag_on_range_follows_the_sweeper() -> None:
    """Only the official sweeper is known to drop `log` on `range` (its `_impl.py`)."""
    official = """
    hydra:
      sweeper:
        n_trials: 20
        params:
          width: tag(log, range(16, 1024))
    """
    pruning = """
    hydra:
      sweeper:
        _target_: hydra_plugins.hydra_optuna_pruning_sweeper.OptunaPruningSweeper
        n_trials: 20
        params:
          width: tag(log, range(16, 1024))
    """
    config, _, _ = adapt("hydra-optuna", official)
    assert config.search.implementation is None and not param(config, "width").log
    config, lines, src = adapt("hydra-optuna", pruning)
    assert at(config.search.implementation, lines, src) == (
        "hydra_plugins.hydra_optuna_pruning_sweeper.OptunaPruningSweeper",
        3,
        "hydra_plugins.hydra_optuna_pruning_sweeper.OptunaPruningSweeper",
    )
    assert param(config, "width").log


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Hydra's BasicSweeper reads `params` too: a grid of choice/range values is not Optuna's.
        (
            "hydra:\n  sweeper:\n    params:\n      db: mysql,postgresql\n      n: range(1,5)\n",
            None,
        ),
        ("hydra:\n  sweeper:\n    max_batch_size: 4\n    params:\n      n: choice(1, 2)\n", None),
        # A sweeper named by `_target_` decides, whatever its params look like.
        (
            "hydra:\n  sweeper:\n    _target_: hydra_plugins.hydra_nevergrad_sweeper."
            "nevergrad_sweeper.NevergradSweeper\n    params:\n      lr: tag(log, interval(1e-4, 1))\n",
            None,
        ),
        # `interval` and `tag` are sweeps the BasicSweeper cannot run: a fragment of an Optuna sweep.
        (
            "hydra:\n  sweeper:\n    params:\n      lr: tag(log, interval(1e-4, 1))\n",
            "hydra-optuna",
        ),
        (
            "hydra:\n  sweeper:\n    n_trials: 20\n    params:\n      n: range(1,5)\n",
            "hydra-optuna",
        ),
        ("defaults:\n  - override hydra/sweeper: optuna\n", "hydra-optuna"),
    ],
)
def test_hydra_optuna_detection(text: str, expected: str | None) -> None:
    assert detect_root(parse_text(text, "yaml").roots[0].node) == expected


@pytest.mark.parametrize(
    "text",
    ["choice(", "range(1, 2", "interval(1, 2))", "choice(a,, b)", "(1, 2)"],
)
def test_override_parser_rejects_malformed(text: str) -> None:
    assert parse_override(text) is None


def test_override_parser_nested_lists() -> None:
    expr = parse_override("choice([64, 128], [128, 256])")
    assert expr is not None and getattr(expr, "name", None) == "choice"
    assert len(expr.args) == 2  # type: ignore[attr-defined]
