"""HP307 `test-data-used-for-training-decisions`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hplint.diagnostics import Applicability, Fix, Severity
from hplint.ir import AnyFact, Config, text
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.validation._shared import replace_scalar

_TEST_METRIC = re.compile(r"^test(?:ing)?(?=[_/\-.:]|$)", re.IGNORECASE)
# Reinforcement learning has no held-out dataset: "test" episodes are evaluation rollouts in
# the environment, and selecting on their return is the field's practice.
_RL_RETURN = re.compile(r"reward|return|episode", re.IGNORECASE)


@rule(
    code="HP307",
    name="test-data-used-for-training-decisions",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
)
def test_data_used_for_training_decisions(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks for training-time decisions made on the test set: an early-stopping `monitor` or a
    search objective metric named `test_*` (`test_auc`, `test/loss`), or early stopping
    configured under `evaluation`/`inference`. Reinforcement-learning returns (`test/reward`,
    `test/episode_return`) are not reported: there the "test" episodes are evaluation rollouts,
    not a held-out dataset.

    ## Why is this bad?
    Early stopping and hyperparameter selection are part of training. If they look at the test
    set, the model is tuned to it and the reported test score is optimistic. They must use
    validation data; the test set is touched once, for the final estimate.

    ## Example
    ```yaml
    search:
      method: random
      objective: {metric: test_auc, direction: maximize}
    ```

    Use instead:
    ```yaml
    search:
      method: random
      objective: {metric: val_auc, direction: maximize}
    ```

    ## Fix safety
    The fix renames the `test` prefix to `val`; it is unsafe because the validation metric must
    exist under that name.

    ## References
    - [skl-cv]
    - [skl-pitfalls]
    - [Playbook23]
    """
    config = ctx.config
    early = config.training.early_stopping
    candidates: list[tuple[AnyFact, str]] = []
    if early is not None and early.monitor is not None:
        candidates.append((early.monitor, "early stopping"))
    if config.search.objective_metric is not None and _selects(config):
        candidates.append((config.search.objective_metric, "model selection"))
    for fact, decision in candidates:
        metric = text(fact)
        match = _TEST_METRIC.match(metric) if metric is not None else None
        if metric is None or match is None or _RL_RETURN.search(metric):
            continue
        renamed = "val" + metric[match.end() :]
        edit = replace_scalar(fact.node, renamed)
        yield Violation(
            fact.node,
            f"`{metric}` uses the test set for a training-time decision ({decision}); the "
            f"reported test score becomes optimistic.",
            fix=Fix(f"Use `{renamed}`", (edit,), Applicability.UNSAFE) if edit else None,
        )
    evaluation = config.evaluation.mapping
    entry = evaluation.get_entry("early_stopping") if evaluation is not None else None
    if entry is not None:
        yield Violation(
            entry.key,
            "`early_stopping` under evaluation uses evaluation data for a training-time "
            "decision; the reported score becomes optimistic. Configure it under `training`.",
        )


# Parameters a sweep varies to repeat one configuration, not to choose between configurations.
_REPLICATE = re.compile(
    r"(?:^|[_.-])(?:fold|fold_idx|fold_index|seed|random_state|repeat|repetition)$", re.IGNORECASE
)


def _selects(config: Config) -> bool:
    """Does the search choose between configurations? A sweep that varies only the fold or the
    seed runs replicates — cross-validation by hand — and its metric picks nothing."""
    varied = [
        p
        for p in config.search.space
        if p.kind != "constant" and not (p.kind == "choice" and len(p.values) < 2)
    ]
    return not varied or any(not _REPLICATE.search(p.short_name) for p in varied)
