"""Kubeflow Katib `Experiment` (kubeflow.org/v1beta1) → IR.

`spec.algorithm.algorithmName` is normalised (`tpe`, `multivariate-tpe`, `bayesianoptimization`,
`cmaes` → bayesian; `random`, `grid`, `hyperband`; anything else, e.g. `sobol`, `pbt`, `enas`,
→ other). `feasibleSpace` bounds are strings; facts keep them. A `double` without `step` is
continuous (grid search cannot enumerate it); with `step` it is a quantised range (`quniform`).
A parameter's `key` is its `name` value node, its `node` the parameter item.

Hyperband's `r_l` and `resource_name` algorithm settings fill `search.resource` (the
`algorithmSettings` list) and `search.resource_param` (the `resource_name` value: Katib requires
it to name one of `spec.parameters`). Under hyperband that parameter is set by the algorithm, not
sampled, so it is left out of `search.space`. `earlyStopping.algorithmName` fills
`early_termination`.
"""

from __future__ import annotations

from hplint.detection import KATIB
from hplint.document.access import mapping
from hplint.document.model import MappingNode, Node
from hplint.formats._util import (
    item_facts,
    items,
    normalise_method,
    present,
    present_section,
    termination_policy,
)
from hplint.ir import AnyFact, Config, Fact, Search, SearchParam, Section

METHODS = {
    "random": "random",
    "grid": "grid",
    "hyperband": "hyperband",
    "tpe": "bayesian",
    "multivariate-tpe": "bayesian",
    "bayesianoptimization": "bayesian",
    "cmaes": "bayesian",
}

_DISTRIBUTIONS = {
    "uniform": "uniform",
    "logUniform": "loguniform",
    "normal": "normal",
    "logNormal": "lognormal",
}


def adapt(root: Node) -> Config:
    config = Config(format_id=KATIB, root=root)
    top = mapping(root)
    spec_section = present_section(top, "spec") if top is not None else Section()
    spec = mapping(spec_section.node)
    if spec is None:
        return config
    search = Search(node=spec_section.node, key=spec_section.key)
    algorithm = mapping(present_section(spec, "algorithm").node)
    search.method, search.method_raw = normalise_method(
        present(algorithm, "algorithmName"), METHODS
    )
    settings_section = (
        present_section(algorithm, "algorithmSettings") if algorithm is not None else Section()
    )
    settings = algorithm_settings(settings_section.node)
    search.startup_trials = settings.get("n_startup_trials") or settings.get("n_initial_points")
    if "resource_name" in settings or "r_l" in settings:
        search.resource = settings_section
        search.resource_param = settings.get("resource_name")
    objective = present_section(spec, "objective")
    body = mapping(objective.node)
    if body is not None:
        search.objective_section = objective
        search.objective_metric = present(body, "objectiveMetricName")
        search.objective_direction = present(body, "type")
    search.trials = present(spec, "maxTrialCount")
    search.parallel = present(spec, "parallelTrialCount")
    search.early_termination = termination_policy(spec, "earlyStopping", "algorithmName")
    search.space_section = present_section(spec, "parameters")
    resource = search.resource_param.value if search.resource_param is not None else None
    for item in items(search.space_section.node):
        body = mapping(item)
        if body is None:
            continue
        param = _param(item, body)
        if search.method_name == "hyperband" and param.name == resource:
            continue  # hyperband sets the resource parameter itself (r_l, eta): not a dimension
        search.space.append(param)
    config.search = search
    return config


def algorithm_settings(node: Node | None) -> dict[str, AnyFact]:
    """`[{name, value}]` → {name: fact of the value (key: the name node)}."""
    settings: dict[str, AnyFact] = {}
    for item in items(node):
        body = mapping(item)
        name = present(body, "name") if body is not None else None
        value = present(body, "value") if body is not None else None
        if name is not None and isinstance(name.value, str) and value is not None:
            settings[name.value] = Fact(value.value, value.node, name.node)
    return settings


def _param(node: Node, body: MappingNode) -> SearchParam:
    name = present(body, "name")
    text = name.value if name is not None and isinstance(name.value, str) else ""
    param = SearchParam(
        node=node, key=name.node if name is not None else None, name=text, path=(text,)
    )
    kind = present(body, "parameterType")
    kind_name = kind.value if kind is not None and isinstance(kind.value, str) else None
    space = mapping(present_section(body, "feasibleSpace").node)
    distribution = present(space, "distribution") if space is not None else None
    dist_name = (
        distribution.value
        if distribution is not None and isinstance(distribution.value, str)
        else None
    )
    param.dist = distribution or kind
    param.dist_name = dist_name or kind_name
    if space is None:
        return param
    if kind_name in ("categorical", "discrete"):
        param.kind = "choice"
        param.values = item_facts(space.get("list"))
        return param
    param.low = present(space, "min")
    param.high = present(space, "max")
    param.step = present(space, "step")
    shape = _DISTRIBUTIONS.get(dist_name or "uniform", "other")
    param.log = shape in ("loguniform", "lognormal")
    if kind_name == "int":
        param.kind = "int"
        param.integer = True
    elif kind_name == "double":
        if param.step is not None and shape == "uniform":
            param.kind = "quniform"
        else:
            param.kind = shape
        param.continuous = param.step is None
    return param
