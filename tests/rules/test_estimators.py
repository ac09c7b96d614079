"""Estimator checks (HP001, and HP002/HP003/HP617 for estimator classes and parameters)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hplint.diagnostics import Applicability, Diagnostic
from hplint.document.loader import parse_text
from hplint.document.model import MappingNode, ScalarNode, ScalarStyle
from hplint.engine import LintResult
from hplint.fixes import apply_edits
from hplint.knowledge.estimators import catalog
from hplint.rules.document.hp001_learned_parameter_as_hyperparameter import (
    _spelled_like,
    confident_class_suggestion,
)
from hplint.settings import Settings
from tests.rules.helpers import lint_all

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "mistakes"

HEADER = """\
hplint: 1
data:
  train: data/expression.parquet
  target: response
  task: regression
  n_samples: 5000
  n_features: 120
"""


def _lint(body: str, *, path: str = "config.yaml", header: str = HEADER) -> LintResult:
    result = lint_all(header + textwrap.dedent(body), path=path)
    assert not result.internal_errors, result.internal_errors
    assert not [d for d in result.diagnostics if d.code == "HP000"], result.diagnostics
    return result


def _line(result: LintResult, diagnostic: Diagnostic) -> int:
    return result.lines.position(diagnostic.span.start).line + 1


def _found(result: LintResult, *codes: str) -> list[tuple[int, str]]:
    return sorted(
        (_line(result, d), d.code) for d in result.diagnostics if not codes or d.code in codes
    )


def _only(result: LintResult, code: str) -> Diagnostic:
    found = [d for d in result.diagnostics if d.code == code]
    assert len(found) == 1, result.diagnostics
    return found[0]


# ---------------------------------------------------------------------------------------------
# the worked examples
# ---------------------------------------------------------------------------------------------


def test_lasso_typos_example() -> None:
    path = EXAMPLES / "lasso_typos.yaml"
    result = lint_all(path.read_text(encoding="utf-8"), path=str(path))
    found = {(_line(result, d), d.code): d for d in result.diagnostics}
    assert set(found) >= {(16, "HP003"), (17, "HP002"), (18, "HP003")}
    assert "[0, inf)" in found[(16, "HP003")].message
    assert "`max_iter`" in found[(17, "HP002")].message
    assert "'random'" in found[(18, "HP003")].message
    assert not [d for d in result.diagnostics if d.code in ("HP001", "HP617")]


def test_sklearn_lasso_example_reports_learned_parameter_not_unknown_key() -> None:
    path = EXAMPLES / "sklearn_lasso.yaml"
    result = lint_all(path.read_text(encoding="utf-8"), path=str(path))
    assert (19, "HP001") in _found(result)
    assert not [d for d in result.diagnostics if d.code == "HP002"]
    assert "`coef_` is a learned parameter" in _only(result, "HP001").message


def test_logistic_regression_penalty_is_deprecated_in_the_data() -> None:
    info = catalog().resolve("sklearn.linear_model.LogisticRegression")
    assert info is not None
    penalty = info.param("penalty")
    assert penalty is not None and penalty.deprecated
    result = _lint(
        """\
        model:
          pipeline:
            - {name: scale, class: sklearn.preprocessing.StandardScaler}
            - name: clf
              class: sklearn.linear_model.LogisticRegression
              params:
                penalty: l1
                solver: saga
        """
    )
    diagnostic = _only(result, "HP617")
    assert _line(result, diagnostic) == 14
    assert diagnostic.tags == frozenset({"deprecated"})
    assert result.text[diagnostic.span.start : diagnostic.span.end] == "penalty"
    assert not _found(result, "HP002", "HP003")


def test_writing_a_deprecated_default_is_not_reported() -> None:
    result = _lint(
        """\
        model:
          pipeline:
            - {name: scale, class: sklearn.preprocessing.StandardScaler}
            - {name: clf, class: sklearn.svm.SVC, params: {probability: deprecated}}
        """
    )
    assert not _found(result, "HP617", "HP003")


def test_xgboost_reg_linear_is_reported_once() -> None:
    # rules/formats.py reports `reg:linear` for native estimators (with a fix); no duplicate
    result = _lint(
        """\
        model:
          estimator:
            class: xgboost.XGBRegressor
            params: {objective: "reg:linear", max_depth: 6}
        """
    )
    diagnostic = _only(result, "HP617")
    assert result.text[diagnostic.span.start : diagnostic.span.end] == '"reg:linear"'


def test_xgboost_reg_linear_in_a_hydra_target_tree() -> None:
    text = textwrap.dedent(
        """\
        # hplint: format=hydra-optuna
        model:
          _target_: xgboost.XGBRegressor
          objective: reg:linear
          max_depth: 6
        """
    )
    result = lint_all(text, path="conf/config.yaml")
    assert _found(result, "HP617") == [(4, "HP617")]


# ---------------------------------------------------------------------------------------------
# HP001 / HP002 interplay and fixes
# ---------------------------------------------------------------------------------------------


def test_schema_names_win_over_learned_words() -> None:
    result = _lint(
        """\
        model:
          pipeline:
            - {name: scale, class: sklearn.preprocessing.StandardScaler}
            - name: knn
              class: sklearn.neighbors.KNeighborsRegressor
              params: {weights: distance, n_neighbors: 10}
        """
    )
    assert not _found(result, "HP001", "HP002")


def test_learned_parameter_fix_deletes_the_whole_entry() -> None:
    result = _lint(
        """\
        model:
          estimator:
            class: sklearn.ensemble.RandomForestRegressor
            params:
              n_estimators: 300
              feature_importances_:  # copied from a notebook
                - 0.5
                - 0.5
              max_depth: 12
        """
    )
    diagnostic = _only(result, "HP001")
    assert diagnostic.fix is not None
    assert diagnostic.fix.applicability is Applicability.UNSAFE
    fixed = apply_edits(result.text, diagnostic.fix.edits)
    assert fixed.endswith("      n_estimators: 300\n      max_depth: 12\n")
    assert not _found(lint_all(fixed, path="config.yaml"), "HP001", "HP002")


def test_learned_parameter_in_flow_mapping_has_no_fix() -> None:
    result = _lint(
        """\
        model:
          estimator: {class: sklearn.tree.DecisionTreeRegressor, params: {coef_: 1, max_depth: 3}}
        """
    )
    assert _only(result, "HP001").fix is None


@pytest.mark.parametrize(
    ("written", "expected"),
    [("max_iters", "max_iter"), ("'max_iters'", "'max_iter'"), ('"max_iters"', '"max_iter"')],
)
def test_rename_keeps_quoting_style(written: str, expected: str) -> None:
    result = _lint(
        f"""\
        model:
          pipeline:
            - {{name: scale, class: sklearn.preprocessing.StandardScaler}}
            - name: reg
              class: sklearn.linear_model.Lasso
              params:
                {written}: 2000
        """
    )
    diagnostic = _only(result, "HP002")
    assert diagnostic.fix is not None
    assert diagnostic.fix.applicability is Applicability.UNSAFE
    assert [edit.new_text for edit in diagnostic.fix.edits] == [expected]


def test_json_rename_keeps_double_quotes() -> None:
    text = (
        '{"hplint": 1, "model": {"estimator": {"class": "sklearn.ensemble.RandomForestRegressor",'
        ' "params": {"n_estimator": 100}}}}\n'
    )
    result = lint_all(text, path="config.json")
    diagnostic = _only(result, "HP002")
    assert diagnostic.fix is not None
    assert apply_edits(text, diagnostic.fix.edits).count('"n_estimators": 100') == 1


def test_rename_is_not_offered_when_the_target_name_exists() -> None:
    result = _lint(
        """\
        model:
          estimator:
            class: sklearn.ensemble.RandomForestRegressor
            params: {n_estimators: 100, n_estimator: 200}
        """
    )
    assert _only(result, "HP002").fix is None


def test_case_slip_fix_is_safe_and_typo_fix_is_unsafe() -> None:
    result = _lint(
        """\
        model:
          pipeline:
            - {name: scale, class: sklearn.preprocessing.StandardScaler}
            - name: reg
              class: sklearn.linear_model.Lasso
              params: {selection: Random}
            - name: reg2
              class: sklearn.linear_model.ElasticNet
              params: {selection: randomly}
        """
    )
    fixes = {
        result.text[d.span.start : d.span.end]: d.fix
        for d in result.diagnostics
        if d.code == "HP003"
    }
    assert fixes["Random"] is not None and fixes["Random"].applicability is Applicability.SAFE
    assert fixes["randomly"] is not None
    assert fixes["randomly"].applicability is Applicability.UNSAFE
    assert fixes["randomly"].edits[0].new_text == "random"


def test_step_paths_of_set_params_are_not_reported() -> None:
    result = _lint(
        """\
        model:
          estimator:
            class: sklearn.model_selection.GridSearchCV
            params:
              estimator: {class: sklearn.linear_model.Ridge}
              param_grid: {alpha: [0.1, 1.0]}
              estimator__fit_intercept: true
        """
    )
    assert not _found(result, "HP002")


# ---------------------------------------------------------------------------------------------
# classes
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("sklearn.linear_model.Laso", "sklearn.linear_model.Lasso"),
        ("sklearn.linear_models.Lasso", "sklearn.linear_model.Lasso"),
        ("lightgbm.LGBMClassifer", "lightgbm.LGBMClassifier"),
        ("RandomForestClasifier", "RandomForestClassifier"),
        ("sklearn.gaussian_process.kernels.RBF", None),  # a kernel, not in the data
        ("sklearn.model_selection.KFold", None),  # a CV splitter
        ("sklearn.model_selection.HalvingGridSearchCV", None),  # experimental
        ("mylab.models.Lasso", None),  # not a library path
        ("MyLasso", None),  # a bare name two edits away: not confident
        ("sklearn.pipeline.make_pipeline", None),  # a function
    ],
)
def test_confident_class_suggestion(name: str, expected: str | None) -> None:
    assert confident_class_suggestion(catalog(), name) == expected


def test_unknown_class_fix_replaces_the_value() -> None:
    result = _lint(
        """\
        model:
          pipeline:
            - {name: scale, class: "sklearn.preprocessing.StandardScalar"}
            - {name: reg, class: sklearn.linear_model.Ridge}
        """
    )
    diagnostic = _only(result, "HP002")
    assert diagnostic.fix is not None
    assert diagnostic.fix.edits[0].new_text == '"sklearn.preprocessing.StandardScaler"'


# ---------------------------------------------------------------------------------------------
# Hydra-style `_target_` trees
# ---------------------------------------------------------------------------------------------


def test_hydra_target_trees() -> None:
    text = textwrap.dedent(
        """\
        # hplint: format=hydra-optuna
        model:
          _target_: sklearn.ensemble.RandomForestClassifier
          _partial_: true
          n_estimator: 200
          criterion: ${oc.env:CRITERION}
          max_features: 0
        optimizer:
          _target_: torch.optim.Adam
          lr: 0.001
          bias: true
        """
    )
    result = lint_all(text, path="conf/config.yaml")
    assert not result.internal_errors
    # PyTorch's Adam takes no `bias` (HP002, not HP001: an optimizer has no coefficients).
    assert _found(result, "HP001", "HP002", "HP003") == [(5, "HP002"), (7, "HP003"), (11, "HP002")]


# ---------------------------------------------------------------------------------------------
# search space
# ---------------------------------------------------------------------------------------------


def _space(entries: str) -> LintResult:
    body = textwrap.dedent(
        """\
        model:
          pipeline:
            - {name: scale, class: sklearn.preprocessing.StandardScaler}
            - {name: clf, class: sklearn.linear_model.ElasticNet}
        search:
          method: random
          objective: {metric: val_rmse, direction: minimize}
          budget: {trials: 60}
          space:
        """
    )
    return _lint(body + textwrap.indent(textwrap.dedent(entries), "    "))


def test_space_bounds_and_choices() -> None:
    result = _space(
        """\
        model.pipeline.clf.params.l1_ratio: {dist: uniform, low: 0.0, high: 1.5}
        model.pipeline.clf.params.selection: {choice: [cyclic, randomly]}
        model.pipeline.clf.params.max_iter: {dist: int, low: 0, high: 5000}
        """
    )
    found = [d for d in result.diagnostics if d.code == "HP003"]
    shown = sorted(result.text[d.span.start : d.span.end] for d in found)
    assert shown == ["0", "1.5", "randomly"]
    assert all(d.message.startswith("search space includes") for d in found)


def test_space_open_end_point_is_not_reported() -> None:
    # alpha of ElasticNet is [0, inf): fine; tol is [0, inf) too
    result = _space(
        """\
        model.pipeline.clf.params.alpha: {dist: uniform, low: 0.0, high: 10.0}
        model.pipeline.clf.params.l1_ratio: {dist: uniform, low: 0.0, high: 1.0}
        """
    )
    assert not _found(result, "HP003")


def test_space_unknown_parameter_is_left_to_hp609() -> None:
    result = _space(
        """\
        model.pipeline.clf.params.l1_ration: {dist: uniform, low: 0.0, high: 1.0}
        """
    )
    assert not _found(result, "HP002", "HP003")


# ---------------------------------------------------------------------------------------------
# selection, laziness, import hygiene
# ---------------------------------------------------------------------------------------------


def test_ignore_works_per_emitted_code() -> None:
    text = (EXAMPLES / "lasso_typos.yaml").read_text(encoding="utf-8")
    result = lint_all(text, path="x.yaml", settings=Settings().with_overrides(ignore=["HP003"]))
    codes = {d.code for d in result.diagnostics}
    assert "HP002" in codes and "HP003" not in codes


def test_estimator_findings_survive_ignoring_hp001() -> None:
    text = (EXAMPLES / "lasso_typos.yaml").read_text(encoding="utf-8")
    result = lint_all(text, path="x.yaml", settings=Settings().with_overrides(ignore=["HP001"]))
    assert {d.code for d in result.diagnostics} >= {"HP002", "HP003"}


def test_catalog_is_not_loaded_without_estimators() -> None:
    script = textwrap.dedent(
        """
        from hplint.engine import lint
        from hplint.knowledge.estimators import catalog
        from hplint.settings import Settings
        text = "hplint: 1\\ntraining:\\n  optimizer: adam\\n  learning_rate: 1.0e-3\\n"
        lint(text, path="c.yaml", settings=Settings().with_overrides(select=["HP001"]))
        print(catalog.cache_info().currsize)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "0"


