"""The internal representation (IR): what a config *means*, whatever its format.

Every format adapter (`hplint.formats`) maps its document into these dataclasses. Every value is a
`Fact` that still points at the node it came from, so judgement rules are written once, run on
every format, and still underline the exact key or value in the user's file.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from hplint.document.model import MappingNode, Node

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Fact(Generic[T]):
    """A value and where it is written: `node` is the value node, `key` the key node (if any)."""

    value: T
    node: Node
    key: Node | None = None

    @property
    def key_or_node(self) -> Node:
        return self.key if self.key is not None else self.node


def number(fact: Fact[object] | None) -> float | None:
    """The fact's value as a finite number (numeric strings included), else None. Never bool."""
    if fact is None:
        return None
    return as_number(fact.value)


def as_number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            parsed = float(value.strip())
        except ValueError:
            return None
        return parsed if math.isfinite(parsed) else None
    return None


def text(fact: Fact[object] | None) -> str | None:
    if fact is None or not isinstance(fact.value, str):
        return None
    return fact.value


def boolean(fact: Fact[object] | None) -> bool | None:
    if fact is None:
        return None
    value = fact.value
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


AnyFact = Fact[object]


@dataclass(slots=True)
class Section:
    """A config section: its value node (a mapping) and the key node that names it."""

    node: Node | None = None
    key: Node | None = None

    @property
    def anchor(self) -> Node | None:
        return self.key if self.key is not None else self.node

    @property
    def mapping(self) -> MappingNode | None:
        if self.node is None:
            return None
        resolved = self.node.resolve()
        return resolved if isinstance(resolved, MappingNode) else None


# Rules ask for the class name and library of every estimator many times per lint.
@functools.lru_cache(maxsize=4096)
def _short_class_name(dotted: str) -> str:
    return dotted.rsplit(".", 1)[-1]


@functools.lru_cache(maxsize=4096)
def _library(dotted: str) -> str:
    head = dotted.split(".", 1)[0].lower()
    if head in ("sklearn", "lightgbm", "xgboost"):
        return head
    short = _short_class_name(dotted)
    if short.startswith("LGBM"):
        return "lightgbm"
    if short.startswith("XGB"):
        return "xgboost"
    return ""


@dataclass(slots=True)
class Estimator(Section):
    """An estimator (or transformer) named by class with its parameters."""

    cls: Fact[str] | None = None
    name: AnyFact | None = None  # pipeline step name
    params: dict[str, AnyFact] = field(default_factory=dict)
    params_section: Section = field(default_factory=Section)
    nested: list[Estimator] = field(default_factory=list)  # estimators inside params

    @property
    def class_name(self) -> str:
        """The short class name (`Lasso` for `sklearn.linear_model.Lasso`)."""
        return _short_class_name(self.cls.value) if self.cls is not None else ""

    @property
    def library(self) -> str:
        """`sklearn`, `lightgbm`, `xgboost` or `` from the dotted class path."""
        return _library(self.cls.value) if self.cls is not None else ""

    def param(self, *names: str) -> AnyFact | None:
        for name in names:
            if name in self.params:
                return self.params[name]
        return None


@dataclass(slots=True)
class Layer(Section):
    """One layer of a `model.network`: a `layers` item or the `output` layer."""

    units: AnyFact | None = None
    activation: AnyFact | None = None
    dropout: AnyFact | None = None
    batchnorm: AnyFact | None = None


@dataclass(slots=True)
class Network(Section):
    """A network written layer by layer (`model.network`): input, hidden `layers`, `output`."""

    input_dim: AnyFact | None = None
    input_dropout: AnyFact | None = None
    layers: list[Layer] = field(default_factory=list)
    output: Layer | None = None


@dataclass(slots=True)
class Model(Section):
    """What the config trains: one estimator, a pipeline of steps or a network (`kind`)."""

    kind: str | None = None  # "estimator" | "pipeline" | "network"
    steps: list[Estimator] = field(default_factory=list)  # one step for a lone estimator
    network: Network | None = None
    pipeline_section: Section = field(default_factory=Section)

    @property
    def final_estimator(self) -> Estimator | None:
        return self.steps[-1] if self.steps else None


@dataclass(slots=True)
class Reference(Section):
    """`training.reference`: the batch size the learning rate was tuned at, and how to scale it."""

    batch_size: AnyFact | None = None
    learning_rate: AnyFact | None = None
    scaling: AnyFact | None = None


@dataclass(slots=True)
class Scheduler(Section):
    """The learning-rate schedule: its type, warm-up, peak (`max_lr`), period and milestones."""

    type: AnyFact | None = None
    warmup_epochs: AnyFact | None = None
    warmup_steps: AnyFact | None = None
    warmup_ratio: AnyFact | None = None
    max_lr: AnyFact | None = None
    t_max: AnyFact | None = None
    milestones: AnyFact | None = None
    patience: AnyFact | None = None  # ReduceLROnPlateau: epochs without improvement


@dataclass(slots=True)
class EarlyStopping(Section):
    """Early stopping: the metric it watches and which way, its patience, its validation data."""

    monitor: AnyFact | None = None
    mode: AnyFact | None = None
    patience: AnyFact | None = None
    min_delta: AnyFact | None = None
    restore_best_weights: AnyFact | None = None
    validation_fraction: AnyFact | None = None


