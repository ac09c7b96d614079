"""HP1xx: formulas, fixes and the worked example examples/mistakes/mlp_sgd.yaml."""

from __future__ import annotations

import math
import re
import subprocess
import sys
import textwrap

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from hplint.analysis.optimizers import canonical, canonical_mlp_solver, family, scaled_lr
from hplint.diagnostics import Diagnostic
from hplint.engine import LintResult
from hplint.fixes import apply_edits
from hplint.rules._edits import yaml_float
from hplint.settings import Settings
from tests.rules.helpers import lines_and_codes, lint_all, lint_ok
from tests.worked_examples import MLP_SGD


def _lint(text: str, settings: Settings | None = None) -> LintResult:
    return lint_ok(textwrap.dedent(text).lstrip("\n"), settings)


def _ours(result: LintResult) -> list[tuple[int, str]]:
    """(line, code) of the HP1xx and HP5xx diagnostics."""
    return lines_and_codes(result, lambda code: code[:3] in ("HP1", "HP5"))


def _only(result: LintResult, code: str) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.code == code]


def _fixed(result: LintResult, code: str) -> str:
    (diagnostic,) = _only(result, code)
    assert diagnostic.fix is not None
    return apply_edits(result.text, diagnostic.fix.edits)


# ---------------------------------------------------------------- examples/mistakes/mlp_sgd.yaml


def test_worked_example_mlp_sgd() -> None:
    result = _lint(MLP_SGD)
    assert _ours(result) == [(12, "HP501"), (18, "HP103"), (24, "HP503")]
    (hp103,) = _only(result, "HP103")
    assert "effective batch 2048 (8× the reference 256)" in hp103.message
    assert "expected ≈0.8 under linear scaling for sgd" in hp103.message
    related = {result.lines.position(r.span.start).line + 1 for r in hp103.related}
    assert related == {19, 20}  # batch_size and reference
    (hp501,) = _only(result, "HP501")
    assert "use dropout: 0.2" in hp501.message


def test_worked_example_fix_sets_lr_and_adds_warmup_then_is_clean() -> None:
    result = _lint(MLP_SGD)
    fixed = _fixed(result, "HP103")
    assert "  learning_rate: 0.8\n  scheduler:\n    warmup_epochs: 5\n  batch_size: 2048\n" in fixed
    loaded = yaml.safe_load(fixed)
    assert loaded["training"]["learning_rate"] == 0.8
    assert loaded["training"]["scheduler"] == {"warmup_epochs": 5}
    again = _lint(fixed)
    assert not [d for d in again.diagnostics if d.code in ("HP103", "HP105", "HP002", "HP003")]


# --------------------------------------------------------------------------- HP103 formula


def _hp103_config(optimizer: str, batch: int, ref_batch: int, lr: float, ref_lr: float) -> str:
    return (
        "hplint: 1\n"
        "training:\n"
        f"  optimizer: {optimizer}\n"
        f"  learning_rate: {lr!r}\n"
        f"  batch_size: {batch}\n"
        f"  reference: {{batch_size: {ref_batch}, learning_rate: {ref_lr!r}}}\n"
        "  scheduler: {type: cosine, warmup_epochs: 5}\n"
        "  epochs: 100\n"
    )


_RULES = st.sampled_from(
    [("sgd", "linear"), ("adamw", "sqrt"), ("nesterov", "linear"), ("rmsprop", "sqrt")]
)


@settings(max_examples=150, deadline=None)
@given(
    rule=_RULES,
    batch=st.integers(min_value=1, max_value=65536),
    ref_batch=st.integers(min_value=1, max_value=65536),
    ref_lr=st.floats(min_value=1e-5, max_value=1.0),
)
def test_hp103_never_fires_at_lr_star(
    rule: tuple[str, str], batch: int, ref_batch: int, ref_lr: float
) -> None:
    optimizer, scaling = rule
    expected = scaled_lr(ref_lr, batch / ref_batch, "linear" if scaling == "linear" else "sqrt")
    result = lint_all(_hp103_config(optimizer, batch, ref_batch, expected, ref_lr))
    assert not _only(result, "HP103")


