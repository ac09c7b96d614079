"""HP4xx: the worked example examples/mistakes/lgbm_search.yaml, fixes, alias tables and the formulas."""

from __future__ import annotations

import json
import math
from collections import defaultdict

from hypothesis import given
from hypothesis import strategies as st

from hplint import resources
from hplint.rules.trees._shared import LGBM_NAMES, leaves_fix
from hplint.rules.trees.hp404_too_few_boosting_rounds_for_learning_rate import residual_after
from tests.rules.helpers import codes_starting, fixed_text, lint_ok
from tests.worked_examples import LGBM_SEARCH

HEAD = """\
hplint: 1
data:
  train: data/train.parquet
  target: y
  task: regression
  n_samples: 200000
  n_features: 45
validation:
  method: kfold
  folds: 5
  shuffle: true
"""


_lint = lint_ok


_fix = fixed_text


def _codes(text: str, prefix: str = "HP4") -> list[tuple[int, str]]:
    return codes_starting(text, prefix)


def test_worked_example_8_3() -> None:
    assert _codes(LGBM_SEARCH) == [(12, "HP401"), (13, "HP403"), (23, "HP404")]
    result = _lint(LGBM_SEARCH)
    messages = {d.code: d.message for d in result.diagnostics}
    assert "127 > 2^max_depth = 64" in messages["HP401"]
    assert "search space includes learning_rate 0.0001 × 500 rounds = 0.05" in messages["HP404"]
    assert "≈95%" in messages["HP404"]
    # HP406 applies (num_leaves is set) but n_samples is not declared
    assert "HP406" in messages["HP005"]


def test_hp401_fix() -> None:
    fixed = _fix(LGBM_SEARCH, "HP401")
    assert "      num_leaves: 38\n" in fixed
    assert "HP401" not in {code for _, code in _codes(fixed)}


def test_hp403_fix_inserts_frequency() -> None:
    fixed = _fix(LGBM_SEARCH, "HP403")
    assert "      bagging_fraction: 0.7\n      bagging_freq: 1\n" in fixed
    assert "HP403" not in {code for _, code in _codes(fixed)}


def test_hp403_aliases() -> None:
    for frac, freq, fires in (
        ("sub_row: 0.8", "", True),
        ("subsample: 0.8", "subsample_freq: 0", True),
        ("subsample: 0.8", "bagging_freq: 2", False),
        ("bagging: 0.8", "subsample_freq: 1", False),
    ):
        params = "\n".join(f"      {p}" for p in (frac, freq) if p)
        text = (
            HEAD
            + f"model:\n  estimator:\n    class: lightgbm.LGBMRegressor\n    params:\n{params}\n"
        )
        assert ("HP403" in {code for _, code in _codes(text)}) is fires, (frac, freq)


def test_hp404_fix_raises_rounds() -> None:
    text = HEAD + (
        "model:\n  estimator:\n    class: xgboost.XGBRegressor\n    params:\n"
        "      eta: 0.001\n      n_estimators: 300\n"
    )
    fixed = _fix(text, "HP404")
    assert "      n_estimators: 3000\n" in fixed
    assert _codes(fixed) == []


def test_hp404_default_learning_rate_and_missing_rounds() -> None:
    text = HEAD + (
        "model:\n  estimator:\n    class: sklearn.ensemble.HistGradientBoostingRegressor\n"
        "    params:\n      learning_rate: 0.005\n"
    )
    fixed = _fix(text, "HP404")  # 0.005 × 100 (default max_iter) = 0.5
    assert "      learning_rate: 0.005\n      max_iter: 600\n" in fixed
    assert _codes(fixed) == []


@given(st.floats(1e-5, 1.0), st.integers(1, 100_000))
def test_hp404_threshold_is_e_to_minus_one(eta: float, rounds: int) -> None:
    residual = residual_after(eta, rounds)
    assert (eta * rounds < 1) == (residual > math.exp(-1))
    needed = math.ceil(3 / eta)
    assert residual_after(eta, needed) <= math.exp(-3) < 0.05