@dataclass(slots=True)
class Training(Section):
    """How the model is trained: optimizer, learning rate, the batch and what multiplies it,
    length, loss, schedule and early stopping."""

    optimizer: AnyFact | None = None
    learning_rate: AnyFact | None = None
    momentum: AnyFact | None = None
    betas: AnyFact | None = None
    weight_decay: AnyFact | None = None
    batch_size: AnyFact | None = None
    batch_size_scope: AnyFact | None = None
    grad_accum_steps: AnyFact | None = None
    devices: AnyFact | None = None
    nodes: AnyFact | None = None
    epochs: AnyFact | None = None
    max_steps: AnyFact | None = None
    shuffle: AnyFact | None = None
    loss: AnyFact | None = None
    # The optimizer the framework runs when the file names none (canonical name; no node):
    # the Trainer's `default_optim` is an AdamW implementation in every release.
    default_optimizer: str | None = None
    reference: Reference | None = None
    scheduler: Scheduler | None = None
    early_stopping: EarlyStopping | None = None


@dataclass(slots=True)
class Data(Section):
    """The data: its files, target and task, declared shape and columns, and its transforms."""

    train: AnyFact | None = None
    valid: AnyFact | None = None
    test: AnyFact | None = None
    target: AnyFact | None = None
    task: AnyFact | None = None
    n_samples: AnyFact | None = None
    n_features: AnyFact | None = None
    n_classes: AnyFact | None = None
    class_counts: AnyFact | None = None
    scaled: AnyFact | None = None
    time_column: AnyFact | None = None
    group_column: AnyFact | None = None
    numeric: AnyFact | None = None
    transforms: list[Estimator] = field(default_factory=list)
    transforms_section: Section = field(default_factory=Section)


@dataclass(slots=True)
class Validation(Section):
    """The validation scheme: `method` (k-fold, holdout, time series…), `folds`, `holdout`."""

    method: AnyFact | None = None
    folds: AnyFact | None = None
    holdout: AnyFact | None = None
    shuffle: AnyFact | None = None


@dataclass(slots=True)
class SearchParam(Section):
    """One searched dimension. `node` is the distribution node, `key` its name's key node.

    `kind` is normalised across formats: `choice`, `uniform`, `loguniform`, `int`, `quniform`,
    `normal`, `lognormal`, `constant` or `other`; `dist_name` keeps the format's own spelling.
    """

    name: str = ""
    path: tuple[str, ...] = ()
    kind: str = "other"
    dist_name: str | None = None
    dist: AnyFact | None = None  # the node that spells the distribution, if any
    low: AnyFact | None = None
    high: AnyFact | None = None
    step: AnyFact | None = None
    values: list[AnyFact] = field(default_factory=list)
    log: bool = False
    integer: bool = False
    exponent_bounds: bool = False  # bounds are natural-log exponents (W&B log_uniform, Azure)
    continuous: bool = False  # takes uncountably many values (grid search cannot enumerate it)

    @property
    def short_name(self) -> str:
        return _last_segment(self.name)


@dataclass(slots=True)
class Search(Section):
    """The hyperparameter search: its method, objective, budget, Hyperband resource and space."""

    method: AnyFact | None = None  # normalised: manual|grid|random|bayesian|hyperband|other
    method_raw: str | None = None  # the format's spelling (bayes, Bayesian, bayesianoptimization)
    library: AnyFact | None = None
    # The class that runs the search when the file names one (Hydra's sweeper `_target_`): rules
    # that encode one implementation's behaviour stay silent for another.
    implementation: AnyFact | None = None
    objective_metric: AnyFact | None = None
    objective_direction: AnyFact | None = None
    objective_section: Section = field(default_factory=Section)
    trials: AnyFact | None = None
    parallel: AnyFact | None = None
    timeout: AnyFact | None = None
    startup_trials: AnyFact | None = None
    resource: Section | None = None
    resource_param: AnyFact | None = None
    resource_min: AnyFact | None = None  # Hyperband's smallest budget (`min`, W&B `min_iter`)
    resource_max: AnyFact | None = None  # and its largest (`max`, W&B `max_iter`)
    early_termination: AnyFact | None = None
    space: list[SearchParam] = field(default_factory=list)
    space_section: Section = field(default_factory=Section)

    @property
    def method_name(self) -> str | None:
        return text(self.method)


@dataclass(slots=True)
class TargetObject:
    """An object the config asks Hydra to instantiate: `{_target_: pkg.Class, **params}`."""

    mapping: MappingNode
    cls: Fact[str]  # the `_target_` value
    params: list[tuple[str, AnyFact]]  # every other key but Hydra's own, with its key node
    nested: dict[str, MappingNode]  # the params whose value is a mapping


@dataclass(slots=True)
class Config:
    """Everything the rules know about one tuning config."""

    format_id: str
    root: Node
    data: Data = field(default_factory=Data)
    model: Model = field(default_factory=Model)
    training: Training = field(default_factory=Training)
    validation: Validation = field(default_factory=Validation)
    search: Search = field(default_factory=Search)
    evaluation: Section = field(default_factory=Section)
    estimators: list[Estimator] = field(default_factory=list)  # every estimator, nested included
    targets: list[TargetObject] = field(default_factory=list)  # `_target_` objects, in any format
    # Facts derived from this config, computed once each (`hplint.analysis.derived`).
    derived: dict[object, object] = field(default_factory=dict, repr=False, compare=False)

    def all_estimators(self) -> list[Estimator]:
        return self.estimators


@functools.lru_cache(maxsize=4096)
def _last_segment(name: str) -> str:
    """`model.optimizer.lr` and `optim/lr` → `lr`. Cached: rules ask for it of every searched
    dimension on every keystroke."""
    return name.rsplit(".", 1)[-1].rsplit("/", 1)[-1]