@settings(max_examples=150, deadline=None)
@given(
    rule=_RULES,
    batch=st.integers(min_value=1, max_value=65536),
    ref_batch=st.integers(min_value=1, max_value=65536),
    ref_lr=st.floats(min_value=1e-5, max_value=1.0),
    factor=st.sampled_from([2.5, 0.4]),
)
def test_hp103_always_fires_beyond_the_tolerance(
    rule: tuple[str, str], batch: int, ref_batch: int, ref_lr: float, factor: float
) -> None:
    """2.5× beyond lr* — for the Adam family, beyond the square-root…linear range — is
    reported (the tolerance is 2)."""
    optimizer, scaling = rule
    k = batch / ref_batch
    if scaling == "linear":
        lr = scaled_lr(ref_lr, k, "linear") * factor
    else:
        ends = (scaled_lr(ref_lr, k, "sqrt"), scaled_lr(ref_lr, k, "linear"))
        lr = (max(ends) if factor > 1 else min(ends)) * factor
    result = lint_all(_hp103_config(optimizer, batch, ref_batch, lr, ref_lr))
    (diagnostic,) = _only(result, "HP103")
    if scaling == "linear":
        assert "under linear scaling" in diagnostic.message
    else:
        assert "expected between" in diagnostic.message


@settings(max_examples=100, deadline=None)
@given(
    batch=st.integers(min_value=1, max_value=65536),
    ref_batch=st.integers(min_value=1, max_value=65536),
    ref_lr=st.floats(min_value=1e-5, max_value=1.0),
    position=st.floats(min_value=0.0, max_value=1.0),
)
def test_hp103_accepts_anything_between_the_two_rules_for_adamw(
    batch: int, ref_batch: int, ref_lr: float, position: float
) -> None:
    k = batch / ref_batch
    low, high = sorted((scaled_lr(ref_lr, k, "sqrt"), scaled_lr(ref_lr, k, "linear")))
    lr = low * (high / low) ** position
    assert not _only(lint_all(_hp103_config("adamw", batch, ref_batch, lr, ref_lr)), "HP103")


def test_hp103_declared_sqrt_rule_mentions_the_other_rule() -> None:
    result = _lint(
        """
        hplint: 1
        training:
          optimizer: torch.optim.AdamW
          batch_size: 64
          grad_accum_steps: 4
          devices: 8
          learning_rate: 3.2e-3
          reference: {batch_size: 128, learning_rate: 2.0e-4, scaling: sqrt}
        """
    )
    (diagnostic,) = _only(result, "HP103")
    assert "effective batch 2048 (16× the reference 128)" in diagnostic.message
    assert "expected ≈8.0e-4 under square-root scaling" in diagnostic.message
    assert "(this matches linear scaling; `reference.scaling` says square-root)" in (
        diagnostic.message
    )
    assert _fixed(result, "HP103").count("learning_rate: 8.0e-4") == 1


def test_hp103_tolerance_is_an_option() -> None:
    text = _hp103_config("sgd", 512, 256, 0.3, 0.1)  # lr* = 0.2, r = 1.5
    assert not _only(lint_all(text), "HP103")
    tight = Settings(options={"lr-scaling-tolerance": 1.2})
    assert _only(lint_all(text, settings=tight), "HP103")


@pytest.mark.parametrize(
    ("scope", "devices", "expected"),
    [
        ("", "  devices: 4\n", "0.8"),  # per_device is the default when devices is given
        ("  batch_size_scope: per_device\n", "  devices: 4\n", "0.8"),
        ("  batch_size_scope: global\n", "  devices: 4\n", "0.2"),
        ("", "", "0.2"),
    ],
)
def test_effective_batch_scope(scope: str, devices: str, expected: str) -> None:
    text = (
        "hplint: 1\ntraining:\n  optimizer: sgd\n  learning_rate: 5.0\n  batch_size: 512\n"
        f"{scope}{devices}  reference: {{batch_size: 256, learning_rate: 0.1}}\n"
    )
    (diagnostic,) = _only(lint_all(text), "HP103")
    assert f"expected ≈{expected} " in diagnostic.message


