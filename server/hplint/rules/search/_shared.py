"""What several rules of this group share: helpers, constants and how they show values."""

from __future__ import annotations

import functools
import re

from hplint.document.model import Node, ScalarNode
from hplint.ir import AnyFact, Search, SearchParam, as_number, text
from hplint.rules.api import RuleContext
from hplint.text import Span

_LOG_FAMILY = re.compile(
    r"^(?:learning_rate|learning-rate|lr|base_lr|max_lr|init_lr|initial_lr|eta|eta0|alpha|"
    r"lambda|lambda_l[12]|reg_\w+|c|gamma|weight_decay|wd|epsilon|eps|l1|l2|l2_reg\w*)$"
    r"|(?:^|_)(?:lr|learning_rate|weight_decay)$",
    re.IGNORECASE,
)


EXP_MAX = 700.0

# Names whose values are labels, not magnitudes: a seed or an id is replicated, not tuned.
_IDENTIFIER = re.compile(r"(?:^|[_.-])(?:seed|random_state|id)$", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)  # asked of every searched name on every keystroke
def is_identifier(name: str) -> bool:
    """A seed, random state or id: searched to replicate a run, not as a hyperparameter."""
    return bool(_IDENTIFIER.search(name))


def fmt(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}"


def shown(fact: AnyFact | None, value: float) -> str:
    """A number as the author wrote it (raw text of a plain scalar), else formatted."""
    node = fact.node.resolve() if fact is not None else None
    if isinstance(node, ScalarNode) and node.raw.strip("'\""):
        return node.raw.strip("'\"")
    return fmt(value)


@functools.lru_cache(maxsize=4096)
def is_log_family(name: str) -> bool:
    """Learning-rate, weight-decay and penalty parameters: naturally searched on a log scale."""
    return bool(_LOG_FAMILY.search(name))


def search_method(search: Search) -> str | None:
    return text(search.method)


def numeric_values(param: SearchParam) -> list[float]:
    return [v for v in (as_number(item.value) for item in param.values) if v is not None]


def entry(param: SearchParam) -> Node | None:
    return param.anchor


def related_entry(param: SearchParam, message: str) -> tuple[tuple[Node | Span, str], ...]:
    anchor = entry(param)
    return ((anchor, message),) if anchor is not None else ()


def method_anchor(ctx: RuleContext) -> Node | Span:
    search = ctx.config.search
    if search.method is not None:
        return search.method.node
    if search.anchor is not None:
        return search.anchor
    return _first_line(ctx)


def _first_line(ctx: RuleContext) -> Span:
    source = ctx.document.text
    start = ctx.root.span.start
    start = source.rfind("\n", 0, start) + 1
    end = len(source)
    for stop in ("\r", "\n"):
        found = source.find(stop, start)
        if found != -1:
            end = min(end, found)
    return Span(start, end)
