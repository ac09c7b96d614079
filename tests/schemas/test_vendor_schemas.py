"""Tests for the vendor-format JSON Schemas in `schemas/` (issue #6).

Each schema must be a valid draft 2020-12 schema without remote references, carry its
provenance, describe every property, accept every real-world corpus file of its format and
reject the deliberately broken inputs below on the expected path.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, ValidationError

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
CORPUS = ROOT.parent / "shared" / "corpus" / "realworld"

FORMATS = ["wandb-sweep", "sagemaker-tuning", "katib-experiment", "azureml-sweep", "hydra-optuna"]
EXPECTED_FAILURES = {
    ("azureml-sweep", "Azure__azure-sdk-for-python__test_configs__sweep_job__sweep-bandit.yaml")
}
NOT_PROPERTY_CONTAINERS = {"if", "then", "else", "not", "allOf", "anyOf", "oneOf"}


class _Yaml12Loader(yaml.SafeLoader):
    """Safe loader whose float resolver follows YAML 1.2 (`1e-5` is a float, not a string)."""


_Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:float"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"""^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        re.VERBOSE,
    ),
    list("-+0123456789."),
)


def load_documents(path: Path) -> list[Any]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return [json.loads(text)]
    return [doc for doc in yaml.load_all(text, Loader=_Yaml12Loader) if doc is not None]