def test_hp103_explicit_scaling_and_none() -> None:
    base = (
        "hplint: 1\ntraining:\n  optimizer: lars\n  learning_rate: 0.1\n  batch_size: 4096\n"
        "  reference: {batch_size: 256, learning_rate: 0.1, scaling: %s}\n"
    )
    (diagnostic,) = _only(lint_all(base % "linear"), "HP103")
    assert "(`reference.scaling: linear`)" in diagnostic.message
    assert not _only(lint_all(base % "none"), "HP103")


def test_hp103_unknown_optimizer_is_skipped_with_hp005() -> None:
    result = _lint(
        """
        hplint: 1
        data:
          train: data/train.parquet
          n_samples: 100000
        training:
          optimizer: lion
          learning_rate: 1.0e-4
          batch_size: 4096
          reference: {batch_size: 256, learning_rate: 1.0e-4}
        """
    )
    assert not _only(result, "HP103")
    (hp005,) = _only(result, "HP005")
    assert "HP103" in hp005.message


def test_hp103_uses_scheduler_peak() -> None:
    result = _lint(
        """
        hplint: 1
        training:
          optimizer: sgd
          learning_rate: 0.01
          batch_size: 1024
          reference: {batch_size: 256, learning_rate: 0.1}
          scheduler:
            type: onecycle
            max_lr: 0.1
        """
    )
    (diagnostic,) = _only(result, "HP103")
    assert diagnostic.message.startswith("max_lr 0.1 ")
    assert "max_lr: 0.4" in _fixed(result, "HP103")


def test_hp103_sklearn_mlp_solver_sgd_is_linear() -> None:
    result = _lint(
        """
        hplint: 1
        model:
          estimator:
            class: sklearn.neural_network.MLPClassifier
            params:
              solver: sgd
              learning_rate_init: 0.01
              batch_size: 1024
        """
    )
    assert not _only(result, "HP103")  # no reference: nothing to compare with


# --------------------------------------------------------------------------- warmup insertion


def test_warmup_added_to_existing_block_scheduler() -> None:
    result = _lint(
        """
        hplint: 1
        training:
          optimizer: sgd
          learning_rate: 0.1
          batch_size: 4096
          reference:
              batch_size: 256
              learning_rate: 0.1
          scheduler:
              type: cosine
        """
    )
    fixed = _fixed(result, "HP103")
    assert "  scheduler:\n      warmup_epochs: 5\n      type: cosine\n" in fixed
    assert yaml.safe_load(fixed)["training"]["learning_rate"] == 1.6


def test_warmup_added_to_flow_scheduler_and_zero_warmup_replaced() -> None:
    text = (
        "hplint: 1\ntraining:\n  optimizer: sgd\n  learning_rate: 0.1\n  batch_size: 2048\n"
        "  reference: {batch_size: 256, learning_rate: 0.1}\n  scheduler: {type: cosine%s}\n"
    )
    fixed = _fixed(lint_all(text % ""), "HP103")
    assert "scheduler: {type: cosine, warmup_epochs: 5}" in fixed
    fixed = _fixed(lint_all(text % ", warmup_epochs: 0"), "HP103")
    assert "scheduler: {type: cosine, warmup_epochs: 5}" in fixed


def test_warmup_block_uses_indentation_step_and_crlf() -> None:
    text = (
        "hplint: 1\r\ntraining:\r\n    optimizer: sgd\r\n    learning_rate: 0.1  # tuned\r\n"
        "    batch_size: 2048\r\n    reference:\r\n        batch_size: 256\r\n"
        "        learning_rate: 0.1\r\n"
    )
    fixed = _fixed(lint_all(text), "HP103")
    assert (
        "    learning_rate: 0.8  # tuned\r\n    scheduler:\r\n        warmup_epochs: 5\r\n"
        "    batch_size: 2048\r\n"
    ) in fixed


