"""Unit tests of the editor services (no language server)."""

from __future__ import annotations

import json

import pytest

from hplint.engine import lint
from hplint.fixes import apply_edits
from hplint.lsp.settings import KNOWN_SETTINGS, parse_editor_settings
from hplint.services.code_actions import actions_for, disable_edit, fix_all_edit, minimal_edit
from hplint.services.completion import complete_at
from hplint.services.cursor import context_at
from hplint.services.hover import hover_at
from tests.conftest import REPO

TRAINING = """\
hplint: 1
training:
  optimizer: sgd
  learning_rate: 0.1
  {cursor}
  loss: categorical_crossentropy
"""

LASSO = """\
hplint: 1
model:
  pipeline:
    - name: scale
      class: sklearn.preprocessing.StandardScaler
    - name: reg
      class: sklearn.linear_model.Lasso
      params:
        alpha: 0.1
        {cursor}
"""


def at(template: str, typed: str = "") -> tuple[str, int]:
    text = template.replace("{cursor}", typed)
    return text, template.index("{cursor}") + len(typed)


# ----- cursor ----------------------------------------------------------------------------------
def test_context_from_indentation_on_blank_and_half_typed_lines() -> None:
    text, offset = at(TRAINING)
    context = context_at(text, offset)
    assert context is not None and context.kind == "key" and context.path == ("training",)
    assert context.siblings == {"optimizer", "learning_rate", "loss"}
    text, offset = at(TRAINING, "shu")
    context = context_at(text, offset)
    assert context is not None and context.prefix == "shu" and context.prefix_start == offset - 3


def test_context_in_sequences_and_values() -> None:
    text, offset = at(LASSO)
    context = context_at(text, offset)
    assert context is not None and context.path == ("model", "pipeline", 1, "params")
    text = LASSO.replace("{cursor}", "").replace("class: sklearn.linear_model.Lasso", "class: Las")
    context = context_at(text, text.index("Las") + 3)
    assert context is not None and context.kind == "value"
    assert context.path == ("model", "pipeline", 1, "class") and context.prefix == "Las"


# ----- completion ------------------------------------------------------------------------------
def test_completion_offers_missing_training_keys() -> None:
    text, offset = at(TRAINING)
    found = complete_at(text, offset)
    assert found is not None
    labels = [c.label for c in found.items]
    assert "shuffle" in labels and "batch_size" in labels
    assert "optimizer" not in labels and "loss" not in labels
    assert next(c for c in found.items if c.label == "shuffle").documentation


def test_completion_while_the_document_does_not_parse() -> None:
    text, offset = at(TRAINING, "shu")
    found = complete_at(text, offset)
    assert found is not None and [c.label for c in found.items] == ["shuffle"]
    assert text[found.replace.start : found.replace.end] == "shu"


def test_completion_of_estimator_params_classes_enums_and_distributions() -> None:
    text, offset = at(LASSO)
    found = complete_at(text, offset)
    assert found is not None
    max_iter = next(c for c in found.items if c.label == "max_iter")
    assert "1000" in max_iter.detail and max_iter.kind == "param"
    assert "alpha" not in {c.label for c in found.items}

    text = "hplint: 1\ndata:\n  task: \n"
    found = complete_at(text, text.index("task: ") + 6)
    assert found is not None and [c.label for c in found.items] == [
        "regression",
        "binary",
        "multiclass",
    ]

    text = LASSO.replace("{cursor}", "").replace("class: sklearn.linear_model.Lasso", "class: Lass")
    found = complete_at(text, text.index("Lass") + 4)
    assert found is not None and found.items[0].label.endswith(".Lasso")

    text = "method: random\nparameters:\n  lr:\n    distribution: \n"
    found = complete_at(text, text.index("distribution: ") + 14)
    assert found is not None and "log_uniform_values" in {c.label for c in found.items}

    text = "hplint: 1\nsearch:\n  space:\n    training.learning_rate: {dist: loguniform, low: 1.0e-5, high: 0.1}\n    x:\n      dist: \n"
    found = complete_at(text, len(text) - 1)
    assert found is not None and {"uniform", "loguniform", "int"} <= {c.label for c in found.items}


HYDRA_RIDGE = """\
defaults:
  - override hydra/sweeper: optuna
model:
  _target_: sklearn.linear_model.Ridge
  alpha: 1.0
  {cursor}
hydra:
  sweeper:
    params:
      model.alpha: tag(log, interval(0.001, 10))
"""


def test_completion_offers_the_parameters_of_a_hydra_target_from_the_lints_ir() -> None:
    text, offset = at(HYDRA_RIDGE)
    linted = lint(text)
    assert [t.cls.value for c in linted.configs for t in c.targets] == [
        "sklearn.linear_model.Ridge"
    ]
    found = complete_at(text, offset, linted=linted)
    assert found is not None
    labels = {c.label for c in found.items}
    assert {"fit_intercept", "solver"} <= labels and "alpha" not in labels
    # Without the lint's IR the tree alone cannot tell a `_target_` mapping's class.
    without = complete_at(text, offset)
    assert without is None or "solver" not in {c.label for c in without.items}


def test_hover_on_a_hydra_target_and_its_parameters() -> None:
    text = HYDRA_RIDGE.replace("  {cursor}\n", "")
    result = lint(text)
    alpha = hover_at(result, text.index("alpha") + 1)
    assert alpha is not None and alpha.markdown.startswith("**Ridge.alpha**")
    target = hover_at(result, text.index("sklearn.linear_model.Ridge") + 1)
    assert target is not None and "regressor" in target.markdown


