"""detectron2 (yacs) configs → IR.

`SOLVER` holds the training facts: `IMS_PER_BATCH` is the batch across all machines, with
`REFERENCE_WORLD_SIZE` the number of GPUs it was meant for (detectron2 rescales the batch and
the learning rate when it is set: `DefaultTrainer.auto_scale_workers`); `BASE_LR`, `MOMENTUM`,
`WEIGHT_DECAY`; `MAX_ITER` (training steps), `STEPS` (the iterations where the learning rate
drops), `WARMUP_ITERS`, and `LR_SCHEDULER_NAME`. The optimizer is SGD, detectron2's only
built-in one. A file that extends another (`_BASE_`) says only what it changes.
"""

from __future__ import annotations

from hplint.detection import DETECTRON2
from hplint.document.access import mapping
from hplint.document.model import Node
from hplint.formats._util import fact, positive_count, relabel
from hplint.ir import Config, Scheduler, Training


def adapt(root: Node) -> Config:
    config = Config(format_id=DETECTRON2, root=root)
    top = mapping(root)
    solver = mapping(top.get("SOLVER")) if top is not None else None
    if solver is None:
        return config
    training = Training(node=top.get("SOLVER") if top is not None else None)
    training.batch_size = positive_count(fact(solver, "IMS_PER_BATCH"))
    if training.batch_size is not None:
        training.batch_size_scope = relabel(training.batch_size, "global")
    training.learning_rate = fact(solver, "BASE_LR")
    if training.learning_rate is not None:
        training.optimizer = relabel(training.learning_rate, "sgd")
    training.momentum = fact(solver, "MOMENTUM")
    training.weight_decay = fact(solver, "WEIGHT_DECAY")
    training.max_steps = positive_count(fact(solver, "MAX_ITER"))
    milestones = fact(solver, "STEPS")
    warmup = fact(solver, "WARMUP_ITERS")
    kind = fact(solver, "LR_SCHEDULER_NAME")
    if milestones is not None or warmup is not None or kind is not None:
        training.scheduler = Scheduler(
            node=top.get("SOLVER") if top is not None else None,
            type=kind,
            milestones=milestones,
            warmup_steps=warmup,
        )
    config.training = training
    return config