def test_warmup_block_when_lr_is_the_last_line() -> None:
    text = (
        "hplint: 1\ntraining:\n  optimizer: sgd\n  batch_size: 2048\n"
        "  reference: {batch_size: 256, learning_rate: 0.1}\n  learning_rate: 0.1"
    )
    fixed = _fixed(lint_all(text), "HP103")
    assert fixed.endswith("  learning_rate: 0.8\n  scheduler:\n    warmup_epochs: 5")
    assert yaml.safe_load(fixed)["training"]["scheduler"] == {"warmup_epochs": 5}


def test_no_warmup_insertion_in_flow_training_or_small_k() -> None:
    flow = (
        "hplint: 1\ntraining: {optimizer: sgd, learning_rate: 0.1, batch_size: 2048, "
        "reference: {batch_size: 256, learning_rate: 0.1}}\n"
    )
    (diagnostic,) = _only(lint_all(flow), "HP103")
    assert diagnostic.fix is not None and len(diagnostic.fix.edits) == 1
    small = _hp103_config("sgd", 1024, 256, 0.1, 0.1)  # k = 4
    (diagnostic,) = _only(lint_all(small), "HP103")
    assert diagnostic.fix is not None and len(diagnostic.fix.edits) == 1


def test_fix_in_json_document() -> None:
    text = (
        '{"hplint": 1, "training": {"optimizer": "sgd", "learning_rate": 0.1, '
        '"batch_size": 2048, "reference": {"batch_size": 256, "learning_rate": 0.1}}}'
    )
    result = lint_all(text, path="config.json")
    fixed = _fixed(result, "HP103")
    assert '"learning_rate": 0.8,' in fixed


# --------------------------------------------------------------------------- number spelling

_YAML11_FLOAT = re.compile(
    r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?"
    r"|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*)$"
)


@given(st.floats(min_value=1e-12, max_value=1e12))
def test_yaml_float_is_a_float_for_yaml11(value: float) -> None:
    spelt = yaml_float(value)
    assert _YAML11_FLOAT.match(spelt), spelt
    loaded = yaml.safe_load(f"x: {spelt}")["x"]
    assert isinstance(loaded, float)
    assert math.isclose(loaded, value, rel_tol=0.05)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.8, "0.8"),
        (4e-4, "4.0e-4"),
        (4.0, "4.0"),
        (3.2, "3.2"),
        (0.0125, "0.013"),
        (12345.0, "1.2e+4"),
    ],
)
def test_yaml_float_examples(value: float, text: str) -> None:
    assert yaml_float(value) == text


# --------------------------------------------------------------------------- optimizer families


@pytest.mark.parametrize(
    ("name", "canon", "fam"),
    [
        ("SGD", "sgd", "linear"),
        ("torch.optim.SGD", "sgd", "linear"),
        ("sgd_momentum", "sgd_momentum", "linear"),
        ("Nesterov", "nesterov", "linear"),
        ("torch.optim.AdamW", "adamw", "sqrt"),
        ("adam_w", "adamw", "sqrt"),
        ("keras.optimizers.RMSprop", "rmsprop", "sqrt"),
        ("NAdam", "nadam", "sqrt"),
        ("Adamax", "adamax", "sqrt"),
        ("RAdam", "radam", "sqrt"),
        ("LAMB", "lamb", "sqrt"),
        ("LARS", "lars", "none"),
        ("Adagrad", "adagrad", "none"),
        ("Adafactor", "adafactor", "none"),
        ("Lion", "lion", "none"),
        ("LBFGS", "lbfgs", "none"),
    ],
)
def test_optimizer_families(name: str, canon: str, fam: str) -> None:
    assert canonical(name) == canon
    assert family(name) == fam


