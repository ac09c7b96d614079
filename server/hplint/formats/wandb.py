"""Weights & Biases sweep config (`method` + `parameters`) → IR.

Parameters without `distribution` get the distribution W&B itself infers
(`wandb/sweeps` `config/schema.py` `fill_parameter`): `values` (+ `probabilities`) → categorical,
`value` → constant, integer `min`/`max` → `int_uniform`, other `min`/`max` → `uniform`. For an
inferred distribution `SearchParam.dist` stays None and `dist_name` holds the inferred name, so
HP614 can tell "W&B chose int_uniform for you" from "you asked for int_uniform".

Nested `parameters:` blocks are flattened into dotted names (`optimizer.nadam.beta`), which is
how W&B passes them to the run (`wandb.config["optimizer"]["nadam"]["beta"]`).

`early_terminate` (only `type: hyperband` exists) does not change `search.method`: the method
still decides how configurations are proposed, while hyperband stops runs early. It fills
`search.early_termination` (value: the `type`) and, when `min_iter` or `max_iter` is given,
`search.resource`.

Fixed `value:` parameters with a training meaning (`learning_rate`/`lr`, `batch_size`, …) also
become `Training` facts, so the HP1xx rules run on sweeps.
"""

from __future__ import annotations

import functools

from hplint.detection import WANDB
from hplint.document.access import mapping
from hplint.document.model import MappingNode, Node
from hplint.document.values import remember, subtree_memo
from hplint.formats._util import (
    fact,
    is_int,
    item_facts,
    items,
    normalise_method,
    present,
    section,
    set_training_fact,
    termination_policy,
)
from hplint.ir import Config, Fact, Search, SearchParam, Training

_PARAM_MEMO = "wandb.param"  # key of this adapter's entries in `subtree_memo`s

METHODS = {"grid": "grid", "random": "random", "bayes": "bayesian", "custom": "other"}

# distribution → (normalised kind, log, exponent bounds, continuous, integer)
_DISTRIBUTIONS: dict[str, tuple[str, bool, bool, bool, bool]] = {
    "categorical": ("choice", False, False, False, False),
    "categorical_w_probabilities": ("choice", False, False, False, False),
    "constant": ("constant", False, False, False, False),
    "int_uniform": ("int", False, False, False, True),
    "uniform": ("uniform", False, False, True, False),
    "q_uniform": ("quniform", False, False, False, False),
    "log_uniform": ("loguniform", True, True, True, False),
    "log_uniform_values": ("loguniform", True, False, True, False),
    "q_log_uniform": ("quniform", True, True, False, False),
    "q_log_uniform_values": ("quniform", True, False, False, False),
    "inv_log_uniform": ("loguniform", True, True, True, False),
    "inv_log_uniform_values": ("loguniform", True, False, True, False),
    "normal": ("normal", False, False, True, False),
    "q_normal": ("normal", False, False, False, False),
    "log_normal": ("lognormal", True, False, True, False),
    "q_log_normal": ("lognormal", True, False, False, False),
    "beta": ("other", False, False, True, False),
    "q_beta": ("other", False, False, False, False),
}

DEPRECATED_DISTRIBUTIONS = {
    "log_uniform": "log_uniform_values",
    "q_log_uniform": "q_log_uniform_values",
    "inv_log_uniform": "inv_log_uniform_values",
}


def adapt(root: Node) -> Config:
    config = Config(format_id=WANDB, root=root)
    top = mapping(root)
    if top is None:
        return config
    search = Search(node=root)
    search.method, search.method_raw = normalise_method(fact(top, "method"), METHODS)
    search.trials = present(top, "run_cap")
    _objective(top, search)
    _early_terminate(top, search)
    search.space_section = section(top, "parameters")
    training = Training()
    _parameters(mapping(search.space_section.node), (), search, training)
    if any(
        getattr(training, name) is not None
        for name in (
            "learning_rate",
            "batch_size",
            "optimizer",
            "epochs",
            "momentum",
            "weight_decay",
        )
    ):
        training.node = search.space_section.node
        training.key = search.space_section.key
    config.search = search
    config.training = training
    return config


