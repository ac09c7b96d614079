"""What several rules of this group share: helpers, constants and how they show values."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Applicability, Edit, Fix
from hplint.document.model import MappingNode, Node, ScalarNode
from hplint.ir import AnyFact, Config, Estimator, number, text
from hplint.rules._edits import replace_string
from hplint.rules.api import RuleContext
from hplint.text import Span

STRATIFIED = frozenset({"stratified_kfold", "stratified_group_kfold"})


_GBM_ES_ROUNDS = ("early_stopping_rounds", "early_stopping_round")


replace_scalar = replace_string  # kept under its old name for the search rules


def insert_into_mapping(ctx: RuleContext, node: Node | None, key: str, value: str) -> Edit | None:
    """An edit that adds `key: value` as the last entry of a block or flow mapping."""
    if node is None:
        return None
    body = node.resolve()
    if body is not node or not isinstance(body, MappingNode) or not body.entries:
        return None
    source = ctx.document.text
    newline = "\r\n" if "\r\n" in source else "\n"
    if ctx.document.language == "json":
        last_end = body.entries[-1].value.span.end
        first = body.entries[0].key.span.start
        prefix = source[source.rfind("\n", 0, first) + 1 : first]
        if prefix.strip():  # `{"a": 1, "b": 2}` on one line
            return Edit(Span(last_end, last_end), f', "{key}": {value}')
        return Edit(Span(last_end, last_end), f',{newline}{prefix}"{key}": {value}')
    if body.flow:
        close = body.span.end - 1
        if close < 0 or source[close] != "}":
            return None
        return Edit(Span(close, close), f", {key}: {value}")
    first = body.entries[0].key.span.start
    indent = first - (source.rfind("\n", 0, first) + 1)
    if source[first - indent : first].strip():
        return None  # the first key does not start its line (e.g. `- key: v` items)
    last = body.entries[-1].value
    end = max(last.span.end, body.entries[-1].key.span.end)
    line_end = len(source)
    for stop in ("\r", "\n"):
        found = source.find(stop, end)
        if found != -1:
            line_end = min(line_end, found)
    return Edit(Span(line_end, line_end), f"{newline}{' ' * indent}{key}: {value}")


def fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def cv_method(config: Config) -> str | None:
    return text(config.validation.method)


def gbm_early_stopping(config: Config) -> Iterator[tuple[Estimator, AnyFact]]:
    """Boosting estimators configured with `early_stopping_rounds` (a positive number)."""
    for estimator in config.all_estimators():
        rounds = estimator.param(*_GBM_ES_ROUNDS)
        value = number(rounds)
        if rounds is not None and value is not None and value > 0:
            yield estimator, rounds


def es_missing_validation_fix(ctx: RuleContext) -> Fix | None:
    early = ctx.config.training.early_stopping
    if early is None:
        return None
    edit = insert_into_mapping(ctx, early.node, "validation_fraction", "0.1")
    if edit is None:
        return None
    return Fix("Add `validation_fraction: 0.1`", (edit,), Applicability.UNSAFE)


def fix_value(node: Node, new_text: str, title: str) -> Fix | None:
    if not isinstance(node, ScalarNode):
        return None
    return Fix(title, (Edit(node.span, new_text),), Applicability.UNSAFE)