def test_no_completion_for_non_tuning_documents() -> None:
    assert complete_at("name: ci\non: push\n", 0) is None


# ----- hover -----------------------------------------------------------------------------------
def test_hover_on_key_value_suppression_and_diagnostic() -> None:
    text = (
        "hplint: 1\ndata:\n  task: multiclass\ntraining:\n  learning_rate: 1e-4  # hplint: disable=HP103\n"
        "model:\n  estimator:\n    class: sklearn.linear_model.Lasso\n    params:\n      alpha: 0.5\n"
    )
    result = lint(text)
    lr = hover_at(result, text.index("learning_rate") + 1)
    assert lr is not None and "learning rate" in lr.markdown.lower()
    assert lr.span.start == text.index("learning_rate")
    suppression = hover_at(result, text.index("HP103") + 1)
    assert suppression is not None and "(HP103)" in suppression.markdown.splitlines()[0]
    value = hover_at(result, text.index("1e-4") + 1)
    assert value is not None and "HP008" in value.markdown and "/HP008.md" in value.markdown
    cls = hover_at(result, text.index("Lasso") + 1)
    assert cls is not None and "regressor" in cls.markdown
    alpha = hover_at(result, text.index("alpha") + 1)
    assert alpha is not None and "Default: `1.0`" in alpha.markdown
    task = hover_at(result, text.index("multiclass") + 1)
    assert task is not None and "`binary`" in task.markdown


@pytest.mark.parametrize(
    ("text", "needle", "expected"),
    [
        (
            "method: random\nparameters:\n  lr:\n    distribution: log_uniform\n    min: -9\n    max: -1\n",
            "log_uniform",
            "exponent",
        ),
        (
            "hydra:\n  sweeper:\n    params:\n      lr: interval(0.001, 0.1)\n",
            "interval",
            "interval",
        ),
    ],
)
def test_hover_on_distribution_names(text: str, needle: str, expected: str) -> None:
    found = hover_at(lint(text), text.index(needle) + 1)
    assert found is not None and expected in found.markdown.lower()


def test_no_hover_for_non_tuning_documents() -> None:
    text = "name: ci\nlearning_rate: 0.1\n"
    assert hover_at(lint(text), text.index("learning_rate") + 1) is None


# ----- code actions ----------------------------------------------------------------------------
def test_disable_comment_is_added_or_extended() -> None:
    text = "hplint: 1\ntraining:\n  learning_rate: 1e-4\n"
    result = lint(text)
    edit = disable_edit(text, result.lines, result.suppressions, 2, "HP008")
    assert edit is not None
    assert (
        apply_edits(text, [edit]).splitlines()[2]
        == "  learning_rate: 1e-4  # hplint: disable=HP008"
    )
    text = "hplint: 1\ntraining:\n  learning_rate: 1e-4  # hplint: disable=HP102\n"
    result = lint(text)
    edit = disable_edit(text, result.lines, result.suppressions, 2, "HP008")
    assert edit is not None
    assert apply_edits(text, [edit]).splitlines()[2].endswith("# hplint: disable=HP102,HP008")
    assert disable_edit(text, result.lines, result.suppressions, 2, "HP102") is None


def test_actions_and_fix_all() -> None:
    text = "hplint: 1\ntraining:\n  learning_rate: 1e-4\n  weight_decay: 1e-5\n"
    result = lint(text)
    titles = [
        a.title for a in actions_for(text, result.lines, result.suppressions, result.diagnostics)
    ]
    assert titles.count("hplint (HP008): Write `1.0e-4`") == 1
    assert "Disable HP008 for this line" in titles
    edit = fix_all_edit(text, lambda t: lint(t).diagnostics)
    assert edit is not None
    fixed = apply_edits(text, [edit])
    assert "1.0e-4" in fixed and "1.0e-5" in fixed
    assert fix_all_edit(fixed, lambda t: lint(t).diagnostics) is None


def test_minimal_edit() -> None:
    edit = minimal_edit("abcXYZdef", "abc123def")
    assert (edit.span.start, edit.span.end, edit.new_text) == (3, 6, "123")


# ----- editor settings -------------------------------------------------------------------------
def test_editor_settings_defaults_and_invalid_values() -> None:
    assert parse_editor_settings(None).enable is True
    parsed = parse_editor_settings(
        {"settings": {"enable": "yes", "select": 3, "severity": {"HP008": "loud"}}}
    )
    assert parsed.enable is True and parsed.select is None and parsed.severity == {}
    assert len(parsed.problems) == 3
    parsed = parse_editor_settings(
        {"hplint": {"enable": False, "ignore": ["HP008"], "severity": {"HP002": "hint"}}}
    )
    assert (
        parsed.enable is False
        and parsed.ignore == ("HP008",)
        and parsed.severity == {"HP002": "hint"}
    )


def test_every_setting_of_the_extension_contract_is_understood() -> None:
    contract = json.loads(
        (REPO / "editor-client" / "settings-contract.json").read_text(encoding="utf-8")
    )
    assert contract["section"] == "hplint"
    for setting in contract["settings"]:
        assert setting["name"] in KNOWN_SETTINGS
        parsed = parse_editor_settings({"settings": {setting["name"]: setting["default"]}})
        assert not parsed.problems, parsed.problems