@given(st.integers(1, 40))
def test_hp401_suggestion_is_below_capacity(depth: int) -> None:
    leaves = leaves_fix(depth)
    assert leaves >= 2
    if depth >= 2:
        assert leaves < 2**depth
        assert abs(leaves - 0.6 * 2**depth) <= 0.5


def test_hp401_guide_example() -> None:
    assert leaves_fix(7) == 77  # "70–80 for max_depth 7"
    assert leaves_fix(6) == 38


def test_lightgbm_alias_table_matches_generated_knowledge() -> None:
    data = json.loads(resources.schema_file("estimators/lightgbm.json").read_text(encoding="utf-8"))
    groups: dict[str, set[str]] = defaultdict(set)
    for alias, target in data["shared_aliases"].items():
        groups[target].add(alias)
    sklearn_names = {
        "bagging_fraction": "subsample",
        "bagging_freq": "subsample_freq",
        "num_iterations": "n_estimators",
        "min_data_in_leaf": "min_child_samples",
        "boosting": "boosting_type",
        "early_stopping_round": "early_stopping_round",
    }
    for primary, names in LGBM_NAMES.items():
        canonical = sklearn_names.get(primary, primary)
        expected = groups.get(canonical, set()) | {canonical}
        assert set(names) - {primary} <= expected | {primary}, primary
        assert expected <= set(names) | {primary}, (primary, expected - set(names))


def test_hp402_not_when_num_leaves_searched() -> None:
    text = HEAD + (
        "model:\n  estimator:\n    class: lightgbm.LGBMRegressor\n    params:\n"
        "      n_estimators: 1000\n      max_depth: 8\n"
        "search:\n  method: random\n  budget: {trials: 30}\n"
        "  objective: {metric: val_rmse, direction: minimize}\n"
        "  space:\n    model.estimator.params.num_leaves: {dist: int, low: 16, high: 200}\n"
    )
    assert _codes(text) == []


def test_hp406_skips_without_n_samples_and_respects_min_samples_leaf() -> None:
    text = HEAD.replace("  n_samples: 200000\n", "") + (
        "model:\n  estimator:\n    class: sklearn.tree.DecisionTreeRegressor\n"
        "    params:\n      max_depth: 20\n"
    )
    result = _lint(text)
    assert "HP406" in next(d.message for d in result.diagnostics if d.code == "HP005")
    small = HEAD.replace("200000", "1000") + (
        "model:\n  estimator:\n    class: sklearn.tree.DecisionTreeRegressor\n"
        "    params:\n      max_depth: 8\n      min_samples_leaf: {leaf}\n"
    )
    # 800 training rows: 2^8 = 256 leaves ≤ 800 / 1, but > 800 / 5 = 160
    assert _codes(small.format(leaf=1)) == []
    assert _codes(small.format(leaf=5)) == [(16, "HP406")]


def test_hp407_needs_forest_or_early_stopping() -> None:
    base = HEAD + (
        "model:\n  estimator:\n    class: {cls}\n    params:\n      learning_rate: 0.05\n{extra}"
        "search:\n  method: random\n  budget: {{trials: 30}}\n"
        "  objective: {{metric: val_rmse, direction: minimize}}\n"
        "  space:\n    model.estimator.params.n_estimators: {{dist: int, low: 200, high: 2000}}\n"
    )
    lgbm = "lightgbm.LGBMRegressor"
    assert _codes(base.format(cls=lgbm, extra="")) == []
    stopping = "      early_stopping_round: 50\n"
    assert [c for _, c in _codes(base.format(cls=lgbm, extra=stopping))] == ["HP407"]
    forest = base.format(cls="sklearn.ensemble.ExtraTreesRegressor", extra="")
    forest = forest.replace("      learning_rate: 0.05\n", "      max_features: 0.5\n")
    assert [c for _, c in _codes(forest)] == ["HP407"]
