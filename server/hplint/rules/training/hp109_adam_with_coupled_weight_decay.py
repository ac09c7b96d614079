"""HP109 `adam-with-coupled-weight-decay`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis.optimizers import (
    canonical,
)
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.model import ScalarNode
from hplint.ir import Config, number, text
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule


@rule(
    code="HP109",
    name="adam-with-coupled-weight-decay",
    severity=Severity.HINT,
    fix=FixAvailability.ALWAYS,
)
def adam_with_coupled_weight_decay(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for `weight_decay` above 0 with `optimizer: adam`, and for `adam` among the
    optimizers a native search tries while weight decay is on.

    ## Why is this bad?
    PyTorch's `Adam` (and the native format) adds `weight_decay × w` to the gradient — L2
    regularisation — before the adaptive rescaling, so weights with large gradient history are
    barely regularised. For adaptive optimizers L2 and weight decay are not equivalent;
    Loshchilov & Hutter's AdamW decouples the decay from the gradient step, which regularises
    every weight alike and makes the best decay independent of the learning rate.

    ## Example
    ```yaml
    training:
      optimizer: adam
      weight_decay: 0.01
    ```

    Use instead:
    ```yaml
    training:
      optimizer: adamw
      weight_decay: 0.01
    ```

    ## Fix safety
    The fix switches to AdamW. The same `weight_decay` value means a different strength there,
    so it is unsafe: retune the decay afterwards.

    ## References
    - [Loshchilov19]
    - [torch-adam]
    """
    training = ctx.config.training
    yield from _searched_adam(ctx.config)
    optimizer = training.optimizer
    decay = training.weight_decay
    written = text(optimizer)
    if optimizer is None or decay is None or written is None or canonical(written) != "adam":
        return
    value = number(decay)
    if value is None or value <= 0:
        return
    fix = None
    node = optimizer.node.resolve()
    if isinstance(node, ScalarNode) and node is optimizer.node and written[-4:].lower() == "adam":
        capital = written[-4].isupper()  # Adam → AdamW, adam → adamw
        replacement = written + ("W" if capital else "w")
        quoted = node.raw[0] if node.raw[:1] in ("'", '"') else ""
        fix = Fix(
            f"Use `{replacement}`",
            (Edit(node.span, f"{quoted}{replacement}{quoted}"),),
            Applicability.UNSAFE,
        )
    yield Violation(
        decay.node,
        "`weight_decay` with Adam is L2 regularization, not decoupled weight decay; use `adamw`.",
        related=((optimizer.node, f"optimizer: {written}"),),
        fix=fix,
    )


def _searched_adam(config: Config) -> Iterator[Violation]:
    """`adam` among the searched optimizers while weight decay is on (fixed above 0, or
    searched): those trials apply L2 regularization, not decoupled weight decay."""
    space = config.search.space
    decay_fixed = number(config.training.weight_decay)
    decay_searched = any(p.path[-1:] == ("weight_decay",) for p in space if p.path)
    if not decay_searched and (decay_fixed is None or decay_fixed <= 0):
        return
    for param in space:
        if param.path != ("training", "optimizer") or param.kind != "choice":
            continue
        for choice in param.values:
            if isinstance(choice.value, str) and canonical(choice.value) == "adam":
                yield Violation(
                    choice.node,
                    "The search space includes `adam` with weight decay: those trials get L2 "
                    "regularization, not decoupled weight decay; search `adamw` instead.",
                )
