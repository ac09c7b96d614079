"""HP5xx: dropout fix arithmetic, output-layer checks, per-device batch for BatchNorm."""

from __future__ import annotations

import textwrap

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from hplint.diagnostics import Applicability, Diagnostic
from hplint.engine import LintResult
from hplint.fixes import apply_edits
from hplint.settings import Settings
from tests.rules.helpers import lint_all, lint_ok


def _lint(text: str, settings: Settings | None = None) -> LintResult:
    return lint_ok(textwrap.dedent(text).lstrip("\n"), settings)


def _only(result: LintResult, code: str) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.code == code]


def _network(layer: str, *, input_dropout: str = "") -> str:
    extra = f"    input_dropout: {input_dropout}\n" if input_dropout else ""
    return (
        "hplint: 1\nmodel:\n  network:\n    input_dim: 32\n"
        f"{extra}    layers:\n      - {layer}\n    output: {{units: 1}}\n"
    )


@given(st.integers(min_value=51, max_value=99))
def test_hp501_fix_is_one_minus_d(percent: int) -> None:
    rate = percent / 100
    result = lint_all(_network(f"{{units: 64, activation: relu, dropout: {rate}}}"))
    (diagnostic,) = _only(result, "HP501")
    assert diagnostic.fix is not None
    assert diagnostic.fix.applicability is Applicability.UNSAFE
    fixed = apply_edits(result.text, diagnostic.fix.edits)
    layer = yaml.safe_load(fixed)["model"]["network"]["layers"][0]
    assert layer["dropout"] == round(1 - rate, 2)
    assert f"use dropout: {layer['dropout']}" in diagnostic.message
    assert not _only(lint_all(fixed), "HP501")


def test_hp501_thresholds_and_options() -> None:
    assert not _only(lint_all(_network("{units: 64, dropout: 0.5}", input_dropout="0.2")), "HP501")
    result = lint_all(_network("{units: 64, dropout: 0.5}", input_dropout="0.3"))
    (diagnostic,) = _only(result, "HP501")
    assert diagnostic.message.startswith("input_dropout 0.3 drops 30% of the inputs")
    assert diagnostic.fix is not None and diagnostic.fix.edits[0].new_text == "0.2"
    strict = Settings(options={"max-hidden-dropout": 0.3})
    assert _only(lint_all(_network("{units: 64, dropout: 0.4}"), settings=strict), "HP501")


def test_hp503_respects_time_column_and_mlp_shuffle() -> None:
    result = _lint(
        """
        hplint: 1
        model:
          estimator:
            class: sklearn.neural_network.MLPClassifier
            params:
              shuffle: false
        """
    )
    (diagnostic,) = _only(result, "HP503")
    assert diagnostic.fix is not None
    assert apply_edits(result.text, diagnostic.fix.edits).count("shuffle: true") == 1


MC = "task: multiclass, n_classes: 3"
CCE = "categorical_crossentropy"


@pytest.mark.parametrize(
    ("data", "output", "loss", "fires"),
    [
        (MC, "{units: 3, activation: softmax}", CCE, False),
        (MC, "{units: 4, activation: softmax}", CCE, True),
        (MC, "{units: 3, activation: sigmoid}", CCE, True),
        (MC, "{units: 3}", "CrossEntropyLoss", False),
        ("task: binary", "{units: 1, activation: sigmoid}", "binary_crossentropy", False),
        ("task: binary", "{units: 2, activation: softmax}", CCE, False),
        ("task: binary", "{units: 1, activation: softmax}", CCE, True),
        ("task: binary", "{units: 1, activation: relu}", "binary_crossentropy", True),
        ("task: regression", "{units: 1}", "mse", False),
        ("task: regression", "{units: 2, activation: softmax}", "mse", True),
    ],
)
def test_hp505_output_loss_task(data: str, output: str, loss: str, fires: bool) -> None:
    text = (
        f"hplint: 1\ndata: {{train: data/t.parquet, target: y, {data}}}\n"
        f"model:\n  network:\n    layers:\n      - {{units: 16, activation: relu}}\n"
        f"    output: {output}\ntraining:\n  loss: {loss}\n"
    )
    assert bool(_only(lint_all(text), "HP505")) is fires


def test_hp505_needs_n_classes_for_multiclass() -> None:
    result = _lint(
        """
        hplint: 1
        data:
          train: data/t.parquet
          task: multiclass
        model:
          network:
            output: {units: 5, activation: softmax}
        """
    )
    assert not _only(result, "HP505")
    (hp005,) = _only(result, "HP005")
    assert "HP505" in hp005.message and "`n_classes`" in hp005.message


@pytest.mark.parametrize(
    ("training", "fires"),
    [
        ("batch_size: 32\n  batch_size_scope: global\n  devices: 8", True),  # 4 per device
        ("batch_size: 32\n  devices: 8", False),  # per device by default
        ("batch_size: 64\n  batch_size_scope: global\n  devices: 8", False),
        ("batch_size: 7", True),
    ],
)
def test_hp506_per_device_batch(training: str, fires: bool) -> None:
    text = (
        "hplint: 1\nmodel:\n  network:\n    layers:\n"
        "      - {units: 16, activation: relu, batchnorm: true}\n"
        f"    output: {{units: 1}}\ntraining:\n  {training}\n"
    )
    assert bool(_only(lint_all(text), "HP506")) is fires


def test_hp504_counts_only_saturating_layers_without_batchnorm() -> None:
    layers = "".join("      - {units: 32, activation: tanh%s}\n" for _ in range(4))
    text = "hplint: 1\nmodel:\n  network:\n    layers:\n" + layers + "    output: {units: 1}\n"
    assert _only(lint_all(text % ("", "", "", "")), "HP504")
    assert not _only(lint_all(text % (", batchnorm: true", "", "", "")), "HP504")
    mlp = _lint(
        """
        hplint: 1
        model:
          estimator:
            class: sklearn.neural_network.MLPRegressor
            params:
              hidden_layer_sizes: [64, 64, 64, 64]
              activation: logistic
        """
    )
    assert _only(mlp, "HP504")


def test_hp502_evaluation_dropout_zero_is_fine() -> None:
    result = _lint(
        """
        hplint: 1
        evaluation:
          dropout: 0.0
          training_mode: false
        """
    )
    assert not _only(result, "HP502")
