"""The worked examples of the rule catalogue (reference/rules.md §8.1–§8.4).

They live once, as files in `examples/mistakes/`, so the tests, the README's demo and
`hplint check examples/` all use the same text.
"""

from __future__ import annotations

from tests.conftest import EXAMPLES


def _read(name: str) -> str:
    return (EXAMPLES / "mistakes" / name).read_text(encoding="utf-8")


SKLEARN_LASSO = _read("sklearn_lasso.yaml")  # §8.1
MLP_SGD = _read("mlp_sgd.yaml")  # §8.2
LGBM_SEARCH = _read("lgbm_search.yaml")  # §8.3
WANDB_SWEEP = _read("wandb_log_uniform.yaml")  # §8.4
