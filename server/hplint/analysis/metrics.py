"""What a metric's name says: the direction in which it improves, and whether it is measured on
training data. The words are data (`knowledge/data/metrics.json`); this module reads a name.

`val_loss` improves downwards, `val/acc_best` upwards, `neg_mse` (a negated loss, as
scikit-learn's scorers spell it) upwards; `score` alone says nothing. A name whose words point
both ways, or neither, has no direction: the rules that use it stay silent.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from hplint.knowledge import read_data

Goal = Literal["maximize", "minimize"]

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_WORD = re.compile(r"[a-z]+[0-9]*|[0-9]+")


@dataclass(frozen=True, slots=True)
class _Words:
    """The word lists of `metrics.json`: words that give a metric's direction or mark its data."""

    maximize: frozenset[str]
    minimize: frozenset[str]
    negation: frozenset[str]
    ambiguous: frozenset[str]
    joined: tuple[tuple[str, str], ...]
    training_prefixes: frozenset[str]
    evaluation: frozenset[str]


@functools.cache
def _words() -> _Words:
    data = read_data("metrics.json")
    return _Words(
        frozenset(data["maximize"]),
        frozenset(data["minimize"]),
        frozenset(data["negation"]),
        frozenset(data["ambiguous"]),
        tuple(sorted(data["joined"].items(), key=lambda item: -len(item[0]))),
        frozenset(data["training_prefixes"]),
        frozenset(data["evaluation_words"]),
    )


def metric_words(name: str) -> list[str]:
    """`val/MulticlassAccuracy` → `["val", "multiclass", "accuracy"]`; `c_index` → `["cindex"]`."""
    text = _CAMEL.sub(" ", name).lower()
    for spelled, word in _words().joined:
        text = text.replace(spelled, f" {word} ")
    return _WORD.findall(text)


def _named(name: str) -> bool:
    """A metric name, not a stand-in such as the Hydra adapter's `<return value of the task
    function>` for a sweeper that optimizes whatever the task returns."""
    return not name.startswith("<")


def metric_goal(name: str) -> Goal | None:
    """The direction in which the metric improves, when its name says so unambiguously."""
    if not _named(name):
        return None
    words = set(metric_words(name))
    table = _words()
    if words & table.negation or words & table.ambiguous:
        return None
    up, down = bool(words & table.maximize), bool(words & table.minimize)
    if up == down:
        return None
    return "maximize" if up else "minimize"


def is_training_metric(name: str) -> bool:
    """Measured on the training data: named `train…`/`training…` and nothing that says it is
    an evaluation (`train/mean_reward_eval` is an evaluation logged under `train/`)."""
    words = metric_words(name) if _named(name) else []
    table = _words()
    return bool(words) and words[0] in table.training_prefixes and not set(words) & table.evaluation