def load_schema(fmt: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{fmt}.schema.json").read_text(encoding="utf-8"))


def validator(fmt: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(fmt))


def errors(fmt: str, instance: Any) -> list[ValidationError]:
    return list(validator(fmt).iter_errors(instance))


def paths(fmt: str, instance: Any) -> list[list[str | int]]:
    return [list(e.absolute_path) for e in errors(fmt, instance)]


def corpus_files() -> Iterator[Any]:
    for fmt in FORMATS:
        for path in sorted((CORPUS / fmt).glob("*")):
            if path.suffix in {".yaml", ".yml", ".json"}:
                yield pytest.param(fmt, path, id=f"{fmt}/{path.name}")


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in {"$ref", "$dynamicRef"} and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _undescribed(node: Any, where: str) -> Iterator[str]:
    """Property definitions (not conditional overlays) that lack a description."""
    if not isinstance(node, dict):
        return
    for name, sub in node.get("properties", {}).items():
        if isinstance(sub, dict) and not sub.get("description"):
            yield f"{where}/properties/{name}"
        yield from _undescribed(sub, f"{where}/properties/{name}")
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            yield from _undescribed(node[key], f"{where}/{key}")
    for key, sub in node.items():
        if key in NOT_PROPERTY_CONTAINERS or key in {"properties", "items"}:
            continue
        if key == "$defs":
            for name, definition in sub.items():
                yield from _undescribed(definition, f"#/$defs/{name}")


# --- schema well-formedness ---------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_schema_is_valid_2020_12_with_local_refs_only(fmt: str) -> None:
    schema = load_schema(fmt)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://hplint.dev/schemas/{fmt}.schema.json"
    Draft202012Validator.check_schema(schema)
    defs = schema.get("$defs", {})
    for ref in _refs(schema):
        assert ref.startswith("#/$defs/"), f"non-local $ref {ref}"
        assert ref.removeprefix("#/$defs/") in defs, f"dangling $ref {ref}"
    # Compiles and runs without retrieving anything: any remote lookup would raise.
    Draft202012Validator(schema).is_valid({})


@pytest.mark.parametrize("fmt", FORMATS)
def test_schema_records_its_source(fmt: str) -> None:
    source = load_schema(fmt)["x-hplint-source"]
    assert source.get("adapted")
    assert ("repo" in source and ("commit" in source or "files" in source)) or (
        "package" in source and "version" in source
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_property_has_a_description(fmt: str) -> None:
    assert list(_undescribed(load_schema(fmt), "#")) == []


def test_schemas_readme_lists_every_vendor_schema() -> None:
    readme = (SCHEMAS / "README.md").read_text(encoding="utf-8")
    for fmt in FORMATS:
        assert f"{fmt}.schema.json" in readme


# --- real-world corpus -----------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "path"), list(corpus_files()))
def test_corpus_file_validates(fmt: str, path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.fail(f"the shared corpus is missing at {CORPUS}")
    docs = load_documents(path)
    assert docs
    found = [(list(e.absolute_path), e.message) for doc in docs for e in errors(fmt, doc)]
    if (fmt, path.name) in EXPECTED_FAILURES:
        assert found, "the deliberately broken corpus file must not validate"
    else:
        assert found == []


def test_corpus_is_present() -> None:
    if not CORPUS.is_dir():
        pytest.fail(f"the shared corpus is missing at {CORPUS}")
    for fmt in FORMATS:
        assert any((CORPUS / fmt).iterdir()), fmt


def test_loader_reads_exponent_floats_as_yaml_1_2() -> None:
    assert yaml.load("a: 1e-5\nb: 2.0e-5\nc: '1e-5'\nd: 3", Loader=_Yaml12Loader) == {
        "a": 1e-5,
        "b": 2e-5,
        "c": "1e-5",
        "d": 3,
    }


# --- W&B ----------------------------------------------------------------------------

WANDB_OK = {"method": "random", "parameters": {"lr": {"values": [0.1, 0.01]}}}


def test_wandb_rejects_misspelt_method() -> None:
    assert paths("wandb-sweep", {**WANDB_OK, "method": "bayse"}) == [["method"]]


def test_wandb_rejects_unknown_top_level_key() -> None:
    found = errors("wandb-sweep", {**WANDB_OK, "paramaters": {}})
    assert [list(e.absolute_path) for e in found] == [[]]
    assert "paramaters" in found[0].message


def test_wandb_accepts_current_keys() -> None:
    doc = {
        **WANDB_OK,
        "method": "custom",
        "run_cap": 10,
        "job": "entity/project/job:v0",
        "image_uri": "repo/image:tag",
        "apiVersion": "v1",
        "kind": "sweep",
        "metrics": [{"name": "a", "goal": "maximize"}, {"name": "b"}],
        "scheduler": {"engine": "wandb", "source": "s.py", "optimizer": "make"},
    }
    assert errors("wandb-sweep", doc) == []
    metric = {"name": "loss", "impute_while_running": "best"}
    assert errors("wandb-sweep", {**WANDB_OK, "metric": metric}) == []


@pytest.mark.parametrize(
    ("param", "path"),
    [
        ({"distribution": "log_uniformm", "min": 1, "max": 2}, ["distribution"]),
        ({"distribution": "int_uniform", "min": 1, "max": 2.5}, ["max"]),
        ({"distribution": "log_uniform_values", "min": 0, "max": 1}, ["min"]),
        ({"distribution": "q_uniform", "min": 0, "max": 1, "q": 0}, ["q"]),
        ({"min": 1}, []),  # inferred uniform/int_uniform needs max
        ({"min": 0.1, "max": 1, "q": 0.1}, []),  # inferred uniform has no q
        ({"values": [1], "value": 1}, []),  # inferred categorical has no value
        ({"mu": 0}, []),  # normal needs an explicit distribution
        ({"values": []}, ["values"]),
    ],
)
def test_wandb_parameter_checked_against_one_subschema(
    param: dict[str, Any], path: list[str]
) -> None:
    found = errors("wandb-sweep", {**WANDB_OK, "parameters": {"p": param}})
    assert [list(e.absolute_path) for e in found] == [["parameters", "p", *path]]
    assert "is not valid under any of the given schemas" not in found[0].message


def test_wandb_infers_distribution_like_wandb() -> None:
    params = {
        "a": {"min": 1, "max": 10},  # int_uniform
        "b": {"min": 0.1, "max": 1},  # uniform
        "c": {"value": "adam"},
        "d": {"values": ["x", "y"], "probabilities": [0.3, 0.7]},
        "e": {"parameters": {"f": {"values": [1, 2]}, "g": {"parameters": {"h": {"value": 1}}}}},
        "i": {"distribution": "log_uniform", "min": -9.2, "max": -2.3},
        "j": {"distribution": "q_beta", "a": 2, "b": 3, "q": 0.1},
    }
    assert errors("wandb-sweep", {**WANDB_OK, "parameters": params}) == []
    bad = {"e": {"parameters": {"f": {"values": [1, 2], "q": 1}}}}
    assert paths("wandb-sweep", {**WANDB_OK, "parameters": bad}) == [
        ["parameters", "e", "parameters", "f"]
    ]


def test_wandb_parameter_name_pattern() -> None:
    assert errors("wandb-sweep", {**WANDB_OK, "parameters": {"9lr": {"value": 1}}})
    ok = {"model.net-lr_1": {"value": 1}}
    assert errors("wandb-sweep", {**WANDB_OK, "parameters": ok}) == []


def test_wandb_hyperband_needs_min_iter_or_max_iter_and_s() -> None:
    doc = {**WANDB_OK, "early_terminate": {"type": "hyperband", "max_iter": 27}}
    assert paths("wandb-sweep", doc) == [["early_terminate"]]
    doc["early_terminate"]["s"] = 2
    assert errors("wandb-sweep", doc) == []


# --- SageMaker ------------------------------------------------------------------------

SM_CONFIG: dict[str, Any] = {
    "Strategy": "Bayesian",
    "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
    "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
    "ParameterRanges": {
        "ContinuousParameterRanges": [
            {"Name": "eta", "MinValue": "0.01", "MaxValue": "0.5", "ScalingType": "Logarithmic"}
        ],
        "IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "3", "MaxValue": "10"}],
        "CategoricalParameterRanges": [{"Name": "booster", "Values": ["gbtree", "dart"]}],
    },
    "TrainingJobEarlyStoppingType": "Off",
}


def _with(config: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**json.loads(json.dumps(config)), **changes}


def test_sagemaker_accepts_request_and_bare_config() -> None:
    assert errors("sagemaker-tuning", SM_CONFIG) == []
    request = {
        "HyperParameterTuningJobName": "xgb-tune-1",
        "HyperParameterTuningJobConfig": SM_CONFIG,
    }
    assert errors("sagemaker-tuning", request) == []


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"Strategy": "Bayes"}, ["Strategy"]),
        ({"TrainingJobEarlyStoppingType": "OFF"}, ["TrainingJobEarlyStoppingType"]),
        (
            {"ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 0}},
            ["ResourceLimits", "MaxParallelTrainingJobs"],
        ),
        ({"Stratgy": "Random"}, []),
    ],
)
def test_sagemaker_rejects(change: dict[str, Any], path: list[str]) -> None:
    bare = _with(SM_CONFIG, **change)
    assert path in paths("sagemaker-tuning", bare)
    request = {"HyperParameterTuningJobName": "t", "HyperParameterTuningJobConfig": bare}
    assert ["HyperParameterTuningJobConfig", *path] in paths("sagemaker-tuning", request)


