"""HP2xx: the worked example examples/mistakes/sklearn_lasso.yaml, fixes, pipeline analysis and the formulas."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hplint.analysis import pipeline as pl
from hplint.ir import Estimator, Fact
from hplint.rules.linear.hp204_ridge_alpha_overshrinks import ridge_shrinkage
from tests.rules.helpers import codes_starting, fixed_text, lint_all, lint_ok
from tests.worked_examples import SKLEARN_LASSO

HEAD = """\
hplint: 1
data:
  train: data/train.parquet
  target: y
  task: regression
  n_samples: 20000
  n_features: 12
"""


_lint = lint_ok


_fix = fixed_text


def _codes(text: str, prefix: str = "HP2") -> list[tuple[int, str]]:
    return codes_starting(text, prefix)


def test_worked_example_8_1() -> None:
    assert _codes(SKLEARN_LASSO) == [(15, "HP202"), (15, "HP206"), (17, "HP201")]
    result = _lint(SKLEARN_LASSO)
    assert not [d for d in result.diagnostics if d.code in ("HP203", "HP005")]
    hp206 = next(d for d in result.diagnostics if d.code == "HP206")
    assert "at most n=239" in hp206.message and "p=5200" in hp206.message
    assert [result.lines.position(r.span.start).line + 1 for r in hp206.related] == [6, 7]
    hp202 = next(d for d in result.diagnostics if d.code == "HP202")
    assert "SimpleImputer does not scale" in hp202.message


def test_hp202_fix_inserts_a_block_step() -> None:
    fixed = _fix(SKLEARN_LASSO, "HP202")
    assert (
        "    - name: scale\n"
        "      class: sklearn.preprocessing.StandardScaler\n"
        "    - name: reg\n"
        "      class: sklearn.linear_model.Lasso\n"
    ) in fixed
    assert "HP202" not in {code for _, code in _codes(fixed)}


def test_hp202_fix_in_flow_steps_and_short_names() -> None:
    text = HEAD + (
        "model:\n"
        "  pipeline:\n"
        "  - {name: impute, class: SimpleImputer}\n"
        "  - {name: svr, class: SVR}\n"
        "validation:\n  method: kfold\n  folds: 5\n  shuffle: true\n"
    )
    fixed = _fix(text, "HP202")
    assert "  - {name: scale, class: StandardScaler}\n  - {name: svr, class: SVR}\n" in fixed
    assert _codes(fixed) == []


def test_hp202_no_fix_for_a_lone_estimator() -> None:
    text = HEAD + "model:\n  estimator:\n    class: sklearn.linear_model.Ridge\n"
    result = _lint(text)
    (diag,) = [d for d in result.diagnostics if d.code == "HP202"]
    assert diag.fix is None
    assert result.lines.position(diag.span.start).line + 1 == 10


@pytest.mark.parametrize(
    ("model", "fires"),
    [
        # a scaler inside a pipeline wrapped by GridSearchCV
        (
            "  estimator:\n"
            "    class: sklearn.model_selection.GridSearchCV\n"
            "    params:\n"
            "      estimator:\n"
            "        class: sklearn.pipeline.Pipeline\n"
            "        params:\n"
            "          steps:\n"
            "            - {name: scale, class: sklearn.preprocessing.RobustScaler}\n"
            "            - {name: reg, class: sklearn.linear_model.Lasso}\n",
            False,
        ),
        (
            "  estimator:\n"
            "    class: sklearn.model_selection.GridSearchCV\n"
            "    params:\n"
            "      estimator:\n"
            "        class: sklearn.pipeline.Pipeline\n"
            "        params:\n"
            "          steps:\n"
            "            - [impute, {class: sklearn.impute.SimpleImputer}]\n"
            "            - [reg, {class: sklearn.linear_model.Lasso}]\n",
            True,
        ),
        # a StandardScaler that only centres
        (
            "  pipeline:\n"
            "    - name: centre\n"
            "      class: sklearn.preprocessing.StandardScaler\n"
            "      params: {with_std: false}\n"
            "    - {name: reg, class: sklearn.linear_model.Ridge}\n",
            True,
        ),
        (
            "  pipeline:\n"
            "    - {name: pt, class: sklearn.preprocessing.PowerTransformer}\n"
            "    - {name: knn, class: sklearn.neighbors.KNeighborsRegressor}\n",
            False,
        ),
        # trees are not scale-sensitive
        ("  estimator: {class: sklearn.ensemble.RandomForestRegressor}\n", False),
        # a Bagging wrapper around an SVR
        (
            "  estimator:\n"
            "    class: sklearn.ensemble.BaggingRegressor\n"
            "    params:\n"
            "      estimator: {class: sklearn.svm.SVR}\n",
            True,
        ),
    ],
)
def test_hp202_pipeline_analysis(model: str, fires: bool) -> None:
    text = HEAD + "model:\n" + model
    assert ("HP202" in {code for _, code in _codes(text)}) is fires


def test_hp202_column_transformer_passthrough_numeric_branch() -> None:
    text = HEAD.replace("  n_features: 12\n", "  n_features: 4\n  numeric: [a, b]\n") + (
        "model:\n"
        "  pipeline:\n"
        "    - name: prep\n"
        "      class: sklearn.compose.ColumnTransformer\n"
        "      params:\n"
        "        transformers:\n"
        "          - [num, passthrough, [a, b]]\n"
        "          - [cat, {class: sklearn.preprocessing.OneHotEncoder}, [c, d]]\n"
        "    - {name: reg, class: sklearn.linear_model.Ridge}\n"
    )
    assert "HP202" in {code for _, code in _codes(text)}
    scaled = text.replace(
        "[num, passthrough, [a, b]]", "[num, {class: sklearn.preprocessing.MinMaxScaler}, [a, b]]"
    )
    assert "HP202" not in {code for _, code in _codes(scaled)}


def test_hp202_unpenalized_logistic_is_not_scale_sensitive() -> None:
    text = (
        HEAD
        + "model:\n  estimator:\n    class: sklearn.linear_model.LogisticRegression\n"
        + "    params:\n      C: .inf\n"
    )
    assert "HP202" not in {code for _, code in _codes(text)}


def test_hp201_fix_sets_library_default() -> None:
    fixed = _fix(SKLEARN_LASSO, "HP201")
    assert "        alpha: 1.0\n" in fixed
    assert "HP201" not in {code for _, code in _codes(fixed)}


def test_hp206_fix_replaces_class_and_adds_l1_ratio() -> None:
    fixed = _fix(SKLEARN_LASSO, "HP206")
    assert "      class: sklearn.linear_model.ElasticNet\n" in fixed
    assert "        coef_: null\n        l1_ratio: 0.5\n" in fixed
    assert "HP206" not in {code for _, code in _codes(fixed)}


def test_hp206_fix_keeps_short_class_names() -> None:
    text = HEAD.replace("20000", "100").replace("  n_features: 12", "  n_features: 400") + (
        "model:\n  pipeline:\n    - {name: scale, class: StandardScaler}\n"
        "    - name: reg\n      class: Lasso\n      params:\n        alpha: 0.5\n"
    )
    fixed = _fix(text, "HP206")
    assert (
        "      class: ElasticNet\n      params:\n        alpha: 0.5\n        l1_ratio: 0.5\n"
        in fixed
    )


def test_hp206_no_fix_when_params_do_not_carry_over() -> None:
    text = HEAD.replace("20000", "100").replace("  n_features: 12", "  n_features: 400") + (
        "model:\n  pipeline:\n    - {name: scale, class: StandardScaler}\n"
        "    - {name: reg, class: LinearRegression, params: {n_jobs: 2}}\n"
    )
    result = _lint(text)
    (diag,) = [d for d in result.diagnostics if d.code == "HP206"]
    assert diag.fix is None


def test_hp206_skips_without_shape_facts() -> None:
    text = SKLEARN_LASSO.replace("  n_features: 5200\n", "")
    result = _lint(text)
    assert "HP206" not in {d.code for d in result.diagnostics}
    (hp005,) = [d for d in result.diagnostics if d.code == "HP005"]
    assert "HP206" in hp005.message and "n_features" in hp005.message


def test_hp206_never_for_elasticnet_or_penalized_logistic() -> None:
    for cls in ("sklearn.linear_model.ElasticNet", "sklearn.linear_model.LogisticRegression"):
        text = SKLEARN_LASSO.replace("sklearn.linear_model.Lasso", cls).replace(
            "        alpha: 0\n", ""
        )
        assert "HP206" not in {code for _, code in _codes(text)}


def test_hp206_polynomial_expansion_counts() -> None:
    text = HEAD.replace("20000", "1000").replace("  n_features: 12", "  n_features: 50") + (
        "model:\n  pipeline:\n"
        "    - {name: poly, class: sklearn.preprocessing.PolynomialFeatures, params: {degree: 2}}\n"
        "    - {name: scale, class: sklearn.preprocessing.StandardScaler}\n"
        "    - {name: reg, class: sklearn.linear_model.LinearRegression}\n"
    )
    assert [code for _, code in _codes(text)] == ["HP206"]  # 1326 outputs > 1000 rows


@settings(deadline=None, max_examples=60)
@given(st.integers(1, 30), st.integers(0, 4), st.booleans(), st.booleans())
def test_polynomial_feature_count_matches_scikit_learn(
    p: int, degree: int, interaction_only: bool, include_bias: bool
) -> None:
    import numpy as np
    import sklearn.preprocessing as sklearn_preprocessing

    poly = sklearn_preprocessing.PolynomialFeatures(
        degree=degree, interaction_only=interaction_only, include_bias=include_bias
    )
    if degree == 0 and not include_bias:
        return  # scikit-learn rejects this combination
    expected = poly.fit(np.zeros((2, p))).n_output_features_
    est = Estimator()
    est.params = {
        "degree": Fact(degree, None),  # type: ignore[arg-type]
        "interaction_only": Fact(interaction_only, None),  # type: ignore[arg-type]
        "include_bias": Fact(include_bias, None),  # type: ignore[arg-type]
    }
    est.cls = Fact("sklearn.preprocessing.PolynomialFeatures", None)  # type: ignore[arg-type]
    count = pl.effective_features(p, 10**6, [est])
    assert count is not None and count.value == expected


@given(st.integers(1, 10**6), st.integers(1, 10**6))
def test_hp204_threshold_shrinks_a_typical_direction_by_ninety_percent(n: int, p: int) -> None:
    threshold, shrink, df, rank = ridge_shrinkage(n, p, 10.0 * max(n, p))
    assert threshold == 10.0 * max(n, p)
    assert shrink >= 0.9
    assert math.isclose(df, rank / 11, rel_tol=1e-9)
    below = ridge_shrinkage(n, p, 10.0 * max(n, p) * 0.5)
    assert below[1] < 0.9


def test_hp204_needs_a_scaler() -> None:
    text = HEAD.replace("20000", "1000").replace("  n_features: 12", "  n_features: 40") + (
        "model:\n  pipeline:\n"
        "    - {name: scale, class: sklearn.preprocessing.StandardScaler}\n"
        "    - {name: reg, class: sklearn.linear_model.Ridge, params: {alpha: 10000}}\n"
    )
    assert [code for _, code in _codes(text)] == ["HP204"]  # n_train = n (no validation)
    unscaled = text.replace(
        "    - {name: scale, class: sklearn.preprocessing.StandardScaler}\n", ""
    )
    assert [code for _, code in _codes(unscaled)] == ["HP202"]


@pytest.mark.parametrize(
    ("params", "fires"),
    [
        ("{l1_ratio: 0.5}", True),  # sklearn ≥ 1.8: elasticnet with the default lbfgs
        ("{l1_ratio: 0.5, solver: saga}", False),
        ("{l1_ratio: 0.0}", False),
        ("{l1_ratio: 1.0, solver: liblinear}", False),
        ("{C: .inf, solver: liblinear}", True),
        ("{C: .inf}", False),
        ("{penalty: l1, solver: newton-cholesky}", True),
        ("{penalty: null, solver: saga}", False),
        ("{solver: sag, dual: true}", True),
    ],
)
def test_hp208_penalty_solver_table(params: str, fires: bool) -> None:
    text = HEAD.replace("regression", "binary") + (
        "  class_counts: [15000, 5000]\n"
        "model:\n  pipeline:\n"
        "    - {name: scale, class: sklearn.preprocessing.StandardScaler}\n"
        f"    - {{name: clf, class: sklearn.linear_model.LogisticRegression, params: {params}}}\n"
    )
    assert ("HP208" in {code for _, code in _codes(text)}) is fires


def test_hp208_fix_switches_or_inserts_the_solver() -> None:
    text = HEAD.replace("regression", "binary") + (
        "  class_counts: [15000, 5000]\n"
        "model:\n  pipeline:\n"
        "    - {name: scale, class: sklearn.preprocessing.StandardScaler}\n"
        "    - name: clf\n      class: sklearn.linear_model.LogisticRegression\n"
        "      params:\n        l1_ratio: 1.0\n"
    )
    fixed = _fix(text, "HP208")
    assert "        l1_ratio: 1.0\n        solver: saga\n" in fixed
    assert "HP208" not in {code for _, code in _codes(fixed)}


@pytest.mark.parametrize(
    ("validation", "expected"),
    [
        ("", (1000, "")),
        ("validation: {method: kfold, folds: 10}\n", (900, "10-fold CV")),
        ("validation: {method: stratified_kfold}\n", (800, "5-fold CV")),
        ("validation: {method: holdout, holdout: 0.25}\n", (750, "0.25 held out")),
        ("validation: {method: loo}\n", (999, "leave-one-out")),
        ("validation: {method: timeseries, folds: 4}\n", (800, "largest of 4 time-series splits")),
        ("validation: {method: timeseries, folds: 1}\n", (833, "largest of 5 time-series splits")),
        ("validation: {method: KFold, folds: 4}\n", (750, "4-fold CV")),  # a case slip (HP003)
        ("validation: {method: kfold, folds: 3}\n", (666, "3-fold CV")),  # whole rows
        ("validation: {folds: 4}\n", (750, "4-fold CV")),
        ("validation: {holdout: 0.2}\n", (800, "0.2 held out")),
        ("validation: {method: holdout}\n", (1000, "")),
        ("validation: {method: leave_one_group_out}\n", (1000, "at most: one group held out")),
    ],
)
def test_n_train(validation: str, expected: tuple[int, str]) -> None:
    """One training-set size for every rule that needs it (HP107, HP108, HP110, HP206, HP207,
    HP406), from `n_samples` and the validation scheme."""
    text = "hplint: 1\ndata:\n  train: d.csv\n  n_samples: 1000\n" + validation
    config = _lint(text).configs[0]
    size = pl.n_train(config)
    assert size is not None and (size.n, size.note) == expected


def test_misspelt_scaler_is_one_finding_not_two() -> None:
    """A typo in the scaler's class is HP002; HP202 must not pile on for the same cause."""

    text = (
        "hplint: 1\n"
        "data: {train: a.csv, n_samples: 1000, n_features: 10}\n"
        "model:\n"
        "  pipeline:\n"
        "    - {name: scale, class: sklearn.preprocessing.StandardScalar}\n"
        "    - {name: reg, class: sklearn.linear_model.Ridge}\n"
    )
    assert [d.code for d in lint_all(text, path="a.yaml").diagnostics] == ["HP002"]


def test_hp206_never_for_ridge_and_only_a_hint_for_lasso() -> None:
    text = HEAD.replace("20000", "100").replace("  n_features: 12", "  n_features: 400")
    ridge = text + (
        "model:\n  pipeline:\n    - {name: scale, class: StandardScaler}\n"
        "    - {name: reg, class: Ridge}\n"
    )
    assert "HP206" not in {code for _, code in _codes(ridge)}
    (hint,) = [d for d in _lint(ridge.replace("Ridge", "Lasso")).diagnostics if d.code == "HP206"]
    assert hint.severity.value == "hint" and "at most n=" in hint.message
