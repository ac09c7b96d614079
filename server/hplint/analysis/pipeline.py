"""Pipeline analysis shared by the HP2xx and HP4xx rules (docs/rules/conventions.md §3, §4).

- `placements(config)`: every estimator with the steps that are fitted before it (data transforms,
  earlier pipeline steps), wrappers unwrapped (`GridSearchCV.estimator`,
  `TransformedTargetRegressor.regressor`, `Bagging*.estimator`, nested `Pipeline.steps`).
- `scaler_verdict(steps, numeric)`: does a step in `steps` equalize per-feature variance?
- `effective_features(...)`: `n_features` after known expansions/reductions of the preceding steps.
- `n_train(config)`: training rows per fit from `n_samples` and the validation scheme.
- `searched(config, estimator, names)`: the search-space entries that vary a parameter of
  `estimator`.
- `insert_param(...)`: a minimal edit that adds `key: value` to an estimator's `params`.

The native adapter keeps estimators written inside *lists* (`Pipeline.steps`,
`ColumnTransformer.transformers`, `FeatureUnion.transformer_list`) as plain values, so this module
reads those lists from their nodes with the native `{name, class, params}` shape (and the
scikit-learn tuple shape `[name, {class: ...}, columns]`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import overload

from hplint.analysis import derived
from hplint.document.access import mapping, scalar_value, sequence
from hplint.document.model import MappingNode, Node, ScalarNode, SequenceNode
from hplint.ir import (
    AnyFact,
    Config,
    Estimator,
    Fact,
    SearchParam,
    Section,
    as_number,
    boolean,
    number,
    text,
)

# --- knowledge tables (docs/rules/conventions.md §3) ------------------------------------

PENALIZED_LINEAR = frozenset(
    {
        "Ridge",
        "RidgeCV",
        "RidgeClassifier",
        "RidgeClassifierCV",
        "Lasso",
        "LassoCV",
        "LassoLars",
        "LassoLarsCV",
        "LassoLarsIC",
        "ElasticNet",
        "ElasticNetCV",
        "MultiTaskLasso",
        "MultiTaskLassoCV",
        "MultiTaskElasticNet",
        "MultiTaskElasticNetCV",
        "LogisticRegression",
        "LogisticRegressionCV",
        "SGDClassifier",
        "SGDRegressor",
        "LinearSVC",
        "LinearSVR",
    }
)
DISTANCE_BASED = frozenset(
    {
        "SVC",
        "SVR",
        "NuSVC",
        "NuSVR",
        "KNeighborsClassifier",
        "KNeighborsRegressor",
        "KNeighborsTransformer",
        "KMeans",
        "MiniBatchKMeans",
    }
)
GRADIENT_TRAINED = frozenset({"MLPClassifier", "MLPRegressor"})
SCALE_SENSITIVE = PENALIZED_LINEAR | DISTANCE_BASED | GRADIENT_TRAINED

SCALERS = frozenset(
    {
        "StandardScaler",
        "RobustScaler",
        "MinMaxScaler",
        "MaxAbsScaler",
        "QuantileTransformer",
        "PowerTransformer",
    }
)
# Scaler parameters that, set to false, stop the step from equalizing variance.
_SCALER_SWITCHES = {
    "StandardScaler": "with_std",
    "RobustScaler": "with_scaling",
    "PowerTransformer": "standardize",
}
# Steps whose output columns are already on one comparable scale: counts and tf-idf weights
# (scikit-learn pairs TfidfVectorizer with LinearSVC), indicator columns, and B-spline bases
# (bounded in [0, 1]; scikit-learn's example pairs SplineTransformer with Ridge).
COMPARABLE_SCALE_OUTPUTS = frozenset(
    {
        "CountVectorizer",
        "TfidfVectorizer",
        "HashingVectorizer",
        "TfidfTransformer",
        "OneHotEncoder",
        "MultiLabelBinarizer",
        "LabelBinarizer",
        "SplineTransformer",
    }
)
# Steps that create new columns whose scale no earlier scaler controlled.
_UNSCALED_EXPANSIONS = frozenset({"PolynomialFeatures"})
PIPELINES = frozenset({"Pipeline"})
UNIONS = frozenset({"ColumnTransformer", "FeatureUnion"})
# Parameters of meta-estimators that hold the estimator fitted on the same features.
WRAPPED_PARAMS = frozenset({"estimator", "regressor", "classifier", "base_estimator"})
_BRANCH_LISTS = ("transformers", "transformer_list")


def _is_sklearn_like(est: Estimator) -> bool:
    return est.library not in ("lightgbm", "xgboost")


def is_scale_sensitive(est: Estimator) -> bool:
    if not _is_sklearn_like(est) or est.class_name not in SCALE_SENSITIVE:
        return False
    # Cosine distance compares directions: the tf-idf and embedding vectors it is used on are
    # already comparable, and scikit-learn's text examples use it unscaled.
    return not (
        est.class_name.startswith("KNeighbors") and text(est.params.get("metric")) == "cosine"
    )


# --- reading nested estimators ---------------------------------------------------------------


@dataclass(slots=True)
class Branch:
    """One branch of a ColumnTransformer/FeatureUnion: an estimator or `passthrough`/`drop`."""

    transformer: Estimator | str | None
    columns: list[str] | None = None


class Preceding(Sequence[Estimator]):
    """The first `size` estimators of `steps`, without copying them.

    Every step of a long pipeline has all earlier steps before it; copying them into a tuple per
    step made `placements` quadratic in the pipeline length (time and memory).
    """

    __slots__ = ("_size", "_steps")

    def __init__(self, steps: tuple[Estimator, ...] = (), size: int | None = None) -> None:
        self._steps = steps
        self._size = len(steps) if size is None else size

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> Estimator: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Estimator]: ...

    def __getitem__(self, index: int | slice) -> Estimator | Sequence[Estimator]:
        if isinstance(index, slice):
            return self._steps[: self._size][index]
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError(index)
        return self._steps[index]

    def __iter__(self) -> Iterator[Estimator]:
        return islice(self._steps, self._size)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Preceding | tuple):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Preceding({tuple(self)!r})"


@dataclass(slots=True)
class Placement:
    """An estimator and the steps fitted before it on the same rows and features."""

    estimator: Estimator
    preceding: Preceding = field(default_factory=Preceding)
    siblings: SequenceNode | None = None  # the block list of steps it is an item of


def _fact(body: MappingNode, key: str) -> Fact[object] | None:
    entry = body.get_entry(key)
    if entry is None:
        return None
    return Fact(_value(entry.value), entry.value, entry.key)


def _value(node: Node) -> object:
    resolved = node.resolve()
    if isinstance(resolved, ScalarNode):
        return resolved.value
    if isinstance(resolved, SequenceNode):
        return [scalar_value(item) for item in resolved.items]
    return None


def estimator_at(node: Node, key: Node | None = None) -> Estimator | None:
    """An estimator written as `{class, params, name?}` at `node` (no side effects on the IR)."""
    body = mapping(node)
    if body is None:
        return None
    cls = _fact(body, "class")
    if cls is None or not isinstance(cls.value, str):
        return None
    est = Estimator(
        node=node, key=key, cls=Fact(cls.value, cls.node, cls.key), name=_fact(body, "name")
    )
    params_entry = body.get_entry("params")
    if params_entry is not None:
        est.params_section = Section(params_entry.value, params_entry.key)
        params = mapping(params_entry.value)
        if params is not None:
            for entry in params.own_entries():
                value = _fact(params, entry.key_text)
                if value is not None:
                    est.params[entry.key_text] = value
                inner = estimator_at(entry.value, entry.key)
                if inner is not None:
                    est.nested.append(inner)
    return est


def _key_text(node: Node | None) -> str:
    value = scalar_value(node)
    return value if isinstance(value, str) else ""


def nested_by_param(est: Estimator) -> dict[str, Estimator]:
    return {_key_text(inner.key): inner for inner in est.nested}


def _list_param(est: Estimator, name: str) -> SequenceNode | None:
    params = est.params_section.mapping
    return sequence(params.get(name)) if params is not None else None


def pipeline_steps(est: Estimator) -> tuple[list[Estimator], SequenceNode | None]:
    """The steps of a nested `Pipeline` (`{name, class}` items or `[name, {class}]` pairs)."""
    items = _list_param(est, "steps")
    if items is None:
        return [], None
    steps: list[Estimator] = []
    for item in items.items:
        step = estimator_at(item)
        if step is None:
            pair = sequence(item)
            if pair is not None:
                step = next((s for s in map(estimator_at, pair.items) if s is not None), None)
        if step is not None:
            steps.append(step)
    return steps, items


def union_branches(est: Estimator) -> tuple[list[Branch], Branch | None]:
    """The branches of a ColumnTransformer/FeatureUnion and the ColumnTransformer remainder."""
    branches: list[Branch] = []
    for list_name in _BRANCH_LISTS:
        items = _list_param(est, list_name)
        if items is None:
            continue
        for item in items.items:
            branches.append(_branch(item))
    remainder: Branch | None = None
    if est.class_name == "ColumnTransformer":
        inner = nested_by_param(est).get("remainder")
        if inner is not None:
            remainder = Branch(inner)
        else:
            fact = est.params.get("remainder")
            value = fact.value if fact is not None else "drop"
            remainder = Branch(value if isinstance(value, str) else None)
    return branches, remainder


def _columns(node: Node | None) -> list[str] | None:
    items = sequence(node)
    if items is None:
        value = scalar_value(node)
        return [value] if isinstance(value, str) else None
    names = [scalar_value(item) for item in items.items]
    return (
        [n for n in names if isinstance(n, str)] if all(isinstance(n, str) for n in names) else None
    )


def _branch(item: Node) -> Branch:
    body = mapping(item)
    if body is not None:
        est = estimator_at(item)
        columns = _columns(body.get("columns"))
        if est is not None:
            return Branch(est, columns)
        transformer = body.get("transformer")
        inner = estimator_at(transformer) if transformer is not None else None
        if inner is not None:
            return Branch(inner, columns)
        value = scalar_value(transformer)
        return Branch(value if isinstance(value, str) else None, columns)
    parts = sequence(item)
    if parts is not None and len(parts.items) >= 2:
        second = parts.items[1]
        inner = estimator_at(second)
        columns = _columns(parts.items[2]) if len(parts.items) >= 3 else None
        if inner is not None:
            return Branch(inner, columns)
        value = scalar_value(second)
        return Branch(value if isinstance(value, str) else None, columns)
    return Branch(None)


# --- placements ------------------------------------------------------------------------------


def placements(config: Config) -> list[Placement]:
    """Every estimator of the model (and of `data.transforms`) with what is fitted before it.

    A dozen rules ask for the placements of the same config during one lint: they are computed
    once per config; callers only read them.
    """
    return derived(config, "placements", lambda: _placements(config))


def _placements(config: Config) -> list[Placement]:
    out: list[Placement] = []
    transforms = tuple(config.data.transforms)
    for index in range(len(transforms)):
        _place(transforms[index], Preceding(transforms, index), None, out)
    steps = config.model.steps
    siblings = (
        sequence(config.model.pipeline_section.node) if config.model.kind == "pipeline" else None
    )
    chain = transforms + tuple(steps)
    for index, step in enumerate(steps):
        _place(step, Preceding(chain, len(transforms) + index), siblings, out)
    return out


def _place(
    est: Estimator,
    preceding: Preceding,
    siblings: SequenceNode | None,
    out: list[Placement],
) -> None:
    out.append(Placement(est, preceding, siblings))
    if est.class_name in PIPELINES:
        steps, items = pipeline_steps(est)
        block = items if items is not None and not items.flow else None
        chain = tuple(preceding) + tuple(steps)
        for index, step in enumerate(steps):
            _place(step, Preceding(chain, len(preceding) + index), block, out)
        return
    if est.class_name in UNIONS:
        branches, remainder = union_branches(est)
        for branch in [*branches, *([remainder] if remainder is not None else [])]:
            if isinstance(branch.transformer, Estimator):
                _place(branch.transformer, preceding, None, out)
        return
    for name, inner in nested_by_param(est).items():
        if name in WRAPPED_PARAMS:
            _place(inner, preceding, None, out)


# --- scaler analysis -------------------------------------------------------------------------


@dataclass(slots=True)
class ScalerVerdict:
    """Whether the features reach an estimator on one scale (`scaler_verdict`), and if not, why."""

    scaled: bool
    notes: list[str] = field(default_factory=list)  # why preceding steps do not count
    undone_by: str | None = None  # a step after the scaler that unscaled the features


def scaler_verdict(steps: Iterable[Estimator], numeric: Sequence[str] | None) -> ScalerVerdict:
    """Whether the features reach the estimator on one scale, reading the steps in order: a
    scaler or a step with comparable-scale outputs settles it, and a later
    `PolynomialFeatures` undoes it (its products of standardized columns have other scales)."""
    notes: list[str] = []
    scaled = False
    undone_by: str | None = None
    for step in steps:
        if step.class_name in _UNSCALED_EXPANSIONS and scaled:
            scaled, undone_by = False, step.class_name
            notes = [f"{step.class_name} after the scaler creates products on other scales"]
            continue
        ok, note = scales(step, numeric)
        if ok:
            scaled = True
        elif note and not scaled:
            notes.append(note)
    return ScalerVerdict(True) if scaled else ScalerVerdict(False, notes, undone_by)


def _comparable_outputs(est: Estimator) -> bool:
    if est.class_name in COMPARABLE_SCALE_OUTPUTS:
        return True
    # KBinsDiscretizer's one-hot encodings are indicators; its `ordinal` codes are not scaled.
    if est.class_name == "KBinsDiscretizer":
        return text(est.params.get("encode")) in (None, "onehot", "onehot-dense")
    return False


def scales(est: Estimator, numeric: Sequence[str] | None) -> tuple[bool, str]:
    """Whether `est` equalizes per-feature variance, and if not, a short reason."""
    name = est.class_name
    if name in SCALERS:
        switch = _SCALER_SWITCHES.get(name)
        if switch is not None and boolean(est.params.get(switch)) is False:
            return False, f"{name} with `{switch}: false` does not rescale"
        return True, ""
    if _comparable_outputs(est):
        return True, ""
    if name == "Normalizer":
        return False, "Normalizer rescales rows, not columns"
    if name in PIPELINES:
        steps, _ = pipeline_steps(est)
        verdict = scaler_verdict(steps, numeric)
        return verdict.scaled, "; ".join(verdict.notes) or f"no step of the nested {name} scales"
    if name in UNIONS:
        return _union_scales(est, numeric)
    if not _known_class(est):
        # A custom or misspelt class (HP002 reports the typo): it may well be a scaler, so
        # give it the benefit of the doubt rather than report a second finding for one cause.
        return True, ""
    return False, f"{name} does not scale"


def _known_class(est: Estimator) -> bool:
    from hplint.knowledge.estimators import catalog

    return est.cls is not None and catalog().resolve(est.cls.value) is not None


def _branch_scales(branch: Branch, numeric_set: set[str] | None) -> bool:
    transformer = branch.transformer
    if transformer == "drop":
        return True
    if (
        numeric_set is not None
        and branch.columns is not None
        and not set(branch.columns) & numeric_set
    ):
        return True  # a branch of non-numeric columns
    if isinstance(transformer, Estimator):
        # one-hot outputs (variance ≤ 0.25) count as scaled: `scales` knows them
        return scales(transformer, None)[0]
    return False  # `passthrough` (or unknown) on numeric columns


def _union_scales(est: Estimator, numeric: Sequence[str] | None) -> tuple[bool, str]:
    numeric_set = set(numeric) if numeric is not None else None
    branches, remainder = union_branches(est)
    if not branches:
        return False, f"{est.class_name} has no readable branches"
    for branch in branches:
        if not _branch_scales(branch, numeric_set):
            return False, f"a numeric branch of {est.class_name} has no scaler"
    if remainder is not None and remainder.transformer != "drop" and numeric_set is not None:
        covered: set[str] = set()
        for branch in branches:
            if branch.columns is None:
                return True, ""  # column split unknown: judge the branches only
            covered |= set(branch.columns)
        rest = numeric_set - covered
        if rest and not _branch_scales(Branch(remainder.transformer, sorted(rest)), numeric_set):
            return False, f"the remainder of {est.class_name} passes numeric columns unscaled"
    return True, ""


def numeric_columns(config: Config) -> list[str] | None:
    value = config.data.numeric.value if config.data.numeric is not None else None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [str(v) for v in value]
    return None


# --- data shape ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrainSize:
    """Training rows per fit (`n_train`) and how they follow from `n_samples`."""

    n: int
    note: str  # how n was derived ("" when n = n_samples)


_KFOLD_METHODS = frozenset({"kfold", "stratified_kfold", "group_kfold", "stratified_group_kfold"})


def n_train(config: Config) -> TrainSize | None:
    """Training rows per fit (docs/rules/conventions.md §4), or None when `n_samples` is unknown.

    Rows are whole (scikit-learn's splitters floor the training part): n − 1 for
    leave-one-out, ⌊n(1 − h)⌋ for a holdout fraction h, ⌊n(k − 1)/k⌋ for k folds and
    ⌊n·k/(k + 1)⌋ for the largest of k time-series splits (k = 5, scikit-learn's default, when
    `folds` is missing or below 2). Leave-one-group-out holds out one group of unknown size: n
    is the upper bound, so that rules about too few rows do not fire on a guess."""
    n = number(config.data.n_samples)
    if n is None or n <= 0:
        return None
    validation = config.validation
    method = validation.method.value if validation.method is not None else None
    method = method.lower() if isinstance(method, str) else None
    folds = number(validation.folds)
    holdout = number(validation.holdout)
    k = int(folds) if folds is not None and folds >= 2 else None
    if method == "loo":
        return TrainSize(int(n) - 1, "leave-one-out")
    if method == "holdout" or (method is None and holdout is not None and k is None):
        if holdout is None or not 0 < holdout < 1:
            return TrainSize(int(n), "")
        return TrainSize(math.floor(n * (1 - holdout)), f"{holdout:g} held out")
    if method == "timeseries":
        k = k or 5
        return TrainSize(math.floor(n * k / (k + 1)), f"largest of {k} time-series splits")
    if method in _KFOLD_METHODS or (method is None and k is not None):
        k = k or 5
        return TrainSize(math.floor(n * (k - 1) / k), f"{k}-fold CV")
    if method == "leave_one_group_out":
        return TrainSize(int(n), "at most: one group held out")
    return TrainSize(int(n), "")


_REDUCERS_N_COMPONENTS = frozenset(
    {
        "PCA",
        "IncrementalPCA",
        "KernelPCA",
        "SparsePCA",
        "MiniBatchSparsePCA",
        "TruncatedSVD",
        "FastICA",
        "NMF",
        "MiniBatchNMF",
        "FactorAnalysis",
        "LatentDirichletAllocation",
        "GaussianRandomProjection",
        "SparseRandomProjection",
    }
)
_SHAPE_PRESERVING = SCALERS | frozenset(
    {
        "SimpleImputer",
        "KNNImputer",
        "IterativeImputer",
        "Normalizer",
        "Binarizer",
        "FunctionTransformer",
        "VarianceThreshold",
    }
)
_EXPANDING = frozenset(
    {"OneHotEncoder", "SplineTransformer", "KBinsDiscretizer", "MissingIndicator"}
)


@dataclass(frozen=True, slots=True)
class FeatureCount:
    """The number of features after some steps; `at_least`: an expansion made it a lower bound."""

    value: int
    at_least: bool = False


def effective_features(p: int, n: int, steps: Iterable[Estimator]) -> FeatureCount | None:
    """Features after `steps` (docs/rules/conventions.md §4); None when a step's output size is
    unknown."""
    count = FeatureCount(p)
    for step in steps:
        result = _step_features(count, n, step)
        if result is None:
            return None
        count = result
    return count


def _int_param(est: Estimator, name: str) -> float | None:
    fact = est.params.get(name)
    return number(fact) if fact is not None else None


def _step_features(count: FeatureCount, n: int, est: Estimator) -> FeatureCount | None:
    name = est.class_name
    p = count.value
    if name in _SHAPE_PRESERVING:
        return count
    if name in _REDUCERS_N_COMPONENTS:
        k = _int_param(est, "n_components")
        raw = est.params["n_components"].value if "n_components" in est.params else None
        if k is not None and float(k).is_integer() and not isinstance(raw, float):
            return FeatureCount(int(k))
        return FeatureCount(min(p, n))  # variance ratio, 'mle' or all components: ≤ min(n, p)
    if name == "SelectKBest":
        raw = est.params["k"].value if "k" in est.params else 10
        if raw == "all":
            return count
        k = as_number(raw)
        return FeatureCount(min(int(k), p)) if k is not None else None
    if name == "SelectPercentile":
        pct = _int_param(est, "percentile")
        return FeatureCount(max(1, int(p * (pct if pct is not None else 10) / 100)))
    if name == "RFE":
        k = _int_param(est, "n_features_to_select")
        if k is None:
            return FeatureCount(max(1, p // 2))
        return FeatureCount(int(k) if k >= 1 else max(1, int(p * k)))
    if name == "PolynomialFeatures":
        degree = _int_param(est, "degree")
        d = int(degree) if degree is not None and degree >= 0 else 2
        bias = boolean(est.params.get("include_bias")) is not False
        if boolean(est.params.get("interaction_only")) is True:
            total = sum(math.comb(p, j) for j in range(d + 1))
        else:
            total = math.comb(p + d, d)
        return FeatureCount(total - (0 if bias else 1), count.at_least)
    if name in _EXPANDING:
        return FeatureCount(p, at_least=True)
    if name in PIPELINES:
        steps, _ = pipeline_steps(est)
        return effective_features(p, n, steps) if steps else count
    return None


# --- search space ----------------------------------------------------------------------------


def estimator_paths(est: Estimator) -> set[tuple[str, ...]]:
    """Dotted-path spellings of `est` (sequence items by index or by their `name`)."""
    node = est.node
    if node is None:
        return set()
    chain: list[Node] = []
    current: Node | None = node
    while current is not None:
        chain.append(current)
        current = current.parent
    chain.reverse()  # root ... node
    path = node.path
    variants: list[tuple[str, ...]] = [()]
    for depth, element in enumerate(path):
        options = [str(element)]
        if isinstance(element, int) and depth + 1 < len(chain):
            body = mapping(chain[depth + 1])
            step_name = scalar_value(body.get("name")) if body is not None else None
            if isinstance(step_name, str):
                options.append(step_name)
        variants = [(*v, o) for v in variants for o in options]
    return set(variants)


def searched(config: Config, est: Estimator, names: Iterable[str]) -> list[tuple[str, SearchParam]]:
    """Search-space entries for any of `names` under `est` (`<est path>.params.<name>`).

    A bare name (formats without paths) matches the model's final estimator.
    """
    wanted = set(names)
    prefixes = estimator_paths(est)
    final = config.model.final_estimator
    found: list[tuple[str, SearchParam]] = []
    for param in config.search.space:
        path = param.path
        if len(path) >= 3 and path[-2] == "params" and path[-1] in wanted and path[:-2] in prefixes:
            found.append((path[-1], param))
        elif len(path) == 1 and path[0] in wanted and final is est:
            found.append((path[0], param))
    return found


def space_low(param: SearchParam) -> tuple[float, Node] | None:
    """The smallest value a search entry can take, and the node that spells it."""
    return _space_end(param, param.low, min)


def space_high(param: SearchParam) -> tuple[float, Node] | None:
    """The largest value a search entry can take, and the node that spells it."""
    return _space_end(param, param.high, max)


def _space_end(
    param: SearchParam,
    bound: AnyFact | None,
    pick: Callable[..., tuple[float, Node]],
) -> tuple[float, Node] | None:
    if param.kind == "choice":
        numbers = [(v, f.node) for f in param.values if (v := number(f)) is not None]
        return pick(numbers, key=lambda pair: pair[0]) if numbers else None
    value = number(bound)
    if value is None or bound is None:
        return None
    return value, bound.node


# --- edits -----------------------------------------------------------------------------------
