"""Generated benchmark inputs: W&B sweeps and native (`hplint: 1`) configs of a given length.

The content is what a real large config looks like — many searched parameters (some nested in
W&B parameter groups), a long scikit-learn pipeline, a search space with one entry per tuned
parameter — with a few realistic mistakes sprinkled in so that every size produces diagnostics.
Every function is deterministic: the same size always gives the same text.
"""

from __future__ import annotations

from collections.abc import Iterator

# -------------------------------------------------------------------------------------------
# W&B sweep
# -------------------------------------------------------------------------------------------

_WANDB_HEADER = """\
# Sweep over a transformer fine-tuning job: one block per searched hyperparameter.
program: train.py
method: bayes
metric:
  name: val_loss
  goal: minimize
run_cap: 400
early_terminate:
  type: hyperband
  min_iter: 3
parameters:
  learning_rate:
    distribution: log_uniform_values
    min: 1.0e-5
    max: 1.0e-2
  batch_size:
    value: 64
"""


def _wandb_block(i: int) -> Iterator[str]:
    kind = i % 8
    name = f"layer_{i:05d}"
    if kind == 0:
        yield f"  {name}_dropout:"
        yield "    distribution: uniform"
        yield "    min: 0.05"
        yield f"    max: {0.3 + (i % 97) / 400:.4f}"
    elif kind == 1:
        yield f"  {name}_units:"
        yield "    values: [64, 128, 256, 512, 1024]"
    elif kind == 2:
        yield f"  {name}_weight_decay:"
        yield "    distribution: log_uniform_values"
        yield "    min: 1.0e-6"
        yield f"    max: {1 + i % 89}.0e-3"
    elif kind == 3:
        yield f"  {name}_activation:"
        yield "    values: [relu, gelu, silu]"
    elif kind == 4:
        yield f"  {name}_heads:"
        yield "    distribution: int_uniform"
        yield "    min: 2"
        yield f"    max: {8 + i % 24}"
    elif kind == 5:
        # a nested parameter group, as W&B allows
        yield f"  {name}_optimizer:"
        yield "    parameters:"
        yield "      beta1:"
        yield "        distribution: uniform"
        yield "        min: 0.85"
        yield f"        max: {0.95 + (i % 41) / 1000:.3f}"
        yield "      eps:"
        yield "        value: 1.0e-8"
    elif kind == 6:
        yield f"  {name}_warmup:"
        yield "    distribution: q_uniform"
        yield "    min: 0"
        yield f"    max: {1000 + 100 * (i % 30)}"
        yield "    q: 100"
    else:
        yield f"  {name}_label_smoothing:"
        yield "    distribution: normal"
        yield "    mu: 0.1"
        yield f"    sigma: {0.01 + (i % 53) / 2000:.4f}"
    if i % 50 == 3:  # a mistake every ~200 lines: a misspelt key (HP002)
        yield "    distrbution: uniform"
    if i % 50 == 7:  # and an exponent trap (HP605)
        yield f"  {name}_lr_scale:"
        yield "    distribution: log_uniform"
        yield "    min: 0.0001"
        yield "    max: 0.1"


def wandb_sweep(lines: int) -> str:
    out = _WANDB_HEADER.splitlines()
    i = 0
    while len(out) < lines:
        out.extend(_wandb_block(i))
        i += 1
    return "\n".join(out) + "\n"


# -------------------------------------------------------------------------------------------
# native format
# -------------------------------------------------------------------------------------------

_NATIVE_HEAD = """\
# Tabular regression: a long preprocessing pipeline ending in ElasticNet, tuned by random search.
hplint: 1
data:
  train: data/train.parquet
  valid: data/valid.parquet
  target: price
  task: regression
  n_samples: 250000
  n_features: 300
model:
  pipeline:
    - name: impute
      class: sklearn.impute.SimpleImputer
      params:
        strategy: median
        add_indicator: false"""

