"""HP6xx: the worked examples (examples/mistakes/), formulas and fixes."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hplint.analysis.search_space import grid_points
from hplint.document.model import ScalarNode, ScalarStyle
from hplint.engine import LintResult
from hplint.ir import Fact, SearchParam
from hplint.rules.search._shared import is_log_family
from hplint.rules.search.hp603_wide_range_sampled_linearly import linear_top_decade_share
from hplint.rules.search.hp604_invalid_distribution import distribution_problems
from hplint.rules.search.hp605_log_uniform_bounds_are_exponents import exponent_bounds_look_real
from hplint.rules.search.hp620_batch_size_searched_with_independent_lr import batch_spread
from hplint.text import Span
from tests.rules.helpers import apply_fix, lines_and_codes, lint_ok, single
from tests.worked_examples import LGBM_SEARCH, WANDB_SWEEP

MINE = {f"HP6{n:02d}" for n in (*range(1, 14), 16, 20, 21)}


_lint = lint_ok
_one = single
_fixed = apply_fix


def _mine(result: LintResult, codes: set[str] = MINE) -> list[tuple[int, str]]:
    return lines_and_codes(result, codes.__contains__)


def _fact(value: object) -> Fact[object]:
    return Fact(value, ScalarNode(Span(0, 1), value, str(value), ScalarStyle.PLAIN))


# --- worked examples -------------------------------------------------------------------------


def test_lgbm_search_example() -> None:
    result = _lint(LGBM_SEARCH)
    assert _mine(result) == [
        (21, "HP606"),
        (21, "HP607"),
        (21, "HP608"),
        (23, "HP603"),
        (24, "HP604"),
        (26, "HP609"),
    ]
    assert "8 trials ≤ 10 random start-up trials of Optuna" in _one(result, "HP606").message
    assert "8 of 8 trials run concurrently" in _one(result, "HP607").message
    assert "4 searched hyperparameters" in _one(result, "HP608").message
    assert "3000×" in _one(result, "HP603").message and "90%" in _one(result, "HP603").message
    assert "low = 0" in _one(result, "HP604").message
    assert "did you mean `model.estimator.params.colsample_bytree`" in _one(result, "HP609").message


def test_wandb_sweep_example() -> None:
    result = _lint(WANDB_SWEEP)
    # HP621 (info): the sweep has no run_cap, which docs/rules/HP621.md defines as its trigger.
    assert _mine(result) == [(2, "HP621"), (6, "HP605"), (9, "HP620")]
    message = _one(result, "HP605").message
    assert "exp(0.00001)…exp(0.01) ≈ 1.00001…1.01005" in message
    assert "`log_uniform_values`" in message


# --- fixes -----------------------------------------------------------------------------------


def test_hp605_fix_switches_to_the_values_variant_safely_for_unit_bounds() -> None:
    diagnostic = _one(_lint(WANDB_SWEEP), "HP605")
    assert diagnostic.fix is not None and diagnostic.fix.applicability.value == "safe"
    fixed = _fixed(WANDB_SWEEP, diagnostic)
    assert "distribution: log_uniform_values\n" in fixed
    assert "HP605" not in {d.code for d in _lint(fixed).diagnostics}


def test_hp605_fix_is_unsafe_for_large_bounds() -> None:
    text = WANDB_SWEEP.replace("min: 0.00001", "min: 1").replace("max: 0.01", "max: 100")
    diagnostic = _one(_lint(text), "HP605")
    assert diagnostic.fix is not None and diagnostic.fix.applicability.value == "unsafe"


def test_hp605_silent_on_real_exponents() -> None:
    text = WANDB_SWEEP.replace("min: 0.00001", "min: -11.5").replace("max: 0.01", "max: -4.6")
    assert "HP605" not in {d.code for d in _lint(text).diagnostics}


def test_hp603_fix_switches_to_loguniform_and_clears_the_rule() -> None:
    fixed = _fixed(LGBM_SEARCH, _one(_lint(LGBM_SEARCH), "HP603"))
    assert "learning_rate: {dist: loguniform, low: 0.0001, high: 0.3}" in fixed
    assert "HP603" not in {d.code for d in _lint(fixed).diagnostics}


def test_hp609_fix_renames_the_key() -> None:
    fixed = _fixed(LGBM_SEARCH, _one(_lint(LGBM_SEARCH), "HP609"))
    assert "model.estimator.params.colsample_bytree: {dist: uniform" in fixed
    assert "HP609" not in {d.code for d in _lint(fixed).diagnostics}


def test_hp609_accepts_any_parameter_of_an_unknown_estimator() -> None:
    text = LGBM_SEARCH.replace("lightgbm.LGBMClassifier", "mylib.models.CustomBooster")
    assert "HP609" not in {d.code for d in _lint(text).diagnostics}


def test_hp609_accepts_settable_keys_that_are_not_written() -> None:
    text = LGBM_SEARCH.replace(
        "model.estimator.params.colsample_by_tree", "validation.folds"
    ).replace("validation:\n  method: stratified_kfold\n  folds: 5\n", "")
    assert "HP609" not in {d.code for d in _lint(text).diagnostics}


def test_hp601_fix_switches_to_random_search() -> None:
    text = LGBM_SEARCH.replace("method: bayesian", "method: grid")
    diagnostic = _one(_lint(text), "HP601")
    assert "method: random\n" in _fixed(text, diagnostic)


def test_hp616_fix_lowers_parallel_to_the_total() -> None:
    text = LGBM_SEARCH.replace("parallel: 8", "parallel: 12")
    fixed = _fixed(text, _one(_lint(text), "HP616"))
    assert "budget: {trials: 8, parallel: 8}" in fixed


# --- formulas --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["learning_rate", "lr", "eta", "alpha", "lambda", "reg_alpha", "C", "gamma",
             "weight_decay", "epsilon", "l2", "model.lr", "encoder_lr", "lambda_l2"],
)  # fmt: skip
def test_log_family_names(name: str) -> None:
    assert is_log_family(name.rsplit(".", 1)[-1])


@pytest.mark.parametrize("name", ["dropout", "subsample", "max_depth", "n_estimators", "momentum"])
def test_not_log_family_names(name: str) -> None:
    assert not is_log_family(name)


@given(
    st.floats(min_value=1e-6, max_value=1e3, allow_nan=False),
    st.floats(min_value=1.01, max_value=1e6, allow_nan=False),
)
def test_top_decade_share_is_a_fraction_and_matches_the_closed_form(
    low: float, ratio: float
) -> None:
    high = low * ratio
    share = linear_top_decade_share(low, high)
    assert 0.0 <= share <= 1.0 + 1e-12
    if ratio >= 10:
        assert share == pytest.approx(0.9 * high / (high - low))
    else:
        assert share == pytest.approx(1.0)


def test_top_decade_share_of_the_catalogue_example_is_ninety_percent() -> None:
    assert round(100 * linear_top_decade_share(1e-4, 0.3)) == 90


@given(st.floats(min_value=1e-9, max_value=1.0), st.floats(min_value=1e-9, max_value=1.0))
def test_exponent_bounds_in_the_unit_interval_always_look_real(a: float, b: float) -> None:
    assert exponent_bounds_look_real(min(a, b), max(a, b), "units")


@given(st.floats(min_value=-30, max_value=-0.01), st.floats(min_value=-29, max_value=0.0))
def test_negative_exponents_never_look_real(low: float, high: float) -> None:
    assert not exponent_bounds_look_real(low, max(low, high), "learning_rate")


def test_exponent_bounds_with_a_large_max_or_family_name() -> None:
    assert exponent_bounds_look_real(2.0, 21.0, "hidden_units")
    assert not exponent_bounds_look_real(2.0, 6.0, "hidden_units")
    assert exponent_bounds_look_real(0.0, 2.0, "lr")


def _param(**kwargs: object) -> SearchParam:
    param = SearchParam(name="p")
    for key, value in kwargs.items():
        setattr(param, key, value)
    return param


@given(st.integers(min_value=-50, max_value=50), st.integers(min_value=0, max_value=200),
       st.integers(min_value=1, max_value=10))  # fmt: skip
def test_grid_points_of_an_integer_range(low: int, width: int, step: int) -> None:
    param = _param(
        kind="int", integer=True, low=_fact(low), high=_fact(low + width), step=_fact(step)
    )
    points = grid_points(param)
    assert points == len(range(low, low + width + 1, step))


def test_grid_points_of_choices_and_continuous_ranges() -> None:
    assert grid_points(_param(kind="choice", values=[_fact(1), _fact(2), _fact(3)])) == 3
    continuous = _param(kind="uniform", continuous=True, low=_fact(0.0), high=_fact(1.0))
    assert grid_points(continuous) is None


def test_distribution_problems_read_numeric_strings() -> None:
    """SageMaker and Katib bounds are strings; they are numbers to the rules."""
    param = _param(
        kind="loguniform", log=True, low=_fact("0"), high=_fact("10"), dist_name="Logarithmic"
    )
    assert distribution_problems(param, "sagemaker-tuning") == [
        "`Logarithmic` is a log scale, which requires low > 0, but low = 0"
    ]
    reversed_bounds = _param(kind="uniform", low=_fact("5"), high=_fact("1"))
    assert distribution_problems(reversed_bounds, "katib-experiment") == ["low (5) ≥ high (1)"]


def test_log_with_step_is_invalid_only_where_optuna_semantics_apply() -> None:
    param = _param(kind="quniform", log=True, low=_fact(1), high=_fact(64), step=_fact(1))
    assert distribution_problems(param, "hplint")
    assert not distribution_problems(param, "wandb-sweep")  # q_log_uniform_values is valid


def test_empty_choice_is_left_to_the_schema_in_the_native_format() -> None:
    param = _param(kind="choice", dist=_fact("choice"))
    assert distribution_problems(param, "hplint") == []
    assert distribution_problems(param, "azureml-sweep") == ["the list of values is empty"]


def test_batch_spread_of_exponent_bounds() -> None:
    param = _param(
        kind="loguniform", exponent_bounds=True, low=_fact(math.log(16)), high=_fact(math.log(256))
    )
    spread = batch_spread(param)
    assert spread is not None and spread[1] / spread[0] == pytest.approx(16)


@given(st.lists(st.integers(min_value=1, max_value=4096), min_size=1, max_size=8))
def test_batch_spread_of_choices(values: list[int]) -> None:
    spread = batch_spread(_param(kind="choice", values=[_fact(v) for v in values]))
    assert spread == (min(values), max(values))