def test_unknown_optimizer_and_mlp_solvers() -> None:
    assert canonical("my_custom_opt") is None
    assert family("my_custom_opt") == "none"
    assert family(None) == "none"
    assert family(canonical_mlp_solver("sgd")) == "linear"
    assert family(canonical_mlp_solver("adam")) == "sqrt"
    assert family(canonical_mlp_solver("lbfgs")) == "none"


# --------------------------------------------------------------------------- other HP1xx


def test_hp101_reference_justifies_a_large_sgd_rate() -> None:
    text = _hp103_config("sgd", 8192, 256, 3.2, 0.1)
    assert not [d for d in lint_all(text).diagnostics if d.code in ("HP101", "HP103")]
    assert _only(lint_all(text.replace("3.2", "8.0")), "HP101")  # 2.5× lr*


def test_hp101_mlp_adam_learning_rate_init() -> None:
    result = _lint(
        """
        hplint: 1
        model:
          estimator:
            class: sklearn.neural_network.MLPRegressor
            params:
              learning_rate_init: 0.1
        """
    )
    (diagnostic,) = _only(result, "HP101")
    assert "MLPRegressor(solver=adam)" in diagnostic.message


@pytest.mark.parametrize(
    ("validation", "batch", "code"),
    [
        ("", 1000, "HP108"),  # n_train = 1000: 100 % is still "≤ n_train"
        ("", 1001, "HP107"),
        ("validation: {method: holdout, holdout: 0.2}\n", 801, "HP107"),
        ("validation: {method: holdout, holdout: 0.2}\n", 80, "HP108"),
        ("validation: {method: kfold, folds: 10}\n", 901, "HP107"),
        ("validation: {method: loo}\n", 1000, "HP107"),
        ("validation: {method: kfold, folds: 10}\n", 89, None),
    ],
)
def test_n_train(validation: str, batch: int, code: str | None) -> None:
    text = (
        "hplint: 1\ndata:\n  train: data/train.csv\n  n_samples: 1000\n"
        f"training:\n  optimizer: adamw\n  batch_size: {batch}\n{validation}"
    )
    found = [d.code for d in lint_all(text).diagnostics if d.code in ("HP107", "HP108")]
    assert found == ([code] if code else [])


def test_hp107_hp108_skip_without_n_samples() -> None:
    result = _lint(
        """
        hplint: 1
        data:
          train: data/train.csv
        training:
          optimizer: adamw
          batch_size: 64
        """
    )
    (hp005,) = _only(result, "HP005")
    assert "HP107, HP108" in hp005.message and "`n_samples`" in hp005.message


def test_hp109_fix_keeps_spelling() -> None:
    text = "hplint: 1\ntraining:\n  optimizer: torch.optim.Adam\n  weight_decay: 0.05\n"
    assert "optimizer: torch.optim.AdamW\n" in _fixed(lint_all(text), "HP109")
    quoted = 'hplint: 1\ntraining:\n  optimizer: "adam"\n  weight_decay: 0.05\n'
    assert 'optimizer: "adamw"\n' in _fixed(lint_all(quoted), "HP109")
    assert not _only(lint_all(text.replace("0.05", "0")), "HP109")


def test_hp110_cosine_t_max_in_iterations_is_not_reported() -> None:
    result = _lint(
        """
        hplint: 1
        data:
          train: data/train.parquet
          n_samples: 50000
        training:
          optimizer: sgd
          learning_rate: 0.1
          batch_size: 128
          epochs: 100
          scheduler: {type: cosine, T_max: 39100}
        """
    )
    assert not _only(result, "HP110")


def test_rule_doc_explains_both_scaling_rules_with_sources() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "hplint", "rule", "HP103"],
        capture_output=True,
        text=True,
        check=True,
    )
    out = completed.stdout
    assert "lr-not-scaled-with-batch-size (HP103)" in out
    assert "linear rule" in out and "square-root rule" in out
    for source in ("Goyal", "Krizhevsky", "Malladi", "Hoffer", "arxiv.org/abs/1706.02677"):
        assert source in out, source
