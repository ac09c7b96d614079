"""Amazon SageMaker hyperparameter tuning job → IR.

Three shapes are accepted: the `CreateHyperParameterTuningJob` request
(`HyperParameterTuningJobConfig` + `TrainingJobDefinition(s)`), the
`DescribeHyperParameterTuningJob` response (the same plus read-only fields and explicit `null`s,
which count as absent), and a bare `HyperParameterTuningJobConfig` object (`Strategy`,
`ParameterRanges`, `ResourceLimits` at the top).

Range bounds and static hyperparameters are strings on the wire; facts keep the raw strings
(rules read them with `hplint.ir.number()`). A parameter's `key` is its `Name` value node, its
`node` the range object. `StaticHyperParameters` become `constant` parameters (internal names
starting with `_`, such as `_tuning_objective_metric`, are left out) and, where they have a
training meaning (`learning_rate`, `mini_batch_size`, `epochs`, …), `Training` facts.

With `TrainingJobDefinitions` (multi-algorithm tuning) every definition's ranges are searched;
their `path` starts with the definition name. The objective falls back to the first definition's
`TuningObjective` when the config has none.
"""

from __future__ import annotations

from hplint.detection import SAGEMAKER
from hplint.document.access import mapping
from hplint.document.model import MappingNode, Node
from hplint.formats._util import (
    item_facts,
    items,
    normalise_method,
    present,
    present_section,
    set_training_fact,
)
from hplint.ir import Config, Search, SearchParam, Section, Training

METHODS = {"bayesian": "bayesian", "random": "random", "hyperband": "hyperband", "grid": "grid"}

# StaticHyperParameters keys from which AMT infers Hyperband's MaxResource.
EPOCH_KEYS = ("epochs", "numepochs", "n-epochs", "n_epochs", "num_epochs")


def adapt(root: Node) -> Config:
    config = Config(format_id=SAGEMAKER, root=root)
    top = mapping(root)
    if top is None:
        return config
    wrapper = present_section(top, "HyperParameterTuningJobConfig")
    if wrapper.node is not None:
        tuning = mapping(wrapper.node)
        search = Search(node=wrapper.node, key=wrapper.key)
    else:
        tuning = top
        search = Search(node=root)
    definitions = _definitions(top)
    training = Training()
    if tuning is not None:
        _config(tuning, search)
    for definition, def_name in definitions:
        _definition(definition, def_name, search, training)
    if search.resource is None and search.method_name == "hyperband":
        for param in search.space:
            if param.kind == "constant" and param.name.lower() in EPOCH_KEYS and param.values:
                search.resource = Section(param.values[0].node, param.key)
                break
    if training.learning_rate is not None or training.batch_size is not None:
        first = definitions[0][0] if definitions else None
        statics = (
            present_section(first, "StaticHyperParameters") if first is not None else Section()
        )
        training.node, training.key = statics.node, statics.key
    config.search = search
    config.training = training
    return config


def _definitions(top: MappingNode) -> list[tuple[MappingNode, str | None]]:
    found: list[tuple[MappingNode, str | None]] = []
    single = mapping(present_section(top, "TrainingJobDefinition").node)
    if single is not None:
        found.append((single, None))
    for item in items(present_section(top, "TrainingJobDefinitions").node):
        body = mapping(item)
        if body is not None:
            name = present(body, "DefinitionName")
            found.append(
                (body, name.value if name is not None and isinstance(name.value, str) else None)
            )
    return found