def test_sagemaker_range_bounds_are_strings() -> None:
    bad = _with(SM_CONFIG)
    bad["ParameterRanges"]["ContinuousParameterRanges"][0]["MinValue"] = 0.01
    found = errors("sagemaker-tuning", bad)
    assert [list(e.absolute_path) for e in found] == [
        ["ParameterRanges", "ContinuousParameterRanges", 0, "MinValue"]
    ]
    assert found[0].validator == "type"


def test_sagemaker_describe_response_accepts_nulls_but_checks_enums() -> None:
    response = {
        "HyperParameterTuningJobName": "t",
        "HyperParameterTuningJobArn": "arn:aws:sagemaker:us-west-2:1:hyper-parameter-tuning-job/t",
        "HyperParameterTuningJobConfig": _with(SM_CONFIG, TuningJobCompletionCriteria=None),
        "HyperParameterTuningJobStatus": "Completed",
        "CreationTime": 1634534713.554,
        "TrainingJobStatusCounters": {"Completed": 2},
        "ObjectiveStatusCounters": {"Succeeded": 2},
        "BestTrainingJob": None,
    }
    assert errors("sagemaker-tuning", response) == []
    response["HyperParameterTuningJobStatus"] = "Done"
    assert paths("sagemaker-tuning", response) == [["HyperParameterTuningJobStatus"]]


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "generate_sagemaker_schema", ROOT / "scripts" / "generate_sagemaker_schema.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sagemaker_schema_is_up_to_date_with_installed_botocore() -> None:
    import botocore  # noqa: F401  (pinned in the test extras: the schema is generated from it)

    generator = _generator()
    committed = (SCHEMAS / "sagemaker-tuning.schema.json").read_text(encoding="utf-8")
    assert generator.render(generator.build_schema()) == committed, (
        "schemas/sagemaker-tuning.schema.json is stale: run scripts/generate_sagemaker_schema.py"
    )


def test_sagemaker_documentation_is_plain_text() -> None:
    text = json.dumps(load_schema("sagemaker-tuning"))
    assert "<p>" not in text
    assert "<code>" not in text


# --- Katib ----------------------------------------------------------------------------

