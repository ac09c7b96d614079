"""Optimizer families and number spellings shared by the HP1xx and HP5xx rules.

The learning-rate ↔ batch-size scaling rule (HP103, docs/rules/conventions.md §2) depends on the
optimizer's family:

- `linear` — plain SGD, SGD with momentum, Nesterov, and scikit-learn's MLP with `solver="sgd"`:
  the learning rate grows with the batch (Goyal et al. 2017, Krizhevsky 2014, Smith & Le 2018).
- `sqrt` — Adam and its relatives, RMSprop, LAMB, and the MLP with `solver="adam"`: the learning
  rate grows with the square root of the batch (Malladi et al. 2022, You et al. 2020).
- `none` — optimizers with their own layer-wise or sign-based step (LARS, Lion, Adafactor,
  Adagrad), second-order L-BFGS, and anything hplint does not recognise.

Names are normalised before lookup, so `SGD`, `torch.optim.AdamW`, `adam_w`,
`keras.optimizers.RMSprop` and `optax.adamw` all resolve.
"""

from __future__ import annotations

import math
import re
from typing import Final, Literal

Family = Literal["linear", "sqrt", "none"]

#: canonical optimizer name → scaling family
FAMILIES: Final[dict[str, Family]] = {
    "sgd": "linear",
    "sgd_momentum": "linear",
    "nesterov": "linear",
    "adam": "sqrt",
    "adamw": "sqrt",
    "nadam": "sqrt",
    "adamax": "sqrt",
    "radam": "sqrt",
    "rmsprop": "sqrt",
    "lamb": "sqrt",
    "lars": "none",
    "adagrad": "none",
    "adafactor": "none",
    "lion": "none",
    "lbfgs": "none",
}

#: optimizers whose step is bounded by ≈ lr per weight (HP101 threshold 1e-2)
ADAM_LIKE: Final = frozenset({"adam", "adamw", "nadam", "adamax", "radam", "rmsprop"})
#: plain gradient-descent optimizers (HP101 threshold 1.0)
SGD_LIKE: Final = frozenset({"sgd", "sgd_momentum", "nesterov"})

# squashed spelling (lower case, letters and digits only) → canonical name
_ALIASES: Final[dict[str, str]] = {
    "sgd": "sgd",
    "gradientdescent": "sgd",
    "sgdmomentum": "sgd_momentum",
    "momentum": "sgd_momentum",
    "sgdm": "sgd_momentum",
    "momentumsgd": "sgd_momentum",
    "nesterov": "nesterov",
    "nesterovsgd": "nesterov",
    "sgdnesterov": "nesterov",
    "nag": "nesterov",
    "adam": "adam",
    "fusedadam": "adam",
    "adamw": "adamw",
    "fusedadamw": "adamw",
    "adamweightdecay": "adamw",
    "decoupledadamw": "adamw",
    "nadam": "nadam",
    "nadamw": "nadam",
    "adamax": "adamax",
    "radam": "radam",
    "rmsprop": "rmsprop",
    "rmsp": "rmsprop",
    "lamb": "lamb",
    "fusedlamb": "lamb",
    "lars": "lars",
    "larc": "lars",
    "adagrad": "adagrad",
    "adafactor": "adafactor",
    "lion": "lion",
    "lbfgs": "lbfgs",
    "lbfgsb": "lbfgs",
}

_MLP_SOLVERS: Final[dict[str, str]] = {"sgd": "sgd", "adam": "adam", "lbfgs": "lbfgs"}


def canonical(name: str) -> str | None:
    """The canonical optimizer name for any common spelling, or None when unknown.

    `torch.optim.AdamW` → `adamw`, `SGD` → `sgd`, `adam_w` → `adamw`, `RMSProp` → `rmsprop`,
    and the Trainer's `optim` names: `adamw_torch_fused` → `adamw`, `paged_adamw_8bit` → `adamw`.
    """
    last = name.strip().rsplit(".", 1)[-1]
    squashed = re.sub(r"[^a-z0-9]", "", last.lower())
    known = _ALIASES.get(squashed)
    if known is None:  # Trainer `optim` spellings: `adamw_torch_fused`, `paged_adamw_8bit`
        known = _ALIASES.get(last.lower().removeprefix("paged_").split("_", 1)[0])
    return known


def canonical_mlp_solver(solver: str) -> str | None:
    """scikit-learn `MLPClassifier`/`MLPRegressor` `solver` → canonical optimizer name."""
    return _MLP_SOLVERS.get(solver.strip().lower())


def family(name: str | None) -> Family:
    """The scaling family of a canonical (or raw) optimizer name; `none` when unknown."""
    if name is None:
        return "none"
    known = name if name in FAMILIES else canonical(name)
    return FAMILIES.get(known or "", "none")


def scaled_lr(reference_lr: float, k: float, rule: Literal["linear", "sqrt"]) -> float:
    """lr* = reference_lr × k (linear) or × √k (square root)."""
    return reference_lr * (k if rule == "linear" else math.sqrt(k))


# --------------------------------------------------------------------------- number spellings
