"""HP504 `saturating-activations-in-deep-net`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.ir import Layer, boolean, text
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.networks._shared import MLP_CLASSES, layer_activation

_SATURATING = frozenset(
    {"sigmoid", "tanh", "logistic", "hard_sigmoid", "hardsigmoid", "hardtanh", "softsign"}
)


def _saturates(layer: Layer) -> bool:
    return layer_activation(layer) in _SATURATING


@rule(code="HP504", name="saturating-activations-in-deep-net", severity=Severity.HINT)
def saturating_activations_in_deep_net(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for 4 or more hidden layers with sigmoid or tanh activations and no batch
    normalisation (also a scikit-learn MLP with 4 or more hidden layers and
    `activation: logistic` or `tanh`).

    ## Why is this bad?
    Sigmoid and tanh saturate: for large inputs their derivative is near zero, and the
    back-propagated gradient is multiplied by one such factor per layer. Glorot & Bengio (2010)
    showed deep sigmoid networks stuck with saturated top layers and vanishing gradients in the
    lower ones. ReLU-family activations (or normalisation between the layers) keep the gradient
    flowing. Four layers is hplint's heuristic for "deep".

    ## Example
    ```yaml
    model:
      network:
        layers:
          - {units: 256, activation: tanh}
          - {units: 256, activation: tanh}
          - {units: 256, activation: tanh}
          - {units: 256, activation: tanh}
    ```

    Use instead:
    ```yaml
    model:
      network:
        layers:
          - {units: 256, activation: relu}
          - {units: 256, activation: relu}
          - {units: 256, activation: relu}
          - {units: 256, activation: relu}
    ```

    ## References
    - [Glorot10]
    """
    network = ctx.config.model.network
    if network is not None:
        saturating = [layer for layer in network.layers if _saturates(layer)]
        if any(boolean(layer.batchnorm) is True for layer in network.layers):
            return
        if len(saturating) >= 4 and saturating[0].activation is not None:
            first = saturating[0].activation
            kinds = "/".join(sorted({str(layer_activation(x)) for x in saturating}))
            yield Violation(
                first.node,
                f"{len(saturating)} stacked {kinds} layers saturate and slow gradient flow; "
                "prefer ReLU-family activations.",
            )
        return
    estimator = ctx.config.model.final_estimator
    if estimator is None or estimator.class_name not in MLP_CLASSES:
        return
    activation = estimator.param("activation")
    sizes = estimator.param("hidden_layer_sizes")
    kind = (text(activation) or "").lower()
    if activation is None or kind not in _SATURATING or sizes is None:
        return
    depth = len(sizes.value) if isinstance(sizes.value, list) else 1
    if depth >= 4:
        yield Violation(
            activation.node,
            f"{depth} stacked {kind} layers saturate and slow gradient flow; "
            "prefer ReLU-family activations.",
        )
