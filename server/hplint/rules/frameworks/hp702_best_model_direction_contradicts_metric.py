"""HP702 `best-model-direction-contradicts-metric`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.analysis.metrics import metric_goal
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.access import mapping
from hplint.rules._edits import insert_entry
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.frameworks._shared import trainer_settings


@rule(
    code="HP702",
    name="best-model-direction-contradicts-metric",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def best_model_direction_contradicts_metric(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks a Hugging Face Trainer/TRL config whose `metric_for_best_model` improves in the
    other direction than `greater_is_better` says — written, or the default the Trainer derives
    from the name: `true` unless the name ends in `loss`.

    ## Why is this bad?
    `greater_is_better` decides which checkpoint is "best" (and what `EarlyStoppingCallback`
    calls an improvement). The default only knows about names ending in `loss`, so a word
    error rate, perplexity or RMSE is maximized: the Trainer keeps — and with
    `load_best_model_at_end` reloads — the worst checkpoint, silently. Hugging Face's own
    speech-recognition fine-tuning guide sets `greater_is_better: false` next to
    `metric_for_best_model: wer` for this reason.

    ## Example
    ```yaml
    per_device_train_batch_size: 16
    eval_strategy: steps
    load_best_model_at_end: true
    metric_for_best_model: wer
    ```

    Use instead:
    ```yaml
    per_device_train_batch_size: 16
    eval_strategy: steps
    load_best_model_at_end: true
    metric_for_best_model: wer
    greater_is_better: false
    ```

    ## Fix safety
    The fix writes the direction the metric's name implies; it changes which checkpoint is
    kept, so it is unsafe.

    ## References
    - [hf-training-args]
    - [hf-asr-finetune]
    """
    settings = trainer_settings(ctx)
    if settings is None:
        return
    metric = settings.get("metric_for_best_model")
    if metric is None or not isinstance(metric.value, str):
        return
    goal = metric_goal(metric.value)
    if goal is None:
        return
    wanted = goal == "maximize"
    written = settings.get("greater_is_better")
    if written is not None and isinstance(written.value, bool):
        if written.value == wanted:
            return
        yield Violation(
            written.node,
            f"`{metric.value}` improves {'upward' if wanted else 'downward'}, but "
            f"`greater_is_better: {str(written.value).lower()}`: the Trainer keeps the worst "
            f"checkpoint as the best.",
            related=((metric.node, "metric_for_best_model"),),
            fix=Fix(
                f"Set `greater_is_better: {str(wanted).lower()}`",
                (Edit(written.node.span, str(wanted).lower()),),
                Applicability.UNSAFE,
            ),
        )
        return
    if written is not None:
        return  # null or an unreadable value: the Trainer's own default applies, judged above
    default = not metric.value.endswith("loss")
    if default == wanted:
        return
    top = mapping(ctx.config.root)
    edit = (
        insert_entry(top, "greater_is_better", str(wanted).lower(), ctx.document)
        if top is not None
        else None
    )
    yield Violation(
        metric.node,
        f"`{metric.value}` improves {'upward' if wanted else 'downward'}, but "
        f"`greater_is_better` defaults to {str(default).lower()} (the Trainer only treats names "
        f"ending in `loss` as lower-is-better): the worst checkpoint is kept as the best.",
        fix=Fix(f"Add `greater_is_better: {str(wanted).lower()}`", (edit,), Applicability.UNSAFE)
        if edit is not None
        else None,
    )
