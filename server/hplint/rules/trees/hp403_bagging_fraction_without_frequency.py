"""HP403 `bagging-fraction-without-frequency`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis import pipeline as pl
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.ir import AnyFact, Estimator, number
from hplint.rules._edits import insert_param
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.trees._shared import (
    LGBM_NAMES,
    boosters,
    entry_anchor,
    fmt,
    gridded,
    lgbm,
    number_of,
)


def _enable_bagging(
    ctx: RuleContext, est: Estimator, freq: tuple[str, AnyFact] | None, name: str
) -> Fix | None:
    if freq is not None:
        edit: Edit | None = Edit(freq[1].node.span, "1")
        name = freq[0]
    else:
        edit = insert_param(est, name, "1", ctx.document)
    if edit is None:
        return None
    return Fix(f"Set `{name}: 1`", (edit,), Applicability.UNSAFE)


@rule(
    code="HP403",
    name="bagging-fraction-without-frequency",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def bagging_fraction_without_frequency(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks LightGBM models for `bagging_fraction < 1` (alias `subsample`) while `bagging_freq`
    (alias `subsample_freq`) is absent or 0 — fixed or searched — and for `bagging_freq > 0`
    with `bagging_fraction` 1.0.

    ## Why is this bad?
    LightGBM bags only when both are set: "to enable bagging, bagging_freq should be set to a non
    zero value as well". With the default `bagging_freq: 0` the fraction is silently ignored and
    every tree sees all rows — the regularization you configured (or tune) does nothing.
    XGBoost's `subsample` needs no frequency, which makes this easy to miss when porting.

    ## Example
    ```yaml
    model:
      estimator:
        class: lightgbm.LGBMClassifier
        params:
          bagging_fraction: 0.7
    ```

    Use instead:
    ```yaml
    model:
      estimator:
        class: lightgbm.LGBMClassifier
        params:
          bagging_fraction: 0.7
          bagging_freq: 1
    ```

    ## Fix safety
    The fix sets the frequency to 1 (bag at every iteration). Bagging then takes effect and the
    model changes, so the fix is unsafe.

    ## References
    - [lgb-bagging]
    """
    for _, est in boosters(ctx, "lightgbm"):
        if gridded(ctx, est, "bagging_fraction", "bagging_freq"):
            continue
        frac = lgbm(est, "bagging_fraction")
        freq = lgbm(est, "bagging_freq")
        freq_value = number_of(freq)
        freq_searched = pl.searched(ctx.config, est, LGBM_NAMES["bagging_freq"])
        frac_searched = pl.searched(ctx.config, est, LGBM_NAMES["bagging_fraction"])
        no_freq = (freq_value is None or freq_value <= 0) and not freq_searched
        frac_value = number_of(frac)
        freq_name = (
            "subsample_freq" if frac is not None and frac[0] == "subsample" else "bagging_freq"
        )
        if frac is not None and frac_value is not None and frac_value < 1 and no_freq:
            shown = fmt(freq_value) if freq_value is not None else "0 (default)"
            yield Violation(
                frac[1].node,
                f"{frac[0]} {fmt(frac_value)} has no effect while {freq_name} = {shown}; set "
                f"{freq_name} (e.g. 1).",
                related=((freq[1].node, f"{freq[0]} = {shown}"),) if freq is not None else (),
                fix=_enable_bagging(ctx, est, freq, freq_name),
            )
        if no_freq:
            for name, param in frac_searched:
                low = pl.space_low(param)
                if low is not None and low[0] < 1:
                    yield Violation(
                        entry_anchor(param),
                        f"The search space varies {name}, but it has no effect while "
                        f"{freq_name} = 0; set {freq_name} (e.g. 1).",
                        fix=_enable_bagging(ctx, est, freq, freq_name),
                    )
        pos_neg = [
            number(est.params.get(k)) for k in ("pos_bagging_fraction", "neg_bagging_fraction")
        ]
        if (
            freq is not None
            and freq_value is not None
            and freq_value > 0
            and (frac_value is None or frac_value >= 1)
            and not frac_searched
            and not any(v is not None and v < 1 for v in pos_neg)
        ):
            shown = fmt(frac_value) if frac_value is not None else "1.0 (default)"
            yield Violation(
                freq[1].node,
                f"{freq[0]} {fmt(freq_value)} has no effect while bagging_fraction = {shown}: "
                "every row is used; set bagging_fraction below 1 (e.g. 0.8).",
            )
