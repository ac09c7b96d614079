"""HP5xx — neural networks: dropout, shuffling, activations, output layer, normalisation."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.model import MappingNode, Node, ScalarNode
from hplint.ir import AnyFact, Fact, Layer, Section, boolean, number, text
from hplint.rules._base import Anchor, FixAvailability, RuleContext, Violation, rule
from hplint.rules._optimizers import plain_fraction, short_number
from hplint.rules.training import effective_batch, setup, shown

_SATURATING = frozenset(
    {"sigmoid", "tanh", "logistic", "hard_sigmoid", "hardsigmoid", "hardtanh", "softsign"}
)
_MLP_CLASSES = frozenset({"MLPClassifier", "MLPRegressor"})
_BCE = frozenset({"binary_crossentropy", "bce", "bceloss", "binary_cross_entropy", "log_loss"})
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
_MSE = frozenset({"mse", "mean_squared_error", "mseloss", "l2"})


def _percent(value: float) -> str:
    return short_number(round(100 * value, 4))


@rule(
    code="HP501",
    name="dropout-rate-above-recommended",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
)
def dropout_rate_above_recommended(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a hidden-layer `dropout` above 0.5 or an `input_dropout` above 0.2. The value is
    read as a *drop* probability, as PyTorch's `p` and Keras's `rate` are.

    ## Why is this bad?
    Srivastava et al. (2014), who introduced dropout, recommend *retaining* 0.5–0.8 of hidden
    units and 0.8 of the inputs — dropping at most 50 % and 20 %. Dropping more starves the
    next layer of signal and the network underfits. Their paper's p is a retain probability
    while PyTorch and Keras take a drop probability, so a `dropout: 0.8` is very often a
    keep-probability of 0.8 written in the wrong convention: it drops 80 % of the units
    instead of 20 %.

    ## Example
    ```yaml
    model:
      network:
        layers:
          - {units: 512, activation: relu, dropout: 0.8}
    ```

    Use instead:
    ```yaml
    model:
      network:
        layers:
          - {units: 512, activation: relu, dropout: 0.2}
    ```

    ## Fix safety
    The fix replaces d with 1 − d, which is right when the value was meant as a keep
    probability. If you really meant to drop that many units, it changes your intent, so the
    fix is unsafe.

    ## Options
    - `max-hidden-dropout` (default 0.5), `max-input-dropout` (default 0.2)

    ## References
    - [Srivastava et al. 2014, Dropout: A Simple Way to Prevent Neural Networks from Overfitting](https://jmlr.org/papers/v15/srivastava14a.html)
    - [PyTorch `nn.Dropout`](https://pytorch.org/docs/stable/generated/torch.nn.Dropout.html)
    - [Keras `Dropout` layer](https://keras.io/api/layers/regularization_layers/dropout/)
    """
    network = ctx.config.model.network
    if network is None:
        return
    hidden_limit = ctx.option("max-hidden-dropout", 0.5)
    input_limit = ctx.option("max-input-dropout", 0.2)
    checks: list[tuple[AnyFact, float, str, str]] = []
    if network.input_dropout is not None:
        checks.append((network.input_dropout, input_limit, "input_dropout", "of the inputs"))
    for layer in network.layers:
        if layer.dropout is not None:
            checks.append((layer.dropout, hidden_limit, "dropout", "of units in this layer"))
    recommended = (
        f"recommended ≤ {_percent(hidden_limit)}% hidden, ≤ {_percent(input_limit)}% input"
    )
    for fact, limit, name, where in checks:
        rate = number(fact)
        if rate is None or not limit < rate < 1:
            continue
        written = shown(fact)
        message = f"{name} {written} drops {_percent(rate)}% {where} ({recommended})."
        if rate > 0.5:
            # the keep-vs-drop mix-up: Srivastava et al.'s p is a retain probability
            replacement = plain_fraction(1 - rate)
            message += f" If you meant keep-probability {written}, use {name}: {replacement}."
        else:
            replacement = plain_fraction(limit)
            message += f" Use at most {replacement}."
        yield Violation(
            fact.node,
            message,
            fix=Fix(
                f"Use {name} {replacement}",
                (Edit(fact.node.span, replacement),),
                Applicability.UNSAFE,
            ),
        )


