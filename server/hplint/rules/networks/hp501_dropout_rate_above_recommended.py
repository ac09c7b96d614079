"""HP501 `dropout-rate-above-recommended`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.ir import AnyFact, number
from hplint.rules._edits import plain_fraction, short_number
from hplint.rules.api import FixAvailability, Option, RuleContext, Violation, rule
from hplint.rules.training._shared import shown


def _percent(value: float) -> str:
    return short_number(round(100 * value, 4))


MAX_HIDDEN_DROPOUT = Option(
    "max-hidden-dropout", 0.5, "the largest recommended dropout rate of a hidden layer."
)
MAX_INPUT_DROPOUT = Option("max-input-dropout", 0.2, "the largest recommended input dropout rate.")
DROPOUT_WARNING_RATE = Option(
    "dropout-warning-rate",
    0.75,
    "the dropout rate from which HP501 warns; between the recommended maximum and it, HP501 "
    "only informs (published models go up to 0.6).",
)


@rule(
    code="HP501",
    name="dropout-rate-above-recommended",
    severity=Severity.WARNING,
    fix=FixAvailability.ALWAYS,
    options=(MAX_HIDDEN_DROPOUT, MAX_INPUT_DROPOUT, DROPOUT_WARNING_RATE),
)
def dropout_rate_above_recommended(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for a hidden-layer `dropout` above 0.5 or an `input_dropout` above 0.2. The value is
    read as a *drop* probability, as PyTorch's `p` and Keras's `rate` are. From 0.75 it is a
    warning; between the recommended maximum and 0.75 it is information only, because
    published models deliberately go there (GAT drops 60 % of its layers' inputs).

    ## Why is this bad?
    Srivastava et al. (2014), who introduced dropout, recommend *retaining* 0.5–0.8 of hidden
    units and 0.8 of the inputs — dropping at most 50 % and 20 %. Dropping more starves the
    next layer of signal and the network underfits. Their paper's p is a retain probability
    while PyTorch and Keras take a drop probability, so a `dropout: 0.8` is very often a
    keep-probability of 0.8 written in the wrong convention: it drops 80 % of the units
    instead of 20 %. Heavy dropout is sometimes right — graph attention networks train on
    small, sparse citation graphs with 0.6 (Veličković et al. 2018) — so only rates of 0.75
    and more, where the keep/drop mix-up is the likely story, are warnings.

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

    ## References
    - [Srivastava14]
    - [Velickovic18] (GAT: dropout 0.6)
    - [torch-dropout]
    - [keras-dropout]
    """
    network = ctx.config.model.network
    if network is None:
        return
    hidden_limit = ctx.option(MAX_HIDDEN_DROPOUT)
    input_limit = ctx.option(MAX_INPUT_DROPOUT)
    warning_rate = ctx.option(DROPOUT_WARNING_RATE)
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
            severity=None if rate >= warning_rate else Severity.INFO,
        )
