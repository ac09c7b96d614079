"""The rule registry: every rule hplint knows, in one explicit tuple."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from hplint.rules import (
    document,
    estimators,
    formats,
    linear,
    networks,
    search,
    training,
    trees,
    validation,
)
from hplint.rules._base import Rule, collect


@functools.cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, sorted by code. Modules are listed explicitly: no import-time discovery."""
    rules: list[Rule] = []
    for module in (
        document,
        estimators,
        formats,
        training,
        linear,
        validation,
        trees,
        networks,
        search,
    ):
        rules.extend(collect(vars(module)))
    return tuple(sorted(rules, key=lambda r: r.code))


@functools.cache
def _by_key() -> dict[str, Rule]:
    table: dict[str, Rule] = {}
    for rule_ in all_rules():
        table[rule_.code] = rule_
        table[rule_.name] = rule_
    return table


def get_rule(code_or_name: str) -> Rule | None:
    return _by_key().get(code_or_name.strip()) or _by_key().get(code_or_name.strip().upper())


def resolve_code(code_or_name: str) -> str | None:
    found = get_rule(code_or_name)
    return found.code if found is not None else None


def is_selected(code: str, select: Sequence[str], ignore: Iterable[str]) -> bool:
    """Ruff's model: the most specific matching prefix (or rule name) decides; ignore wins ties."""
    rule_ = get_rule(code)
    name = rule_.name if rule_ is not None else ""

    def specificity(prefixes: Iterable[str]) -> int:
        best = -1
        for raw in prefixes:
            prefix = raw.strip()
            if prefix == name or prefix.upper() == "ALL":
                best = max(best, len(code) if prefix == name else 0)
            elif code.startswith(prefix.upper()):
                best = max(best, len(prefix))
        return best

    chosen = specificity(select)
    dropped = specificity(ignore)
    return chosen >= 0 and chosen > dropped
