"""HP502 `dropout-active-at-inference`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.document.model import MappingNode, Node, ScalarNode
from hplint.ir import AnyFact, Fact, Section, boolean, number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.training._shared import shown


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


def _key(fact: AnyFact) -> Node:
    return fact.key if fact.key is not None else fact.node


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
    - [Srivastava14]
    - [torch-dropout]
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
