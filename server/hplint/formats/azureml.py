"""Azure ML CLI v2 sweep job (`type: sweep`) → IR.

`sampling_algorithm` is a string (`random`, `grid`, `bayesian`) or an object with `type`.
`search_space` items are typed: `choice`, `randint` (upper bound exclusive, no lower bound),
`uniform`/`quniform`, `loguniform`/`qloguniform` (bounds are natural-log exponents, so
`exponent_bounds` is set), `normal`/`qnormal`, `lognormal`/`qlognormal`. A parameter's `key` is
its search-space key, its `node` the item mapping, `dist` its `type`.

`choice` values may nest whole search spaces (the SDK's recursive search spaces); those nested
distributions are conditional and stay inside the `choice`'s `values` (as Python values) rather
than becoming dimensions of their own.

A pipeline job (`type: pipeline`) can hold several sweep steps under `jobs:`. `adapt()` adapts the
first one (so single-sweep pipelines are fully checked); `adapt_all()` gives one `Config` per
sweep step, for an engine that runs the rules once per sweep.
"""

from __future__ import annotations

from hplint.detection import AZUREML, azureml_pipeline_sweeps, is_azureml_sweep_node
from hplint.document.access import mapping
from hplint.document.model import MappingNode, Node, ScalarNode
from hplint.formats._util import (
    item_facts,
    normalise_method,
    present,
    present_section,
    termination_policy,
)
from hplint.ir import Config, Search, SearchParam

METHODS = {"random": "random", "grid": "grid", "bayesian": "bayesian"}

# type → (kind, log, exponent bounds, continuous, integer)
_TYPES: dict[str, tuple[str, bool, bool, bool, bool]] = {
    "choice": ("choice", False, False, False, False),
    "randint": ("int", False, False, False, True),
    "uniform": ("uniform", False, False, True, False),
    "quniform": ("quniform", False, False, False, False),
    "loguniform": ("loguniform", True, True, True, False),
    "qloguniform": ("quniform", True, True, False, False),
    "normal": ("normal", False, False, True, False),
    "qnormal": ("normal", False, False, False, False),
    "lognormal": ("lognormal", True, False, True, False),
    "qlognormal": ("lognormal", True, False, False, False),
}


def sweep_nodes(root: Node) -> list[Node]:
    """The sweep job nodes of a document: the root itself, or a pipeline's sweep steps."""
    resolved = root.resolve()
    if not isinstance(resolved, MappingNode):
        return []
    if is_azureml_sweep_node(resolved) or not azureml_pipeline_sweeps(resolved):
        return [root]
    return azureml_pipeline_sweeps(resolved)


def adapt_all(root: Node) -> list[Config]:
    return [adapt_sweep(node) for node in sweep_nodes(root)] or [
        Config(format_id=AZUREML, root=root)
    ]


def adapt(root: Node) -> Config:
    return adapt_all(root)[0]


def adapt_sweep(node: Node) -> Config:
    config = Config(format_id=AZUREML, root=node)
    top = mapping(node)
    if top is None:
        return config
    search = Search(node=node)
    algorithm = present(top, "sampling_algorithm")
    if algorithm is not None and not isinstance(algorithm.node.resolve(), ScalarNode):
        body = mapping(algorithm.node)
        kind = present(body, "type") if body is not None else None
        algorithm = kind
    search.method, search.method_raw = normalise_method(algorithm, METHODS)
    objective = present_section(top, "objective")
    objective_body = mapping(objective.node)
    if objective_body is not None:
        search.objective_section = objective
        search.objective_metric = present(objective_body, "primary_metric")
        search.objective_direction = present(objective_body, "goal")
    limits = mapping(present_section(top, "limits").node)
    if limits is not None:
        search.trials = present(limits, "max_total_trials")
        search.parallel = present(limits, "max_concurrent_trials")
        search.timeout = present(limits, "timeout")
    search.early_termination = termination_policy(top, "early_termination", "type")
    search.space_section = present_section(top, "search_space")
    space = mapping(search.space_section.node)
    if space is not None:
        for entry in space.own_entries():
            search.space.append(_param(entry.key_text, entry.key, entry.value))
    config.search = search
    return config


def _param(name: str, key: Node, node: Node) -> SearchParam:
    param = SearchParam(node=node, key=key, name=name, path=(name,))
    body = mapping(node)
    if body is None:
        return param
    dist = present(body, "type")
    dist_name = dist.value if dist is not None and isinstance(dist.value, str) else None
    param.dist = dist
    param.dist_name = dist_name
    kind, log, exponent, continuous, integer = _TYPES.get(
        dist_name or "", ("other", False, False, False, False)
    )
    param.kind, param.log, param.exponent_bounds = kind, log, exponent
    param.continuous, param.integer = continuous, integer
    if kind == "choice":
        param.values = item_facts(body.get("values"))
    elif dist_name == "randint":
        param.high = present(body, "upper")
    elif kind in ("uniform", "quniform", "loguniform"):
        param.low = present(body, "min_value")
        param.high = present(body, "max_value")
    param.step = present(body, "q")
    return param
