"""Tests for the native format's JSON Schema (`schemas/hplint.schema.json`, docs/native-format.md)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, ValidationError

from tests.worked_examples import LGBM_SEARCH, MLP_SGD, SKLEARN_LASSO

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "schemas" / "hplint.schema.json"

# examples/mistakes/sklearn_lasso.yaml — structurally valid: `coef_` sits inside free-form estimator params (HP001).

# examples/mistakes/mlp_sgd.yaml — every finding there is a judgement rule, none is structural.

# examples/mistakes/lgbm_search.yaml — `colsample_by_tree` is a well-formed path (HP609 reports it), and
# `loguniform` with low = 0 is HP604's business, not the schema's.

# docs/native-format.md with every section filled in (one model kind only: `model` takes exactly one).
FULL_NATIVE = """\
$schema: https://hplint.dev/schemas/hplint.schema.json
hplint: 1
data:
  train: data/train.parquet
  valid: data/valid.parquet
  test: data/test.parquet
  target: price
  task: regression
  drop: [id]
  n_samples: 12000
  n_features: 40
  class_counts: {a: 10, b: 20}
  numeric: [sqft, age]
  categorical: [city]
  time_column: date
  group_column: customer_id
  scaled: false
  transforms:
    - {class: sklearn.preprocessing.StandardScaler}
model:
  network:
    input_dim: 784
    input_dropout: 0.2
    layers:
      - {units: 512, activation: relu, dropout: 0.3, batchnorm: true}
      - {type: dense, units: 128, activation: gelu}
    output: {units: 10, activation: softmax}
training:
  optimizer: adamw
  learning_rate: 1.0e-3
  betas: [0.9, 0.999]
  epsilon: 1.0e-8
  weight_decay: 0.01
  batch_size: 64
  batch_size_scope: per_device
  grad_accum_steps: 4
  devices: 8
  nodes: 1
  reference: {batch_size: 512, learning_rate: 2.0e-4, scaling: auto}
  epochs: 100
  shuffle: true
  seed: 0
  loss: categorical_crossentropy
  scheduler: {type: cosine, warmup_epochs: 5, T_max: 95, min_lr: 0.0}
  early_stopping:
    monitor: val_loss
    mode: min
    patience: 10
    min_delta: 0.0
    restore_best_weights: true
    validation_fraction: 0.1
validation:
  method: kfold
  folds: 5
  shuffle: true
  seed: 0
search:
  method: hyperband
  library: optuna
  objective: {metric: val_rmse, direction: minimize}
  budget: {trials: 60, parallel: 4, timeout: 2h}
  resource: {param: training.epochs, min: 1, max: 81}
  seed: 0
  startup_trials: 20
  space:
    training.learning_rate: {dist: loguniform, low: 1.0e-4, high: 1.0e-2}
    training.batch_size: {choice: [64, 128, 256]}
    training.weight_decay: {dist: uniform, low: 0.0, high: 0.1}
    training.scheduler.warmup_epochs: {dist: int, low: 0, high: 10, step: 1}
    training.momentum: {dist: quniform, low: 0.8, high: 0.99, q: 0.01}
    model.network.layers.0.dropout: {dist: normal, mu: 0.3, sigma: 0.05}
  trials:
    - {training.learning_rate: 1.0e-3, anything: {goes: here}}
evaluation:
  metrics: [rmse]
  dropout: 0.0
inference:
  mc_dropout: true
  dropout: 0.1
  mc_samples: 20
"""

# A small valid document that the negative cases each break in one place.
BASE = """\
hplint: 1
data: {train: data/train.csv, target: y, task: binary}
model:
  network:
    input_dim: 10
    layers:
      - {units: 32, activation: relu, dropout: 0.2}
    output: {units: 1, activation: sigmoid}
training:
  optimizer: adam
  learning_rate: 1.0e-3
  batch_size: 32
  batch_size_scope: global
  epochs: 10
validation: {method: stratified_kfold, folds: 5}
search:
  method: random
  objective: {metric: val_auc, direction: maximize}
  space:
    training.learning_rate: {dist: loguniform, low: 1.0e-5, high: 1.0e-2}
