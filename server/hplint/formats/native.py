"""The native format (`hplint: 1`, docs/native-format.md) → IR.

The native format is the IR written down, so this adapter is a direct walk. Keys are the ones the
schema allows; anything else has already been reported as HP002 by schema validation.
"""

from __future__ import annotations

from hplint.document.access import mapping, sequence
from hplint.document.model import MappingNode, Node
from hplint.document.values import remember, subtree_memo
from hplint.formats._util import fact, section
from hplint.ir import (
    Config,
    Data,
    EarlyStopping,
    Estimator,
    Layer,
    Model,
    Network,
    Reference,
    Scheduler,
    Search,
    SearchParam,
    Section,
    Training,
    Validation,
    number,
)

# Keys of this adapter's entries in `subtree_memo`s.
_ESTIMATOR_MEMO = "native.estimator"
_SPACE_PARAM_MEMO = "native.space-param"

_DIST_KINDS = {
    "uniform": "uniform",
    "loguniform": "loguniform",
    "int": "int",
    "quniform": "quniform",
    "normal": "normal",
}


def adapt(root: Node) -> Config:
    top = mapping(root)
    config = Config(format_id="hplint", root=root)
    if top is None:
        return config
    config.data = _data(top, config)
    config.model = _model(top, config)
    config.training = _training(top)
    config.validation = _validation(top)
    config.search = _search(top)
    config.evaluation = section(top, "evaluation")
    if config.evaluation.node is None:
        config.evaluation = section(top, "inference")
    return config


def estimator_from(node: Node, key: Node | None, config: Config) -> Estimator | None:
    """An estimator mapping `{class, params}` (with `name` for pipeline steps), appended to
    `config.estimators` after the estimators nested in its parameters."""
    found = _estimators(node, key)
    config.estimators.extend(found)
    return found[-1] if found else None


def _estimators(node: Node, key: Node | None) -> list[Estimator]:
    """The estimator at `node` last, after those nested in its parameters (none if `node` is
    not one). Kept in the node's subtree memo: after an edit elsewhere the language server's
    next lint reuses it instead of reading the mapping again (a long pipeline has hundreds of
    steps)."""
    return remember(subtree_memo(node), _ESTIMATOR_MEMO, lambda: _read_estimators(node, key))


def _read_estimators(node: Node, key: Node | None) -> list[Estimator]:
    body = mapping(node)
    if body is None:
        return []
    cls = fact(body, "class")
    if cls is None or not isinstance(cls.value, str):
        return []
    estimator = Estimator(node=node, key=key, cls=cls, name=fact(body, "name"))  # type: ignore[arg-type]
    estimator.params_section = section(body, "params")
    found: list[Estimator] = []
    params = mapping(estimator.params_section.node)
    if params is not None:
        for entry in params.own_entries():
            value = fact(params, entry.key_text)
            if value is not None:
                estimator.params[entry.key_text] = value
            nested = mapping(entry.value)
            if nested is not None and nested.get("class") is not None:
                inner = _estimators(entry.value, entry.key)
                if inner:
                    found.extend(inner)
                    estimator.nested.append(inner[-1])
    found.append(estimator)
    return found


def _data(top: MappingNode, config: Config) -> Data:
    sec = section(top, "data")
    body = mapping(sec.node)
    data = Data(node=sec.node, key=sec.key)
    if body is None:
        return data
    for name in (
        "train",
        "valid",
        "test",
        "target",
        "task",
        "n_samples",
        "n_features",
        "n_classes",
        "class_counts",
        "scaled",
        "time_column",
        "group_column",
        "numeric",
    ):
        setattr(data, name, fact(body, name))
    data.transforms_section = section(body, "transforms")
    items = sequence(data.transforms_section.node)
    if items is not None:
        for item in items.items:
            step = estimator_from(item, None, config)
            if step is not None:
                data.transforms.append(step)
    return data


def _model(top: MappingNode, config: Config) -> Model:
    sec = section(top, "model")
    model = Model(node=sec.node, key=sec.key)
    body = mapping(sec.node)
    if body is None:
        return model
    estimator_entry = body.get_entry("estimator")
    pipeline_entry = body.get_entry("pipeline")
    network_entry = body.get_entry("network")
    if estimator_entry is not None:
        model.kind = "estimator"
        step = estimator_from(estimator_entry.value, estimator_entry.key, config)
        if step is not None:
            model.steps.append(step)
    elif pipeline_entry is not None:
        model.kind = "pipeline"
        model.pipeline_section = Section(pipeline_entry.value, pipeline_entry.key)
        steps = sequence(pipeline_entry.value)
        if steps is not None:
            for item in steps.items:
                step = estimator_from(item, None, config)
                if step is not None:
                    model.steps.append(step)
    elif network_entry is not None:
        model.kind = "network"
        model.network = _network(network_entry.value, network_entry.key)
    return model


def _layer(node: Node, key: Node | None) -> Layer:
    body = mapping(node)
    layer = Layer(node=node, key=key)
    if body is not None:
        layer.units = fact(body, "units")
        layer.activation = fact(body, "activation")
        layer.dropout = fact(body, "dropout")
        layer.batchnorm = fact(body, "batchnorm")
    return layer


def _network(node: Node, key: Node | None) -> Network:
    body = mapping(node)
    network = Network(node=node, key=key)
    if body is None:
        return network
    network.input_dim = fact(body, "input_dim")
    network.input_dropout = fact(body, "input_dropout")
    layers = sequence(body.get("layers"))
    if layers is not None:
        network.layers = [_layer(item, None) for item in layers.items]
    output = body.get_entry("output")
    if output is not None:
        network.output = _layer(output.value, output.key)
    return network


