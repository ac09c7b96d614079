"""HP705 `optimizer-auto-ignores-lr`."""

from __future__ import annotations

from collections.abc import Iterator

from hplint.detection import ULTRALYTICS
from hplint.diagnostics import Applicability, Edit, Fix, Severity
from hplint.document.access import mapping, scalar_value
from hplint.knowledge.ultralytics import default_of
from hplint.rules._edits import insert_entry
from hplint.rules.api import FixAvailability, RuleContext, Violation, rule


@rule(
    code="HP705",
    name="optimizer-auto-ignores-lr",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
)
def optimizer_auto_ignores_lr(ctx: RuleContext) -> Iterator[Violation]:
    """## What it does
    Checks Ultralytics YOLO arguments that set `lr0` or `momentum` to a value of their own
    while the optimizer is `auto` — written, or left out (`auto` is the default) of a file that
    names the run's `model` or `data`. The defaults themselves (as in the `args.yaml`
    Ultralytics saves with every run) are not reported: nobody chose them; nor is a file of
    hyperparameters alone (a Tuner's `best_hyperparameters.yaml`), whose optimizer may be
    given with the model.

    ## Why is this bad?
    With `optimizer: auto`, Ultralytics picks the optimizer and the learning rate itself
    (MuSGD at 0.01 for long runs, else AdamW at a rate fitted to the number of classes) and
    ignores `lr0` and `momentum`; it only says so in a log line ("'optimizer=auto' found,
    ignoring 'lr0=…'", `BaseTrainer.build_optimizer`). The learning rate in the file is not
    the one that trains, and a sweep over `lr0` changes nothing.

    ## Example
    ```yaml
    model: yolo11n.pt
    data: coco8.yaml
    epochs: 100
    imgsz: 640
    lr0: 0.001
    mosaic: 1.0
    ```

    Use instead:
    ```yaml
    model: yolo11n.pt
    data: coco8.yaml
    epochs: 100
    imgsz: 640
    optimizer: SGD
    lr0: 0.001
    mosaic: 1.0
    ```

    ## Fix safety
    The fix writes `optimizer: SGD`, the optimizer `lr0`'s default of 0.01 was tuned for. It
    changes the optimizer of the run (AdamW or MuSGD before), so it is unsafe; `AdamW` with a
    smaller `lr0` is the other common choice.

    ## References
    - [ultralytics-cfg]
    """
    top = mapping(ctx.config.root) if ctx.format_id == ULTRALYTICS else None
    if top is None:
        return
    optimizer = top.get_entry("optimizer")
    raw = scalar_value(optimizer.value) if optimizer is not None else None
    if optimizer is not None and (not isinstance(raw, str) or raw.lower() != "auto"):
        return
    if optimizer is None and top.get("model") is None and top.get("data") is None:
        return  # a hyperparameter overlay (a Tuner's best_hyperparameters.yaml): the run's
        # optimizer may well be given with the model and data, on the command line or in code
    for name in ("lr0", "momentum"):
        entry = top.get_entry(name)
        if entry is None or scalar_value(entry.value) == default_of(name):
            continue  # the default (Ultralytics' own args.yaml dumps): nothing was chosen
        if optimizer is not None:
            where = "`optimizer: auto`"
            edit: Edit | None = Edit(optimizer.value.span, "SGD")
        else:
            where = "the default `optimizer: auto`"
            edit = insert_entry(top, "optimizer", "SGD", ctx.document)
        yield Violation(
            entry.key,
            f"`{name}` is ignored: with {where} Ultralytics chooses the optimizer and its "
            f"learning rate and momentum itself. Name an optimizer for `{name}` to take effect.",
            related=((optimizer.key, "optimizer"),) if optimizer is not None else (),
            fix=Fix("Set `optimizer: SGD`", (edit,), Applicability.UNSAFE) if edit else None,
        )
