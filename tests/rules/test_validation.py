"""HP3xx: the worked examples (examples/mistakes/), formulas and fixes."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hplint.engine import LintResult
from hplint.rules.validation.hp313_validation_set_too_small import accuracy_ci_points, holdout_size
from tests.rules.helpers import apply_fix, lines_and_codes, lint_all, lint_ok, single
from tests.worked_examples import LGBM_SEARCH, MLP_SGD, SKLEARN_LASSO

MINE = {f"HP3{n:02d}" for n in range(1, 14)}


_lint = lint_ok
_one = single
_fixed = apply_fix


def _mine(result: LintResult, codes: set[str] = MINE) -> list[tuple[int, str]]:
    return lines_and_codes(result, codes.__contains__)


# --- worked examples -------------------------------------------------------------------------


def test_sklearn_lasso_example() -> None:
    result = _lint(SKLEARN_LASSO)
    assert _mine(result) == [(22, "HP302")]
    assert "HP005" not in {d.code for d in result.diagnostics}
    message = _one(result, "HP302").message
    assert "240 folds = n_samples" in message and "leave-one-out" in message


def test_mlp_sgd_example() -> None:
    result = _lint(MLP_SGD)
    assert _mine(result) == [(26, "HP303"), (27, "HP304"), (28, "HP305"), (29, "HP306")]
    assert "patience 40 ≥ epochs 30" in _one(result, "HP305").message
    assert "`train_loss`" in _one(result, "HP304").message


def test_lgbm_search_example() -> None:
    result = _lint(LGBM_SEARCH)
    assert _mine(result, MINE | {"HP005"}) == [(3, "HP005"), (20, "HP307")]
    skipped = _one(result, "HP005").message
    assert "HP301" in skipped and "HP313" in skipped
    assert "`test_auc`" in _one(result, "HP307").message


# --- fixes -----------------------------------------------------------------------------------


def test_hp303_fix_inserts_validation_fraction_into_the_block() -> None:
    result = _lint(MLP_SGD)
    fixed = _fixed(MLP_SGD, _one(result, "HP303"))
    assert fixed.endswith("    restore_best_weights: false\n    validation_fraction: 0.1\n")
    assert "HP303" not in {d.code for d in _lint(fixed).diagnostics}


def test_hp303_fix_keeps_a_trailing_comment_on_its_line() -> None:
    text = MLP_SGD.replace("restore_best_weights: false", "restore_best_weights: false  # keras")
    fixed = _fixed(text, _one(_lint(text), "HP303"))
    assert "restore_best_weights: false  # keras\n    validation_fraction: 0.1\n" in fixed


def test_hp303_fix_in_a_flow_mapping() -> None:
    text = MLP_SGD.replace(
        "  early_stopping:\n    monitor: train_loss\n    patience: 40\n"
        "    restore_best_weights: false\n",
        "  early_stopping: {monitor: val_loss, patience: 5}\n",
    )
    fixed = _fixed(text, _one(_lint(text), "HP303"))
    assert "early_stopping: {monitor: val_loss, patience: 5, validation_fraction: 0.1}" in fixed
    assert "HP303" not in {d.code for d in _lint(fixed).diagnostics}


@pytest.mark.parametrize(
    ("monitor", "renamed"),
    [("loss", "val_loss"), ("train_loss", "val_loss"), ("training_acc", "val_acc"),
     ("train/auc", "val/auc"), ("'train_loss'", "'val_loss'")],
)  # fmt: skip
def test_hp304_fix_renames_to_the_validation_metric(monitor: str, renamed: str) -> None:
    text = MLP_SGD.replace("monitor: train_loss", f"monitor: {monitor}")
    fixed = _fixed(text, _one(_lint(text), "HP304"))
    assert f"monitor: {renamed}\n" in fixed


@pytest.mark.parametrize("monitor", ["val_loss", "lossy_metric", "trainer_score", "val_train_loss"])
def test_hp304_silent_on_validation_metrics(monitor: str) -> None:
    text = MLP_SGD.replace("monitor: train_loss", f"monitor: {monitor}")
    assert "HP304" not in {d.code for d in _lint(text).diagnostics}


@pytest.mark.parametrize(
    ("metric", "renamed"),
    [("test_auc", "val_auc"), ("test/acc", "val/acc"), ("testing-loss", "val-loss")],
)
def test_hp307_fix_replaces_the_test_prefix(metric: str, renamed: str) -> None:
    text = LGBM_SEARCH.replace("metric: test_auc", f"metric: {metric}")
    fixed = _fixed(text, _one(_lint(text), "HP307"))
    assert f"metric: {renamed}," in fixed


def test_hp307_silent_on_names_that_merely_start_with_test_letters() -> None:
    text = LGBM_SEARCH.replace("metric: test_auc", "metric: testosterone_r2")
    assert "HP307" not in {d.code for d in _lint(text).diagnostics}


def test_hp302_fix_sets_ten_folds_and_clears_the_rule() -> None:
    result = _lint(SKLEARN_LASSO)
    fixed = _fixed(SKLEARN_LASSO, _one(result, "HP302"))
    assert "  folds: 10\n" in fixed
    assert "HP302" not in {d.code for d in _lint(fixed).diagnostics}


@pytest.mark.parametrize(("folds", "fires"), [(2, True), (4, True), (5, False), (10, False),
                                              (20, False), (21, True)])  # fmt: skip
def test_hp302_thresholds(folds: int, fires: bool) -> None:
    text = SKLEARN_LASSO.replace("folds: 240", f"folds: {folds}")
    assert ("HP302" in {d.code for d in _lint(text).diagnostics}) is fires


def test_hp301_and_hp302_do_not_both_report_more_folds_than_samples() -> None:
    text = SKLEARN_LASSO.replace("folds: 240", "folds: 300")
    codes = [d.code for d in _lint(text).diagnostics]
    assert "HP301" in codes and "HP302" not in codes


def test_hp305_fix_suggests_a_tenth_of_the_epochs() -> None:
    fixed = _fixed(MLP_SGD, _one(_lint(MLP_SGD), "HP305"))
    assert "    patience: 3\n" in fixed


def test_hp306_silent_without_patience() -> None:
    text = MLP_SGD.replace("    patience: 40\n", "")
    assert "HP306" not in {d.code for d in _lint(text).diagnostics}


# --- formulas --------------------------------------------------------------------------------


def test_accuracy_interval_at_one_hundred_samples_is_9_8_points() -> None:
    assert accuracy_ci_points(100) == pytest.approx(9.8)


@given(st.integers(min_value=1, max_value=10_000), st.integers(min_value=1, max_value=10_000))
def test_accuracy_interval_shrinks_with_more_samples(a: int, b: int) -> None:
    small, large = sorted((a, b))
    assert accuracy_ci_points(large) <= accuracy_ci_points(small)
    assert accuracy_ci_points(small) * math.sqrt(small) == pytest.approx(98.0)


@given(st.integers(min_value=1, max_value=10**6), st.floats(min_value=0.01, max_value=0.99))
def test_holdout_size_rounds_up_like_train_test_split(n: int, fraction: float) -> None:
    size = holdout_size(n, fraction)
    assert n * fraction - 1e-6 <= size < n * fraction + 1
    assert size == math.ceil(n * fraction - 1e-9)


@given(st.integers(min_value=1, max_value=99), st.integers(min_value=100, max_value=10**6))
def test_hp313_fires_exactly_below_one_hundred_cv_samples(small: int, large: int) -> None:
    base = SKLEARN_LASSO.replace("folds: 240", "folds: 5")
    few = _lint(base.replace("n_samples: 240", f"n_samples: {small}"))
    many = _lint(base.replace("n_samples: 240", f"n_samples: {large}"))
    assert "HP313" in {d.code for d in few.diagnostics}
    assert "HP313" not in {d.code for d in many.diagnostics}


def test_hp303_fix_in_json_adds_a_member_on_its_own_line() -> None:
    text = (
        '{\n  "hplint": 1,\n  "data": {"train": "d.csv"},\n  "training": {\n    "epochs": 30,\n'
        '    "early_stopping": {\n      "monitor": "val_loss",\n'
        '      "patience": 5\n    }\n  }\n}\n'
    )
    result = lint_all(text, path="config.json")
    fixed = _fixed(text, _one(result, "HP303"))
    assert '"patience": 5,\n      "validation_fraction": 0.1\n    }' in fixed
    assert "HP303" not in {d.code for d in lint_all(fixed, path="config.json").diagnostics}