def _training(top: MappingNode) -> Training:
    sec = section(top, "training")
    training = Training(node=sec.node, key=sec.key)
    body = mapping(sec.node)
    if body is None:
        return training
    for name in (
        "optimizer",
        "learning_rate",
        "momentum",
        "betas",
        "weight_decay",
        "batch_size",
        "batch_size_scope",
        "grad_accum_steps",
        "devices",
        "nodes",
        "epochs",
        "max_steps",
        "shuffle",
        "loss",
    ):
        setattr(training, name, fact(body, name))
    ref = section(body, "reference")
    ref_body = mapping(ref.node)
    if ref_body is not None:
        training.reference = Reference(
            node=ref.node,
            key=ref.key,
            batch_size=fact(ref_body, "batch_size"),
            learning_rate=fact(ref_body, "learning_rate"),
            scaling=fact(ref_body, "scaling"),
        )
    sched = section(body, "scheduler")
    sched_body = mapping(sched.node)
    if sched_body is not None:
        training.scheduler = Scheduler(
            node=sched.node,
            key=sched.key,
            type=fact(sched_body, "type"),
            warmup_epochs=fact(sched_body, "warmup_epochs"),
            warmup_steps=fact(sched_body, "warmup_steps"),
            warmup_ratio=fact(sched_body, "warmup_ratio"),
            max_lr=fact(sched_body, "max_lr") or fact(sched_body, "peak_lr"),
            t_max=fact(sched_body, "T_max") or fact(sched_body, "t_max"),
            milestones=fact(sched_body, "milestones"),
            patience=fact(sched_body, "patience"),
        )
    es = section(body, "early_stopping")
    if es.node is not None:
        es_body = mapping(es.node)
        early = EarlyStopping(node=es.node, key=es.key)
        if es_body is not None:
            for name in (
                "monitor",
                "mode",
                "patience",
                "min_delta",
                "restore_best_weights",
                "validation_fraction",
            ):
                setattr(early, name, fact(es_body, name))
        training.early_stopping = early
    return training


def _validation(top: MappingNode) -> Validation:
    sec = section(top, "validation")
    validation = Validation(node=sec.node, key=sec.key)
    body = mapping(sec.node)
    if body is not None:
        validation.method = fact(body, "method")
        validation.folds = fact(body, "folds")
        validation.holdout = fact(body, "holdout")
        validation.shuffle = fact(body, "shuffle")
    return validation


def _search(top: MappingNode) -> Search:
    sec = section(top, "search")
    search = Search(node=sec.node, key=sec.key)
    body = mapping(sec.node)
    if body is None:
        return search
    search.method = fact(body, "method")
    search.method_raw = (
        search.method.value if search.method and isinstance(search.method.value, str) else None
    )
    search.library = fact(body, "library")
    search.startup_trials = fact(body, "startup_trials")
    objective = section(body, "objective")
    search.objective_section = objective
    objective_body = mapping(objective.node)
    if objective_body is not None:
        search.objective_metric = fact(objective_body, "metric")
        search.objective_direction = fact(objective_body, "direction")
    budget = mapping(body.get("budget"))
    if budget is not None:
        search.trials = fact(budget, "trials")
        search.parallel = fact(budget, "parallel")
        search.timeout = fact(budget, "timeout")
    resource = section(body, "resource")
    if resource.node is not None:
        search.resource = resource
        resource_body = mapping(resource.node)
        search.resource_param = fact(resource_body, "param")
        search.resource_min = fact(resource_body, "min")
        search.resource_max = fact(resource_body, "max")
    search.space_section = section(body, "space")
    space = mapping(search.space_section.node)
    if space is not None:
        for entry in space.own_entries():
            search.space.append(_space_param(entry.key_text, entry.key, entry.value))
    return search


def _space_param(name: str, key: Node, node: Node) -> SearchParam:
    return remember(
        subtree_memo(node), (_SPACE_PARAM_MEMO, name), lambda: _read_space_param(name, key, node)
    )


def _read_space_param(name: str, key: Node, node: Node) -> SearchParam:
    param = SearchParam(node=node, key=key, name=name, path=tuple(name.split(".")))
    body = mapping(node)
    if body is None:
        return param
    choice = body.get("choice")
    if choice is not None:
        param.kind = "choice"
        param.dist_name = "choice"
        param.dist = fact(body, "choice")
        items = sequence(choice)
        if items is not None:
            from hplint.document.model import ScalarNode
            from hplint.ir import Fact

            for item in items.items:
                resolved = item.resolve()
                value = resolved.value if isinstance(resolved, ScalarNode) else None
                param.values.append(Fact(value, item))
        return param
    dist = fact(body, "dist")
    param.dist = dist
    dist_name = dist.value if dist is not None and isinstance(dist.value, str) else None
    param.dist_name = dist_name
    param.kind = _DIST_KINDS.get(dist_name or "", "other")
    param.low = fact(body, "low")
    param.high = fact(body, "high")
    param.step = fact(body, "q") or fact(body, "step")
    log = fact(body, "log")
    param.log = param.kind == "loguniform" or (log is not None and log.value is True)
    param.integer = param.kind == "int"
    param.continuous = param.kind in ("uniform", "loguniform", "normal")
    if param.kind == "normal":
        param.low = None
        param.high = None
    _ = number  # bounds stay facts; rules read them with ir.number()
    return param
