"""Inlay hints: the numbers a config implies, shown after the values that imply them.

- after a batch size, the effective batch when accumulation, devices or nodes multiply it;
- after a learning rate, the value its reference (or the file's last commit) implies;
- after a grid search's method, its number of combinations against the trial budget;
- after a bound given as a natural-log exponent (W&B `log_uniform`, Azure `loguniform`), the
  value it stands for.

Offsets are code points in the document; the language server converts them (like diagnostics).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from hplint.analysis.search_space import grid_size
from hplint.analysis.training import RULE_WORDS, effective_batch, reference_scaling, setup
from hplint.ir import number
from hplint.rules._edits import short_number, yaml_float

if TYPE_CHECKING:
    from hplint.engine import LintResult
    from hplint.ir import AnyFact, Config

HintKind = Literal["type", "parameter"]


@dataclass(frozen=True, slots=True)
class Hint:
    """An inlay hint: `label` shown after a value, `tooltip` saying how it was computed."""

    offset: int  # the hint is shown at this offset (after the value)
    label: str
    tooltip: str
    kind: HintKind = "type"


def inlay_hints(result: LintResult, start: int = 0, end: int | None = None) -> list[Hint]:
    """The hints of `result` whose offsets lie in [start, end], in document order."""
    stop = len(result.text) if end is None else end
    found: list[Hint] = []
    baselines = result.baselines or [None] * len(result.configs)
    for config, baseline in zip(result.configs, baselines, strict=False):
        found.extend(_batch(config))
        found.extend(_learning_rate(config, baseline, result.baseline_label))
        found.extend(_grid(config))
        found.extend(_exponents(config))
    unique = {(h.offset, h.label): h for h in found if start <= h.offset <= stop}
    return sorted(unique.values(), key=lambda h: h.offset)


def _end(fact: AnyFact) -> int:
    return fact.node.span.end


def _batch(config: Config) -> list[Hint]:
    info = setup(config)
    if info.batch is None:
        return []
    batch = effective_batch(config.training, info.batch)
    if batch is None or not batch.factors:
        return []
    parts = [short_number(batch.per_device)] + [
        f"{short_number(number(fact) or 0)} ({name})" for fact, name in batch.factors
    ]
    return [
        Hint(
            _end(info.batch),
            f"= {short_number(batch.total)} effective",
            f"Effective batch (samples per optimizer step): {' × '.join(parts)} = "
            f"{short_number(batch.total)}. The learning-rate rules (HP103, HP104) scale with it.",
        )
    ]


def _learning_rate(config: Config, baseline: Config | None, label: str) -> list[Hint]:
    info = setup(config)
    scale = reference_scaling(config, baseline)
    if info.peak is None or scale is None or scale.rule is None or scale.disabled:
        return []
    low, high = scale.expected_range()
    if not 0 < low <= high < math.inf:
        return []
    origin = "the reference" if config.training.reference is not None else f"its version at {label}"
    if scale.spans_both_rules:
        shown = f"expected {yaml_float(low)} … {yaml_float(high)}"
        how = "square-root to linear scaling"
    else:
        shown = f"expected ≈{yaml_float(low)}"
        how = f"{RULE_WORDS[scale.rule]} scaling"
    return [
        Hint(
            _end(info.peak),
            shown,
            f"{how} for {info.optimizer_label} from {origin} (batch "
            f"{short_number(scale.ref_batch)}, learning rate {yaml_float(scale.ref_lr, 3)}) to "
            f"the effective batch {short_number(scale.batch.total)} ({short_number(scale.k)}×).",
        )
    ]


def _grid(config: Config) -> list[Hint]:
    search = config.search
    if search.method is None or search.method_name != "grid":
        return []
    total = grid_size(search)
    if total is None:
        return []
    trials = number(search.trials)
    budget = f" / {short_number(trials)} trials" if trials is not None else ""
    over = trials is not None and total > trials
    return [
        Hint(
            _end(search.method),
            f"{total} combinations{budget}",
            f"The grid enumerates {total} combinations"
            + (f"; the budget runs only {short_number(trials)} of them (HP602)." if over else ".")
            if trials is not None
            else f"The grid enumerates {total} combinations.",
        )
    ]


def _exponents(config: Config) -> list[Hint]:
    hints: list[Hint] = []
    for param in config.search.space:
        if not param.exponent_bounds:
            continue
        for bound in (param.low, param.high):
            value = number(bound)
            if bound is None or value is None or not -700 < value < 700:
                continue
            real = math.exp(value)
            hints.append(
                Hint(
                    _end(bound),
                    f"≈ {yaml_float(real)}",
                    f"e^{value:g} = {real:.4g}: `{param.dist_name or param.kind}` bounds are "
                    "natural-log exponents, so this is the value sampled (HP605).",
                )
            )
    return hints