def _objective(top: MappingNode, search: Search) -> None:
    metric = section(top, "metric")
    body = mapping(metric.node)
    if body is None:
        metrics = section(top, "metrics")  # multi-objective (method: custom)
        first = next(iter(items(metrics.node)), None)
        body = mapping(first)
        if body is None:
            return
        metric = metrics
    search.objective_section = metric
    search.objective_metric = present(body, "name")
    search.objective_direction = present(body, "goal")


def _early_terminate(top: MappingNode, search: Search) -> None:
    policy = termination_policy(top, "early_terminate", "type")
    search.early_termination = policy
    if policy is None or policy.value != "hyperband":
        return
    body = policy.node
    assert isinstance(body, MappingNode)
    if body.get("min_iter") is not None or body.get("max_iter") is not None:
        search.resource = section(top, "early_terminate")
        search.resource_min = fact(body, "min_iter")
        search.resource_max = fact(body, "max_iter")


def _parameters(
    body: MappingNode | None, prefix: tuple[str, ...], search: Search, training: Training
) -> None:
    for param in _dimensions(body, prefix):
        search.space.append(param)
        if param.kind == "constant" and param.values:
            set_training_fact(training, param.name, param.values[0])


def _dimensions(body: MappingNode | None, prefix: tuple[str, ...]) -> list[SearchParam]:
    """The dimensions of a `parameters` mapping, nested groups flattened in order."""
    if body is None:
        return []
    found: list[SearchParam] = []
    for entry in body.own_entries():
        # Kept in each entry's subtree memo: after an edit, the language server's next lint
        # reads again only the parameter (and the groups) that hold it.
        path = (*prefix, entry.key_text)
        found.extend(
            remember(
                subtree_memo(entry.value),
                (_PARAM_MEMO, path),
                functools.partial(_read_entry, path, entry.key, entry.value),
            )
        )
    return found


def _read_entry(path: tuple[str, ...], key: Node, node: Node) -> tuple[SearchParam, ...]:
    spec = mapping(node)
    if spec is None:
        return ()
    nested = spec.get("parameters")
    if nested is not None and spec.get("distribution") is None and spec.get("values") is None:
        return tuple(_dimensions(mapping(nested), path))
    return (_read_param(path, key, node, spec),)


def _read_param(path: tuple[str, ...], key: Node, node: Node, spec: MappingNode) -> SearchParam:
    param = SearchParam(node=node, key=key, name=".".join(path), path=path)
    name: str | None
    dist = present(spec, "distribution")
    if dist is not None and isinstance(dist.value, str):
        param.dist = dist
        name = dist.value
    else:
        name = _inferred(spec)
    param.dist_name = name
    kind, log, exponent, continuous, integer = _DISTRIBUTIONS.get(
        name or "", ("other", False, False, False, False)
    )
    param.kind, param.log, param.exponent_bounds = kind, log, exponent
    param.continuous, param.integer = continuous, integer
    if kind not in ("normal", "lognormal", "choice", "constant"):
        param.low = present(spec, "min")
        param.high = present(spec, "max")
    param.step = present(spec, "q")
    if kind == "choice":
        param.values = item_facts(spec.get("values"))
    elif kind == "constant":
        value = fact(spec, "value")
        if value is not None:
            param.values = [Fact(value.value, value.node, value.key)]
    return param


def _inferred(spec: MappingNode) -> str | None:
    """The distribution W&B picks when `distribution` is absent."""
    if spec.get("values") is not None:
        return (
            "categorical_w_probabilities"
            if spec.get("probabilities") is not None
            else "categorical"
        )
    if spec.get("value") is not None:
        return "constant"
    low, high = fact(spec, "min"), fact(spec, "max")
    if low is not None and high is not None:
        if is_int(low.value) and is_int(high.value):
            return "int_uniform"
        return "uniform"
    return None
