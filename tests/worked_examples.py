"""The worked examples: the configs in examples/mistakes/ and the diagnostics each must give.

They live once, as files in `examples/mistakes/`, so the tests, the README's demo and
`hplint check examples/` all use the same text.
"""

from __future__ import annotations

from tests.conftest import EXAMPLES


def _read(name: str) -> str:
    return (EXAMPLES / "mistakes" / name).read_text(encoding="utf-8")


SKLEARN_LASSO = _read("sklearn_lasso.yaml")  # examples/mistakes/sklearn_lasso.yaml
MLP_SGD = _read("mlp_sgd.yaml")  # examples/mistakes/mlp_sgd.yaml
LGBM_SEARCH = _read("lgbm_search.yaml")  # examples/mistakes/lgbm_search.yaml
WANDB_SWEEP = _read("wandb_log_uniform.yaml")  # examples/mistakes/wandb_log_uniform.yaml
