"""Hover knowledge: what a hyperparameter (or tuning-config key) means and how to set it.

Each :class:`Explanation` is keyed by a canonical name, carries aliases, and may be restricted to
*contexts*: estimator class names (globs such as ``GradientBoosting*``), libraries
(``lightgbm``, ``wandb`` …) or path segments (``search``, ``early_stopping`` …).
:func:`explain_key` returns the most specific entry for a key at a given place in a config, so
``alpha`` under a Lasso explains the L1 penalty and under a Ridge the L2 penalty.

The entries are data (`data/hyperparameters.yaml`); this module indexes and resolves them. The
language server imports it on the first hover (its warm-up thread usually does so first).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from hplint.knowledge import aliases, read_data
from hplint.knowledge.sources import cite

__all__ = ["Explanation", "all_names", "entries", "explain_key"]


@dataclass(frozen=True, slots=True)
class Explanation:
    """One hover text: a title, a Markdown body and the sources backing it."""

    key: str
    title: str
    body: str
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()

    def markdown(self) -> str:
        """Title, body and a rendered ``Sources:`` line, as Markdown."""
        parts = [f"**{self.title}**", self.body]
        sources = cite(self.sources)
        if sources:
            parts.append(sources)
        return "\n\n".join(parts)


def _md(text: str) -> str:
    """Reflow indented text: paragraph lines are joined; ``- `` items keep their own line."""
    paragraphs: list[str] = []
    for block in text.strip().split("\n\n"):
        out: list[str] = []
        for raw in block.splitlines():
            line = raw.strip()
            if not line:
                continue
            if not out or line.startswith("- "):
                out.append(line)
            else:
                out[-1] += " " + line
        paragraphs.append("\n".join(out))
    return "\n\n".join(paragraphs)


def _load() -> tuple[Explanation, ...]:
    """The entries of `data/hyperparameters.yaml` (read once, on the first hover)."""
    data = read_data("hyperparameters.yaml")
    groups: dict[str, list[str]] = data["context_groups"]
    fragments: dict[str, str] = data["fragments"]

    def names(value: object, field: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if value == "@learning_rate":  # the alias table's other names of the learning rate
            return tuple(n for n in aliases.names_of(aliases.LEARNING_RATE) if n != "learning_rate")
        if isinstance(value, str) and value.startswith("@"):
            return tuple(groups[value[1:]])
        assert isinstance(value, list), (field, value)
        return tuple(str(v) for v in value)

    def body(text: str) -> str:
        for name, fragment in fragments.items():
            text = text.replace("{{" + name + "}}", fragment)
        return _md(text)

    return tuple(
        Explanation(
            key=str(entry["key"]),
            title=str(entry["title"]),
            body=body(entry["body"]),
            sources=tuple(entry["sources"]),
            aliases=names(entry.get("aliases"), "aliases"),
            contexts=names(entry.get("contexts"), "contexts"),
        )
        for entry in data["entries"]
    )


def _norm(name: str) -> str:
    """The index spelling: CLI-style `--learning-rate` finds `learning_rate`."""
    return name.strip().lstrip("-").lower().replace("-", "_")


def _build_index(entries: Sequence[Explanation]) -> Mapping[str, tuple[Explanation, ...]]:
    index: dict[str, list[Explanation]] = {}
    for entry in entries:
        for name in (entry.key, *entry.aliases):
            bucket = index.setdefault(_norm(name), [])
            if entry not in bucket:
                bucket.append(entry)
    return MappingProxyType({k: tuple(v) for k, v in index.items()})


@dataclass(frozen=True, slots=True)
class _Knowledge:
    """The hover entries, indexed by key and alias, and the generic and learned-parameter ones."""

    entries: tuple[Explanation, ...]
    index: Mapping[str, tuple[Explanation, ...]]
    generic: Explanation  # a generic hyperparameter
    learned: Explanation  # a learned parameter written as one


@functools.cache
def _knowledge() -> _Knowledge:
    """The entries and their index, built on first use: importing this module stays cheap (no
    YAML parser), the first hover pays ~10 ms."""
    entries = _load()
    by_key = {e.key: e for e in entries if not e.contexts}
    return _Knowledge(entries, _build_index(entries), by_key["hyperparameter"], by_key["coef_"])


def entries() -> tuple[Explanation, ...]:
    """Every hover entry, in file order."""
    return _knowledge().entries


# Library ids (incl. hplint format ids) → names used in contexts.
_LIBRARY_ALIASES: Mapping[str, tuple[str, ...]] = {
    "wandb_sweep": ("wandb",),
    "sagemaker_tuning": ("sagemaker",),
    "katib_experiment": ("katib",),
    "azureml_sweep": ("azureml", "azure"),
    "hydra_optuna": ("hydra", "optuna"),
    "lgbm": ("lightgbm",),
    "xgb": ("xgboost",),
    "scikit_learn": ("sklearn",),
}
_CLASS_PREFIX_LIBRARY = (("lgbm", "lightgbm"), ("xgb", "xgboost"), ("catboost", "catboost"))
_PARAM_CONTAINERS = frozenset(
    {"params", "hyperparameters", "statichyperparameters", "init_args", "kwargs"}
)


def _libraries(library: str | None, estimator: str | None) -> frozenset[str]:
    libs: set[str] = set()
    if library:
        lib = _norm(library)
        libs.add(lib)
        libs.update(_LIBRARY_ALIASES.get(lib, ()))
    if estimator:
        est = _norm(estimator)
        if "." in est:
            libs.add(est.split(".", 1)[0])
        simple = est.rsplit(".", 1)[-1]
        libs.update(lib for prefix, lib in _CLASS_PREFIX_LIBRARY if simple.startswith(prefix))
    return frozenset(libs)


def _glob(name: str, pattern: str) -> bool:
    """``fnmatchcase`` for patterns whose only wildcard is ``*`` (cheaper to import)."""
    if "*" not in pattern:
        return name == pattern
    first, *middle, last = pattern.split("*")
    if not name.startswith(first) or len(name) < len(first) + len(last):
        return False
    pos = len(first)
    end = len(name) - len(last)
    for part in middle:
        found = name.find(part, pos, end)
        if found < 0:
            return False
        pos = found + len(part)
    return name.endswith(last)


def _score(
    entry: Explanation,
    estimators: tuple[str, ...],
    libraries: frozenset[str],
    parents: tuple[str, ...],
) -> int | None:
    """Specificity of ``entry`` here: None = not applicable, 0 = generic, higher = closer."""
    if not entry.contexts:
        return 0
    best: int | None = None
    for context in entry.contexts:
        ctx = context.lower()
        score: int | None = None
        if any(_glob(name, ctx) for name in estimators):
            score = 3000
        elif ctx in libraries:
            score = 2000
        else:
            for depth, segment in enumerate(parents):
                if _glob(segment, ctx):
                    score = 1000 + depth
        if score is not None and (best is None or score > best):
            best = score
    return best


def _resolve(
    key: str,
    parents: tuple[str, ...],
    estimators: tuple[str, ...],
    libraries: frozenset[str],
) -> Explanation | None:
    candidates = _knowledge().index.get(key)
    if not candidates:
        return None
    best: Explanation | None = None
    best_score = -1
    for entry in candidates:
        score = _score(entry, estimators, libraries, parents)
        if score is not None and score > best_score:
            best, best_score = entry, score
    # No applicable entry: fall back to the first (most common) meaning of the name.
    return best if best is not None else candidates[0]


def explain_key(
    key: str,
    *,
    path: Sequence[str | int] = (),
    estimator: str | None = None,
    library: str | None = None,
) -> Explanation | None:
    """The most specific explanation of ``key``, or None if the knowledge base has nothing.

    ``path`` is the location of the key in the document (it may or may not end with the key
    itself); ``estimator`` is the class the key configures (``sklearn.linear_model.Lasso``,
    ``LGBMClassifier`` …); ``library`` an HPO/ML library or hplint format id (``wandb-sweep``).
    Dotted keys (``model.estimator.params.alpha`` in a search space) resolve by their last
    segment, with the leading segments used as path context. Unknown keys under an estimator's
    parameters get the generic "hyperparameter" explanation; keys with a single trailing
    underscore the "learned parameter" one.
    """
    name = _norm(key)
    segments = [_norm(s) for s in path if isinstance(s, str)]
    if segments and segments[-1] == name:
        segments.pop()
    if name not in _knowledge().index and "." in name:
        *prefix, name = name.split(".")
        segments.extend(prefix)
    parents = tuple(segments)
    estimators: tuple[str, ...] = ()
    if estimator:
        est = _norm(estimator)
        estimators = (est, est.rsplit(".", 1)[-1])
    libraries = _libraries(library, estimator)

    found = _resolve(name, parents, estimators, libraries)
    if found is not None:
        return found
    if name.endswith("_") and not name.endswith("__") and len(name) > 1:
        return _knowledge().learned
    if estimator is not None or any(seg in _PARAM_CONTAINERS for seg in parents):
        return _knowledge().generic
    return None


def all_names() -> frozenset[str]:
    """Every (normalized) key and alias the knowledge base can explain."""
    return frozenset(_knowledge().index)
