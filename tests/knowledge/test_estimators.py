"""The estimator knowledge base: generated files, runtime API, and agreement with scikit-learn."""

from __future__ import annotations

import importlib.util
import json
import math
import os
import random
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

from hplint.knowledge.estimators import (
    EstimatorCatalog,
    EstimatorInfo,
    ParamInfo,
    ValueProblem,
    catalog,
    check_param_value,
    damerau_levenshtein,
)

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "scripts" / "generate_estimators.py"
ESTIMATOR_DIR = REPO / "schemas" / "estimators"
REGENERATE = (
    "python scripts/generate_estimators.py {lib}  (then commit schemas/estimators/{lib}.json)"
)

# values that YAML cannot produce for these constraint kinds; our check is lenient on purpose
LENIENT_KINDS = {"object", "callable", "cv_object", "unchecked"}


def _recorded(lib: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ESTIMATOR_DIR / f"{lib}.json").read_text(encoding="utf-8"))
    return data


def _regenerate(lib: str, tmp_path: Path) -> str:
    result = subprocess.run(
        [sys.executable, str(GENERATOR), lib, "--output-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return (tmp_path / f"{lib}.json").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# (a) the committed files are what the generator writes
# ---------------------------------------------------------------------------------------------


def test_sklearn_file_is_up_to_date(tmp_path: Path) -> None:
    import sklearn

    recorded = _recorded("sklearn")["sklearn_version"]
    assert sklearn.__version__ == recorded, (
        f"schemas/estimators/sklearn.json was generated from scikit-learn {recorded}, but "
        f"{sklearn.__version__} is installed. Install scikit-learn=={recorded} (pinned in the "
        f"test extras) or, to move to the new version, run: {REGENERATE.format(lib='sklearn')}"
    )
    fresh = _regenerate("sklearn", tmp_path)
    committed = (ESTIMATOR_DIR / "sklearn.json").read_text(encoding="utf-8")
    assert fresh == committed, (
        "schemas/estimators/sklearn.json is out of date; run: " + REGENERATE.format(lib="sklearn")
    )


@pytest.mark.parametrize("lib", ["lightgbm", "xgboost"])
def test_boosting_files_are_up_to_date(lib: str, tmp_path: Path) -> None:
    # lightgbm and xgboost-cpu are pinned in the test extras at the recorded versions.
    assert importlib.util.find_spec(lib) is not None, f"{lib} is missing: pip install -e '.[test]'"
    module = __import__(lib)
    recorded = _recorded(lib)["version"]
    assert module.__version__ == recorded, (
        f"{lib} {module.__version__} is installed but the file was generated from {recorded}: "
        "install the pinned version or regenerate with " + REGENERATE.format(lib=lib)
    )
    fresh = _regenerate(lib, tmp_path)
    committed = (ESTIMATOR_DIR / f"{lib}.json").read_text(encoding="utf-8")
    assert fresh == committed, f"{lib}.json is out of date; run: " + REGENERATE.format(lib=lib)


def test_files_record_provenance() -> None:
    for lib in ("sklearn", "lightgbm", "xgboost"):
        data = _recorded(lib)
        assert data["generator"] == "scripts/generate_estimators.py"
        assert "Generated file" in data["note"]
        assert data["version"]
        assert data["source"]
    assert _recorded("lightgbm")["table_version"]
    assert _recorded("xgboost")["table_version"]


# ---------------------------------------------------------------------------------------------
# (b) coverage
# ---------------------------------------------------------------------------------------------


def _sklearn_estimators() -> list[tuple[str, type]]:
    from sklearn.utils import all_estimators

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(all_estimators())


def test_every_sklearn_estimator_with_constraints_is_present() -> None:
    cat = catalog()
    missing = []
    for name, cls in _sklearn_estimators():
        est = cat.resolve(f"{cls.__module__}.{name}")
        if est is None:
            missing.append(name)
            continue
        if getattr(cls, "_parameter_constraints", None) is not None:
            assert set(est.params) == set(cls._parameter_constraints), name
    assert not missing


def test_resolve_spellings() -> None:
    cat = catalog()
    for spelling in (
        "sklearn.linear_model.Lasso",
        "Lasso",
        "sklearn.linear_model._coordinate_descent.Lasso",
    ):
        est = cat.resolve(spelling)
        assert est is not None
        assert est.import_path == "sklearn.linear_model.Lasso"
        assert est.library == "sklearn"
    lgbm = cat.resolve("lightgbm.LGBMClassifier")
    assert lgbm is not None
    assert lgbm.library == "lightgbm"
    assert cat.resolve("LGBMClassifier") is lgbm
    xgb = cat.resolve("xgboost.XGBRegressor")
    assert xgb is not None
    assert xgb.library == "xgboost"
    assert cat.resolve("sklearn.linear_model.Nope") is None
    assert cat.suggest("Laso") == "Lasso"
    assert cat.suggest("sklearn.linear_model.Lasso2") == "sklearn.linear_model.Lasso"
    assert cat.suggest("sklearn.linear.Lasso") == "sklearn.linear_model.Lasso"
    assert cat.suggest("Lasso") is None
    names = cat.names()
    assert names == sorted(names)
    assert "sklearn.ensemble.RandomForestClassifier" in names
    assert "xgboost.XGBRFRegressor" in names


def test_lasso_example() -> None:
    lasso = catalog().resolve("Lasso")
    assert lasso is not None
    alpha = lasso.param("alpha")
    assert alpha is not None
    problem = check_param_value(lasso, alpha, -0.5)
    assert problem == ValueProblem(
        "`alpha` of Lasso must be a float in the range [0, inf); got -0.5", None, False
    )
    assert lasso.suggest_param("max_iters") == "max_iter"
    assert lasso.suggest_param("Alpha") == "alpha"
    assert lasso.suggest_param("max_iter") is None
    assert lasso.suggest_param("completely_unrelated") is None
    selection = lasso.param("selection")
    assert selection is not None
    problem = check_param_value(lasso, selection, "randomly")
    assert problem is not None
    assert problem.suggestion == "random"
    assert "did you mean 'random'?" in problem.message
    problem = check_param_value(lasso, selection, "Random")
    assert problem is not None
    assert problem.suggestion == "random"
    assert check_param_value(lasso, selection, "random") is None
    assert "coef_" in lasso.learned_attributes
    assert alpha.description.startswith("Constant that multiplies the L1 term")
    assert ":class:" not in "".join(p.description for p in lasso.params.values())


def test_deprecations() -> None:
    cat = catalog()
    gbc = cat.resolve("GradientBoostingClassifier")
    assert gbc is not None
    criterion = gbc.param("criterion")
    assert criterion is not None
    problem = check_param_value(gbc, criterion, "friedman_mse")
    assert problem is not None
    assert problem.deprecated
    assert check_param_value(gbc, criterion, "squared_error") is None
    assert check_param_value(gbc, criterion, "deprecated") is None  # the default sentinel
    assert criterion.deprecated
    logreg = cat.resolve("sklearn.linear_model.LogisticRegression")
    assert logreg is not None
    penalty = logreg.param("penalty")
    assert penalty is not None
    assert penalty.deprecated
    assert check_param_value(logreg, penalty, "l1") is None
    xgb = cat.resolve("xgboost.XGBRegressor")
    assert xgb is not None
    objective = xgb.param("objective")
    assert objective is not None
    problem = check_param_value(xgb, objective, "reg:linear")
    assert problem is not None
    assert problem.deprecated
    assert check_param_value(xgb, objective, "reg:squarederror") is None


# ---------------------------------------------------------------------------------------------
# (c) every default validates
# ---------------------------------------------------------------------------------------------


def test_defaults_validate() -> None:
    """Rule: a default that is not a YAML value (default_kind repr/required/unknown: functions,
    classes, estimators) is skipped, and so is a default that scikit-learn's own validation
    rejects (a placeholder such as SelfTrainingClassifier(estimator=None)); every other default
    must be accepted without a problem."""
    classes = {f"{cls.__module__}.{name}": cls for name, cls in _sklearn_estimators()}
    checked = 0
    rejected_by_sklearn = []
    for est in catalog().estimators:
        cls = next((classes[p] for p in est.import_paths if p in classes), None)
        for param in est.params.values():
            if not param.has_default:
                continue
            if (
                cls is not None
                and getattr(cls, "_parameter_constraints", None) is not None
                and not _sklearn_accepts(cls, param.name, param.default)
            ):
                rejected_by_sklearn.append(f"{est.name}.{param.name}")
                continue
            problem = check_param_value(est, param, param.default)
            assert problem is None, (
                f"{est.import_path}.{param.name}={param.default_repr}: {problem}"
            )
            checked += 1
    assert checked > 1500
    assert len(rejected_by_sklearn) < 10, rejected_by_sklearn


# ---------------------------------------------------------------------------------------------
# (d) same verdicts as scikit-learn's validate_parameter_constraints
# ---------------------------------------------------------------------------------------------


def _values_for(param: ParamInfo, rng: random.Random) -> list[object]:
    values: list[object] = [
        None,
        True,
        False,
        0,
        1,
        2,
        -1,
        0.0,
        0.5,
        1.0,
        -0.5,
        1.5,
        math.inf,
        -math.inf,
        math.nan,
        2**32 - 1,
        2**32,
        "",
        "auto",
        "0.1",
        [],
        [1, 2],
        {},
        {"a": 1},
    ]
    for constraint in param.constraints:
        for option in constraint.options:
            values.append(option)
            if isinstance(option, str) and option:
                values.extend([option.upper(), option + "x", option[:-1]])
        for bound in (constraint.left, constraint.right):
            if bound is not None:
                values.extend([bound, float(bound), bound - 1, bound + 1, bound - 1e-9])
                if isinstance(bound, int):
                    values.extend([int(bound) - 1, int(bound) + 1])
    for _ in range(40):
        values.append(rng.choice([rng.randint(-(10**6), 10**6), rng.randint(-3, 3)]))
        values.append(rng.choice([rng.uniform(-2, 2), rng.uniform(-1e6, 1e6), rng.random()]))
    return values


def _sklearn_accepts(cls: type, name: str, value: object) -> bool:
    from sklearn.utils._param_validation import (
        InvalidParameterError,
        validate_parameter_constraints,
    )

    try:
        validate_parameter_constraints(
            {name: cls._parameter_constraints[name]}, {name: value}, caller_name=cls.__name__
        )
    except InvalidParameterError:
        return False
    return True


def test_verdicts_match_sklearn() -> None:
    rng = random.Random(20240501)
    cat = catalog()
    compared = 0
    for name, cls in _sklearn_estimators():
        if getattr(cls, "_parameter_constraints", None) is None:
            continue
        est = cat.resolve(f"{cls.__module__}.{name}")
        assert est is not None
        for param in est.params.values():
            for value in _values_for(param, rng):
                ours = check_param_value(est, param, value)
                ours_accepts = ours is None or ours.deprecated
                theirs = _sklearn_accepts(cls, param.name, value)
                if ours_accepts and not theirs:
                    lenient = [
                        c
                        for c in param.constraints
                        if c.is_satisfied_by(value)
                        and (c.kind in LENIENT_KINDS or (c.kind == "instance" and c.of != "list"))
                    ]
                    if lenient:  # documented leniency for values YAML cannot spell
                        continue
                assert ours_accepts == theirs, (
                    f"{name}.{param.name}={value!r}: hplint "
                    f"{'accepts' if ours_accepts else 'rejects'}, scikit-learn "
                    f"{'accepts' if theirs else 'rejects'} ({ours})"
                )
                compared += 1
    assert compared > 50_000


def test_specific_messages() -> None:
    cat = catalog()
    rf = cat.resolve("RandomForestClassifier")
    assert rf is not None
    criterion = rf.param("criterion")
    assert criterion is not None
    problem = check_param_value(rf, criterion, "ginni")
    assert problem is not None
    assert problem.suggestion == "gini"
    assert not problem.deprecated
    n_estimators = rf.param("n_estimators")
    assert n_estimators is not None
    problem = check_param_value(rf, n_estimators, "100")
    assert problem is not None
    assert "remove the quotes" in problem.message
    assert check_param_value(rf, n_estimators, 100.0) is not None  # sklearn wants an int
    assert check_param_value(rf, n_estimators, True) is None  # bool is Integral in sklearn
    max_features = rf.param("max_features")
    assert max_features is not None
    assert check_param_value(rf, max_features, 1.0) is None
    assert check_param_value(rf, max_features, 0) is not None


# ---------------------------------------------------------------------------------------------
# (e) LightGBM / XGBoost aliases and ranges
# ---------------------------------------------------------------------------------------------


def _param(est: EstimatorInfo | None, name: str) -> ParamInfo:
    assert est is not None
    param = est.param(name)
    assert param is not None, name
    return param


def test_lightgbm_aliases() -> None:
    for cls in ("LGBMClassifier", "LGBMRegressor", "LGBMRanker"):
        est = catalog().resolve(f"lightgbm.{cls}")
        assert est is not None
        assert _param(est, "bagging_fraction").name == "subsample"
        assert _param(est, "feature_fraction").name == "colsample_bytree"
        assert _param(est, "lambda_l2").name == "reg_lambda"
        assert _param(est, "num_iterations").name == "n_estimators"
        assert _param(est, "num_boost_round").name == "n_estimators"
        assert _param(est, "min_data_in_leaf").name == "min_child_samples"
        assert _param(est, "bagging_freq").name == "subsample_freq"
        # core parameters without a sklearn-API name are accepted through **kwargs
        assert _param(est, "extra_trees").native
        assert _param(est, "max_bin").name == "max_bin"
        assert est.suggest_param("bagging_fractoin") == "bagging_fraction"
        assert est.suggest_param("colsample_by_tree") == "colsample_bytree"
    est = catalog().resolve("lightgbm.LGBMRegressor")
    assert est is not None
    num_leaves = _param(est, "num_leaves")
    assert check_param_value(est, num_leaves, 1) is not None
    assert check_param_value(est, num_leaves, 131072) is None
    assert check_param_value(est, num_leaves, 131073) is not None
    assert check_param_value(est, _param(est, "bagging_fraction"), 0.0) is not None
    assert check_param_value(est, _param(est, "bagging_fraction"), 1.0) is None


def test_xgboost_aliases() -> None:
    for cls in ("XGBClassifier", "XGBRegressor", "XGBRanker", "XGBRFClassifier", "XGBRFRegressor"):
        est = catalog().resolve(f"xgboost.{cls}")
        assert est is not None
        assert _param(est, "eta").name == "learning_rate"
        assert _param(est, "lambda").name == "reg_lambda"
        assert _param(est, "alpha").name == "reg_alpha"
        assert _param(est, "colsample_bylevel").name == "colsample_bylevel"
        assert _param(est, "tree_method").name == "tree_method"
        assert "feature_importances_" in est.learned_attributes
    est = catalog().resolve("xgboost.XGBRegressor")
    assert est is not None
    assert check_param_value(est, _param(est, "eta"), 1.5) is not None
    assert check_param_value(est, _param(est, "eta"), 0.3) is None
    assert check_param_value(est, _param(est, "subsample"), 0) is not None
    assert check_param_value(est, _param(est, "max_depth"), -1) is not None
    problem = check_param_value(est, _param(est, "tree_method"), "hits")
    assert problem is not None
    assert problem.suggestion == "hist"


# ---------------------------------------------------------------------------------------------
# (f) no heavy imports; small helpers
# ---------------------------------------------------------------------------------------------


def test_import_does_not_load_ml_libraries() -> None:
    code = (
        "import sys\n"
        "from hplint.knowledge.estimators import catalog\n"
        "assert catalog().resolve('Lasso') is not None\n"
        "heavy = sorted(m for m in ('sklearn', 'numpy', 'scipy', 'lightgbm', 'xgboost')"
        " if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_catalog_is_cached_and_tolerates_missing_files(tmp_path: Path) -> None:
    assert catalog() is catalog()
    empty = EstimatorCatalog.from_files([tmp_path / "absent.json"])
    assert empty.names() == []
    assert empty.resolve("Lasso") is None


def test_damerau_levenshtein() -> None:
    assert damerau_levenshtein("max_iters", "max_iter") == 1
    assert damerau_levenshtein("ab", "ba") == 1
    assert damerau_levenshtein("", "abc") == 3
    assert damerau_levenshtein("alpha", "alpha") == 0


# ---------------------------------------------------------------------------------------------
# the generator's hand-maintained inputs (scripts/estimator_tables/) are well formed
# ---------------------------------------------------------------------------------------------

_CONSTRAINT = {"type": "object", "required": ["type"], "properties": {"type": {"type": "string"}}}
_TABLE_SCHEMA = {
    "type": "object",
    "required": ["description", "source", "version", "parameters"],
    "properties": {
        "description": {"type": "string"},
        "source": {"type": "string", "pattern": "^https://"},
        "docs": {"type": "string", "pattern": "^https://"},
        "version": {"type": "string", "pattern": r"^\d+\.\d+\.\d+$"},
        "parameters": {
            "type": "object",
            "minProperties": 10,
            "additionalProperties": {
                "type": "object",
                "required": ["constraints", "description"],
                "additionalProperties": False,
                "properties": {
                    "constraints": {"type": "array", "items": _CONSTRAINT},
                    "description": {"type": "string"},
                    "aliases": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
    "additionalProperties": False,
}


@pytest.mark.parametrize("name", ["lightgbm-core.json", "xgboost-native.json"])
def test_hand_maintained_estimator_tables_are_well_formed(name: str) -> None:
    import jsonschema

    table = json.loads((REPO / "scripts" / "estimator_tables" / name).read_text(encoding="utf-8"))
    jsonschema.validate(table, _TABLE_SCHEMA)