# (step name, class, fixed parameters, the searched parameter and its distribution)
_STEPS = (
    (
        "scale",
        "sklearn.preprocessing.StandardScaler",
        (("with_std", "true"),),
        ("with_mean", "{choice: [true, false]}"),
    ),
    (
        "clip",
        "sklearn.preprocessing.MinMaxScaler",
        (("copy", "true"),),
        ("clip", "{choice: [true, false]}"),
    ),
    (
        "robust",
        "sklearn.preprocessing.RobustScaler",
        (("with_centering", "true"),),
        ("unit_variance", "{choice: [true, false]}"),
    ),
    (
        "power",
        "sklearn.preprocessing.PowerTransformer",
        (("standardize", "true"),),
        ("method", "{choice: [yeo-johnson, box-cox]}"),
    ),
    (
        "var",
        "sklearn.feature_selection.VarianceThreshold",
        (),
        ("threshold", "{dist: uniform, low: 0.0, high: %s}"),
    ),
)


def _native_step(i: int) -> Iterator[str]:
    name, cls, params, _searched = _STEPS[i % len(_STEPS)]
    yield f"    - name: {name}_{i:05d}"
    yield f"      class: {cls}"
    if params:
        yield "      params:"
    for key, value in params:
        yield f"        {key}: {value}"
    if i % 60 == 1:  # a misspelt parameter every ~400 lines (HP002 with a suggestion)
        yield "        copyy: true" if params else "      params: {copyy: true}"


def _native_space(i: int) -> Iterator[str]:
    name, _cls, _params, (key, dist) = _STEPS[i % len(_STEPS)]
    if "%s" in dist:
        dist = dist % f"{0.01 + (i % 89) / 1000:.3f}"
    yield f"    model.pipeline.{name}_{i:05d}.params.{key}: {dist}"


def native(lines: int) -> str:
    """About `lines` lines: half pipeline steps, half a search space over their parameters."""
    tail_fixed = 22
    steps = max(1, int((lines - 16 - tail_fixed) / 4.6))  # ≈ 4.8 lines per step + 1 in space
    out = _NATIVE_HEAD.splitlines()
    for i in range(steps):
        out.extend(_native_step(i))
    out += [
        "    - name: reg",
        "      class: sklearn.linear_model.ElasticNet",
        "      params:",
        "        alpha: 1.0",
        "        l1_ratio: 0.5",
        "        max_iter: 5000",
        "validation:",
        "  method: kfold",
        "  folds: 5",
        "  shuffle: true",
        "  seed: 0",
        "search:",
        "  method: random",
        "  library: optuna",
        "  objective: {metric: val_rmse, direction: minimize}",
        "  budget: {trials: 200, parallel: 4}",
        "  seed: 0",
        "  space:",
        "    model.pipeline.reg.params.alpha: {dist: loguniform, low: 1.0e-4, high: 1.0e+2}",
        "    model.pipeline.reg.params.l1_ratio: {dist: uniform, low: 0.0, high: 1.0}",
    ]
    for i in range(steps):
        out.extend(_native_space(i))
        if len(out) >= lines:
            break
    return "\n".join(out) + "\n"


def small_wandb(i: int) -> str:
    """A small (≈ 20-line) W&B sweep; every fifth one has a mistake."""
    lines = [
        f"# sweep {i}",
        "program: train.py",
        "method: random" if i % 2 else "method: bayes",
        "metric:",
        "  name: val_loss",
        "  goal: minimize",
        f"run_cap: {20 + i % 50}",
        "parameters:",
        "  learning_rate:",
        "    distribution: log_uniform_values" if i % 5 else "    distribution: log_uniform",
        "    min: 1.0e-5",
        "    max: 1.0e-2",
        "  dropout:",
        "    distribution: uniform",
        "    min: 0.1",
        "    max: 0.5",
        "  optimizer:",
        "    values: [adam, adamw, sgd]",
        "  epochs:",
        f"    value: {10 + i % 7}",
    ]
    return "\n".join(lines) + "\n"


GENERATORS = {"wandb": wandb_sweep, "native": native}
SCHEMAS = {"wandb": "wandb-sweep.schema.json", "native": "hplint.schema.json"}
