"""The worked examples (examples/mistakes/) give exactly the diagnostics listed there."""

from __future__ import annotations

import pytest

from tests.rules.helpers import lint_all
from tests.worked_examples import LGBM_SEARCH, MLP_SGD, SKLEARN_LASSO, WANDB_SWEEP

EXPECTED = {
    # sklearn_lasso.yaml: sklearn_lasso.yaml
    "sklearn_lasso": (
        SKLEARN_LASSO,
        [(15, "HP202"), (15, "HP206"), (17, "HP201"), (19, "HP001"), (22, "HP302")],
    ),
    # mlp_sgd.yaml: mlp_sgd.yaml
    "mlp_sgd": (
        MLP_SGD,
        [
            (12, "HP501"),
            (18, "HP103"),
            (24, "HP503"),
            (26, "HP303"),
            (27, "HP304"),
            (28, "HP305"),
            (29, "HP306"),
        ],
    ),
    # lgbm_search.yaml: lgbm_search.yaml
    "lgbm_search": (
        LGBM_SEARCH,
        [
            (3, "HP005"),
            (12, "HP401"),
            (13, "HP403"),
            (20, "HP307"),
            (21, "HP606"),
            (21, "HP607"),
            (21, "HP608"),
            (23, "HP404"),
            (23, "HP603"),
            (24, "HP604"),
            (26, "HP609"),
        ],
    ),
    # wandb_log_uniform.yaml: W&B sweep: HP605, plus HP620 per docs/rules/conventions.md §5, plus HP621 (a
    # random sweep without run_cap, which that table predates).
    "wandb_sweep": (WANDB_SWEEP, [(2, "HP621"), (6, "HP605"), (9, "HP620")]),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_worked_example(name: str) -> None:
    text, expected = EXPECTED[name]
    result = lint_all(text, path=f"{name}.yaml")
    actual = sorted(
        (result.lines.position(d.span.start).line + 1, d.code) for d in result.diagnostics
    )
    assert actual == sorted(expected)


def test_hp005_lists_the_skipped_rules_of_8_3() -> None:
    result = lint_all(LGBM_SEARCH, path="lgbm_search.yaml")
    (skipped,) = (d for d in result.diagnostics if d.code == "HP005")
    assert "(HP301, HP313, HP406)" in skipped.message


def test_hp103_fix_of_8_2_sets_the_linear_rate_and_warmup() -> None:
    from hplint.fixes import apply_edits

    result = lint_all(MLP_SGD, path="mlp_sgd.yaml")
    (hp103,) = (d for d in result.diagnostics if d.code == "HP103")
    assert hp103.fix is not None
    fixed = apply_edits(MLP_SGD, hp103.fix.edits)
    assert "learning_rate: 0.8" in fixed
    assert "warmup_epochs: 5" in fixed
    assert {d.code for d in lint_all(fixed, path="mlp_sgd.yaml").diagnostics}.isdisjoint(
        {"HP103", "HP105"}
    )