@rule(code="HP502", name="dropout-active-at-inference", severity=Severity.WARNING)
def dropout_active_at_inference(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for dropout switched on for evaluation or inference — `evaluation.dropout` above 0
    or `training_mode: true` under `evaluation:`/`inference:` — without `mc_dropout: true`.

    ## Why is this bad?
    Dropout is a training-time regulariser. At inference every unit is used (PyTorch scales
    activations by 1/(1 − p) during training, so evaluation mode is the identity). Leaving it
    on makes each prediction random and, averaged over units it no longer compensates for,
    biased. Monte-Carlo dropout does this on purpose and averages many passes; say so with
    `mc_dropout: true`.

    ## Example
    ```yaml
    evaluation:
      metrics: [accuracy]
      dropout: 0.3
    ```

    Use instead:
    ```yaml
    evaluation:
      metrics: [accuracy]
    ```

    ## References
    - [Srivastava et al. 2014, Dropout](https://jmlr.org/papers/v15/srivastava14a.html)
    - [PyTorch `nn.Dropout`](https://pytorch.org/docs/stable/generated/torch.nn.Dropout.html)
    """
    section = ctx.config.evaluation
    body = section.mapping
    if body is None:
        return
    if boolean(_fact(body, "mc_dropout")) is True:
        return
    name = _section_name(section)
    dropout = _fact(body, "dropout")
    rate = number(dropout)
    if dropout is not None and rate is not None and rate > 0:
        yield Violation(
            _key(dropout),
            f"`{name}.dropout: {shown(dropout)}`: dropout is a training-time regularizer; "
            "enabling it at evaluation makes predictions random and biased.",
        )
    mode = _fact(body, "training_mode")
    if mode is not None and boolean(mode) is True:
        yield Violation(
            _key(mode),
            f"`{name}.training_mode: true` keeps dropout active: dropout is a training-time "
            "regularizer; enabling it at evaluation makes predictions random and biased.",
        )


def _section_name(section: Section) -> str:
    key = section.key.resolve() if section.key is not None else None
    if isinstance(key, ScalarNode) and isinstance(key.value, str):
        return key.value
    return "evaluation"


def _fact(body: MappingNode, key: str) -> AnyFact | None:
    """A scalar fact of an IR section the IR does not break down yet (evaluation/inference)."""
    entry = body.get_entry(key)
    if entry is None:
        return None
    node = entry.value.resolve()
    value = node.value if isinstance(node, ScalarNode) else None
    return Fact(value, entry.value, entry.key)


@rule(
    code="HP503",
    name="training-data-not-shuffled",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
)
def training_data_not_shuffled(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for `training.shuffle: false` (or `shuffle: false` on a scikit-learn MLP) when the
    data are not declared time-ordered (`data.time_column`).

    ## Why is this bad?
    Without reshuffling, every epoch presents the same mini-batches in the same order, so
    successive gradient estimates are correlated and any ordering in the file (sorted by label,
    by date, by source) becomes a systematic drift within each epoch. Reshuffling each epoch
    keeps the gradient estimates unbiased and their noise useful (Bengio 2012). Keras `fit`
    and scikit-learn's MLP shuffle by default; PyTorch's `DataLoader` does not.

    ## Example
    ```yaml
    training:
      optimizer: adamw
      shuffle: false
    ```

    Use instead:
    ```yaml
    training:
      optimizer: adamw
      shuffle: true
    ```

    ## Fix safety
    The fix writes `shuffle: true`. It is unsafe because some set-ups depend on the order on
    purpose (curriculum learning, stateful recurrent networks); for time-ordered data declare
    `data.time_column` instead.

    ## References
    - [Bengio 2012, Practical Recommendations for Gradient-Based Training of Deep Architectures](https://arxiv.org/abs/1206.5533)
    - [PyTorch `DataLoader` (`shuffle=False` by default)](https://pytorch.org/docs/stable/data.html)
    """
    config = ctx.config
    if config.data.time_column is not None:
        return
    shuffle = config.training.shuffle
    if shuffle is None:
        estimator = config.model.final_estimator
        if estimator is not None and estimator.class_name in _MLP_CLASSES:
            shuffle = estimator.param("shuffle")
    if shuffle is None or boolean(shuffle) is not False:
        return
    yield Violation(
        shuffle.node,
        "Training data are not reshuffled each epoch: mini-batches repeat in the same order, "
        "correlating successive gradient estimates.",
        fix=Fix("Write `true`", (Edit(shuffle.node.span, "true"),), Applicability.UNSAFE),
    )


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
    - [Glorot & Bengio 2010, Understanding the difficulty of training deep feedforward neural networks](https://proceedings.mlr.press/v9/glorot10a.html)
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
    if estimator is None or estimator.class_name not in _MLP_CLASSES:
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


def layer_activation(layer: Layer) -> str | None:
    value = text(layer.activation)
    return value.lower() if value is not None else None


def _saturates(layer: Layer) -> bool:
    return layer_activation(layer) in _SATURATING


@rule(code="HP505", name="output-layer-loss-mismatch", severity=Severity.ERROR)
def output_layer_loss_mismatch(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks that the output layer fits the loss, the task and the number of classes: softmax
    over a single unit; a multiclass output whose units differ from `data.n_classes`; binary
    cross-entropy without a single sigmoid unit; categorical cross-entropy on a sigmoid output;
    a softmax output for regression.

    ## Why is this bad?
    Each loss assumes an output distribution (Goodfellow et al., *Deep Learning* §6.2.2):
    binary cross-entropy a Bernoulli probability from one sigmoid unit, categorical
    cross-entropy a distribution over the classes from a softmax with one unit per class, mean
    squared error an unbounded linear output. A softmax over one unit is constantly 1.0 and
    learns nothing; a class count that differs from the data crashes (too few units) or wastes
    probability mass on classes that never occur.

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
    - [Goodfellow, Bengio, Courville 2016, Deep Learning §6.2.2 (output units)](https://www.deeplearningbook.org/contents/mlp.html)
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
    loss = loss_raw.lower().replace("-", "_") if loss_raw is not None else None
    task = text(data.task)
    classes = number(data.n_classes)
    reason: str | None = None
    if activation == "softmax" and units == 1:
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


@rule(code="HP506", name="batchnorm-with-tiny-batch", severity=Severity.WARNING)
def batchnorm_with_tiny_batch(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a network with `batchnorm: true` in any layer trained with fewer than 8 samples
    per device (the per-device batch: `batch_size` when it is per device, otherwise the global
    batch divided by devices × nodes).

    ## Why is this bad?
    Batch normalisation normalises with the mean and variance of the current mini-batch on each
    device. With a handful of samples those statistics are noisy and differ from the running
    averages used at inference; Wu & He (2018) measured ImageNet error rising quickly below 8
    samples per device — Group Normalization was 10.6 % better than BatchNorm at batch 2.
    GroupNorm and LayerNorm do not depend on the batch.

    ## Example
    ```yaml
    model:
      network:
        layers:
          - {units: 256, activation: relu, batchnorm: true}
    training:
      batch_size: 4
    ```

    Use instead:
    ```yaml
    model:
      network:
        layers:
          - {units: 256, activation: relu, batchnorm: true}
    training:
      batch_size: 32
    ```

    ## References
    - [Wu & He 2018, Group Normalization](https://arxiv.org/abs/1803.08494)
    """
    network = ctx.config.model.network
    if network is None:
        return
    normed = [layer for layer in network.layers if boolean(layer.batchnorm) is True]
    if not normed:
        return
    info = setup(ctx.config)
    batch = effective_batch(ctx.config.training, info.batch)
    if info.batch is None or batch is None or batch.per_device >= 8:
        return
    first = normed[0].batchnorm
    related: tuple[tuple[Anchor, str], ...] = (
        ((first.node, "batch normalisation enabled here"),) if first is not None else ()
    )
    yield Violation(
        info.batch.node,
        f"BatchNorm with {short_number(batch.per_device)} samples per device: batch statistics "
        "are noisy and error rises quickly; use GroupNorm/LayerNorm or a larger batch.",
        related=related,
    )


def _key(fact: AnyFact) -> Node:
    return fact.key if fact.key is not None else fact.node
