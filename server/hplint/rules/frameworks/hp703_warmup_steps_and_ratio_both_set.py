"""HP703 `warmup-steps-and-ratio-both-set`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.ir import as_number
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.frameworks._shared import trainer_settings


@rule(code="HP703", name="warmup-steps-and-ratio-both-set", severity=Severity.WARNING)
def warmup_steps_and_ratio_both_set(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks a Hugging Face Trainer/TRL config that sets both `warmup_steps` (above 0) and
    `warmup_ratio`.

    ## Why is this bad?
    Only one of them is used, and which one depends on the transformers release:
    transformers 4 takes `warmup_steps` whenever it is above 0 and ignores the ratio
    (`TrainingArguments.get_warmup_steps`), transformers 5.0 and 5.1 overwrite `warmup_steps`
    with the ratio, and 5.2 refuses `warmup_ratio` altogether. The warmup a reader sees in the
    file is, on some release, not the one that runs.

    ## Example
    ```yaml
    per_device_train_batch_size: 16
    lr_scheduler_type: cosine
    warmup_steps: 500
    warmup_ratio: 0.1
    ```

    Use instead:
    ```yaml
    per_device_train_batch_size: 16
    lr_scheduler_type: cosine
    warmup_ratio: 0.1
    ```

    ## References
    - [hf-training-args]
    """
    settings = trainer_settings(ctx)
    if settings is None:
        return
    steps = settings.get("warmup_steps")
    ratio = settings.get("warmup_ratio")
    if steps is None or ratio is None or ratio.value is None:
        return
    value = as_number(steps.value)
    if value is None or value <= 0:
        return
    yield Violation(
        ratio.key or ratio.node,
        f"Both `warmup_steps: {steps.value}` and `warmup_ratio: {ratio.value}` are set: "
        f"transformers 4 uses the steps and ignores the ratio, 5.0–5.1 use the ratio, 5.2 "
        f"refuses it. Keep one.",
        related=((steps.key or steps.node, "warmup_steps"),),
    )