"""


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema)


def errors_of(validator: Draft202012Validator, instance: Any) -> list[ValidationError]:
    return sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))


def describe(errors: list[ValidationError]) -> str:
    return "\n".join(f"{list(e.absolute_path)}: {e.message} ({e.validator})" for e in errors)


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://hplint.dev/schemas/hplint.schema.json"
    assert schema["title"]
    assert schema["description"]


def test_no_remote_refs(schema: dict[str, Any]) -> None:
    refs = [value for _, key, value in walk(schema) if key == "$ref"]
    assert refs
    assert all(isinstance(r, str) and r.startswith("#/$defs/") for r in refs)
    defs = schema["$defs"]
    assert all(r.removeprefix("#/$defs/") in defs for r in refs)


def walk(node: Any, pointer: str = "#") -> Iterator[tuple[str, str, Any]]:
    """Yield (pointer, key, value) for every key of every mapping in the schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield pointer, key, value
            yield from walk(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{pointer}/{index}")


def declared_properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property declaration, except the discriminator conditions inside `if`."""
    for pointer, key, value in walk(schema):
        if key != "properties" or "if" in pointer.split("/"):
            continue
        for name, subschema in value.items():
            yield f"{pointer}/properties/{name}", subschema


def test_every_property_has_a_description(schema: dict[str, Any]) -> None:
    props = list(declared_properties(schema))
    assert len(props) > 100
    missing = [p for p, s in props if not str(s.get("description", "")).strip()]
    assert missing == []


def test_every_definition_has_a_description(schema: dict[str, Any]) -> None:
    missing = [name for name, s in schema["$defs"].items() if not s.get("description")]
    assert missing == []


def test_fixed_objects_reject_unknown_keys(schema: dict[str, Any]) -> None:
    """Every object that declares properties closes itself, except the `if` conditions."""
    open_objects = [
        pointer
        for pointer, key, value in walk(schema)
        if isinstance(value, dict)
        and "properties" in value
        and key not in {"if", "else"}
        and value.get("additionalProperties") is not False
    ]
    assert schema["additionalProperties"] is False
    assert open_objects == []


@pytest.mark.parametrize(
    "text", [SKLEARN_LASSO, MLP_SGD, LGBM_SEARCH, FULL_NATIVE], ids=["8.1", "8.2", "8.3", "full"]
)
def test_examples_are_valid(validator: Draft202012Validator, text: str) -> None:
    errors = errors_of(validator, yaml.safe_load(text))
    assert errors == [], describe(errors)


def _set(doc: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    node: Any = doc
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def _rename_training(doc: dict[str, Any]) -> None:
    doc["trainning"] = doc.pop("training")


def _both_estimator_and_pipeline(doc: dict[str, Any]) -> None:
    doc["model"] = {
        "estimator": {"class": "sklearn.linear_model.Ridge"},
        "pipeline": [{"name": "reg", "class": "sklearn.linear_model.Ridge"}],
    }


NEGATIVE_CASES: list[tuple[str, Any, tuple[str | int, ...], str]] = [
    ("unknown-top-level-key", _rename_training, (), "additionalProperties"),
    ("estimator-and-pipeline", _both_estimator_and_pipeline, ("model",), "oneOf"),
    (
        "dropout-one",
        (("model", "network", "layers", 0, "dropout"), 1.0),
        ("model", "network", "layers", 0, "dropout"),
        "exclusiveMaximum",
    ),
    (
        "negative-learning-rate",
        (("training", "learning_rate"), -1),
        ("training", "learning_rate"),
        "exclusiveMinimum",
    ),
    (
        "unknown-dist",
        (("search", "space", "x"), {"dist": "log_uniform", "low": 1, "high": 2}),
        ("search", "space", "x", "dist"),
        "enum",
    ),
    (
        "empty-choice",
        (("search", "space", "x"), {"choice": []}),
        ("search", "space", "x", "choice"),
        "minItems",
    ),
    (
        "unknown-validation-method",
        (("validation", "method"), "kfolds"),
        ("validation", "method"),
        "enum",
    ),
    (
        "unknown-batch-size-scope",
        (("training", "batch_size_scope"), "device"),
        ("training", "batch_size_scope"),
        "enum",
    ),
    ("missing-hplint", lambda doc: doc.pop("hplint"), (), "required"),
    # further single-error cases that pin the distribution discrimination down
    (
        "choice-with-dist",
        (("search", "space", "x"), {"choice": [1, 2], "dist": "uniform"}),
        ("search", "space", "x"),
        "additionalProperties",
    ),
    (
        "uniform-missing-high",
        (("search", "space", "x"), {"dist": "uniform", "low": 0.0}),
        ("search", "space", "x"),
        "required",
    ),
    (
        "uniform-with-q",
        (("search", "space", "x"), {"dist": "uniform", "low": 0.0, "high": 1.0, "q": 0.1}),
        ("search", "space", "x"),
        "additionalProperties",
    ),
    (
        "int-with-real-bound",
        (("search", "space", "x"), {"dist": "int", "low": 1, "high": 2.5}),
        ("search", "space", "x", "high"),
        "type",
    ),
    (
        "dist-missing",
        (("search", "space", "x"), {"low": 0.0, "high": 1.0}),
        ("search", "space", "x"),
        "required",
    ),
    (
        "space-entry-not-a-mapping",
        (("search", "space", "x"), [1, 2]),
        ("search", "space", "x"),
        "type",
    ),
    (
        "bad-space-key",
        (("search", "space", "training..lr"), {"choice": [1]}),
        ("search", "space"),
        "pattern",
    ),
    (
        "string-learning-rate",
        (("training", "learning_rate"), "1e-3"),
        ("training", "learning_rate"),
        "type",
    ),
    ("hplint-two", (("hplint",), 2), ("hplint",), "const"),
    ("empty-model", (("model",), {}), ("model",), "oneOf"),
    (
        "reference-half",
        (("training", "reference"), {"batch_size": 256}),
        ("training", "reference"),
        "required",
    ),
    (
        "bad-timeout",
        (("search", "budget"), {"timeout": "two hours"}),
        ("search", "budget", "timeout"),
        "anyOf",
    ),
    ("zero-folds", (("validation", "folds"), 0), ("validation", "folds"), "minimum"),
    # a misspelt key gives one additionalProperties error, not also a missing-key error
    (
        "misspelt-model-kind",
        (("model",), {"netwrok": {"input_dim": 3}}),
        ("model",),
        "additionalProperties",
    ),
    (
        "misspelt-dist-bound",
        (("search", "space", "x"), {"dist": "uniform", "low": 0.0, "hihg": 1.0}),
        ("search", "space", "x"),
        "additionalProperties",
    ),
    (
        "misspelt-reference-key",
        (("training", "reference"), {"batch_sise": 256, "learning_rate": 0.1}),
        ("training", "reference"),
        "additionalProperties",
    ),
    (
        "pipeline-step-without-class",
        (("model",), {"pipeline": [{"name": "reg"}]}),
        ("model", "pipeline", 0),
        "required",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "path", "keyword"),
    [case[1:] for case in NEGATIVE_CASES],
    ids=[case[0] for case in NEGATIVE_CASES],
)
def test_negative_case_gives_one_error(
    validator: Draft202012Validator,
    mutate: Any,
    path: tuple[str | int, ...],
    keyword: str,
) -> None:
    doc = copy.deepcopy(yaml.safe_load(BASE))
    assert errors_of(validator, doc) == []
    if callable(mutate):
        mutate(doc)
    else:
        _set(doc, *mutate)
    errors = errors_of(validator, doc)
    assert len(errors) == 1, describe(errors)
    assert tuple(errors[0].absolute_path) == path, describe(errors)
    assert errors[0].validator == keyword, describe(errors)


def test_unknown_top_level_key_names_the_key(validator: Draft202012Validator) -> None:
    doc = yaml.safe_load(BASE)
    doc["trainning"] = doc.pop("training")
    (error,) = errors_of(validator, doc)
    assert "'trainning'" in error.message


def test_folds_one_is_left_to_hp301(validator: Draft202012Validator) -> None:
    doc = yaml.safe_load(BASE)
    doc["validation"]["folds"] = 1
    assert errors_of(validator, doc) == []


def test_unknown_optimizer_is_accepted(validator: Draft202012Validator) -> None:
    doc = yaml.safe_load(BASE)
    doc["training"]["optimizer"] = "my_custom_shampoo"
    assert errors_of(validator, doc) == []


def test_defaults_the_engine_relies_on(schema: dict[str, Any]) -> None:
    training = schema["properties"]["training"]["properties"]
    # No single default: per device when `devices` is given, else global (the engine's
    # reading, docs/rules/conventions.md), so the schema states it in words, not `default`.
    assert "default" not in training["batch_size_scope"]
    assert "per_device` if `devices` is given" in training["batch_size_scope"]["description"]
    assert training["grad_accum_steps"]["default"] == 1
    assert training["devices"]["default"] == 1
    assert training["shuffle"]["default"] is True
    assert schema["$defs"]["reference"]["properties"]["scaling"]["default"] == "auto"
