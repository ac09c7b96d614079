"""What a distribution name means in each tuning-config format (per-format hover).

The same word means different things in different tools: W&B ``log_uniform`` and Azure
``loguniform`` take natural-log **exponents**, while Katib ``logUniform``, SageMaker
``Logarithmic``, Optuna ``log=True`` and hplint's own ``loguniform`` take **real values**.
Every text below states what the bounds mean in *that* tool.

Stdlib only.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from hplint.knowledge.format_table import format_table
from hplint.knowledge.hyperparameters import Explanation, _md

__all__ = ["DISTRIBUTIONS", "FORMAT_IDS", "FORMAT_LABELS", "explain_distribution"]

FORMAT_LABELS: Mapping[str, str] = MappingProxyType({f.id: f.label for f in format_table()})
FORMAT_IDS: tuple[str, ...] = tuple(FORMAT_LABELS)

_EXPONENT_WARNING = (
    "Not to be confused with W&B `log_uniform` and Azure `loguniform`, whose bounds are "
    "natural-log *exponents*."
)
_VALUE_CONTRAST = (
    "Contrast: Katib `logUniform`, SageMaker `Logarithmic`, Optuna `log=True` and hplint "
    "`loguniform` take *real values*."
)


def _d(
    fmt: str,
    name: str,
    summary: str,
    body: str,
    sources: tuple[str, ...],
    *,
    aliases: tuple[str, ...] = (),
) -> Explanation:
    return Explanation(
        key=f"{fmt}:{name}",
        title=f"`{name}` ({FORMAT_LABELS[fmt]}): {summary}",
        body=_md(body),
        sources=sources,
        aliases=aliases,
        contexts=(fmt,),
    )


_HP = "hplint"
_WB = "wandb-sweep"
_SM = "sagemaker-tuning"
_KT = "katib-experiment"
_AZ = "azureml-sweep"
_HY = "hydra-optuna"

_ENTRIES: tuple[Explanation, ...] = (
    # ================================================================ hplint native
    _d(
        _HP,
        "uniform",
        "float, linear scale",
        """
        `{dist: uniform, low, high}` samples a float with equal probability anywhere in
        [low, high]. A linear scale suits ranges within about one order of magnitude; over
        1e-4…1 it puts ~90 % of samples in the top decade — use `loguniform` (HP603).
        """,
        ("sm-ranges", "Bergstra12"),
    ),
    _d(
        _HP,
        "loguniform",
        "float, log scale, real-valued bounds",
        f"""
        `{{dist: loguniform, low, high}}` samples so that every decade is equally likely;
        `low` and `high` are the **real values** (e.g. 1e-5 and 1e-1), never exponents, and
        `low` must be > 0. hplint exports it correctly to each tool (W&B
        `log_uniform_values`, Hyperopt `np.log` bounds, Optuna `log=True`, SageMaker
        `Logarithmic`). {_EXPONENT_WARNING}
        """,
        ("Bergstra12", "optuna-float", "wandb-sweep", "hyperopt-fmin"),
    ),
    _d(
        _HP,
        "int",
        "integer, bounds inclusive",
        """
        `{dist: int, low, high, log?}` samples an integer in [low, high], both ends included.
        With `log: true` (low ≥ 1) integers are log-spaced — right for batch sizes, widths or
        tree counts spanning orders of magnitude.
        """,
        ("optuna-int",),
    ),
    _d(
        _HP,
        "quniform",
        "uniform, rounded to a step",
        """
        `{dist: quniform, low, high, q}` samples uniformly in [low, high] and rounds to the
        nearest multiple of `q` (q > 0), giving a discrete, evenly spaced set of values.
        """,
        ("hyperopt-fmin",),
    ),
    _d(
        _HP,
        "normal",
        "Gaussian, unbounded",
        """
        `{dist: normal, mu, sigma}` samples from a Gaussian with mean `mu` and standard
        deviation `sigma`. It is unbounded: about 0.3 % of samples fall beyond 3σ and values
        can be negative, so avoid it for parameters that must stay positive or in [0, 1).
        """,
        ("hyperopt-fmin",),
    ),
    _d(
        _HP,
        "choice",
        "categorical list",
        """
        `{choice: [...]}` picks one of the listed values with equal probability (grid search
        enumerates them all). Lists are the only kind of dimension grid search can use.
        """,
        ("Bergstra12",),
    ),
    # ================================================================ W&B
    _d(
        _WB,
        "categorical",
        "one of `values`",
        """
        `values: [...]` — each run takes one listed value, uniformly at random (`random`,
        `bayes`) or every value in turn (`grid`). Chosen automatically when `values` is
        given.
        """,
        ("wandb-sweep",),
    ),
    _d(
        _WB,
        "categorical_w_probabilities",
        "weighted choice",
        """
        `values` plus `probabilities` (same length, each ≥ 0, summing to 1): each value is
        drawn with its probability. Not allowed in grid search.
        """,
        ("wandb-sweep",),
    ),
    _d(
        _WB,
        "constant",
        "fixed value",
        """
        `value: x` — the parameter is passed to every run unchanged and is not searched.
        Chosen automatically when `value` is given.
        """,
        ("wandb-sweep",),
    ),
    _d(
        _WB,
        "int_uniform",
        "integer in [min, max]",
        """
        Integers from `min` to `max`, both included, uniformly. W&B **infers this whenever
        both `min` and `max` are integers** — so `{min: 0, max: 1}` samples only 0 or 1;
        write `0.0`/`1.0` for a float range. Grid search can enumerate it.
        """,
        ("wandb-sweep",),
    ),
    _d(
        _WB,
        "uniform",
        "float, linear scale",
        """
        A float uniformly in [`min`, `max`] (strictly min < max). Inferred when either bound
        is a float. For ranges spanning several orders of magnitude use
        `log_uniform_values`. Grid search cannot enumerate it (it would never finish).
        """,
        ("wandb-sweep", "sm-ranges"),
    ),
    _d(
        _WB,
        "q_uniform",
        "uniform, rounded to q",
        """
        X ~ uniform(`min`, `max`), returned as round(X / q)·q (`q` defaults to 1). Grid
        search can enumerate it.
        """,
        ("wandb-sweep",),
    ),
    _d(
        _WB,
        "log_uniform",
        "exponent bounds (deprecated)",
        f"""
        **Deprecated.** `min` and `max` are natural-log **exponents**: W&B draws X uniformly
        in [min, max] and returns e^X, so the value lies in **[e^min, e^max]**. `min: 1e-5,
        max: 0.01` therefore samples ≈ 1.00001…1.01, not a learning rate. Use
        `log_uniform_values` with real bounds (min: 1e-5, max: 1e-2), or exponents such as
        min: -11.5, max: -4.6. Azure `loguniform` and Hyperopt `hp.loguniform` also take
        exponents. {_VALUE_CONTRAST}
        """,
        ("wandb-sweep", "hyperopt-fmin"),
    ),
    _d(
        _WB,
        "log_uniform_values",
        "log scale, real-valued bounds",
        """
        `min` and `max` are the **real values** (min > 0): log(X) is uniform between log(min)
        and log(max), so every decade is equally likely. The right choice for learning rates
        and regularization strengths. Same meaning as Katib `logUniform` and hplint
        `loguniform`; unlike the deprecated `log_uniform`, whose bounds are exponents.
        """,
        ("wandb-sweep",),
    ),
    _d(
        _WB,
        "q_log_uniform",
        "exponent bounds, rounded (deprecated)",
        """
        **Deprecated.** Like `log_uniform` — `min`/`max` are natural-log **exponents**, the
        value lies in [e^min, e^max] — then rounded to a multiple of `q` (default 1). Use
        `q_log_uniform_values` with real bounds instead.
        """,
        ("wandb-sweep",),
    ),
    _d(
        _WB,
        "q_log_uniform_values",
        "log scale, real bounds, rounded",
        """
        Real-valued bounds (min > 0), log-uniform between them, then rounded to a multiple of
        `q` (default 1). Good for log-spaced integers such as batch sizes or layer widths
        (e.g. min 32, max 512, q 1).
        """,
        ("wandb-sweep",),
    ),
    _d(
        _WB,
        "inv_log_uniform",
        "exponent bounds of 1/X (deprecated)",
        """
        **Deprecated.** log(1/X) is uniform in [`min`, `max`], which are **exponents**: the
        value lies in [e^−max, e^−min]. Use `inv_log_uniform_values`.
        """,
        ("wandb-sweep",),
    ),
    _d(
        _WB,
        "inv_log_uniform_values",
        "1/X log-uniform, real bounds",
        """
        Real-valued bounds: X lies in [`min`, `max`] with log(1/X) uniform — i.e. the same
        equal-probability-per-decade spread as `log_uniform_values`.
        """,
        ("wandb-sweep",),
    ),
    _d(
        _WB,
        "normal",
        "Gaussian",
        """
        X ~ Normal(`mu`, `sigma`) (defaults 0 and 1). Unbounded — values can be negative.
        """,
        ("wandb-sweep",),
    ),
    _d(
        _WB,
        "q_normal",
        "Gaussian, rounded",
        """
        X ~ Normal(`mu`, `sigma`), rounded to a multiple of `q` (default 1).
        """,
        ("wandb-sweep",),
    ),
    _d(
        _WB,
        "log_normal",
        "log-normal",
        """
        X = e^Y with Y ~ Normal(`mu`, `sigma`): `mu` and `sigma` describe log(X), so X is
        positive with median e^mu (defaults mu 0, sigma 1).
        """,
        ("wandb-sweep",),
    ),
    _d(
        _WB,
        "q_log_normal",
        "log-normal, rounded",
        """
        Log-normal (`mu`, `sigma` are in log space), rounded to a multiple of `q`.
        """,
        ("wandb-sweep",),
    ),
    _d(
        _WB,
        "beta",
        "Beta(a, b) on [0, 1]",
        """
        X ~ Beta(`a`, `b`) (defaults 1, 1 = uniform on [0, 1]); in the official sweep schema
        though not in the docs table. Suits fractions such as dropout or subsample.
        """,
        ("wandb-sweep",),
    ),
    _d(
        _WB,
        "q_beta",
        "Beta, rounded",
        """
        X ~ Beta(`a`, `b`), rounded to a multiple of `q`.
        """,
        ("wandb-sweep",),
    ),
    # ================================================================ SageMaker
    _d(
        _SM,
        "Auto",
        "SageMaker picks the scale",
        """
        `ScalingType: Auto` lets SageMaker choose the scale for the range itself. For ranges
        that span orders of magnitude, state `Logarithmic` explicitly.
        """,
        ("sm-ranges",),
    ),
    _d(
        _SM,
        "Linear",
        "uniform between MinValue and MaxValue",
        """
        Values are searched uniformly between `MinValue` and `MaxValue` (strings, inclusive).
        AWS: appropriate when the range is within about one order of magnitude.
        """,
        ("sm-ranges", "sm-best"),
    ),
    _d(
        _SM,
        "Logarithmic",
        "log scale, real-valued bounds > 0",
        f"""
        Searches on a log scale between `MinValue` and `MaxValue`, which are the **real
        values** (as strings, e.g. "0.00001" and "0.1") and must both be > 0. Equivalent to W&B
        `log_uniform_values` and Katib `logUniform`. {_EXPONENT_WARNING}
        """,
        ("sm-ranges", "sm-best"),
    ),
    _d(
        _SM,
        "ReverseLogarithmic",
        "dense near 1, continuous only",
        """
        For values close to 1 (momentum, β, decay factors): the search is logarithmic in
        1 − x, so most trials land near 1. Only for **continuous** ranges lying entirely in
        0 ≤ x < 1.
        """,
        ("sm-ranges",),
    ),
    _d(
        _SM,
        "Integer",
        "IntegerParameterRanges",
        """
        Whole numbers between `MinValue` and `MaxValue` (inclusive, written as **strings**),
        with ScalingType `Auto`, `Linear` or `Logarithmic` (not ReverseLogarithmic).
        """,
        ("sm-ranges", "sm-api"),
        aliases=("IntegerParameterRanges", "IntegerParameterRange"),
    ),
    _d(
        _SM,
        "Continuous",
        "ContinuousParameterRanges",
        """
        Real numbers between `MinValue` and `MaxValue` (inclusive, **strings**), with any
        ScalingType: `Auto`, `Linear`, `Logarithmic` (> 0) or `ReverseLogarithmic` ([0, 1)).
        """,
        ("sm-ranges", "sm-api"),
        aliases=("ContinuousParameterRanges", "ContinuousParameterRange"),
    ),
    _d(
        _SM,
        "Categorical",
        "CategoricalParameterRanges",
        """
        `Values`: a list of **strings** (up to 30). The only range type the `Grid` strategy
        accepts. SageMaker framework estimators JSON-encode the values (`"\\"adam\\""`).
        """,
        ("sm-ranges", "sm-api"),
        aliases=("CategoricalParameterRanges", "CategoricalParameterRange"),
    ),
    # ================================================================ Katib
    _d(
        _KT,
        "double",
        "real-valued range",
        """
        `feasibleSpace: {min, max, step?}` with **string** values. Without `step` any real in
        [min, max]; with `step` a discrete grid min, min+step, … (grid search requires it).
        """,
        ("katib",),
    ),
    _d(
        _KT,
        "int",
        "integer range",
        """
        Integers in [`min`, `max`], both inclusive (strings), optionally every `step`.
        """,
        ("katib",),
    ),
    _d(
        _KT,
        "discrete",
        "list of numbers",
        """
        `feasibleSpace.list` of numeric values (as strings); `min`, `max` and `step` are not
        allowed.
        """,
        ("katib",),
    ),
    _d(
        _KT,
        "categorical",
        "list of strings",
        """
        `feasibleSpace.list` of string options, one chosen per trial; no `min`/`max`/`step`.
        """,
        ("katib",),
    ),
    _d(
        _KT,
        "uniform",
        "uniform between min and max",
        """
        The default: values uniformly in [`min`, `max`] (integers for `int`), rounded to
        `step` if given.
        """,
        ("katib", "katib-hyperopt"),
    ),
    _d(
        _KT,
        "logUniform",
        "log scale, real-valued bounds > 0",
        f"""
        `min` and `max` are the **real values** (strings, min > 0); the suggestion service
        takes their logarithm itself, so every decade is equally likely. Spelled exactly
        `logUniform` — `loguniform` and `log_uniform` are rejected. {_EXPONENT_WARNING}
        """,
        ("katib", "katib-hyperopt"),
    ),
    _d(
        _KT,
        "normal",
        "Gaussian derived from min/max",
        """
        Katib has no `mu`/`sigma` fields: it uses mu = (min + max)/2 and sigma = (max − min)/6,
        so ~99.7 % of samples fall inside [min, max] — values outside remain possible.
        """,
        ("katib-hyperopt",),
    ),
    _d(
        _KT,
        "logNormal",
        "log-normal derived from min/max",
        """
        As `normal` but in log space: mu = (ln min + ln max)/2, sigma = (ln max − ln min)/6,
        so ~99.7 % of samples lie in [min, max]. `min` must be > 0.
        """,
        ("katib-hyperopt",),
    ),
    _d(
        _KT,
        "step",
        "quantization / grid spacing",
        """
        Sampled values are rounded to multiples of `step` (the q-variants of each
        distribution), and the grid algorithm enumerates min, min+step, … ≤ max. Required
        for `double` parameters under grid search.
        """,
        ("katib", "katib-hyperopt"),
    ),
    # ================================================================ Azure ML
    _d(
        _AZ,
        "choice",
        "one of `values`",
        """
        `{type: choice, values: [...]}` — one listed value per trial. The only type grid
        sampling supports; Bayesian sampling supports it too.
        """,
        ("azure-sweep", "azure-tune"),
    ),
    _d(
        _AZ,
        "uniform",
        "float in [min_value, max_value]",
        """
        Uniformly between `min_value` and `max_value` on a linear scale.
        """,
        ("azure-sweep",),
    ),
    _d(
        _AZ,
        "quniform",
        "uniform, rounded to q",
        """
        round(uniform(`min_value`, `max_value`) / q)·q — discrete, evenly spaced values.
        """,
        ("azure-sweep",),
    ),
    _d(
        _AZ,
        "loguniform",
        "exponent bounds",
        f"""
        `min_value` and `max_value` are natural-log **exponents**: the value is
        exp(uniform(min_value, max_value)), i.e. in [e^min_value, e^max_value]. For a
        learning rate in 1e-4…1e-1 write `min_value: -9.21, max_value: -2.30`. Same trap as
        W&B `log_uniform`. {_VALUE_CONTRAST} Not supported by Bayesian sampling.
        """,
        ("azure-sweep", "azure-tune"),
    ),
    _d(
        _AZ,
        "qloguniform",
        "exponent bounds, rounded",
        """
        round(exp(uniform(`min_value`, `max_value`)) / q)·q — the bounds are natural-log
        **exponents**, as in `loguniform`.
        """,
        ("azure-sweep",),
    ),
    _d(
        _AZ,
        "normal",
        "Gaussian",
        """
        Normal with mean `mu` and standard deviation `sigma`; unbounded.
        """,
        ("azure-sweep",),
    ),
    _d(
        _AZ,
        "qnormal",
        "Gaussian, rounded",
        """
        round(normal(`mu`, `sigma`) / q)·q.
        """,
        ("azure-sweep",),
    ),
    _d(
        _AZ,
        "lognormal",
        "exp of a Gaussian",
        """
        exp(normal(`mu`, `sigma`)): `mu` and `sigma` describe the logarithm of the value,
        which is always positive.
        """,
        ("azure-sweep",),
    ),
    _d(
        _AZ,
        "qlognormal",
        "log-normal, rounded",
        """
        round(exp(normal(`mu`, `sigma`)) / q)·q.
        """,
        ("azure-sweep",),
    ),
    _d(
        _AZ,
        "randint",
        "integer in [0, upper)",
        """
        `{type: randint, upper}`: a random integer from 0 to `upper` − 1 — the upper bound
        is **exclusive** and there is no lower bound (contrast Optuna/Hydra integer ranges,
        whose upper bound is inclusive). Not supported by Bayesian sampling.
        """,
        ("azure-sweep", "azure-tune"),
    ),
    # ================================================================ Hydra + Optuna
    _d(
        _HY,
        "choice",
        "categorical",
        """
        `choice(a, b, …)` → Optuna `CategoricalDistribution`; options must be str, int,
        float, bool or null. The only kind (besides `range`) the grid sampler can enumerate.
        """,
        ("hydra-optuna", "hydra-grammar"),
    ),
    _d(
        _HY,
        "range",
        "stop exclusive in Hydra, inclusive under Optuna",
        """
        `range(start, stop, step=1)`. In Hydra's grammar `stop` is **exclusive**, like
        Python's range, and the grid sampler enumerates it that way. With integer arguments
        the Optuna sweeper builds `IntDistribution(start, stop, step)`, whose `high` is
        **inclusive**, so TPE/random can sample `stop` itself. With a float argument it
        becomes a stepped `FloatDistribution`. Prefer `int(interval(a, b))` when both ends
        are meant to be included.
        """,
        ("hydra-grammar", "hydra-optuna", "optuna-int"),
    ),
    _d(
        _HY,
        "interval",
        "float, linear unless tagged log",
        """
        `interval(a, b)` → `FloatDistribution(a, b)`; Hydra casts the bounds to float.
        Sampling is **linear** — over several orders of magnitude write
        `tag(log, interval(a, b))`. The grid sampler rejects it.
        """,
        ("hydra-grammar", "hydra-optuna", "optuna-float"),
    ),
    _d(
        _HY,
        "int",
        "int(interval(a, b)): integers, both ends inclusive",
        """
        `int(interval(a, b))` → `IntDistribution(a, b)`: integers from a to b inclusive.
        Combine with `tag(log, …)` for log-spaced integers (a ≥ 1).
        """,
        ("hydra-grammar", "optuna-int"),
    ),
    _d(
        _HY,
        "tag",
        "tag(log, …): log scale, real-valued bounds",
        f"""
        `tag(log, interval(a, b))` → `FloatDistribution(a, b, log=True)` (or
        `IntDistribution(..., log=True)` with `int(...)`). Bounds are **real values** and
        must be > 0 (≥ 1 for integers); `log` cannot be combined with a step. Other tags
        have no effect on sampling. {_EXPONENT_WARNING}
        """,
        ("hydra-optuna", "optuna-float", "optuna-int"),
        aliases=("log",),
    ),
    _d(
        _HY,
        "shuffle",
        "categorical of the enumerated values",
        """
        `shuffle(range(...))` or `shuffle(a, b, …)`: Hydra shuffles the order; the Optuna
        sweeper turns it into a `CategoricalDistribution` of the values, so the sampler
        treats them as unordered categories.
        """,
        ("hydra-grammar", "hydra-optuna"),
    ),
)


def _build() -> Mapping[str, Mapping[str, Explanation]]:
    table: dict[str, dict[str, Explanation]] = {fmt: {} for fmt in FORMAT_IDS}
    for entry in _ENTRIES:
        fmt, name = entry.key.split(":", 1)
        for spelling in (name, *entry.aliases):
            table[fmt][spelling] = entry
    return MappingProxyType({fmt: MappingProxyType(names) for fmt, names in table.items()})


DISTRIBUTIONS: Mapping[str, Mapping[str, Explanation]] = _build()
"""format id → distribution spelling (and aliases) → explanation."""

_FOLDED: Mapping[str, Mapping[str, Explanation]] = MappingProxyType(
    {fmt: {k.lower(): v for k, v in names.items()} for fmt, names in DISTRIBUTIONS.items()}
)


def explain_distribution(format_id: str, name: str) -> Explanation | None:
    """What distribution ``name`` means in format ``format_id`` (None if unknown).

    Exact spellings win; otherwise the match is case-insensitive (the text then names the
    canonical spelling, which matters for tools such as Katib that reject other cases). For
    Hydra, an override expression such as ``tag(log, interval(1e-5, 1e-1))`` resolves by its
    outermost function.
    """
    names = DISTRIBUTIONS.get(format_id)
    if names is None:
        return None
    spelling = name.strip()
    if "(" in spelling:
        spelling = spelling.split("(", 1)[0].strip()
    found = names.get(spelling)
    if found is None:
        found = _FOLDED[format_id].get(spelling.lower())
    return found
