"""HP104 (and HP105) against the file's earlier text: `lint(..., baseline=Baseline(...))`."""

from __future__ import annotations

import textwrap

from hplint.engine import Baseline, lint
from tests.rules.helpers import EVERY_RULE

SGD = textwrap.dedent(
    """\
    hplint: 1
    training:
      optimizer: sgd
      momentum: 0.9
      learning_rate: 0.1
      batch_size: 256
    """
)
HF = textwrap.dedent(
    """\
    model_name_or_path: Qwen/Qwen2.5-1.5B
    learning_rate: 2.0e-5
    per_device_train_batch_size: 8
    gradient_accumulation_steps: 2
    num_train_epochs: 3
    """
)


def _codes(text: str, baseline: str | None) -> list[tuple[str, str]]:
    earlier = Baseline(baseline, "HEAD") if baseline is not None else None
    result = lint(text, path="config.yaml", settings=EVERY_RULE, baseline=earlier)
    assert not result.internal_errors
    return [(d.code, text[d.span.start : d.span.end]) for d in result.diagnostics]


def test_a_batch_raised_with_the_learning_rate_kept() -> None:
    text = SGD.replace("batch_size: 256", "batch_size: 1024")
    result = lint(text, path="config.yaml", baseline=Baseline(SGD, "HEAD"))
    [finding] = [d for d in result.diagnostics if d.code == "HP104"]
    assert text[finding.span.start : finding.span.end] == "0.1"  # the learning rate's line
    assert "256 → 1024" in finding.message and "(0.1)" in finding.message
    assert "expected ≈0.4" in finding.message
    assert finding.fix is not None and finding.fix.edits[0].new_text == "0.4"
    assert [r.message for r in finding.related] == ["batch size 256 → 1024 since HEAD"]
    # Scaled with the batch: silent.
    assert _codes(text.replace("0.1", "0.4"), SGD) == []


def test_the_devices_or_the_accumulation_count_too() -> None:
    text = SGD.replace("batch_size: 256", "batch_size: 256\n  grad_accum_steps: 4")
    assert ("HP104", "0.1") in _codes(text, SGD)
    assert ("HP104", "2.0e-5") in _codes(HF.replace("steps: 2", "steps: 8"), HF)
    assert ("HP104", "2.0e-5") in _codes(HF.replace("batch_size: 8", "batch_size: 32"), HF)
    # The Trainer's default optimizer is AdamW: anything from √k to k is right.
    assert (
        _codes(HF.replace("batch_size: 8", "batch_size: 32").replace("2.0e-5", "4.0e-5"), HF) == []
    )


def test_a_learning_rate_moved_the_wrong_way() -> None:
    text = SGD.replace("batch_size: 256", "batch_size: 1024").replace("0.1", "0.05")
    assert ("HP104", "0.05") in _codes(text, SGD)
    halved = SGD.replace("batch_size: 256", "batch_size: 64").replace("0.1", "0.2")
    assert ("HP104", "0.2") in _codes(halved, SGD)


def test_silent_where_the_change_is_small_or_not_comparable() -> None:
    assert _codes(SGD.replace("batch_size: 256", "batch_size: 384"), SGD) == []  # 1.5×
    # Moved with the batch, if not all the way: how far is HP103's question, not HP104's.
    assert _codes(SGD.replace("256", "1024").replace("0.1", "0.2"), SGD) == []
    # Another optimizer: the old learning rate says nothing about the new one.
    other = SGD.replace("256", "1024").replace("optimizer: sgd", "optimizer: adamw")
    assert [c for c, _ in _codes(other, SGD) if c == "HP104"] == []
    # No rule for the optimizer (LARS): nothing to expect.
    lars = SGD.replace("optimizer: sgd", "optimizer: lars")
    assert [c for c, _ in _codes(lars.replace("256", "1024"), lars) if c == "HP104"] == []


def test_a_baseline_that_does_not_parse_or_is_another_format() -> None:
    text = SGD.replace("batch_size: 256", "batch_size: 1024")
    assert [c for c, _ in _codes(text, "training: [unclosed\n") if c == "HP104"] == []
    assert [c for c, _ in _codes(text, HF) if c == "HP104"] == []
    assert [c for c, _ in _codes(text, "") if c == "HP104"] == []


def test_a_reference_of_its_own_keeps_hp103_alone() -> None:
    with_reference = SGD.replace(
        "batch_size: 256", "batch_size: 256\n  reference: {batch_size: 256, learning_rate: 0.1}"
    )
    text = with_reference.replace("batch_size: 256\n", "batch_size: 1024\n", 1)
    codes = [c for c, _ in _codes(text, with_reference)]
    assert "HP103" in codes and "HP104" not in codes


def test_hp105_uses_the_baseline_when_there_is_no_reference() -> None:
    text = SGD.replace("batch_size: 256", "batch_size: 4096").replace("0.1", "1.6")
    codes = _codes(text, SGD)
    assert ("HP105", "1.6") in codes
    assert "HP101" not in [c for c, _ in codes]  # 1.6 is what 16× the batch asks of SGD
    warm = text.replace("epochs", "epochs").replace(
        "learning_rate: 1.6", "learning_rate: 1.6\n  scheduler: {warmup_epochs: 5}"
    )
    assert [c for c, _ in _codes(warm, SGD)] == []


def test_hover_on_the_learning_rate_shows_the_baseline() -> None:
    from hplint.services.hover import hover_at

    text = SGD.replace("batch_size: 256", "batch_size: 1024")
    result = lint(text, path="config.yaml", baseline=Baseline(SGD, "HEAD"))
    hover = hover_at(result, text.index("learning_rate") + 1)
    assert hover is not None
    assert "*At HEAD:* learning rate `0.1` with an effective batch of 256" in hover.markdown
    without = hover_at(lint(text), text.index("learning_rate") + 1)
    assert without is not None and "At HEAD" not in without.markdown