def test_cli_check_never_imports_the_ml_libraries(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text((EXAMPLES / "lasso_typos.yaml").read_text(encoding="utf-8"))
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "hplint", "check", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "HP002" in proc.stdout  # the estimator data was used
    imported = {
        line.rsplit("|", 1)[-1].strip().split(".")[0]
        for line in proc.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert imported, proc.stderr[:500]
    assert not imported & {"sklearn", "numpy", "scipy", "lightgbm", "xgboost"}


# ---------------------------------------------------------------------------------------------
# properties
# ---------------------------------------------------------------------------------------------

_NAMES = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=126, exclude_characters="\\"),
    min_size=1,
    max_size=20,
)


@given(new=_NAMES, style=st.sampled_from(["plain", "'single'", '"double"']))
def test_replacement_text_reads_back_as_the_same_string(new: str, style: str) -> None:
    original = {"plain": "value", "'single'": "'value'", '"double"': '"value"'}[style]
    document = parse_text(f"key: {original}\n", "yaml")
    root = document.roots[0].node
    assert isinstance(root, MappingNode)
    node = root.entries[0].value
    assert isinstance(node, ScalarNode)
    spelled = _spelled_like(node, new)
    assert spelled is not None
    reparsed = parse_text(f"key: {spelled}\n", "yaml")
    assert not reparsed.problems, (spelled, reparsed.problems)
    again = reparsed.roots[0].node
    assert isinstance(again, MappingNode)
    value = again.entries[0].value
    assert isinstance(value, ScalarNode) and value.value == new
    if node.style is not ScalarStyle.PLAIN:
        assert value.style is node.style