def _config(tuning: MappingNode, search: Search) -> None:
    search.method, search.method_raw = normalise_method(present(tuning, "Strategy"), METHODS)
    objective = present_section(tuning, "HyperParameterTuningJobObjective")
    _objective(objective, search)
    limits = mapping(present_section(tuning, "ResourceLimits").node)
    if limits is not None:
        search.trials = present(limits, "MaxNumberOfTrainingJobs")
        search.parallel = present(limits, "MaxParallelTrainingJobs")
        search.timeout = present(limits, "MaxRuntimeInSeconds")
    stopping = present(tuning, "TrainingJobEarlyStoppingType")
    if stopping is not None and stopping.value != "Off":
        search.early_termination = stopping
    strategy_config = mapping(present_section(tuning, "StrategyConfig").node)
    hyperband = (
        present_section(strategy_config, "HyperbandStrategyConfig")
        if strategy_config
        else Section()
    )
    hyperband_body = mapping(hyperband.node)
    if hyperband_body is not None and hyperband_body.get("MaxResource") is not None:
        search.resource = hyperband
    search.space_section = present_section(tuning, "ParameterRanges")
    _ranges(mapping(search.space_section.node), None, search)


def _objective(objective: Section, search: Search) -> None:
    body = mapping(objective.node)
    if body is None or search.objective_metric is not None:
        return
    search.objective_section = objective
    search.objective_metric = present(body, "MetricName")
    search.objective_direction = present(body, "Type")


def _definition(
    definition: MappingNode, name: str | None, search: Search, training: Training
) -> None:
    _objective(present_section(definition, "TuningObjective"), search)
    ranges = present_section(definition, "HyperParameterRanges")
    if ranges.node is not None:
        if search.space_section.node is None:
            search.space_section = ranges
        _ranges(mapping(ranges.node), name, search)
    statics = mapping(present_section(definition, "StaticHyperParameters").node)
    if statics is None:
        return
    for entry in statics.own_entries():
        if entry.key_text.startswith("_"):
            continue
        value = present(statics, entry.key_text)
        if value is None:
            continue
        path = (name, entry.key_text) if name else (entry.key_text,)
        search.space.append(
            SearchParam(
                node=entry.value,
                key=entry.key,
                name=entry.key_text,
                path=path,
                kind="constant",
                dist_name="StaticHyperParameters",
                values=[value],
            )
        )
        set_training_fact(training, entry.key_text, value)


_RANGE_LISTS = (
    ("IntegerParameterRanges", "Integer"),
    ("ContinuousParameterRanges", "Continuous"),
    ("CategoricalParameterRanges", "Categorical"),
)


def _ranges(ranges: MappingNode | None, definition: str | None, search: Search) -> None:
    if ranges is None:
        return
    for list_key, range_type in _RANGE_LISTS:
        for item in items(present_section(ranges, list_key).node):
            body = mapping(item)
            if body is None:
                continue
            param = _param(item, body, range_type, definition)
            if param is not None:
                search.space.append(param)


def _param(
    node: Node, body: MappingNode, range_type: str, definition: str | None
) -> SearchParam | None:
    name_fact = present(body, "Name")
    name = name_fact.value if name_fact is not None and isinstance(name_fact.value, str) else ""
    param = SearchParam(
        node=node,
        key=name_fact.node if name_fact is not None else None,
        name=name,
        path=(definition, name) if definition else (name,),
    )
    if range_type == "Categorical":
        param.kind = "choice"
        param.dist_name = "Categorical"
        param.values = item_facts(body.get("Values"))
        return param
    scaling = present(body, "ScalingType")
    scaling_name = (
        scaling.value if scaling is not None and isinstance(scaling.value, str) else "Auto"
    )
    param.dist = scaling
    param.dist_name = scaling_name
    param.low = present(body, "MinValue")
    param.high = present(body, "MaxValue")
    param.log = scaling_name == "Logarithmic"  # ReverseLogarithmic allows 0 ≤ x < 1
    if range_type == "Integer":
        param.kind = "int"
        param.integer = True
    elif scaling_name == "Logarithmic":
        param.kind = "loguniform"
        param.continuous = True
    elif scaling_name == "ReverseLogarithmic":
        param.kind = "other"
        param.continuous = True
    else:  # Linear, Auto (AMT picks the scale; treated as linear, as the AMT docs advise)
        param.kind = "uniform"
        param.continuous = True
    return param
