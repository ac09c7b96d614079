"""HP505 `output-layer-loss-mismatch`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.ir import number, text
from hplint.rules._edits import short_number
from hplint.rules.api import Anchor, RuleContext, Violation, rule
from hplint.rules.networks._shared import layer_activation

_BCE = frozenset({"binary_crossentropy", "bce", "bceloss", "binary_cross_entropy", "log_loss"})


# PyTorch losses that take logits and normalize them themselves: after a softmax (sigmoid)
# output layer the probabilities are normalized twice — the "double softmax" bug, which trains
# but squashes the gradients and the confidences.
# (`cross_entropy` alone is not one: other tools use the name for cross-entropy on
# probabilities.)
_SOFTMAX_LOGIT_LOSSES = frozenset({"crossentropyloss"})
_SIGMOID_LOGIT_LOSSES = frozenset(
    {"bcewithlogitsloss", "binary_cross_entropy_with_logits", "sigmoid_cross_entropy"}
)

_CATEGORICAL_CE = frozenset(
    {
        "categorical_crossentropy",
        "sparse_categorical_crossentropy",
        "categorical_cross_entropy",
        "crossentropyloss",
        "cross_entropy",
        "nllloss",
    }
)


@rule(code="HP505", name="output-layer-loss-mismatch", severity=Severity.ERROR)
def output_layer_loss_mismatch(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that the output layer fits the loss, the task and the number of classes: PyTorch's
    `CrossEntropyLoss` after a softmax output, or `BCEWithLogitsLoss` after a sigmoid (the
    double-softmax bug); softmax over a single unit; a multiclass output whose units differ
    from `data.n_classes`; binary cross-entropy without a single sigmoid unit; categorical
    cross-entropy on a sigmoid output; a softmax output for regression.

    ## Why is this bad?
    Each loss assumes an output distribution (Goodfellow et al., *Deep Learning* §6.2.2):
    binary cross-entropy a Bernoulli probability from one sigmoid unit, categorical
    cross-entropy a distribution over the classes from a softmax with one unit per class, mean
    squared error an unbounded linear output. A softmax over one unit is constantly 1.0 and
    learns nothing; a class count that differs from the data crashes (too few units) or wastes
    probability mass on classes that never occur. PyTorch's `CrossEntropyLoss` expects
    unnormalized logits and applies log-softmax itself (as `BCEWithLogitsLoss` applies the
    sigmoid): a softmax layer before it normalizes twice, which still trains but compresses the
    gradients and the predicted confidences.

    ## Example
    ```yaml
    data:
      task: multiclass
      n_classes: 10
    model:
      network:
        output: {units: 1, activation: softmax}
    training:
      loss: categorical_crossentropy
    ```

    Use instead:
    ```yaml
    data:
      task: multiclass
      n_classes: 10
    model:
      network:
        output: {units: 10, activation: softmax}
    training:
      loss: categorical_crossentropy
    ```

    ## References
    - [Goodfellow16] §6.2.2 (output units)
    - [torch-crossentropy]
    - [torch-bcewithlogits]
    """
    network = ctx.config.model.network
    if network is None or network.output is None:
        return
    output = network.output
    data = ctx.config.data
    units = number(output.units)
    activation = layer_activation(output)
    loss_fact = ctx.config.training.loss
    loss_raw = text(loss_fact)
    loss = loss_raw.lower().replace("-", "_").rsplit(".", 1)[-1] if loss_raw is not None else None
    task = text(data.task)
    classes = number(data.n_classes)
    reason: str | None = None
    if loss in _SOFTMAX_LOGIT_LOSSES and activation == "softmax":
        reason = (
            f"{loss_raw} applies log-softmax itself, so a softmax output is normalized twice "
            "(the double-softmax bug: it trains, but with flattened gradients); use a linear "
            "output"
        )
    elif loss in _SIGMOID_LOGIT_LOSSES and activation == "sigmoid":
        reason = (
            f"{loss_raw} applies the sigmoid itself, so a sigmoid output is squashed twice; use "
            "a linear output"
        )
    elif activation == "softmax" and units == 1:
        reason = "a softmax over one unit is constantly 1.0"
    elif loss in _BCE and units is not None and units != 1 and task == "binary":
        reason = "binary cross-entropy expects one sigmoid unit"
    elif loss in _BCE and activation is not None and activation != "sigmoid" and units == 1:
        reason = "binary cross-entropy expects a sigmoid probability"
    elif loss in _CATEGORICAL_CE and activation == "sigmoid":
        reason = "categorical cross-entropy expects a softmax distribution over the classes"
    elif task == "regression" and activation == "softmax":
        reason = "a softmax output sums to 1 and cannot fit regression targets"
    elif task == "multiclass" and units is not None and activation != "sigmoid":
        if classes is None:
            ctx.skip("n_classes")
        elif units != classes:
            reason = f"{short_number(units)} output units for {short_number(classes)} classes"
    if reason is None:
        return
    related: list[tuple[Anchor, str]] = []
    if loss_fact is not None and loss_raw is not None:
        related.append((loss_fact.node, f"loss: {loss_raw}"))
    if data.task is not None and task is not None:
        related.append((data.task.node, f"task: {task}"))
    if data.n_classes is not None and classes is not None:
        related.append((data.n_classes.node, f"n_classes: {short_number(classes)}"))
    head = f"Output `{short_number(units) if units is not None else '?'}×{activation or 'linear'}`"
    context = ""
    if loss_raw is not None:
        context += f" loss `{loss_raw}`"
    if task is not None:
        context += f" for a {task} task"
        if classes is not None:
            context += f" with {short_number(classes)} classes"
    message = f"{head} does not match{context}: {reason}." if context else f"{head}: {reason}."
    anchor = output.anchor
    if anchor is not None:
        yield Violation(anchor, message, related=tuple(related))
