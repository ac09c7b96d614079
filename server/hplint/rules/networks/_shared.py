"""What several rules of this group share: helpers, constants and how they show values."""

from __future__ import annotations

from hplint.ir import Layer, text

MLP_CLASSES = frozenset({"MLPClassifier", "MLPRegressor"})


def layer_activation(layer: Layer) -> str | None:
    value = text(layer.activation)
    return value.lower() if value is not None else None