KATIB: dict[str, Any] = {
    "apiVersion": "kubeflow.org/v1beta1",
    "kind": "Experiment",
    "metadata": {"name": "random", "namespace": "kubeflow"},
    "spec": {
        "objective": {"type": "minimize", "goal": 0.001, "objectiveMetricName": "loss"},
        "algorithm": {"algorithmName": "random"},
        "parallelTrialCount": 3,
        "maxTrialCount": 12,
        "parameters": [
            {
                "name": "lr",
                "parameterType": "double",
                "feasibleSpace": {"min": "0.01", "max": "0.05"},
            }
        ],
        "trialTemplate": {
            "primaryContainerName": "training-container",
            "trialParameters": [{"name": "learningRate", "reference": "lr"}],
            "trialSpec": {"apiVersion": "batch/v1", "kind": "Job", "spec": {}},
        },
    },
}


def _katib_param(**changes: Any) -> dict[str, Any]:
    doc = json.loads(json.dumps(KATIB))
    doc["spec"]["parameters"][0].update(changes)
    return doc


def test_katib_minimal_experiment_is_valid() -> None:
    assert errors("katib-experiment", KATIB) == []


def test_katib_rejects_unknown_parameter_type() -> None:
    assert paths("katib-experiment", _katib_param(parameterType="float")) == [
        ["spec", "parameters", 0, "parameterType"]
    ]


def test_katib_rejects_lowercase_loguniform() -> None:
    space = {"min": "0.01", "max": "0.05", "distribution": "loguniform"}
    assert paths("katib-experiment", _katib_param(feasibleSpace=space)) == [
        ["spec", "parameters", 0, "feasibleSpace", "distribution"]
    ]


def test_katib_bounds_are_strings_and_categorical_has_no_range() -> None:
    assert paths("katib-experiment", _katib_param(feasibleSpace={"min": 0.01, "max": "1"})) == [
        ["spec", "parameters", 0, "feasibleSpace", "min"]
    ]
    doc = _katib_param(parameterType="categorical", feasibleSpace={"list": ["a"], "min": "1"})
    assert ["spec", "parameters", 0, "feasibleSpace", "min"] in paths("katib-experiment", doc)
    assert paths("katib-experiment", _katib_param(feasibleSpace={"max": "1"})) == [
        ["spec", "parameters", 0, "feasibleSpace"]
    ]


def test_katib_counts_and_resume_policy() -> None:
    doc = json.loads(json.dumps(KATIB))
    doc["spec"].update(maxTrialCount=0, resumePolicy="Always")
    assert sorted(paths("katib-experiment", doc)) == [
        ["spec", "maxTrialCount"],
        ["spec", "resumePolicy"],
    ]


def test_katib_trial_spec_is_free_form_but_exclusive_with_config_map() -> None:
    doc = json.loads(json.dumps(KATIB))
    doc["spec"]["trialTemplate"]["trialSpec"]["spec"] = {"anything": {"goes": [1, 2]}}
    assert errors("katib-experiment", doc) == []
    doc["spec"]["trialTemplate"]["configMap"] = {
        "configMapName": "t",
        "configMapNamespace": "kubeflow",
        "templatePath": "t.yaml",
    }
    assert paths("katib-experiment", doc) == [["spec", "trialTemplate", "configMap"]]


# --- Azure ML -------------------------------------------------------------------------

AZURE: dict[str, Any] = {
    "type": "sweep",
    "trial": {"command": "python train.py --lr ${{search_space.lr}}", "code": "src"},
    "compute": "azureml:cpu-cluster",
    "sampling_algorithm": "random",
    "search_space": {"lr": {"type": "loguniform", "min_value": -9.2, "max_value": -2.3}},
    "objective": {"primary_metric": "accuracy", "goal": "maximize"},
    "limits": {"max_total_trials": 20},
}


def _azure(**changes: Any) -> dict[str, Any]:
    return {**json.loads(json.dumps(AZURE)), **changes}


def test_azure_minimal_sweep_is_valid() -> None:
    assert errors("azureml-sweep", AZURE) == []


