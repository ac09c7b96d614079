"""Hover sketches in plain text, which every editor's Markdown renders (a fenced block):

- where a search distribution's samples land: the share of its probability in each decade (or
  in equal slices of a narrow range), with the median — a uniform draw over four decades puts
  90 % of its trials in the top one;
- the learning rate its reference implies across batch sizes, with the config's own point.

The shares are exact (the distribution's mass per bin), not sampled.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING

from hplint.analysis.optimizers import scaled_lr
from hplint.ir import number
from hplint.rules._edits import short_number, yaml_float

if TYPE_CHECKING:
    from hplint.analysis.training import Scaling
    from hplint.ir import SearchParam

BAR = 24
"""Characters of the longest bar."""
_LINEAR_KINDS = frozenset({"uniform", "int", "quniform"})
_LOG_KINDS = frozenset({"loguniform"})


def distribution_sketch(param: SearchParam) -> str:
    """A histogram of where `param`'s samples land, or "" when it has no bounded range."""
    low, high = number(param.low), number(param.high)
    if low is None or high is None or not low < high:
        return ""
    if param.exponent_bounds:  # W&B log_uniform: the bounds are exponents of e
        if not -700 < low < high < 700:
            return ""
        low, high, log = math.exp(low), math.exp(high), True
    elif param.kind in _LOG_KINDS or param.log:
        log = True
    elif param.kind in _LINEAR_KINDS:
        log = False
    else:
        return ""
    if log and low <= 0:
        return ""
    edges = _edges(low, high)
    rows = []
    for start, end in itertools.pairwise(edges):
        share = _mass(start, end, low, high, log=log)
        rows.append((f"{_short(start)} … {_short(end)}", share))
    width = max(len(label) for label, _ in rows)
    lines = [
        f"{label:<{width}} {'█' * round(BAR * share):<{BAR}} {100 * share:5.1f}%"
        for label, share in rows
    ]
    median = math.sqrt(low * high) if log else (low + high) / 2
    decades = math.log10(high / low) if low > 0 else 0.0
    scale = "log-uniform" if log else "uniform (linear scale)"
    summary = f"median {_short(median)} · {scale}"
    if decades >= 1:
        summary += f" · {decades:.1f} decades"
    return "Where the samples land:\n```text\n" + "\n".join([*lines, summary]) + "\n```"


def _edges(low: float, high: float) -> list[float]:
    """Decade edges when the range spans a decade or more (and is positive), else 6 slices."""
    if low > 0 and high / low >= 10:
        first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
        inner = [10.0**k for k in range(first + 1, last)]
        # An edge within 5 % of a bound would draw an empty sliver (e^-2.3 ≈ 0.1003): skip it.
        return [low, *[e for e in inner if low * 1.05 < e < high / 1.05], high]
    step = (high - low) / 6
    return [low + step * i for i in range(6)] + [high]


def _mass(start: float, end: float, low: float, high: float, *, log: bool) -> float:
    if log:
        return (math.log(end) - math.log(start)) / (math.log(high) - math.log(low))
    return (end - start) / (high - low)


def _short(value: float) -> str:
    if value != 0 and (abs(value) < 1e-2 or abs(value) >= 1e4):
        mantissa, exponent = f"{value:.1e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}e{int(exponent)}"
    return f"{value:.3g}"


def scaling_sketch(scale: Scaling, lr: float, origin: str) -> str:
    """The learning rate `scale`'s reference implies at batch sizes around the config's, with the
    config's own (batch, learning rate) marked."""
    if scale.rule is None or scale.ref_batch <= 0 or scale.batch.total <= 0:
        return ""
    batches = sorted(
        {scale.ref_batch * 2.0**k for k in range(-1, 7)} | {scale.batch.total},
        key=float,
    )
    batches = [b for b in batches if b <= max(scale.batch.total, scale.ref_batch) * 2]
    rows = [("batch", "expected lr", "")]
    for batch in batches:
        k = batch / scale.ref_batch
        if scale.spans_both_rules:
            ends = sorted(
                (scaled_lr(scale.ref_lr, k, "sqrt"), scaled_lr(scale.ref_lr, k, "linear"))
            )
            expected = f"{yaml_float(ends[0])} … {yaml_float(ends[1])}"
        else:
            assert scale.rule is not None
            expected = yaml_float(scaled_lr(scale.ref_lr, k, scale.rule))
        mark = ""
        if batch == scale.ref_batch:
            mark = f"← {origin}"
        if batch == scale.batch.total:
            mark = f"← this config: lr {yaml_float(lr)}"
        rows.append((short_number(batch), expected, mark))
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    lines = [f"{b:>{widths[0]}}  {e:<{widths[1]}}  {m}".rstrip() for b, e, m in rows]
    rule = "square-root … linear" if scale.spans_both_rules else scale.rule
    return (
        f"The learning rate the batch implies ({rule} scaling from {origin}):\n"
        "```text\n" + "\n".join(lines) + "\n```"
    )
