"""Completion offers values where it can know them: known optimizer and schedule names, W&B's
`method` while the sweep is being written (it is recognised by that value), metric goals."""

from __future__ import annotations

import pytest

from hplint.services.completion import complete_at


def _labels(text: str, hint: str | None = None) -> list[str]:
    found = complete_at(text, len(text), format_hint=hint)
    return [item.label for item in found.items] if found is not None else []


def test_known_optimizer_and_schedule_names() -> None:
    optimizers = _labels("hplint: 1\ntraining:\n  optimizer: ")
    assert {"sgd", "adamw", "lamb", "lion"} <= set(optimizers)
    assert _labels("hplint: 1\ntraining:\n  optimizer: ada")[:3] == ["adam", "adamw", "adamax"]
    assert {"cosine", "onecycle", "plateau"} <= set(
        _labels("hplint: 1\ntraining:\n  scheduler:\n    type: ")
    )
    found = complete_at("hplint: 1\ntraining:\n  optimizer: ", 33)
    assert found is not None and found.items[0].detail == "optimizer (a known value)"


@pytest.mark.parametrize("text", ["method: ", "program: train.py\nmethod: ", "method: ba"])
def test_wandb_methods_before_the_sweep_is_recognised(text: str) -> None:
    assert set(_labels(text)) <= {"bayes", "random", "grid", "custom"} and _labels(text)


def test_an_unrelated_files_method_gets_nothing() -> None:
    assert _labels("openapi: 3.0.0\npaths: {}\nmethod: ") == []


def test_metric_goals_and_directions() -> None:
    assert _labels("method: bayes\nmetric:\n  name: val_loss\n  goal: ") == ["minimize", "maximize"]
    assert _labels("hplint: 1\nsearch:\n  objective:\n    direction: ") == ["minimize", "maximize"]
