"""HP701 `best-model-checkpoint-strategy-mismatch`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.ir import as_number
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule
from hplint.rules.frameworks._shared import setting, trainer_settings
from hplint.rules.schema import respell_value


@rule(
    code="HP701",
    name="best-model-checkpoint-strategy-mismatch",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
)
def best_model_checkpoint_strategy_mismatch(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks a Hugging Face Trainer/TRL config with `load_best_model_at_end: true` for an
    evaluation strategy that differs from the save strategy, and for `save_steps` that is not
    a multiple of `eval_steps`. Defaults count: `save_strategy` is `steps` unless written.

    ## Why is this bad?
    The best checkpoint can only be reloaded if a checkpoint was saved at every evaluation.
    `TrainingArguments` refuses the combination at start-up ("--load_best_model_at_end
    requires the save and eval strategy to match"), after the job has been scheduled — often
    on a multi-GPU node. `save_strategy: best` is the one exception.

    ## Example
    ```yaml
    per_device_train_batch_size: 16
    eval_strategy: epoch
    load_best_model_at_end: true
    metric_for_best_model: eval_loss
    ```

    Use instead:
    ```yaml
    per_device_train_batch_size: 16
    eval_strategy: epoch
    save_strategy: epoch
    load_best_model_at_end: true
    metric_for_best_model: eval_loss
    ```

    ## Fix safety
    The fix sets a written `save_strategy` to the evaluation strategy. Checkpoints are then
    saved at a different cadence, so it is unsafe.

    ## References
    - [hf-training-args]
    """
    settings = trainer_settings(ctx)
    if settings is None:
        return
    best = setting(settings, "load_best_model_at_end")
    evaluation = setting(settings, "eval_strategy")
    save = setting(settings, "save_strategy")
    if best is None or best.value is not True or evaluation is None or save is None:
        return
    if save.value == "best" or not isinstance(evaluation.value, str):
        return
    anchor = save.fact or evaluation.fact or best.fact
    if anchor is None:
        return
    if evaluation.value != save.value:
        fix = None
        if save.fact is not None:
            new = respell_value(save.fact.node, evaluation.value)
            fix = Fix(
                f"Set `save_strategy: {evaluation.value}`",
                (Edit(save.fact.node.span, new),),
                Applicability.UNSAFE,
            )
        yield Violation(
            save.fact.node if save.fact is not None else anchor.key or anchor.node,
            f"`load_best_model_at_end: true` needs checkpoints saved at every evaluation, but "
            f"{evaluation.shown()} and {save.shown()} differ: TrainingArguments raises "
            f"ValueError at start-up.",
            related=tuple((s.fact.node, s.name) for s in (evaluation, best) if s.fact is not None),
            fix=fix,
        )
        return
    if evaluation.value != "steps":
        return
    save_steps = setting(settings, "save_steps")
    eval_steps = setting(settings, "eval_steps")
    if eval_steps is not None and eval_steps.value is None:
        eval_steps = setting(settings, "logging_steps")  # the Trainer falls back to it
    every = as_number(eval_steps.value) if eval_steps is not None else None
    saved = as_number(save_steps.value) if save_steps is not None else None
    if save_steps is None or eval_steps is None or every is None or saved is None:
        return
    if every < 1 or saved < 1 or not every.is_integer() or not saved.is_integer():
        return  # ratios of the run: the Trainer checks them against each other itself
    if saved % every == 0:
        return
    node = (save_steps.fact or eval_steps.fact or anchor).node
    yield Violation(
        node,
        f"`load_best_model_at_end: true` needs a checkpoint at every evaluation, but "
        f"{save_steps.shown()} is not a multiple of {eval_steps.shown()}: TrainingArguments "
        f"raises ValueError at start-up.",
        related=tuple((s.fact.node, s.name) for s in (eval_steps, best) if s.fact is not None),
    )