def test_azure_loguniform_requires_max_value() -> None:
    doc = _azure(search_space={"lr": {"type": "loguniform", "min_value": -9.2}})
    found = errors("azureml-sweep", doc)
    assert [list(e.absolute_path) for e in found] == [["search_space", "lr"]]
    assert "max_value" in found[0].message


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (
            {"search_space": {"lr": {"type": "log_uniform", "min_value": 0}}},
            ["search_space", "lr", "type"],
        ),
        (
            {"search_space": {"n": {"type": "randint", "upper": 10, "lower": 1}}},
            ["search_space", "n"],
        ),
        ({"sampling_algorithm": "bayes"}, ["sampling_algorithm"]),
        (
            {"sampling_algorithm": {"type": "random", "rule": "halton"}},
            ["sampling_algorithm", "rule"],
        ),
        ({"objective": {"primary_metric": "acc", "goal": "max"}}, ["objective", "goal"]),
        ({"early_termination": {"type": "truncation_selection"}}, ["early_termination"]),
        ({"early_termination": {"type": "bandit"}}, ["early_termination"]),
    ],
)
def test_azure_rejects(change: dict[str, Any], path: list[str]) -> None:
    assert paths("azureml-sweep", _azure(**change)) == [path]


def test_azure_bandit_needs_exactly_one_slack() -> None:
    both = {"type": "bandit", "slack_factor": 0.1, "slack_amount": 0.2}
    found = errors("azureml-sweep", _azure(early_termination=both))
    assert len(found) == 1
    assert list(found[0].absolute_path) == ["early_termination", "slack_amount"]
    one = {"type": "bandit", "slack_factor": 0.1, "evaluation_interval": 1}
    assert errors("azureml-sweep", _azure(early_termination=one)) == []


def test_azure_corpus_bandit_fails_on_slack() -> None:
    path = (
        CORPUS
        / "azureml-sweep"
        / "Azure__azure-sdk-for-python__test_configs__sweep_job__sweep-bandit.yaml"
    )
    if not path.is_file():
        pytest.fail(f"the shared corpus is missing at {CORPUS}")
    (doc,) = load_documents(path)
    assert paths("azureml-sweep", doc) == [["early_termination", "slack_amount"]]


def test_azure_sweep_node_definition_is_reusable() -> None:
    schema = load_schema("azureml-sweep")
    node = Draft202012Validator({**schema, "$ref": "#/$defs/sweepJob"})
    assert list(node.iter_errors(AZURE)) == []
    pipeline = {"type": "pipeline", "jobs": {"s": _azure(search_space={"x": {"type": "choice"}})}}
    assert paths("azureml-sweep", pipeline) == [["jobs", "s", "search_space", "x"]]


# --- Hydra Optuna ---------------------------------------------------------------------

HYDRA: dict[str, Any] = {
    "defaults": [{"override /hydra/sweeper": "optuna"}],
    "model": {"lr": 0.1},
    "hydra": {
        "mode": "MULTIRUN",
        "sweeper": {
            "sampler": {"_target_": "optuna.samplers.TPESampler", "seed": 1},
            "direction": "maximize",
            "n_trials": 20,
            "params": {"model.lr": "tag(log, interval(1e-5, 1e-1))", "data.batch_size": 64},
        },
    },
}


def _hydra(**changes: Any) -> dict[str, Any]:
    doc = json.loads(json.dumps(HYDRA))
    doc["hydra"]["sweeper"].update(changes)
    return doc


def test_hydra_config_is_valid_and_rest_is_free_form() -> None:
    assert errors("hydra-optuna", {**HYDRA, "anything": {"else": [1]}}) == []


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"n_trials": "x"}, ["hydra", "sweeper", "n_trials"]),
        ({"direction": "max"}, ["hydra", "sweeper", "direction"]),
        ({"direction": ["minimize", "maximise"]}, ["hydra", "sweeper", "direction", 1]),
        ({"n_trails": 5}, ["hydra", "sweeper"]),
        (
            {"sampler": {"_target_": "optuna.samplers.TPESampler", "sed": 1}},
            ["hydra", "sweeper", "sampler"],
        ),
        (
            {"search_space": {"lr": {"type": "loguniform"}}},
            ["hydra", "sweeper", "search_space", "lr", "type"],
        ),
    ],
)
def test_hydra_rejects(change: dict[str, Any], path: list[str | int]) -> None:
    assert paths("hydra-optuna", _hydra(**change)) == [path]


def test_hydra_accepts_legacy_search_space_and_multi_objective() -> None:
    legacy = {"lr": {"type": "float", "low": 1e-5, "high": 0.1, "log": True}}
    doc = _hydra(search_space=legacy, direction=["minimize", "maximize"], sampler={"seed": 3})
    assert errors("hydra-optuna", doc) == []
