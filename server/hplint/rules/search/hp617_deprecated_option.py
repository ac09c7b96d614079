"""HP617 `deprecated-option`."""

from __future__ import annotations

import math
from collections.abc import Iterator

from hplint.detection import HYDRA, WANDB
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.model import ScalarNode
from hplint.ir import AnyFact, SearchParam, number
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.search._formats import replace_text

_DEPRECATED = frozenset({"deprecated"})


def _float_text(value: float) -> str:
    """A float that every YAML loader reads as a float (PyYAML needs a dot before `e`)."""
    shown = f"{value:.4g}"
    if "e" in shown:
        mantissa, exponent = shown.split("e")
        if "." not in mantissa:
            mantissa += ".0"
        sign = exponent[0] if exponent[0] in "+-" else "+"
        shown = f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"
    elif "." not in shown:
        shown += ".0"
    return shown


_WANDB_DEPRECATED = {
    "log_uniform": "log_uniform_values",
    "q_log_uniform": "q_log_uniform_values",
    "inv_log_uniform": "inv_log_uniform_values",
}


def _exponents_look_real(low: float, high: float) -> bool:
    """Bounds that HP605 reports as real values given as exponents (one root cause there)."""
    return (low >= 0 and high <= 1) or high > 20 or (0 < low <= 1 and 0 < high <= 1)


def _wandb_deprecated(param: SearchParam) -> Iterator[Violation]:
    if param.dist is None or param.dist_name not in _WANDB_DEPRECATED:
        return
    low, high = number(param.low), number(param.high)
    if low is not None and high is not None and _exponents_look_real(low, high):
        return  # HP605: the bounds are values, not exponents — its fix also fixes this
    replacement = _WANDB_DEPRECATED[param.dist_name]
    message = (
        f"`{param.dist_name}` is deprecated: its bounds are natural-log exponents. Use "
        f"`{replacement}` with real bounds"
    )
    fix = None
    if low is not None and high is not None and param.dist_name != "inv_log_uniform":
        message += f" (min {_float_text(math.exp(low))}, max {_float_text(math.exp(high))})."
        edits = [replace_text(param.dist.node, param.dist_name, replacement)]
        for fact, value in ((param.low, low), (param.high, high)):
            if fact is not None and isinstance(fact.node, ScalarNode):
                edits.append(Edit(fact.node.span, _float_text(math.exp(value))))
        if all(edit is not None for edit in edits) and len(edits) == 3:
            fix = Fix(
                f"Use `{replacement}` with exp() of the bounds",
                tuple(e for e in edits if e is not None),
                Applicability.UNSAFE,
            )
    else:
        message += "."
    yield Violation(param.dist.node, message, fix=fix, tags=_DEPRECATED)


def _reg_linear(ctx: RuleContext) -> Iterator[Violation]:
    candidates: list[AnyFact] = []
    for param in ctx.config.search.space:
        if param.short_name == "objective":
            candidates.extend(param.values)
    for estimator in ctx.config.all_estimators():
        if estimator.library == "xgboost":
            found = estimator.param("objective")
            if found is not None:
                candidates.append(found)
    for fact in candidates:
        if fact.value != "reg:linear":
            continue
        edit = replace_text(fact.node, "reg:linear", "reg:squarederror")
        yield Violation(
            fact.node,
            "XGBoost objective `reg:linear` is deprecated; use `reg:squarederror` (same loss).",
            fix=Fix("Use `reg:squarederror`", (edit,)) if edit else None,
            tags=_DEPRECATED,
        )


@rule(
    code="HP617",
    name="deprecated-option",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def deprecated_option(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for deprecated or removed spellings: W&B `log_uniform`, `q_log_uniform` and
    `inv_log_uniform` (bounds given as exponents), Hydra's legacy `hydra.sweeper.search_space`
    block, the Optuna `motpe` sampler, and the XGBoost objective `reg:linear`.

    ## Why is this bad?
    W&B reports the exponent-style distributions as violations and recommends the `_values`
    variants; the Hydra Optuna sweeper removed `search_space` (use `params`) and Optuna removed
    `MOTPESampler` (TPE handles several objectives); XGBoost deprecated `reg:linear` in favour
    of `reg:squarederror`. Configs that still use them break on upgrade.

    ## Example
    ```yaml
    method: random
    parameters:
      learning_rate:
        distribution: log_uniform
        min: -9.2
        max: -6.9
    ```

    Use instead:
    ```yaml
    method: random
    parameters:
      learning_rate:
        distribution: log_uniform_values
        min: 1.0e-4
        max: 1.0e-3
    ```

    ## Fix safety
    W&B: the fix switches to the `_values` variant and converts the bounds with exp(); it is
    unsafe because the converted bounds are rounded to four significant digits. `motpe` →
    `tpe` and `reg:linear` → `reg:squarederror` are safe.

    ## References
    - [wandb-sweep]
    - [wandb-sweeps-schema]
    - [hydra-optuna]
    - [xgb-params]
    """
    config = ctx.config
    search = config.search
    if ctx.format_id == WANDB:
        for param in search.space:
            yield from _wandb_deprecated(param)
    if ctx.format_id == HYDRA:
        key = search.space_section.key
        if isinstance(key, ScalarNode) and key.value == "search_space":
            yield Violation(
                key,
                "`hydra.sweeper.search_space` is deprecated and removed from the Optuna sweeper; "
                "write the search space as override strings under `hydra.sweeper.params`.",
                tags=_DEPRECATED,
            )
        if search.method_raw is not None and search.method_raw.lower() == "motpe" and search.method:
            node = search.method.node
            edit = replace_text(node, search.method_raw, "tpe")
            if edit is None:
                edit = replace_text(node, "MOTPESampler", "TPESampler")
            yield Violation(
                node,
                "The `motpe` sampler was removed from Optuna; `tpe` handles multi-objective "
                "studies.",
                fix=Fix("Use the TPE sampler", (edit,)) if edit else None,
                tags=_DEPRECATED,
            )
    yield from _reg_linear(ctx)
