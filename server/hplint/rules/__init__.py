"""The rule registry: every rule of the code table (`hplint/codes.py`), one file each.

A rule lives in `rules/<group>/hp<NNN>_<name>.py`; the table names the file, so nothing is
discovered by scanning directories, and a rule is imported only when the registry is first used.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable, Sequence

from hplint.codes import BY_CODE, CODES, DEFAULT_GROUP, HEURISTIC_GROUP, STABLE
from hplint.rules.api import Option, Rule, collect


@functools.cache
def all_rules() -> tuple[Rule, ...]:
    """Every implemented rule, sorted by code."""
    rules: list[Rule] = []
    for entry in CODES:
        if entry.status != STABLE:
            continue
        found = collect(vars(importlib.import_module(entry.module)))
        if [r.code for r in found] != [entry.code]:
            raise RuntimeError(f"{entry.module} must define exactly the rule {entry.code}")
        rules.append(found[0])
    return tuple(rules)


@functools.cache
def all_options() -> dict[str, Option]:
    """Every option some rule reads, by name (one declaration each)."""
    table: dict[str, Option] = {}
    for rule_ in all_rules():
        for option in rule_.options:
            if table.setdefault(option.name, option) != option:
                raise RuntimeError(f"option {option.name} is declared twice, differently")
    return dict(sorted(table.items()))


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
    """Ruff's model: the most specific matching selector decides; ignore wins ties.

    A selector is `ALL`, a code prefix (`HP`, `HP6`, `HP601`), a rule name, or a group:
    `default` (the rules that run when nothing is selected) or `heuristic` (the opt-in rules).
    A group is more specific than `HP` and less than any longer prefix, so `select = ["HP"]`
    with `ignore = ["heuristic"]` is the default set, and `ignore = ["HP10"]` drops HP108
    even from `select = ["heuristic"]`."""
    rule_ = get_rule(code)
    name = rule_.name if rule_ is not None else ""
    entry = BY_CODE.get(code)
    heuristic = entry is not None and entry.heuristic

    def specificity(selectors: Iterable[str]) -> int:
        best = -1
        for raw in selectors:
            selector = raw.strip()
            lowered = selector.lower()
            if selector == name:
                best = max(best, 2 * len(code))
            elif selector.upper() == "ALL":
                best = max(best, 0)
            elif lowered in (DEFAULT_GROUP, HEURISTIC_GROUP):
                if (lowered == HEURISTIC_GROUP) == heuristic:
                    best = max(best, 5)
            elif code.startswith(selector.upper()):
                best = max(best, 2 * len(selector))
        return best

    chosen = specificity(select)
    dropped = specificity(ignore)
    return chosen >= 0 and chosen > dropped
