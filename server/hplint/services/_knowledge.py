"""Lazy, failure-tolerant access to `hplint.knowledge` (hover texts, estimator catalog)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hplint.document.model import MappingNode, Node, PathElement, ScalarNode
from hplint.document.values import get_path

if TYPE_CHECKING:
    from hplint.ir import Config

log = logging.getLogger(__name__)

# Keys whose value names a distribution, per format.
DIST_KEYS: dict[str, frozenset[str]] = {
    "hplint": frozenset({"dist"}),
    "wandb-sweep": frozenset({"distribution"}),
    "sagemaker-tuning": frozenset({"ScalingType"}),
    "katib-experiment": frozenset({"distribution", "parameterType"}),
    "azureml-sweep": frozenset({"type"}),
    "hydra-optuna": frozenset(),
    "hf-trainer": frozenset(),  # one training run: no distributions
    "ultralytics": frozenset(),
    "deepspeed": frozenset(),
    "lightning-cli": frozenset(),
    "hydra-training": frozenset(),
    "detectron2": frozenset(),
}


def explain_key(
    key: str, path: Sequence[PathElement], estimator: str | None, library: str | None
) -> Any:
    try:
        from hplint.knowledge.hyperparameters import explain_key as _explain
    except ImportError:
        return None
    try:
        return _explain(key, path=tuple(path), estimator=estimator, library=library)
    except Exception:  # knowledge bugs must not break hover
        log.exception("explain_key(%r) failed", key)
        return None


def explain_distribution(format_id: str, name: str) -> Any:
    try:
        from hplint.knowledge.distributions import explain_distribution as _explain
    except ImportError:
        return None
    try:
        return _explain(format_id, name)
    except Exception:
        log.exception("explain_distribution(%r, %r) failed", format_id, name)
        return None


def distribution_names(format_id: str) -> list[str]:
    try:
        from hplint.knowledge.distributions import DISTRIBUTIONS
    except ImportError:
        return []
    return sorted(DISTRIBUTIONS.get(format_id, {}))


def catalog() -> Any:
    try:
        from hplint.knowledge.estimators import catalog as _catalog
    except ImportError:
        return None
    try:
        return _catalog()
    except Exception:
        log.exception("loading the estimator catalog failed")
        return None


def resolve_estimator(class_name: str) -> Any:
    found = catalog()
    if found is None or not class_name:
        return None
    try:
        return found.resolve(class_name)
    except Exception:
        log.exception("resolving %r failed", class_name)
        return None


def class_at(root: Node | None, path: Sequence[PathElement]) -> str | None:
    """The `class:` written in the mapping at `path` (an estimator or pipeline step)."""
    holder = get_path(root, *path) if root is not None else None
    if not isinstance(holder, MappingNode):
        return None
    node = holder.get("class")
    node = node.resolve() if node is not None else None
    if isinstance(node, ScalarNode) and isinstance(node.value, str):
        return node.value
    return None


def estimator_for_params(
    root: Node | None, path: Sequence[PathElement], configs: Sequence[Config] = ()
) -> str | None:
    """The class whose parameters the mapping at `path` holds, or None.

    Read from the IR the lint built (`configs`): an estimator's `params:` in any format, or a
    Hydra `{_target_: Class, ...}` object, whose keys are the parameters. Without a lint of
    this text (completion on a line that does not parse yet), or for a mapping the IR does not
    hold, the `class:` beside a `params:` key is read from the tree instead."""
    holder = get_path(root, *path) if root is not None else None
    holder = holder.resolve() if holder is not None else None
    if isinstance(holder, MappingNode):
        for config in configs:
            for estimator in config.estimators:
                if estimator.cls is not None and estimator.params_section.mapping is holder:
                    return estimator.cls.value
            for target in config.targets:
                if target.mapping is holder:
                    return target.cls.value
    if len(path) >= 1 and path[-1] == "params":
        return class_at(root, path[:-1])
    return None


def format_param(info: Any) -> str:
    """Markdown for one estimator parameter: default, allowed values, description."""
    lines = []
    default = getattr(info, "default_repr", None)
    if default:
        lines.append(f"Default: `{default}`")
    allowed = [
        c.describe() for c in getattr(info, "constraints", ()) or () if hasattr(c, "describe")
    ]
    allowed = [a for a in allowed if a]
    if allowed:
        lines.append("Allowed: " + "; ".join(allowed))
    if getattr(info, "deprecated", False):
        lines.append("**Deprecated.**")
    text = "\n\n".join(lines)
    description = getattr(info, "description", "") or ""
    if description:
        text = f"{text}\n\n{description}" if text else description
    return text
