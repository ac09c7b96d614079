"""Hydra-style `_target_` objects are in the IR (`Config.targets`) for every format: the adapters
read them, so HP001 checks them without walking the document itself."""

from __future__ import annotations

from hplint.engine import lint

HYDRA = """\
defaults:
  - override hydra/sweeper: optuna
hydra:
  sweeper:
    params:
      model.alpha: interval(0.001, 1.0)
model:
  _target_: sklearn.linear_model.Ridge
  _partial_: true
  alpha: 0.1
  solver: {kind: auto}
preprocess:
  _target_: 42
"""


def test_target_objects_are_in_the_ir() -> None:
    result = lint(HYDRA, path="config.yaml")
    assert result.format_id == "hydra-optuna"
    (config,) = result.configs
    (target,) = config.targets  # `_target_: 42` names no class
    assert target.cls.value == "sklearn.linear_model.Ridge"
    assert [name for name, _ in target.params] == ["alpha", "solver"]  # Hydra's keys are not
    assert dict(target.params)["alpha"].value == 0.1
    assert set(target.nested) == {"solver"}
    assert target.mapping.get("alpha") is not None


def test_hp001_reads_targets_from_the_ir() -> None:
    text = HYDRA.replace("  alpha: 0.1\n", "  alpha: 0.1\n  coef_: [1, 2]\n")
    result = lint(text, path="config.yaml")
    learned = [d for d in result.diagnostics if d.code == "HP001"]
    assert len(learned) == 1
    assert text[learned[0].span.start : learned[0].span.end] == "coef_"
