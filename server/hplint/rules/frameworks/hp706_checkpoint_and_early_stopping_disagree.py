"""HP706 `checkpoint-and-early-stopping-disagree`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.diagnostics import Severity
from hplint.ir import text
from hplint.knowledge.lightning import default_of
from hplint.rules.api import RuleContext, Violation, rule
from hplint.rules.frameworks._shared import Callback, lightning_callbacks


@rule(code="HP706", name="checkpoint-and-early-stopping-disagree", severity=Severity.WARNING)
def checkpoint_and_early_stopping_disagree(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks a LightningCLI config whose `EarlyStopping` and `ModelCheckpoint` callbacks watch
    the same metric in opposite directions (a warning), or different metrics (information).
    A `mode` left out is the callback's default, `min`.

    ## Why is this bad?
    Early stopping decides when training ends; the checkpoint callback decides which weights
    are kept. On the same metric with opposite `mode`s one of them works against the metric:
    training stops when `val_acc` stops *falling*, or the checkpoint kept is the one with the
    *highest* loss. On different metrics the two can disagree — training may stop while the
    checkpointed metric was still improving — which is sometimes intended, so that is only
    pointed out.

    ## Example
    ```yaml
    trainer:
      max_epochs: 50
      callbacks:
        - class_path: lightning.pytorch.callbacks.EarlyStopping
          init_args: {monitor: val_acc, patience: 5}
        - class_path: lightning.pytorch.callbacks.ModelCheckpoint
          init_args: {monitor: val_acc, mode: max}
    model:
      class_path: my_project.Classifier
    ```

    Use instead:
    ```yaml
    trainer:
      max_epochs: 50
      callbacks:
        - class_path: lightning.pytorch.callbacks.EarlyStopping
          init_args: {monitor: val_acc, mode: max, patience: 5}
        - class_path: lightning.pytorch.callbacks.ModelCheckpoint
          init_args: {monitor: val_acc, mode: max}
    model:
      class_path: my_project.Classifier
    ```

    ## References
    - [lightning-callbacks]
    """
    callbacks = lightning_callbacks(ctx)
    stopping = [c for c in callbacks if c.name == "EarlyStopping"]
    keeping = [c for c in callbacks if c.name == "ModelCheckpoint"]
    for early in stopping:
        early_metric = _monitor(early)
        if early_metric is None:
            continue
        for checkpoint in keeping:
            metric = _monitor(checkpoint)
            if metric is None:
                continue  # ModelCheckpoint without `monitor` keeps the last epoch
            anchor = early.argument("monitor")
            assert anchor is not None
            if metric == early_metric:
                modes = _mode(early), _mode(checkpoint)
                if modes[0] != modes[1]:
                    yield Violation(
                        (early.argument("mode") or anchor).node,
                        f"EarlyStopping and ModelCheckpoint both watch `{metric}` but in "
                        f"opposite directions (mode {modes[0]} vs {modes[1]}): one of them "
                        f"works against the metric.",
                        related=(((checkpoint.argument("mode") or anchor).node, "checkpoint"),),
                    )
                continue
            checkpoint_monitor = checkpoint.argument("monitor")
            yield Violation(
                anchor.node,
                f"Early stopping watches `{early_metric}` while ModelCheckpoint keeps the best "
                f"`{metric}`: training can stop while `{metric}` is still improving.",
                severity=Severity.INFO,
                related=((checkpoint_monitor.node, "checkpoint monitor"),)
                if checkpoint_monitor is not None
                else (),
            )


def _monitor(callback: Callback) -> str | None:
    return text(callback.argument("monitor"))


def _mode(callback: Callback) -> str:
    return text(callback.argument("mode")) or str(default_of(callback.name, "mode") or "min")
