"""Hover sketches: where a distribution's samples land, and the learning rate across batches."""

from __future__ import annotations

from hplint.engine import Baseline, lint
from hplint.services.hover import hover_at

SWEEP = """\
method: random
metric: {name: val_loss, goal: minimize}
parameters:
  learning_rate: {distribution: uniform, min: 1.0e-5, max: 0.1}
  weight_decay: {distribution: log_uniform, min: -9.21, max: -2.3}
  dropout: {distribution: uniform, min: 0.1, max: 0.5}
  optimizer: {values: [adam, sgd]}
"""
SGD = "hplint: 1\ntraining:\n  optimizer: sgd\n  learning_rate: 0.1\n  batch_size: 256\n"


def _hover(text: str, key: str, baseline: str | None = None) -> str:
    earlier = Baseline(baseline, "HEAD") if baseline is not None else None
    found = hover_at(lint(text, baseline=earlier), text.index(key) + 1)
    assert found is not None
    return found.markdown


def test_a_linear_range_over_decades_shows_its_top_heavy_shares() -> None:
    shown = _hover(SWEEP, "learning_rate")
    assert "0.01 … 0.1  ██████████████████████    90.0%" in shown
    assert "1e-5 … 1e-4" in shown and "median 0.05 · uniform (linear scale) · 4.0 decades" in shown


def test_exponent_bounds_are_drawn_as_the_values_sampled() -> None:
    shown = _hover(SWEEP, "weight_decay")
    assert "1e-4 … 1e-3 ████████" in shown and "log-uniform · 3.0 decades" in shown
    assert "0.1 … 0.1" not in shown  # no sliver for e^-2.3 ≈ 0.1003


def test_a_narrow_linear_range_in_equal_slices_and_choices_without_a_sketch() -> None:
    assert "0.1 … 0.167" in _hover(SWEEP, "dropout")
    assert "Where the samples land" not in _hover(SWEEP, "optimizer")


def test_the_learning_rate_across_batches_from_the_reference_or_head() -> None:
    shown = _hover(
        SGD.replace("256", "2048") + "  reference: {batch_size: 256, learning_rate: 0.1}\n",
        "learning_rate",
    )
    assert "linear scaling from the reference" in shown
    assert " 256  0.1          ← the reference" in shown
    assert "2048  0.8          ← this config: lr 0.1" in shown
    from_head = _hover(SGD.replace("256", "1024"), "learning_rate", SGD)
    assert "linear scaling from HEAD" in from_head and "← this config: lr 0.1" in from_head
    assert "The learning rate the batch implies" not in _hover(SGD, "learning_rate")
